"""Figures stated in a report's prose, found by what the question says."""

from __future__ import annotations

import re
import sqlite3

from knowledge.catalog import Catalog, ReportInfo
from knowledge.figures import fmt
from knowledge.results import Figure
from knowledge.understand import Measure
from knowledge.vocabulary import FACT_WORDS

MIN_COVERAGE = 0.5
MIN_COVERAGE_WITH_TERM = 0.15
TIE = 0.05
VAGUE_TIE = 0.35  # "公开了多少条信息": too few words to choose between the report's many such figures
PRECISION_WEIGHT = 0.3
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
# Words of an overall figure; among clauses that fit equally, the overall one is the likelier answer.
_OVERALL = re.compile(r"全区|全市|全县|全省|全年|共计|总计|合计|累计|全部")
_MONEY = {"元", "万元", "亿元"}


def _bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _CJK.findall(text.lower()):
        grams |= {run[i:i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
    return grams


def unit_fits(asked: str, unit: str) -> bool:
    """Whether a prose figure's unit answers the unit asked for ('多少条' takes 条 and 条次)."""
    if not asked:
        return True
    if asked in _MONEY or asked == "钱":
        return unit in _MONEY
    if asked == "人":
        return unit in ("人", "人次")
    return unit == asked or unit.startswith(asked)


def _fact_figure(report: ReportInfo, fact: sqlite3.Row, score: float) -> Figure:
    unit = fact["unit"]
    return Figure(value=fact["value"], unit=unit, display=f"{fmt(fact['value'])}{unit}", issuer=report.issuer,
                  year=report.year, report_title=report.title, section=fact["section"], label=fact["text"],
                  key="narrative", kind="fact", page=fact["page"], note=f"{score:.2f}")


def search_prose(catalog: Catalog, report: ReportInfo, measure: Measure, asked_unit: str) -> list[Figure]:
    """The best-matching prose figures (several only when they tie and differ)."""
    wanted = _bigrams(measure.words)
    scored: list[tuple[float, sqlite3.Row]] = []
    for fact in catalog.facts(report.id):
        hay = f"{fact['text']} {fact['context'] or ''} {fact['section'].rsplit('/', 1)[-1]}"
        if not unit_fits(asked_unit, fact["unit"]):
            continue
        has_term = bool(measure.narrative_terms) and all(
            any(part.lower() in hay.lower() for part in _term_variants(t)) for t in measure.narrative_terms)
        if measure.narrative_terms and not has_term:
            continue
        coverage = _coverage(wanted, hay) if wanted else (1.0 if has_term else 0.0)
        if coverage >= (MIN_COVERAGE_WITH_TERM if has_term else MIN_COVERAGE):
            scored.append((_score(wanted, fact, coverage), fact))
    return _best(report, scored, vague=len(wanted) <= 3)


def _coverage(wanted: set[str], text: str) -> float:
    return len(wanted & _bigrams(text)) / len(wanted)


def _score(wanted: set[str], fact: sqlite3.Row, coverage: float) -> float:
    """The clause holding the number counts most, then its sentence, then its heading; then precision."""
    if not wanted:
        return coverage
    own = fact["text"].rsplit("，", 1)[-1]
    section = fact["section"].rsplit("/", 1)[-1]
    grams = _bigrams(own)
    precision = len(wanted & grams) / max(len(grams), 1)
    overall = 0.08 if _OVERALL.search(own) else 0.0
    return (0.6 * _coverage(wanted, own) + 0.25 * _coverage(wanted, fact["text"]) + 0.15 * coverage
            + PRECISION_WEIGHT * precision + overall) if section else coverage


def _term_variants(term: str) -> tuple[str, ...]:
    # "信息处理费" is also written 信息公开处理费 / 处理费; the last characters carry it.
    return (term, term[-3:]) if len(term) > 3 else (term,)



def _best(report: ReportInfo, scored: list[tuple[float, sqlite3.Row]], vague: bool = False) -> list[Figure]:
    """The top figure; several when they tie, or when a question of few words fits many figures equally."""
    if not scored:
        return []
    scored.sort(key=lambda item: -item[0])
    top = scored[0][0]
    margin = VAGUE_TIE if vague else TIE
    tied = [f for s, f in scored if s >= top - margin]
    values: dict[float, sqlite3.Row] = {}
    for fact in tied:
        values.setdefault(float(fact["value"]), fact)
    return [_fact_figure(report, fact, top) for fact in list(values.values())[:5]]


def stand_in_facts(catalog: Catalog, report: ReportInfo, measure: Measure, asked_unit: str) -> list[Figure]:
    """Prose figures that state what a table would (for reports without that table, or a blank cell)."""
    concept = (f"app_row:{measure.row or 'new_received'}" if measure.table == "applications"
               else f"review:{'litigation' if (measure.group or '').startswith('litigation') else measure.group}"
               if measure.table == "review_litigation" else "")
    groups = FACT_WORDS.get(concept)
    if not groups or measure.column not in (None, "total") or (
            measure.table == "review_litigation" and measure.part not in (None, "total")):
        return []
    hits = []
    for fact in catalog.facts(report.id):
        if fact["unit"] not in ("件", "条") or not unit_fits(asked_unit, fact["unit"]):
            continue
        if all(any(word in fact["text"] for word in group) for group in groups):
            hits.append((1.0, fact))
    return _best(report, hits[:1])
