"""The answering core: a question in, a structured answer out. It sends nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from knowledge.catalog import Catalog, ReportInfo
from knowledge.context import ChatState
from knowledge.figures import fmt, table_figures
from knowledge.normalize import normalize
from knowledge.prose import search_prose, stand_in_facts
from knowledge.render import ambiguous_text, answered_text, difference_text, series_text
from knowledge.results import Answer, Figure, Miss
from knowledge.understand import Query, merge_followup, understand
from parsers.errors import XxgkError

MAX_QUESTION = 500
MAX_CHOICES = 5
MAX_CANDIDATES = 12
_HAS_WORDS = re.compile(r"[\u4e00-\u9fff]")


def _score_of(figure: Figure) -> float:
    """A prose figure carries its match score in `note` until it is answered."""
    try:
        return float(figure.note or 0)
    except ValueError:
        return 0.0


def choice_question(figure: Figure) -> str:
    """The question a choice answers, as a person would have asked it."""
    return f"{figure.issuer}{figure.year}年{figure.label}"


class Answerer:
    """Answers questions from one knowledge base, keeping follow-up context per chat."""

    def __init__(self, catalog: Catalog, state: ChatState | None = None, default_issuer: str = "") -> None:
        self.catalog = catalog
        self.state = state
        self.default_issuer = default_issuer if default_issuer in catalog.by_issuer else ""

    def ask(self, question: str, chat: str | None = None, today: date | None = None) -> Answer:
        """Answer one question; with a chat id, a follow-up reuses what that chat asked before."""
        self._reload_if_rebuilt()
        text = normalize(question[:MAX_QUESTION])
        if not _HAS_WORDS.search(text):
            return self._not_found(question, "请用中文提问，例如“2020年收到多少申请”。", None)
        query = understand(text, self.catalog, today or date.today())
        previous = self.state.load(chat) if (self.state and chat) else None
        if query.measure and query.measure.weak and previous is None:
            query = replace(query, measure=replace(query.measure, table="narrative", words=query.content))
        # A follow-up changes one part of the previous question ("那2019年呢", "自然人呢");
        # a question that names two or more parts stands on its own.
        named = sum((bool(query.issuers or query.unknown_place), bool(query.years or query.compare or query.latest),
                     query.measure is not None))
        if previous and named <= 1:
            query = merge_followup(query, previous)
        answer = self._answer(question, query)
        if self.state and chat:
            found = answer.status != "not_found"
            self.state.save_turn(chat, self._context_after(query, answer) if found else None, answer.alternatives,
                                 answer, None if found else question[:MAX_QUESTION])
        return answer

    def _reload_if_rebuilt(self) -> None:
        """A running bot picks up a rebuilt knowledge base; if the new file cannot be read, it keeps the old."""
        if not self.catalog.changed():
            return
        try:
            fresh = Catalog(self.catalog.path)
        except XxgkError:
            self.catalog.file_id = (0, 0)  # try again on the next question
            return
        old, self.catalog = self.catalog, fresh
        old.close()

    def pick(self, chat: str, index: int) -> Answer | None:
        """Answer with choice `index` (1-based) of the chat's last ambiguous answer; it becomes the context."""
        if self.state is None:
            return None
        choices = self.state.load_choices(chat)
        if not 1 <= index <= len(choices):
            return None
        figure = choices[index - 1]
        answer = self._answered(choice_question(figure), figure)
        previous = self.state.load(chat)
        if previous is not None:
            self.state.save(chat, replace(previous, issuers=[figure.issuer], years=[figure.year], compare=None))
        self.state.save_last(chat, answer)
        return answer

    def _context_after(self, query: Query, answer: Answer) -> Query:
        if answer.answer is not None:
            return replace(query, issuers=[answer.answer.issuer], years=[answer.answer.year], compare=None,
                           latest=False, series=False)
        return query

    def _answer(self, question: str, query: Query) -> Answer:
        vague = query.measure is not None and query.measure.table == "narrative" and not (
            query.measure.narrative_terms or query.issuers or query.years)
        if query.measure is None or vague:
            return self._not_found(question, "没有看出您想问哪个数字。可以这样问：“2020年收到多少政府信息公开申请”。", query)
        issuers = query.issuers or ([self.default_issuer] if self.default_issuer else [])
        if not issuers and query.unknown_place:
            return self._not_found(question, f"知识库里没有“{query.unknown_place}”的政府信息公开年报。", query)
        if query.compare:
            return self._difference(question, query, issuers)
        if query.series and issuers:
            return self._series(question, query, issuers[0])
        if query.compare_who and len(issuers) >= 2:
            return self._who(question, query, issuers[:2])
        candidates = self._candidates(query, issuers)
        if not candidates:
            return self._not_found(question, self._missing_reports(query, issuers), query)
        if len(candidates) > MAX_CANDIDATES:
            # Many reports fit (no body named): offer a few and ask which body is meant.
            answer = self._from_candidates(question, query, candidates[:MAX_CHOICES])
            if answer.status == "not_found":
                return answer
            choices = answer.alternatives or ([answer.answer] if answer.answer else [])
            lead = f"共有{len(candidates)}份报告符合，请说明是哪个机关。例如："
            return Answer(question, "ambiguous", ambiguous_text(choices, lead), None, choices, 0.3)
        return self._from_candidates(question, query, candidates)

    def _candidates(self, query: Query, issuers: list[str]) -> list[ReportInfo]:
        if not issuers:
            pool = [r for y in query.years for r in self.catalog.reports_of_year(y)] if query.years else \
                sorted(self.catalog.reports, key=lambda r: -r.year)
            return pool
        found: list[ReportInfo] = []
        for issuer in issuers:
            reports = self.catalog.by_issuer.get(issuer, [])
            if query.years:
                found += [r for r in reports if r.year in query.years]
            elif query.latest and reports:
                found.append(reports[-1])
            else:
                found += sorted(reports, key=lambda r: -r.year)
        return found

    def _from_candidates(self, question: str, query: Query, candidates: list[ReportInfo]) -> Answer:
        figures: list[Figure] = []
        misses: list[Miss] = []
        for report in candidates:
            result = self.figures(report, query)
            if isinstance(result, Miss):
                misses.append(result)
            else:
                figures += result
        if not figures:
            reason = misses[0].reason if misses else "报告中没有找到这个数字。"
            return self._not_found(question, reason, query)
        if len(figures) == 1:
            return self._answered(question, figures[0], single_report=len(candidates) == 1)
        return Answer(question, "ambiguous", ambiguous_text(figures[:MAX_CHOICES]), None, figures[:MAX_CHOICES], 0.5)

    def figures(self, report: ReportInfo, query: Query) -> list[Figure] | Miss:
        """The figure(s) the measure names in one report: table first, then what the prose states."""
        measure = query.measure
        assert measure is not None
        if measure.table == "narrative":
            found = search_prose(self.catalog, report, measure, query.asked_unit)
            return found or Miss(f"{report.issuer}{report.year}年的报告中没有找到与此有关的数字。")
        result = table_figures(self.catalog, report, measure, query)
        if isinstance(result, list) and all(f.value is not None for f in result):
            return [self._with_check_note(report, f) for f in result]
        stand_in = stand_in_facts(self.catalog, report, measure, query.asked_unit)
        if stand_in:
            return stand_in
        if isinstance(result, Miss) and report.template == "older":
            words = replace(measure, table="narrative", words=query.content)
            found = search_prose(self.catalog, report, words, query.asked_unit)
            return found or result
        return result

    def _with_check_note(self, report: ReportInfo, figure: Figure) -> Figure:
        if figure.kind != "cell":
            return figure
        table, row, column = figure.key.split("|")
        group = column.split(".")[0]
        failed = [c for c in self.catalog.failed_checks(report.id)
                  if c["check_id"].startswith(table) and c["scope"] in (row, column, group)]
        if not failed:
            return figure
        detail = "；".join(f"{c['check_id']}（{c['scope']}）：{c['detail']}" for c in failed[:3])
        note = "原表这部分数字本身对不上，照原表照录（" + detail + "）"
        return replace(figure, note=f"{figure.note}；{note}" if figure.note else note)

    def _answered(self, question: str, figure: Figure, single_report: bool = True) -> Answer:
        extra = [] if single_report else ["（知识库中只有这一份报告有此数字）"]
        confidence = 0.9 if figure.kind in ("cell", "sum") else min(0.85, 0.5 + _score_of(figure) / 2)
        if figure.kind == "fact":
            figure = replace(figure, note="")
        return Answer(question, "answered", answered_text(figure, extra), figure, [], round(confidence, 2))

    def _single(self, report: ReportInfo | None, query: Query) -> Figure | Miss:
        if report is None:
            return Miss("缺少报告")
        result = self.figures(report, query)
        if isinstance(result, Miss):
            return result
        if len(result) != 1 or result[0].value is None:
            return Miss(f"{report.issuer}{report.year}年的这一数字不唯一或原表为空")
        return result[0]

    def _difference(self, question: str, query: Query, issuers: list[str]) -> Answer:
        assert query.compare is not None
        first_year, second_year = query.compare
        pool = issuers or [i for i in self.catalog.by_issuer
                           if {first_year, second_year} <= set(self.catalog.years(i))]
        if len(pool) != 1:
            return self._not_found(question, "请说明要比较哪个机关的数字。", query)
        issuer = pool[0]
        first = self._single(self.catalog.report(issuer, first_year), query)
        second = self._single(self.catalog.report(issuer, second_year), query)
        if isinstance(first, Miss) or isinstance(second, Miss):
            return self._not_found(question, self._missing_reports(query, [issuer]), query)
        return self._difference_answer(question, first, second)

    def _difference_answer(self, question: str, first: Figure, second: Figure) -> Answer:
        diff_value = (first.value or 0) - (second.value or 0)
        value = fmt(diff_value)
        diff = replace(first, value=float(value) if "." in value else int(value), kind="difference",
                       display=f"{value}{first.unit}", key=f"{first.key} − {second.key}",
                       parts=[f"{first.issuer}{first.year}年 {first.display}",
                              f"{second.issuer}{second.year}年 {second.display}"])
        text = difference_text(first, second, diff) if first.issuer == second.issuer else (
            f"{first.issuer}{first.year}年为{first.display}，{second.issuer}{second.year}年为{second.display}，"
            f"前者比后者{'多' if diff_value >= 0 else '少'}{fmt(abs(diff_value))}{first.unit}。")
        return Answer(question, "answered", text, diff, [], 0.85)

    def _who(self, question: str, query: Query, issuers: list[str]) -> Answer:
        figures = []
        for issuer in issuers:
            report = self.catalog.report(issuer, query.years[0]) if query.years else (
                self.catalog.by_issuer[issuer][-1] if self.catalog.by_issuer.get(issuer) else None)
            figure = self._single(report, query)
            if isinstance(figure, Miss):
                return self._not_found(question, self._missing_reports(query, [issuer]), query)
            figures.append(figure)
        return self._difference_answer(question, figures[0], figures[1])

    def _series(self, question: str, query: Query, issuer: str) -> Answer:
        figures, missing = [], []
        for report in self.catalog.by_issuer.get(issuer, []):
            figure = self._single(report, query)
            if isinstance(figure, Miss):
                missing.append(report.year)
            else:
                figures.append(figure)
        if not figures:
            return self._not_found(question, f"{issuer}的各年报告中都没有这一数字。", query)
        head = replace(figures[-1], kind="series", parts=[f"{f.year}年 {f.display}" for f in figures])
        return Answer(question, "answered", series_text(figures, missing), head, [], 0.85)

    def _missing_reports(self, query: Query, issuers: list[str]) -> str:
        years = "、".join(str(y) for y in query.years) + "年" if query.years else ""
        if issuers:
            return f"知识库中没有{issuers[0]}{years}的报告，或报告中没有这一数字。"
        return f"知识库中没有{years}的报告。"

    def held_summary(self, issuers: list[str]) -> list[str]:
        """What the knowledge base holds, for the issuers asked about (or all, briefly)."""
        names = [i for i in issuers if i in self.catalog.by_issuer] or sorted(self.catalog.by_issuer)[:10]
        return [f"{name}：{'、'.join(str(y) for y in self.catalog.years(name))}年" for name in names]

    def _not_found(self, question: str, reason: str, query: Query | None) -> Answer:
        held = self.held_summary(query.issuers if query else [])
        text = f"{reason}\n知识库中有：" + "；".join(held) if held else reason
        return Answer(question, "not_found", text, None, [], 0.0, held)
