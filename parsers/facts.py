"""Figures stated in the prose ("全年发布政策解读材料50篇"), with their units."""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.glued import split_run
from parsers.measures import is_measure
from parsers.records import Fact, Section
from parsers.rows import is_cell_run, tokenize
from parsers.structure import Tagged
from parsers.values import to_number

_UNITS = ("人次", "条次", "批次", "件次", "场次", "万元", "亿元", "件", "条", "篇", "次", "个", "项", "家", "期", "份",
          "场", "起", "位", "人", "元", "%", "％", "户", "所", "名", "部", "套", "批")
# A count is a number and a unit: one of these, or another measure word of jieba's dictionary (11通, 5轮).
_FIGURE = re.compile(
    r"(?<![\d.第])(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*(?P<more>余|多)?\s*(?P<unit>"
    + "|".join(_UNITS) + "|[\u4e00-\u9fff])"
)
# "2018年未收到有关政府信息公开申请": a count stated as none. A sum of money is read only where its digits are
# printed: "无收取信息处理费情况" says no fee was charged, and an answer quotes it rather than state 0元.
_NONE_STATED = re.compile(r"(?:未|没有|无)(?:收到|受理|发生|收取|产生)")
_MONEY_WORDS = re.compile(r"费|金额|资金|收入")


def facts_from_sections(sections: list[Section]) -> list[Fact]:
    """Every figure with a unit in the prose of every section."""
    facts: list[Fact] = []
    for section in sections:
        for shown, clause, sentence in _clauses(section.text):
            for fact in _clause_facts(shown, clause, section.path):
                fact.context = sentence if sentence != shown else ""
                facts.append(fact)
    return facts


_LEAD_WORDS = ("共", "其中", "全年", "累计", "已", "合计", "总计", "达", "均")
_SENTENCE_SPLIT = re.compile(r"[。；;！？\n]")
# Clauses end at commas and colons, and at 、 right after a figure ("…7167条、津云客户端…1421条", 描述22处、链接43处).
_COMMA_SPLIT = re.compile(r"[，,：:]|(?<=\d[\u4e00-\u9fff])、|(?<=\d[\u4e00-\u9fff]次)、")


def _split_clauses(sentence: str) -> list[str]:
    """The sentence's clauses: a 、 ends one only after a count (not 2020年、2021年)."""
    out: list[str] = []
    at = 0
    for mark in _COMMA_SPLIT.finditer(sentence):
        unit = sentence[mark.start() - 2:mark.start()]
        if mark.group() == "、" and not (unit in _UNITS or unit[-1] in _UNITS or is_measure(unit[-1])):
            continue
        out.append(sentence[at:mark.start()])
        at = mark.end()
    return [*out, sentence[at:]]


def _clauses(text: str) -> list[tuple[str, str, str]]:
    """(text to show, clause, sentence); a clause opening with 共/其中/已… is shown after the one before it."""
    out: list[tuple[str, str, str]] = []
    for sentence in _SENTENCE_SPLIT.split(text):
        previous = ""
        for clause in _split_clauses(sentence):
            clause = clause.strip()
            if not clause:
                continue
            shown = f"{previous}，{clause}" if previous and clause.startswith(_LEAD_WORDS) else clause
            out.append((shown, clause, sentence.strip()))
            previous = clause
    return out


def _clause_facts(shown: str, clause: str, path: str) -> list[Fact]:
    found = []
    for match in _FIGURE.finditer(clause):
        value = Decimal(match["num"])
        unit = match["unit"].replace("％", "%")
        if unit not in _UNITS and not is_measure(unit):
            continue
        if match["mult"] == "万":
            value *= 10_000
        elif match["mult"] == "亿":
            value *= 100_000_000
        found.append(Fact(path, shown, to_number(value), unit))
    if not found and _NONE_STATED.search(clause) and not _MONEY_WORDS.search(clause):
        found.append(Fact(path, shown, 0, "件"))
    return found


def stats_table_facts(tagged: list[Tagged], prose: list[Fact], year: int | None) -> tuple[list[Fact], list[str]]:
    """Figures of a pre-2019 report's own statistics table (指标名称/计量单位/本年度/历年累计)."""
    facts: list[Fact] = []
    warnings: list[str] = []
    items = [t for t in tagged if t.region == "stats" and not t.heading_level]
    if not items:
        return facts, warnings
    path = items[0].path
    known = {float(f.value) for f in prose}
    text = "".join(t.line.text for t in items)
    tokens = tokenize(text)
    for i, (_, run) in enumerate(tokens):
        if i == 0 or not is_cell_run(tokens, i):
            continue
        label = re.split(r"[：:]", tokens[i - 1][1])[-1].strip()
        # The header (指标名称 计量单位 2018年度 历年累计) runs into the first label.
        label = label.rsplit("历年累计", 1)[-1]
        unit = label[-1:] if label[-1:] in ("条", "件", "个", "次") else ""
        reading = _stats_reading(run, known)
        if reading is None:
            warnings.append(f"统计表“{label}”的数字“{run}”无法确定如何拆分，未读取")
            continue
        source = f"{label}{run}"
        for column, value in zip((f"{year}年度" if year else "本年度", "历年累计"), reading, strict=True):
            facts.append(Fact(f"{path}/{column}", source, value, unit or "件"))
    return facts, warnings


def _stats_reading(run: str, known: set[float]) -> tuple[int, int] | None:
    """This year's figure and the running total; the total can't be smaller, and prose may confirm."""
    readings = [(int(a), int(b)) for a, b in split_run(run, 2) if int(b) >= int(a)]
    if len(readings) > 1:
        confirmed = [r for r in readings if float(r[0]) in known and r[0] != 0]
        readings = confirmed
    return readings[0] if len(readings) == 1 else None


def assign_pages(facts: list[Fact], tagged: list[Tagged]) -> None:
    """Give each prose figure the page of the line that prints it (PDF reports)."""
    by_path: dict[str, list[Tagged]] = {}
    for item in tagged:
        if item.line.page is not None and not item.line.is_row:
            by_path.setdefault(item.path, []).append(item)
    for fact in facts:
        lines = by_path.get(fact.section.rsplit("/", 1)[0] if fact.section.endswith(("年度", "历年累计"))
                            else fact.section, [])
        number = re.search(r"\d+(?:\.\d+)?", fact.text.rsplit("，", 1)[-1])
        compact = re.sub(r"\s+", "", number.group()) if number else ""
        for item in lines:
            if compact and compact in re.sub(r"\s+", "", item.line.text):
                fact.page = item.line.page
                break
        else:
            if lines:
                fact.page = lines[0].line.page
