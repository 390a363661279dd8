"""Rates, shares and averages: quoted when a report's prose prints one, never computed from the tables."""

from __future__ import annotations

from dataclasses import replace

from knowledge.answering.readings import figures_in, reports_for
from knowledge.model import Answer, Figure
from knowledge.store.read import Catalog
from knowledge.understanding.query import Query

REFUSAL = "年报的表格只印件数，不印比率、占比或平均数，"
NOT_PRINTED = "正文也没有印出这一比率，"


def rate_answer(catalog: Catalog, question: str, query: Query, bodies: list[str]) -> Answer:
    """The rate the one report asked about prints in its prose (公文主动公开率达90.2%); else say that no table
    prints one, and show the printed figures it would come from."""
    bare = replace(query, ops=query.ops - {"rate", "average"})
    name = _rate_name(query) if "average" not in query.ops else ""
    looked = bool(name)
    printed = _printed_rate(catalog, question, bare, bodies, name) if looked else None
    if printed is not None:
        return printed
    related: list[Figure] = []
    if bare.measure is not None and not bare.unexplained:
        for report in reports_for(catalog, bare, bodies)[:3]:
            related += figures_in(catalog, report, bare).figures
    reason = REFUSAL + (NOT_PRINTED if looked else "") + "这里不作计算。"
    reason += "可据以计算的原始数字如下（均为报告所印）：" if related else ""
    return Answer(question, "not_found", reason=reason, related=tuple(related))


def _printed_rate(catalog: Catalog, question: str, query: Query, bodies: list[str], name: str) -> Answer | None:
    """A rate in % that one report's prose prints under the rate's own `name` as asked (公文主动公开率), the one
    figure of that report that fits."""
    if not (bodies or query.years):
        return None
    reports = reports_for(catalog, query, bodies)
    if len(reports) != 1:
        return None
    found = figures_in(catalog, reports[0], replace(query, unit="%", unknown=(*query.unknown, name)))  # printed
    if len(found.figures) != 1 or name not in (found.figures[0].clause or ""):
        return None
    return Answer(question, "answered", "fact", figures=found.figures)


def _rate_name(query: Query) -> str:
    """The rate's name as asked: a word ending in 率 (办结率), or 率 with every word before it back to the body, year
    or a word of asking (政府信息公开率, not 公开率 alone); a share (占比, 比例) is of two figures and has no name."""
    spans = query.spans
    for i, span in enumerate(spans):
        if "rate" not in span.values("op") or not span.text.endswith("率"):
            continue
        start = i
        while start and spans[start - 1].meanings and not any(
                spans[start - 1].has(r) for r in ("filler", "year", "rel_year", "place", "department")):
            start -= 1
        name = "".join(s.text for s in spans[start:i + 1])
        # 公开率 / 办结率 alone name no one rate (预决算信息公开率, 群众诉求办结率): two words at the least
        return name if len(name) > 3 else ""
    return ""
