"""Read a normalised question: who, which years, what figure, and how it is asked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from knowledge.catalog import Catalog
from knowledge.vocabulary import Term, find_terms

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_RELATIVE = {"前年": -2, "去年": -1, "上年度": -1, "今年": 0}
_LATEST = ("最新", "最近一年", "最近的", "最近")
_COMPARE_BY = re.compile(r"((?:19|20)\d{2})年?度?(?:的)?[^比]{0,20}?比[^\d]{0,12}?((?:19|20)\d{2})")
_COMPARE_WITH = re.compile(r"(?:跟|与|和|同)((?:19|20)\d{2})年?度?(?:相)?比")
_WHO = re.compile(r"谁|哪个(?:多|少|高|低)|哪家")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:省|市|区|县|自治州|旗))")
_ASKED_UNIT = re.compile(r"(?:多少|几)(人次|条次|万元|亿元|件|条|篇|期|次|个|项|场|起|人|元|家|份)")
_MONEY_ASKED = re.compile(r"(万元|亿元|元)")
_STOP = re.compile(r"(?:多少|几)(?:人次|条次|万元|亿元|件|条|篇|期|次|个|项|场|起|人|元|家|份)|请问|多少|是几|几|是|有没有|有|的|了|吗|呢|啊|呀|吧|么|一共|总共|共|报告|年报|里面|里|说|这类|这些|"
                   r"那边|那|大概|大约|其中|换成|改成|如果是|要是|一年|全年|年度|年|政府信息公开|信息公开|\d+|[^\u4e00-\u9fffA-Za-z]")
# Units a table cell never has; asked for, they point to the prose ("发布了多少条信息").
PROSE_UNITS = {"条", "篇", "期", "人次", "条次", "家", "份", "场"}


@dataclass
class Measure:
    """What figure is asked: a table cell or row group, a review/litigation figure, or prose."""

    table: str  # applications | active | review_litigation | narrative
    row: str | None = None
    column: str | None = None
    group: str | None = None
    part: str | None = None
    words: str = ""  # what the prose should say, for table == narrative
    weak: bool = False  # only an applicant word ("企业"): a figure only as a follow-up
    narrative_terms: tuple[str, ...] = ()


@dataclass
class Query:
    """Everything read from a question."""

    text: str
    issuers: list[str] = field(default_factory=list)
    unknown_place: str = ""
    years: list[int] = field(default_factory=list)
    latest: bool = False
    compare: tuple[int, int] | None = None
    series: bool = False
    compare_who: bool = False
    measure: Measure | None = None
    asked_unit: str = ""
    money_unit: str = ""
    terms: list[Term] = field(default_factory=list)
    content: str = ""


def understand(text: str, catalog: Catalog, today: date) -> Query:
    """Read the parts of a normalised question."""
    query = Query(text)
    query.issuers, spans = catalog.find_issuers(text)
    if not query.issuers:
        place = _PLACE.search(text)
        query.unknown_place = place.group(1) if place else ""
    rest = "".join(" " if any(s <= i < e for s, e in spans) else ch for i, ch in enumerate(text))
    _read_years(query, rest, today)
    unit = _ASKED_UNIT.search(rest)
    query.asked_unit = unit.group(1) if unit else ""
    money = _MONEY_ASKED.search(rest)
    query.money_unit = money.group(1) if money else ""
    terms = [t for _, t in find_terms(rest)]
    query.terms = terms
    query.series = any(t.slot == "modifier" and t.value == "series" for t in terms)
    query.compare_who = bool(_WHO.search(rest))
    query.content = content_words(rest)
    query.measure = measure_of(terms, query.content, query.asked_unit)
    return query


def _read_years(query: Query, text: str, today: date) -> None:
    years = [int(y) for y in _YEAR.findall(text)]
    for word, offset in _RELATIVE.items():
        if word in text:
            years.append(today.year + offset)
    query.latest = any(word in text for word in _LATEST)
    query.years = list(dict.fromkeys(years))
    by = _COMPARE_BY.search(text)
    with_ = _COMPARE_WITH.search(text)
    if with_ and len(query.years) == 2:
        base = int(with_.group(1))
        other = next((y for y in query.years if y != base), None)
        if other:
            query.compare = (other, base)
    elif by and by.group(1) != by.group(2):
        query.compare = (int(by.group(1)), int(by.group(2)))


def content_words(text: str) -> str:
    """The question without issuer, years, question words and punctuation: what prose must match."""
    return _STOP.sub("", text)


def measure_of(terms: list[Term], words: str, asked_unit: str) -> Measure | None:
    """The figure the terms ask for; review beats the 第二十条 tables, which beat the application table."""
    slots: dict[str, list[str]] = {}
    for term in terms:
        slots.setdefault(term.slot, []).append(term.value)
    narrative = tuple(slots.get("narrative", []))
    if asked_unit in PROSE_UNITS or (narrative and not (slots.keys() & {"review_group", "review_part"})):
        return Measure("narrative", words=words, narrative_terms=narrative)
    if "review_group" in slots or "review_part" in slots:
        return _review(slots)
    if "active_row" in slots or ("active_col" in slots and "app_row" not in slots):
        rows = slots.get("active_row", [])
        cols = slots.get("active_col", [])
        return Measure("active", row=rows[0] if rows else None, column=cols[0] if cols else None, words=words)
    if "app_row" in slots or "app_col" in slots:
        return Measure("applications", row=_specific_row(slots.get("app_row", [])),
                       column=_column(slots.get("app_col", [])), words=words,
                       weak="app_row" not in slots and "申请" not in words)
    if len(words) >= 2:
        return Measure("narrative", words=words)
    return None


def _specific_row(rows: list[str]) -> str | None:
    """A named row beats a group, which beats the generic 'received' words."""
    if not rows:
        return None
    leaves = [r for r in rows if not r.endswith(".") and r != "new_received"]
    groups = [r for r in rows if r.endswith(".")]
    return (leaves or groups or rows)[0]


def _column(columns: list[str]) -> str | None:
    named = [c for c in columns if c != "total"]
    return named[0] if named else (columns[0] if columns else None)


def _review(slots: dict[str, list[str]]) -> Measure:
    groups = slots.get("review_group", [])
    parts = slots.get("review_part", [])
    specific = [g for g in groups if g.startswith("litigation_")]
    if specific:
        group = specific[0]
    elif "review" in groups and "litigation" in groups:
        group = "all"
    elif groups:
        group = groups[0]
    else:
        group = None
    return Measure("review_litigation", group=group, part=parts[0] if parts else None)



def merge_followup(query: Query, previous: Query | None) -> Query:
    """Fill what a follow-up leaves out ('那2019年呢', '自然人呢') from the chat's previous question."""
    if previous is None:
        return query
    merged = replace(query)
    if not merged.issuers and not merged.unknown_place:
        merged.issuers = list(previous.issuers)
    if not merged.years and not merged.latest and not merged.compare:
        merged.years = list(previous.years)
        merged.compare = previous.compare
    merged.measure = _merge_measure(query.measure, previous.measure)
    if not merged.asked_unit:
        merged.asked_unit = previous.asked_unit
    return merged


def _merge_measure(new: Measure | None, old: Measure | None) -> Measure | None:
    if new is None or old is None:
        return new or old
    if new.table == "narrative" and not new.narrative_terms and len(new.words) <= 3:
        return old
    if new.table == "narrative" and old.table == "narrative" and len(new.words) <= 8:
        words = old.words
        for term in old.narrative_terms:
            if new.narrative_terms:
                words = words.replace(term, new.narrative_terms[0])
        if not (old.narrative_terms and new.narrative_terms):
            words = new.words + words
        return Measure("narrative", words=words, narrative_terms=new.narrative_terms or old.narrative_terms)
    if new.table != old.table:
        return new
    if new.table == "review_litigation":
        return Measure(new.table, group=new.group or old.group, part=new.part if new.group else new.part or old.part)
    return Measure(new.table, row=new.row or old.row, column=new.column or old.column)
