"""Answers across years or bodies: a series, its highest or lowest year, the difference between two."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from knowledge.answering.cells import add_up, fmt, short_labels
from knowledge.answering.readings import figures_in, not_found, table_ready
from knowledge.model import Answer, Figure
from knowledge.names.forms import DEPARTMENT, PLACE
from knowledge.store.read import Catalog, ReportInfo
from knowledge.understanding.query import Query

MAX_BODIES = 50  # 哪个机关最多 over more reports than this asks for a narrower question


def series_answer(catalog: Catalog, question: str, query: Query, bodies: list[str], op: str) -> Answer:
    """历年 / 哪年最多: one figure per year of the body (within the years asked, if any), or its highest or lowest."""
    single = replace(query, ops=query.ops - {"series", "max", "min"})
    if not table_ready(single):
        # Prose figures of different years are seldom the same measure: no series is made of them.
        return not_found(question, "历年比较只对年报统计表中的数字作出；这个问题请分年份询问。")
    if len(bodies) != 1:
        return _across_bodies(catalog, question, single, bodies, op)
    body, asked = bodies[0], set(query.years)
    reports = [r for r in catalog.by_issuer.get(body, []) if not asked or r.year in asked]
    figures, missing = [], []
    for report in reports:
        figure = year_figure(catalog, report, single)
        if figure is not None and figure.value is not None:
            figures.append(figure)
        else:
            missing.append(str(report.year))
    notes = absent_notes(body, sorted(asked - {r.year for r in reports}))
    if not figures:
        return not_found(question, "".join(notes) or f"{body}的各年报告中都没有这一数字。")
    notes += (f"{'、'.join(missing)}年的报告没有这一项（或无法可靠读出）。",) if missing else ()
    if op == "series":
        return Answer(question, "answered", "series", figures=tuple(figures), notes=notes)
    return _extreme(question, figures, op, notes, lambda f: f"{f.year}年")


def year_figure(catalog: Catalog, report: ReportInfo, query: Query) -> Figure | None:
    """The one figure of a report for a series: its cell, or the sum of the rows the question joins (直接起诉加
    复议后起诉), unless it asks for each (分别)."""
    found = figures_in(catalog, report, query)
    if len(found.figures) == 1:
        return found.figures[0]
    if len(found.figures) < 2 or "list" in query.ops or len({f.unit for f in found.figures}) > 1:
        return None
    return add_up(found.figures, short_labels([f.label for f in found.figures]))


def absent_notes(body: str, years: list[int]) -> tuple[str, ...]:
    """The years asked for that the base holds no report of, said so that no total or series hides the gap."""
    if not years:
        return ()
    which = "这一年" if len(years) == 1 else "这几年"
    return (f"知识库中没有{body}{'、'.join(str(y) for y in years)}年的报告，{which}的数字不在其中。",)


def _across_bodies(catalog: Catalog, question: str, query: Query, bodies: list[str], op: str) -> Answer:
    """哪个机关最多: one figure per body (the year asked, else each body's latest), the highest or lowest."""
    if op == "series" or not (bodies or query.years):
        return not_found(question, "请说明是哪个机关的历年数字，或要在哪一年的报告之间比较。")
    reports = [r for b in bodies for r in catalog.by_issuer.get(b, [])[-1:]] if bodies and not query.years else \
        [r for b in bodies for r in catalog.by_issuer.get(b, []) if r.year in query.years] if bodies else \
        catalog.reports_of_years(query.years)
    if len(reports) > MAX_BODIES:
        return not_found(question, f"有{len(reports)}份报告，范围太大，请说明在哪些机关之间比较。")
    figures = []
    for report in reports:
        figure = year_figure(catalog, report, query)
        if figure is not None and figure.value is not None:
            figures.append(figure)
    left_out = [b for b in bodies if b not in {f.issuer for f in figures}]
    years = "、".join(str(y) for y in query.years) + "年" if query.years else ""
    notes = (f"{'、'.join(left_out)}没有{years}的报告或报告中没有这一数字，不在比较之列。",) if left_out else ()
    if len(figures) < 2:
        return not_found(question, "能比较的报告不足两份。" + "".join(notes))
    return _extreme(question, figures, op, notes, lambda f: f.issuer)


def _extreme(question: str, figures: list[Figure], op: str, notes: tuple[str, ...],
             name: Callable[[Figure], str]) -> Answer:
    pick = max if op == "max" else min
    chosen = pick(figures, key=lambda f: float(f.value or 0))
    ties = [f for f in figures if f.value == chosen.value]
    tie_note = (f"{'、'.join(name(f) for f in ties)}并列。",) if len(ties) > 1 else ()
    return Answer(question, "answered", "superlative", figures=(chosen, *figures), notes=notes + tie_note,
                  order="max" if op == "max" else "min")

def difference_answer(catalog: Catalog, question: str, query: Query, bodies: list[str]) -> Answer:
    pairs = _difference_pair(catalog, query, bodies)
    if pairs is None:
        return not_found(question, "请说明要比较哪个机关哪两年的数字。")
    first, second = pairs
    single = replace(query, ops=query.ops - {"more", "less", "change", "compare", "previous"}, years=())
    figures = []
    for body, year in (first, second):
        report = catalog.report(body, year)
        if report is None:
            return not_found(question, f"知识库中没有{body}{year}年的报告，无法比较。")
        found = figures_in(catalog, report, single)
        if len(found.figures) != 1 or found.figures[0].value is None:
            which = "需要说明是哪一栏" if found.choices else found.miss or "报告中没有这一数字"
            return not_found(question, f"{body}{year}年的报告无法给出比较所需的数字（{which}）。")
        figures.append(found.figures[0])
    return difference_of(question, figures[0], figures[1])


def difference_of(question: str, a: Figure, b: Figure) -> Answer:
    """The first figure minus the second, with both printed figures stated (years, bodies or two rows)."""
    if a.value is None or b.value is None or a.unit != b.unit:
        return not_found(question, "两个数字中有一项原表为空或单位不同，无法比较。")
    value = Decimal(str(a.value)) - Decimal(str(b.value))
    number = int(value) if value == value.to_integral_value() else float(value)
    diff = replace(a, value=number, display=f"{fmt(number)}{a.unit}", kind="difference",
                   key=f"{a.key} − {b.key}", parts=(a, b), notes=())
    return Answer(question, "answered", "difference", figures=(diff, a, b))

def _difference_pair(catalog: Catalog, query: Query, bodies: list[str]) -> tuple[tuple[str, int], tuple[str, int]] | None:
    if len(bodies) >= 2:
        if len(query.years) >= 2:
            years = _years_of_bodies(query)
            return None if years is None else ((bodies[0], years[0]), (bodies[1], years[1]))
        year = query.years[0] if query.years else None
        picked = [(b, year or (catalog.years(b) or [0])[-1]) for b in bodies[:2]]
        return picked[0], picked[1]
    body = bodies[0] if bodies else None
    if body is None:
        candidates = catalog.bodies_with_years(query.years, 2)
        body = candidates[0] if len(candidates) == 1 else None
    if body is None or not query.years:
        return None
    subject, base = _subject_and_base(query)
    return (body, subject), (body, base)


def _years_of_bodies(query: Query) -> tuple[int, int] | None:
    """蓟州2020年比平潭2019年 (or 2020年蓟州比2019年平潭): each body with the year named beside it, when the two
    years stand one in each body's part of the question; otherwise which year goes with which body is not said."""
    named = [(i, y) for i, y in query.year_at]
    if len(named) != 2 or named[0][1] == named[1][1]:
        return None
    body_at = [i for i, span in enumerate(query.spans) if span.has(PLACE) or span.has(DEPARTMENT)]
    (first, year1), (second, year2) = named
    after = any(i < first for i in body_at) and any(first < i < second for i in body_at)
    before = any(first < i < second for i in body_at) and any(i > second for i in body_at) \
        and not any(i < first for i in body_at)
    return (year1, year2) if after or before else None


def _subject_and_base(query: Query) -> tuple[int, int]:
    """The year compared and the year it is compared with: A比B and 与B相比的A are A − B (前年比去年: 前年 − 去年);
    A到B (a range) and words with no order (2019年和2021年变化) are the later year minus the earlier one;
    比上一年 with one year is that year minus the year before."""
    years = list(query.years)
    if len(years) == 1:
        return years[0], years[0] - 1
    if query.year_range:
        return query.year_range[1], query.year_range[0]
    # A follow-up (和2023年比呢) names only the base; the chat's year is the other.
    named = list(dict.fromkeys([y for _, y in query.year_at] + years))
    base = _base_year(query)
    if base is not None and len(named) == 2:
        return next(y for y in named if y != base), base
    return max(years[:2]), min(years[:2])


_JOINERS = ("跟", "与", "同", "和", "较")


def _base_year(query: Query) -> int | None:
    """The year after 比 / 较, or between 跟 / 与 / 和 and 比 / 相比: what the other year is measured against."""
    spans, marks = query.spans, dict(query.year_at)
    for i, span in enumerate(spans):
        if "compare" not in span.values("op") and span.text not in _JOINERS:
            continue
        j = i + 1
        while j < len(spans) and j not in marks and spans[j].has("filler"):
            j += 1
        if j not in marks:
            continue
        if span.text in ("比", "较"):
            return marks[j]
        rest = [s for s in spans[j + 1:] if not s.has("filler")]
        if span.text in _JOINERS and rest and "compare" in rest[0].values("op"):
            return marks[j]  # 与2019年相比 / 和去年比
    return None
