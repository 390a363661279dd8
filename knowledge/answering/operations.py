"""The operations a question asks for over the reports it names: a value, list, sum, difference, series,
superlative; a rate (printed by no report) or a place the base holds no body of."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from knowledge.answering.cells import add_up, short_labels
from knowledge.answering.changes import carried_year, printed_change, read_change
from knowledge.answering.comparisons import absent_notes, difference_answer, difference_of, series_answer
from knowledge.answering.rates import rate_answer
from knowledge.answering.readings import (
    MAX_CHOICES,
    TABLE_UNITS,
    Found,
    ambiguous,
    extremes_year_asked,
    figures_in,
    held_range,
    latest_years,
    missing_reason,
    not_found,
    reports_for,
    unexplained_reason,
    with_unread,
)
from knowledge.answering.said import desk_answer, prose_words, quotes_all, said_of, section_answer
from knowledge.answering.sections import asks_prose
from knowledge.answering.several import COMPARING, adds_bodies, between_bodies, held_years, more_bodies_than
from knowledge.model import Answer, Figure
from knowledge.store.read import Catalog, ReportInfo
from knowledge.understanding.query import Query
from knowledge.understanding.units import heard_unit

MAX_REPORTS = 12


class Operations:
    """Computes the answer to an understood query from one catalog."""

    def __init__(self, catalog: Catalog, default_issuer: str = "") -> None:
        self.catalog = catalog
        self.default_issuer = default_issuer

    def answer(self, question: str, query: Query) -> Answer:
        """The answer to an understood query; a question about what a report says is answered by its text when
        no figure is asked, or when no figure answers it."""
        bodies = self._bodies(query)
        if query.open_range and bodies:
            query = held_range(self.catalog, query, bodies)
        if not query.last_years or query.years or not bodies:
            return self._answer(question, query)
        query, note, short = latest_years(self.catalog, query, bodies)
        answer = self._answer(question, query)
        if answer.status != "answered":
            return answer
        if short and answer.kind == "sum" and answer.answer is not None:  # no total hides the years not held
            return replace(answer, kind="list", figures=answer.answer.parts,
                           notes=(note, "所以这里不给出合计。", *answer.notes))
        return replace(answer, notes=(note, *answer.notes))

    def _answer(self, question: str, query: Query) -> Answer:
        if query.measure is not None and query.measure.table == "section":
            desk = desk_answer(self.catalog, question, query)
            if desk is not None:  # 洪泽区政府办的邮箱: the government's report prints its office's contact details
                return desk
            if query.place and not query.bodies and not query.inside:
                return self._place(question, query)  # a body not held: say so, naming those alike
            counted = self._counted(question, query)
            return counted or section_answer(self.catalog, question, query, self._bodies(query))
        # 收费 names the fees' table cell and their section; 信息处理费 what only the prose says: asked whether
        # (有没有收信息处理费), the sentence that says it answers, not a figure read from it.
        named = any(s.has("section") or s.has("prose") for s in query.spans)
        if asks_prose(query.text, whether=named) and not query.bad_years:
            said = said_of(self.catalog, question, query, self._bodies(query))
            if said is not None:
                return said
        answer = self._figures(question, query)
        if answer.status != "answered" and not query.bad_years and asks_prose(query.text, whether=True):
            return said_of(self.catalog, question, query, self._bodies(query), any_year=False) or answer
        if answer.status != "answered" and not query.bad_years and prose_words(query):
            # 多少信息处理费 where the report prints no sum: the sentence saying none was charged, if it says so
            said = said_of(self.catalog, question, query, self._bodies(query), any_year=False)
            return said if said is not None and quotes_all(said, prose_words(query)) else answer
        return answer

    def _counted(self, question: str, query: Query) -> Answer | None:
        """A count asked in a unit (督促整改推进了几轮) that the prose states, rather than the section named."""
        if not (query.unit or heard_unit(query.spans)) or asks_prose(query.text):
            return None
        answer = self._figures(question, replace(query, measure=None))
        return answer if answer.status == "answered" else None

    def _figures(self, question: str, query: Query) -> Answer:
        if query.bad_years:
            return not_found(question, f"知识库中没有{query.bad_years[0]}年的报告（年份有误或超出范围）。")
        if query.place and not query.bodies:
            return self._place(question, query)
        if "that_year" in query.ops and len(query.years) != 1 and not extremes_year_asked(query):
            word = next((s.text for s in query.spans if "that_year" in s.values("op")), "那年")
            return not_found(question, f"“{word}”指哪一年？这次对话里没有单独的一年可指，请直接说年份。")
        if query.op == "rate":
            return rate_answer(self.catalog, question, query, list(query.bodies))
        if query.measure is None and not query.unexplained and query.unit in TABLE_UNITS:
            return not_found(question, "没有看出您想问哪个数字。可以这样问：“2020年收到多少政府信息公开申请”。")
        bodies = self._bodies(query)
        if "which_body" in query.ops and not between_bodies(query):
            return not_found(question, "年报只印数字，不印是谁、哪个部门做的。可以问某个机关某一年的数字，或在几个机关之间比较"
                                       "（如“蓟州区和洪泽区哪个收到的申请多”）。")
        if query.rival is not None and not query.unexplained:  # words left over: neither reading explains them
            return self._rival(question, query, bodies)
        query = carried_year(query)
        if "previous" in query.ops and query.measure is not None and "carried_over" in query.measure.rows:
            query = replace(query, ops=query.ops - {"previous"})  # 从上一年结转过来 names the row, not a comparison
        query = read_change(query)
        if "previous" in query.ops and len(query.years) == 1 and not query.ops & COMPARING \
                and not printed_change(query):
            # "那上一年呢": the year before, not a comparison with it
            query = replace(query, years=(query.years[0] - 1,), ops=query.ops - {"previous"})
        if "next" in query.ops and len(query.years) == 1:  # 后一年呢: the year after the one the chat is on
            query = replace(query, years=(query.years[0] + 1,), ops=query.ops - {"next"})
        op = query.op
        if op in ("series", "max", "min"):
            return series_answer(self.catalog, question, query, bodies, op)
        if op == "difference" or ("previous" in query.ops and not printed_change(query)):
            return difference_answer(self.catalog, question, query, bodies)
        if bodies and not query.years and not query.latest:
            return self._which_year(question, query, bodies)
        reports = reports_for(self.catalog, query, bodies)
        if not reports:
            return not_found(question, missing_reason(query, bodies))
        return self._combine(question, query, reports, bodies)

    def _bodies(self, query: Query) -> list[str]:
        """The bodies the question names, or the deployment's own body when it names none."""
        return list(query.bodies) or ([self.default_issuer] if self.default_issuer else [])

    def _rival(self, question: str, query: Query, bodies: list[str]) -> Answer:
        """Two tables' readings explain the question equally: offer both, never pick one in silence."""
        offers: list[Figure] = []
        for measure in (query.measure, query.rival):
            reading = replace(query, measure=measure, rival=None)
            for report in reports_for(self.catalog, reading, bodies)[:MAX_CHOICES]:
                found = figures_in(self.catalog, report, reading)
                offers += [self._one(found, reading)] if found.figures else []
        if not offers:
            return not_found(question, missing_reason(query, bodies))
        if len(offers) > 1 and len({(f.issuer, f.year, f.value, f.unit) for f in offers}) == 1:
            # 老百姓…一共: the total and the 自然人 column print the same figure; no choice changes the answer
            alike = "、".join(f"“{f.label}”" for f in offers[1:])
            return Answer(question, "answered", offers[0].kind, figures=(offers[0],),
                          notes=(f"也可理解为{alike}，报告中同为{offers[0].display}。",))
        return ambiguous(question, offers, "您的问题可以有两种理解，请选择：", query, None)

    def _which_year(self, question: str, query: Query, bodies: list[str]) -> Answer:
        """No year said: the one report there is, or the body's years as choices, latest first."""
        reports = sorted((r for b in bodies for r in self.catalog.by_issuer.get(b, [])), key=lambda r: -r.year)
        if len(reports) <= 1 or len(bodies) > 1:
            return self._combine(question, query, reports[:1] if len(bodies) == 1 else reports, bodies)
        found = [figures_in(self.catalog, r, query) for r in reports]
        figures = [self._one(f, query) for f in found if f.figures]
        if len(figures) <= 1:
            return self._combine(question, query, [f.report for f in found if f.figures] or reports[:1], bodies)
        return ambiguous(question, figures, "您没有说年份。知识库中有这几年的报告，请选择：", query, None)

    def _combine(self, question: str, query: Query, reports: Sequence[ReportInfo], bodies: list[str]) -> Answer:
        if not bodies and more_bodies_than(reports, MAX_REPORTS):
            return self._which_body(question, query, reports)
        found = [figures_in(self.catalog, r, query) for r in reports]
        good = [f for f in found if f.figures]
        if not bodies and len({f.report.issuer for f in good}) > 1:
            figures = [self._one(f, query) for f in good]
            lead = f"共有{len(good)}份报告符合，请选择是哪个机关："
            return ambiguous(question, figures, lead, query, None)
        choices = [c for f in found for c in f.choices]
        if choices and not good:
            return ambiguous(question, choices, "您的问题可以对应以下几项，请选择：", query, None)
        if not good:
            misses = [f.miss for f in found if f.miss]
            missed = self._unexplained(question, query, misses[0] if misses else missing_reason(query, bodies))
            return with_unread(missed, found)
        notes = self._year_note(query, bodies, good)
        gaps = self._gaps(query, bodies, found)
        listed = tuple(self._one(f, query) for f in good)
        if gaps:
            # A sum or list over years the base does not all hold: the parts held, and which years are not.
            return Answer(question, "answered", "list", figures=listed, notes=gaps)
        if len(good) == 1:
            return self._single(question, query, good[0], notes)
        if query.measure is not None and not query.measure.listing and len({f.issuer for f in listed}) == 1:
            # 2023、2024年一共: the sum of the printed figures of each year, each with its source
            total = self._one(Found(good[0].report, listed), query)
            return Answer(question, "answered", "sum", figures=(total,), notes=notes)
        if adds_bodies(query) and len({f.unit for f in listed}) == 1:
            # 沭阳县和测试市行政复议加起来: the bodies' printed figures added, each with its source
            total = add_up(listed, [f"{f.issuer}{f.year}年" for f in listed])
            issuers = "、".join(dict.fromkeys(f.issuer for f in listed))
            total = replace(total, issuer=issuers, label=f"“{listed[0].label}”相加")
            return Answer(question, "answered", "sum", figures=(total,), notes=notes)
        return Answer(question, "answered", "list", figures=listed, notes=notes)

    def _gaps(self, query: Query, bodies: list[str], found: list[Found]) -> tuple[str, ...]:
        """For several years of one body, or several bodies: the years or bodies asked that the base lacks, or
        whose report lacks the figure (so that no total hides them)."""
        if len(bodies) >= 2 and query.years:
            notes = tuple(n for b in bodies if b not in {f.report.issuer for f in found}
                          for n in absent_notes(b, list(query.years)))
            return notes + (("所以这里不给出合计。",) if notes and adds_bodies(query) else ())
        if len(query.years) < 2 or len(bodies) != 1:
            return ()
        held = {f.report.year for f in found}
        lacking = sorted(f.report.year for f in found if not f.figures)
        notes = absent_notes(bodies[0], [y for y in query.years if y not in held])
        if lacking:
            notes += (f"{'、'.join(str(y) for y in lacking)}年的报告中没有这一数字（或无法可靠读出）。",)
        if notes and query.measure is not None and not query.measure.listing:
            notes += ("所以这里不给出合计，只列出已有年份的数字。",)
        return notes

    def _which_body(self, question: str, query: Query, reports: Sequence[ReportInfo]) -> Answer:
        """No body named and many reports fit: ask which body, offering the figures of a few (latest first)."""
        offers: list[Figure] = []
        for report in reports[: MAX_CHOICES + 2]:  # a few reports past the five offered, for the odd gap
            found = figures_in(self.catalog, report, query)
            offers += [self._one(found, query)] if found.figures else []
            if len(offers) == MAX_CHOICES:
                break
        lead = f"共有{len(reports)}份报告可能符合，请说明是哪个机关。例如："
        answer = ambiguous(question, offers, lead, query, None)
        return replace(answer, choices_total=len(reports)) if offers else not_found(question, lead)

    def _single(self, question: str, query: Query, found: Found, notes: tuple[str, ...]) -> Answer:
        if len(found.figures) == 2 and query.ops & COMPARING:
            return difference_of(question, found.figures[0], found.figures[1])  # 予以公开的比部分公开的多多少
        whole = found.figures[0]
        if len(found.figures) == 1 and whole.parts and "list" in query.ops and query.measure is not None \
                and query.measure.listing:
            # 无法提供的三种情况分别是多少: the group's items each, not their sum
            return Answer(question, "answered", "list", figures=whole.parts, notes=notes)
        if len(found.figures) == 1 or (query.measure is not None and not query.measure.listing):
            figure = self._one(found, query)
            return Answer(question, "answered", figure.kind, figures=(figure,), notes=notes)
        return Answer(question, "answered", "list", figures=found.figures, notes=notes)

    def _one(self, found: Found, query: Query) -> Figure:
        """The report's figure: its only one, or the sum of its members when the question asks for a sum."""
        figures = found.figures
        if len(figures) == 1:
            return figures[0]
        names = short_labels([f.label for f in figures]) if len({f.year for f in figures}) == 1 else \
            [f"{f.year}年" for f in figures]
        return add_up(figures, names)

    def _year_note(self, query: Query, bodies: list[str], good: list[Found]) -> tuple[str, ...]:
        if query.years or query.latest or len(good) != 1 or not bodies:
            return ()
        years = self.catalog.years(good[0].report.issuer)
        if len(years) <= 1:
            return ()
        return (f"您没有说年份，这里是最新的{good[0].report.year}年报告的数字（知识库中还有"
                f"{'、'.join(str(y) for y in years[:-1])}年）。",)

    def _unexplained(self, question: str, query: Query, reason: str) -> Answer:
        """Words nothing explains: say which; offer the reading of the rest when there is one."""
        if not query.unexplained:
            return not_found(question, reason)
        head = unexplained_reason(query)
        carried = set(query.unexplained) - {s.text for s in query.spans}  # left over by the turn a follow-up goes on
        negating = any(set(s.values("op")) & {"negation", "except"} or s.text in "非不没无未否"
                       for s in query.spans if s.text in query.unexplained) \
            or bool(carried and query.ops & {"negation", "except"})
        if query.measure is None or query.measure.table == "section" or len("".join(query.unexplained)) > 2 \
                or negating:
            return not_found(question, head)  # never offer the reading the question's 非/不 turned round
        bare = replace(query, unexplained=())
        reports = reports_for(self.catalog, bare, list(bare.bodies))
        offers = [f for r in reports[:MAX_REPORTS] for f in figures_in(self.catalog, r, bare).figures]
        if not offers:
            return not_found(question, head)
        return ambiguous(question, offers, head + "您是不是想问：", query, None)

    def _place(self, question: str, query: Query) -> Answer:
        if not query.inside:
            near = self.catalog.directory.closest(query.place)
            reason = f"知识库里没有“{query.place}”的政府信息公开工作年度报告。"
            if near:
                reason += f"名称相近的有：{'、'.join(near)}。"
            return replace(not_found(question, reason), held=held_years(self.catalog, near))
        bare = replace(query, place="", bodies=query.inside)
        offers = []
        for report in reports_for(self.catalog, bare, list(query.inside))[:MAX_REPORTS]:
            found = figures_in(self.catalog, report, bare)
            offers += [self._one(found, bare)] if found.figures else []
        lead = f"知识库里没有“{query.place}”的年报；名称只差一个字的有（是否同一机关，请您确认）：" if query.alike \
            else f"知识库里没有“{query.place}”本级的年报；其下属或辖区内收录的有："
        if not offers:
            return not_found(question, lead + "、".join(query.inside) + "。")
        return ambiguous(question, offers, lead, query, None)


__all__ = ["Operations"]
