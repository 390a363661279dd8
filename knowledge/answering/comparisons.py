"""Answers across years or bodies: a series, its highest or lowest year, the difference between two."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from knowledge.answering.cells import fmt
from knowledge.answering.readings import figures_in, not_found, table_ready
from knowledge.model import Answer, Figure
from knowledge.store.read import Catalog
from knowledge.understanding.query import Query

MAX_BODIES = 50  # 哪个机关最多 over more reports than this asks for a narrower question


def series_answer(catalog: Catalog, question: str, query: Query, bodies: list[str], op: str) -> Answer:
    single = replace(query, ops=query.ops - {"series", "max", "min"})
    if not table_ready(single):
        # Prose figures of different years are seldom the same measure: no series is made of them.
        return not_found(question, "历年比较只对年报统计表中的数字作出；这个问题请分年份询问。")
    if len(bodies) != 1:
        return _across_bodies(catalog, question, single, bodies, op)
    body = bodies[0]
    figures, missing = [], []
    for report in catalog.by_issuer.get(body, []):
        found = figures_in(catalog, report, single)
        if len(found.figures) == 1 and found.figures[0].value is not None:
            figures.append(found.figures[0])
        else:
            missing.append(str(report.year))
    if not figures:
        return not_found(question, f"{body}的各年报告中都没有这一数字。")
    notes = (f"{'、'.join(missing)}年的报告没有这一项（或无法可靠读出）。",) if missing else ()
    if op == "series":
        return Answer(question, "answered", "series", figures=tuple(figures), notes=notes)
    return _extreme(question, figures, op, notes, lambda f: f"{f.year}年")


def _across_bodies(catalog: Catalog, question: str, query: Query, bodies: list[str], op: str) -> Answer:
    """哪个机关最多: one figure per body (the year asked, else each body's latest), the highest or lowest."""
    if op == "series" or not (bodies or query.years):
        return not_found(question, "请说明是哪个机关的历年数字，或要在哪一年的报告之间比较。")
    reports = [r for b in bodies for r in catalog.by_issuer.get(b, [])[-1:]] if bodies and not query.years else \
        [r for b in bodies for r in catalog.by_issuer.get(b, []) if r.year in query.years] if bodies else \
        [r for y in query.years for r in catalog.reports_of_year(y)]
    if len(reports) > MAX_BODIES:
        return not_found(question, f"有{len(reports)}份报告，范围太大，请说明在哪些机关之间比较。")
    figures = []
    for report in reports:
        found = figures_in(catalog, report, query)
        if len(found.figures) == 1 and found.figures[0].value is not None:
            figures.append(found.figures[0])
    if len(figures) < 2:
        return not_found(question, "能比较的报告不足两份。")
    return _extreme(question, figures, op, (), lambda f: f.issuer)


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
        found = figures_in(catalog, report, single) if report else None
        if found is None or len(found.figures) != 1 or found.figures[0].value is None:
            return not_found(question, f"知识库中没有{body}{year}年的报告，或报告中没有这一数字。")
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
        year = query.years[0] if query.years else None
        picked = [(b, year or (catalog.years(b) or [0])[-1]) for b in bodies[:2]]
        return picked[0], picked[1]
    body = bodies[0] if bodies else None
    if body is None:
        candidates = [i for i in catalog.by_issuer if set(query.years) <= set(catalog.years(i))]
        body = candidates[0] if len(candidates) == 1 else None
    if body is None or not query.years:
        return None
    subject, base = _subject_and_base(query)
    return (body, subject), (body, base)


def _subject_and_base(query: Query) -> tuple[int, int]:
    """2021年比2019年: 2021 against 2019; 跟2019年比…2021年: the year after 跟/与 is the base; 比上一年: year − 1."""
    years = list(query.years)
    if len(years) == 1:
        return years[0], years[0] - 1
    spans = query.spans
    for i, span in enumerate(spans):
        if "compare" in span.values("op"):
            after = [int(s.meanings[0].value) for s in spans[i + 1:] if s.has("year")]
            if after and span.text in ("跟", "与", "同", "和", "较", "比", "相比", "对比"):
                base = after[0]
                subject = next((y for y in years if y != base), years[0])
                return subject, base
    return max(years[:2]), min(years[:2])
