"""Figures stated in a report's prose, found by the words of the question they explain."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache

from knowledge.answering.cells import fmt
from knowledge.answering.clauses import (
    acts_in_clause,
    asked_act,
    dictionary_words,
    heavy_singles,
    negated_in,
    only_negated,
    stands_elsewhere,
    then_acts,
)
from knowledge.answering.counted import counts_others_too, governed_otherwise, listed_before, named_apart
from knowledge.answering.items import item_title, item_titles
from knowledge.answering.kin import EXPLAINED, SOFT_SHARE, cell_kin, covers
from knowledge.answering.titles import counts_titles, without_titles
from knowledge.model import Figure
from knowledge.store.read import Catalog, FactRow, ReportInfo
from knowledge.understanding.words import NEGATING, tag

_DIGIT = re.compile(r"\d")
# What a report says of itself (本报告共分6个部分, 本报告所列数据): never a figure of the work reported.
_ABOUT_REPORT = re.compile(r"本报告|本年度报告")
# Where a figure's own words may end before a later figure's begin; 和 too (145项区级执法事项和109个…).
_BREAKS = "(（，,、；;：和"
_WORD_CHARS = "\u4e00-\u9fffa-z0-9"
_WORD = re.compile(f"[{_WORD_CHARS}]+")
# Words of an overall figure; among clauses that fit equally, the overall one is the likelier answer.
_OVERALL = re.compile(r"全区|全市|全县|全省|全年|共计|总计|合计|累计|全部|共")
_MONEY = {"元", "万元", "亿元"}
_QUOTES = re.compile("[“”\"‘’「」『』 ]")  # the question is read without them too
TIE = 0.15
PART_PENALTY = 0.3
_PART = re.compile(r"其中|其他|其余|另有|分别")
# 各乡镇主动公开…477条 beside 全区…2069条: a figure of the body's own units is a part of the body's.
_UNIT_NOUNS = r"乡镇|镇|乡|街道|部门|单位|区县|县区|县|区"
_UNITS = re.compile(f"各(?:{_UNIT_NOUNS})")
_UNIT_NAMED = re.compile(f"(?:{_UNIT_NOUNS.replace('|县|区', '')})")  # a question naming the units asks of them
# 在卫生健康领域，…发布相关信息2200余条: a sentence set in one field (or one side of the work) states its part.
_SCOPE = re.compile(r"^(?:\d{4}年[,，])?在([^,，。]{2,12}?)(?:领域|方面|工作中)[,，]")
PRECISION = 1.2  # of two facts printing the words asked, the one that prints little else is the one asked
# Counts of items published or of times, and shares: never a count of things (多少个网站, 多少个单位).
_NOT_THINGS = ("条", "条次", "篇", "期", "次", "人次", "万人次", "%")
# Of two facts of one sentence, the one whose own clause prints the verb that governs the count asked counts that
# act (收到15564件…，已办结15042件: 办结了多少 is the 15042).
ACT = 0.2


def bigrams(text: str) -> set[str]:
    """The text's character pairs, each kept once in the process (the pairs of every fact of a report are
    cached, and the same pairs recur in every report)."""
    grams: set[str] = set()
    for run in _WORD.findall(text.lower()):
        grams.update(map(sys.intern, map(str.__add__, run, run[1:]))) if len(run) > 1 else grams.add(run)
    return grams


def holds(text: str, gram: str) -> bool:
    """Whether `gram`, one of some text's `bigrams`, is among the bigrams of `text` (lowered), found without
    making them: a pair of word characters is exactly when the text holds it, a lone word character when the
    text holds it with no word character beside it."""
    if len(gram) == 2:
        return gram in text
    return re.search(f"(?<![{_WORD_CHARS}]){re.escape(gram)}(?![{_WORD_CHARS}])", text) is not None


def unit_fits(asked: str, unit: str) -> bool:
    """Whether a prose figure's unit answers the unit asked for ('多少条' takes 条 and 条次)."""
    if not asked:
        return True
    if asked in _MONEY:
        return unit in _MONEY
    if asked == "人":
        return unit in ("人", "人次")
    if asked == "件":
        return unit in ("件", "个", "项", "起")
    if asked == "个":  # 多少个网站 / 单位 / 栏目 counts things, never 条 of information or 条次
        return unit not in _MONEY and unit not in _NOT_THINGS
    return unit == asked or unit.startswith(asked)


def explains(word: str, hay: str, lowered: str) -> bool:
    """A fact explains a word it prints (in `hay`), or most of whose character pairs it prints (in `lowered`, a
    lowered text: see `holds`). A number is printed whole (12345 of 12345平台), never inside another (24 of 2024)."""
    if word.isdigit():
        return re.search(rf"(?<!\d){word}(?!\d)", hay) is not None
    if word in hay:
        return True
    if word[0] in NEGATING:  # a negation the fact does not print before the word turns its meaning
        return negated_in(word[1:], hay)
    if len(word) >= 3 and tag(word[-1])[0][1] == "d" and word[-1] not in NEGATING:
        return explains(word[:-1], hay, lowered)  # 微博共 (jieba's one word): the adverb 共 says nothing counted
    words = dictionary_words(word)
    singles = heavy_singles(word)
    if len(words) > 1 or (words and singles):
        # 政务新媒体粉丝: each word of it (粉丝 too), not most of its pairs; a character of weight alone among
        # them (删 of 视频号删) printed too
        return all(explains(w, hay, lowered) for w in words) and all(ch in hay for ch in singles)
    grams = bigrams(word)
    if len(word) == 2:
        return _abbreviates(word, lowered)
    return len(word) >= 4 and bool(grams) and sum(holds(lowered, g) for g in grams) / len(grams) >= EXPLAINED


def _abbreviates(word: str, lowered: str) -> bool:
    """A two-character word made of the heads of a four-character dictionary word the text prints (环保 of 环境保护,
    国资 of 国有资产): the usual shortening."""
    pattern = f"{re.escape(word[0])}[\u4e00-\u9fff]{re.escape(word[1])}[\u4e00-\u9fff]"
    return any(len(tag(m.group())) == 1 for m in re.finditer(pattern, lowered))


@dataclass(frozen=True)
class ProseHit:
    """A prose figure that explains every word it must, and how well it fits."""

    score: float
    figure: Figure
    part: bool = False  # a part of what the words asked name (其他…856条, 各乡镇…477条)


def prose_hits(catalog: Catalog, report: ReportInfo, hard: list[str], soft: list[str], unit: str,
               any_of: list[tuple[str, ...]] | None = None, asked: str = "",
               scope: tuple[str, ...] = ()) -> list[ProseHit]:
    """Facts that print every hard word (nothing else explains them), ranked by the soft words and the words of
    the body's part (`scope`: 区直部门) they share; `asked` is the question (one naming the body's units asks of
    them)."""
    hits = []
    of_units = bool(_UNIT_NAMED.search(asked)) or any(_UNIT_NAMED.search(w) for w in hard + soft)
    wanted = bigrams("".join(hard + soft + list(scope)))
    act = asked_act(asked)
    for fact, hay, own, lead, untitled in fact_terms(catalog, report.id):
        if not unit_fits(unit, fact.unit) or _ABOUT_REPORT.search(fact.text):
            continue
        if not all(_prints(w, lead, fact, asked, report.issuer) for w in hard) or not covers(soft, hay):
            continue
        if any(stands_elsewhere(w, lead, fact, tuple(hard + soft)) or (only_negated(w, lead, hard) and _printed_count(fact))
               for w in hard):
            continue
        if lead != untitled and not any(explains(w, untitled, untitled) for w in hard):
            continue  # an item's title (一是加强政策解读。) sets a topic; what the figure counts its sentence names
        if any_of and not all(any(piece in hay for piece in pieces) for pieces in any_of):
            continue
        if _scoped_elsewhere(fact, asked) or counts_others_too(hard + soft, fact) or governed_otherwise(asked, fact) \
                or listed_before(hard + soft, lead, fact) \
                or any(named_apart(w, lead, fact, asked) for w in soft + hard):
            continue
        score = (len(wanted & own) + 0.5 * sum(holds(hay, g) for g in wanted)) / max(len(wanted), 1)
        score += PRECISION * len(wanted & own) / max(len(own), 1)
        score += 0.05 if _OVERALL.search(fact.text) else 0.0
        score += ACT if act and act in fact.text.rsplit("，", 1)[-1] else 0.0
        part = (_is_part(fact) and not any(_PART.search(w) for w in hard + soft) and not _names_part(fact, hard)) or \
            bool(_UNITS.search(fact.text) and not of_units)
        score -= PART_PENALTY if part else 0.0  # "其他应主动公开政府信息856条" is a part of what 主动公开多少条 asks
        hits.append(ProseHit(score, _fact_figure(report, fact), part))
    hits.sort(key=lambda h: -h.score)
    return hits


def _prints(word: str, lead: str, fact: FactRow, asked: str, issuer: str) -> bool:
    """The fact explains a hard word: printed (not only inside a title), heading its part, an act of its clause, or
    another word of its table concept."""
    text = lead if counts_titles(lead, fact) else without_titles(word, lead, asked, issuer)
    return explains(word, text, text) or _heads(word, fact) or acts_in_clause(word, lead, fact) \
        or (then_acts(word, lead, fact) and explains(word[:-1], lead, lead)) or any(k in lead for k in cell_kin(word))


@lru_cache(maxsize=1024)
def fact_terms(catalog: Catalog, report_id: int) -> tuple[tuple[FactRow, str, set[str], str, str], ...]:
    """Each fact of a report with the text it is matched against (lowered), the character pairs of its own
    clause and the lowered text that explains the words asked (`_leading_text`, the heading and the title of the
    item it stands in), and that text without the title, computed once.
    The pairs of the long texts are never made: the question's few are looked for in them (`holds`)."""
    out = []
    texts = item_titles(catalog.sections(report_id))
    for fact in catalog.facts(report_id):
        heading = fact.section.rsplit('/', 1)[-1]
        title = item_title(fact, texts)
        hay = _QUOTES.sub("", f"{fact.text} {fact.context or ''} {heading} {title}".lower())
        lead = _QUOTES.sub("", f"{_leading_text(fact)} {heading}".lower())
        titled = f"{lead} {_QUOTES.sub('', title.lower())}" if title else lead
        out.append((fact, hay, bigrams(fact.text.rsplit("，", 1)[-1]), titled, lead))
    return tuple(out)


def best_hits(hits: list[ProseHit]) -> list[Figure]:
    """The top figure, and others that fit as well and state another value; none when only parts of what was
    asked fit (its whole is not printed with the words asked)."""
    if not hits or all(hit.part for hit in hits):
        return []
    top = hits[0].score
    values: dict[float, Figure] = {}
    for hit in hits:
        if hit.score >= top - TIE and hit.figure.value is not None:
            values.setdefault(float(hit.figure.value), hit.figure)
    return list(values.values())


def _is_part(fact: FactRow) -> bool:
    """The figure is printed after 其中 / 其他 … in its clause: a part of the clause's whole (其中…82条 of 2602条)."""
    clause = fact.text.rsplit("，", 1)[-1]
    part = _PART.search(clause)
    if part is None:
        return False
    printed = clause.find(str(fact.value)) if fact.value is not None else -1
    return printed < 0 or printed > part.start()


def _printed_count(fact: FactRow) -> bool:
    """The fact prints its count in digits (not 未收到…申请, a count stated as none by its negation)."""
    return re.search(r"\d\s*(?:万|亿)?\s*(?:余|多)?\s*" + re.escape(fact.unit), fact.text) is not None


def _names_part(fact: FactRow, hard: list[str]) -> bool:
    """A word asked (or a dictionary word of it the whole does not print) is printed after 其中 in the figure's
    own clause, which states that part alone: the part itself is asked (其中热线电话11通; not one of 其中1条破亿、
    2条破千万、49条破百万)."""
    clause = fact.text.rsplit("，", 1)[-1]
    part = re.search("其中", clause)  # 其他 / 其余 name the rest in the whole's words (其他应主动公开政府信息856条)
    if part is None or len(re.findall(r"\d+(?:\.\d+)?", clause[part.end():])) != 1:
        return False
    after, before = clause[part.end():], fact.text[:len(fact.text) - len(clause) + part.start()]
    # 微信公众号原创文章 asked of 共编发文章1640篇，其中原创文章294篇: 原创 is printed for the part alone
    return any(w in after or any(d in after and d not in before for d in dictionary_words(w)) for w in hard)


def _scoped_elsewhere(fact: FactRow, asked: str) -> bool:
    """The fact's sentence is set in a field the question does not name (its figure is that field's part)."""
    scope = _SCOPE.match(fact.context or "")
    if scope is None or not asked:
        return False
    field = scope.group(1)
    grams = bigrams(field)
    return field not in asked and len(grams & bigrams(asked)) < SOFT_SHARE * len(grams)


def _heads(word: str, fact: FactRow) -> bool:
    """A word naming the part of the report the fact stands in (平台建设 of （三）精细化建设公开平台)."""
    return explains(word, fact.section, fact.section.lower())


def _fact_figure(report: ReportInfo, fact: FactRow) -> Figure:
    return Figure(value=fact.value, unit=fact.unit, display=f"{fmt(fact.value)}{fact.unit}", issuer=report.issuer,
                  year=report.year, report_title=report.title, section=fact.section, label=fact.text,
                  kind="fact", key="narrative", clause=fact.text, page=fact.page, notes=_corrected(fact))


def _corrected(fact: FactRow) -> tuple[str, ...]:
    """A corrected prose figure says so, with what the report printed and the staff's reason."""
    if not fact.correction:
        return ()
    return (f"经工作人员更正，原文印作“{fact.printed}{fact.unit}”（理由：{fact.correction}）",)


def _leading_text(fact: FactRow) -> str:
    """The fact and what its sentence says before it: a figure's topic is set before it (依托12345平台…收到15564件),
    so a word asked is not taken from what follows (27个镇乡政府预算, then 三公经费支出预算: no 经费预算 of the 27;
    共公布政府信息2602条(其中机构职能类信息82条…: 机构职能 is the 82's, not the 2602's)."""
    context = fact.context or ""
    at = context.find(fact.text)
    if at < 0:
        return f"{fact.text} {context}"
    return context[:at + _own_end(fact)]


def _own_end(fact: FactRow) -> int:
    """Where the fact's own words end in its clause: at the clause's end, or where the words of a later figure
    begin (2602条(其中机构职能类信息82条: the 2602's end at 条; 对5个…政务新媒体予以关停注销: all the 5's)."""
    printed = fact.text.find(fmt(fact.value)) if fact.value is not None else -1
    if printed < 0:
        return len(fact.text)
    after = printed + len(fmt(fact.value))
    later = _DIGIT.search(fact.text, after)
    if later is None:
        return len(fact.text)
    return max(after, *(fact.text.rfind(mark, after, later.start()) for mark in _BREAKS))
