"""Turn an understood query into an answer for the reports it names: one figure, a list, a sum, a series …"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from knowledge.answering.changes import unit_clash
from knowledge.answering.figures import Choices, Miss, measure_figures
from knowledge.answering.notes import check_notes
from knowledge.answering.prose import best_hits, prose_hits
from knowledge.answering.rivals import prose_rival
from knowledge.model import Answer, Choice, Figure
from knowledge.store.read import Catalog, ReportInfo
from knowledge.understanding.app_rows import row_word
from knowledge.understanding.heard import names_concept
from knowledge.understanding.lexicon import CONTENT_ROLES
from knowledge.understanding.printed import printed_words
from knowledge.understanding.prose_place import asks_prose
from knowledge.understanding.query import STRUCTURAL, Query
from knowledge.understanding.units import heard_unit
from knowledge.understanding.words import weight
from parsers.measures import is_measure

MAX_CHOICES = 5
_COUNTED_IN_CASES = ("applications", "review_litigation")
_PROSE_UNITS = {"fees": "元"}  # the unit a concept only the prose tells is counted in (any sum of money fits 元)
# Units a table cell can be asked in; any other unit points to the prose.
TABLE_UNITS = {"", "件", "个", "次", "起", "项", "宗", "人", "元", "万元", "亿元", "家", "场"}


@dataclass(frozen=True)
class Found:
    """What one report gives for the query: figures, or choices among its cells, or why not."""

    report: ReportInfo
    figures: tuple[Figure, ...] = ()
    choices: tuple[Figure, ...] = ()
    miss: str = ""
    unread: tuple[Figure, ...] = ()  # cells needed that could not be read for sure


def table_ready(query: Query) -> bool:
    """A table reading explains the whole question: nothing left unexplained and a unit a table has."""
    return (query.measure is not None and query.measure.table != "section" and not query.unexplained
            and query.unit in TABLE_UNITS)


def figures_in(catalog: Catalog, report: ReportInfo, query: Query) -> Found:
    """The figures the query names in one report: from its tables when they explain it and the prose is not
    named as where the figure is printed (正文里说), else from its prose."""
    if table_ready(query) and not asks_prose(query.spans):
        assert query.measure is not None
        result = measure_figures(catalog, report, query.measure, query.unit, _money_unit(query))
        if isinstance(result, Choices):
            return Found(report, choices=tuple(f for f in result.figures if not unit_clash(query, f.unit)))
        if isinstance(result, Miss):
            if report.template != "older":
                return Found(report, miss=result.reason, unread=result.unread)
            # A report before the 2019 form has no such table; its prose may state the figure.
            return _prose_or(catalog, report, query, result.reason)
        clash = next(((f, unit_clash(query, f.unit)) for f in result if unit_clash(query, f.unit)), None)
        if clash is not None:
            figure, asked = clash
            return Found(report, miss=f"问的是多少{asked}，而报告中“{figure.label}”以“{figure.unit}”计，不是同一种数，不作回答。")
        rival = prose_rival(catalog, report, query, result, lambda: _prose_or(catalog, report, query, "").figures) \
            if result else None
        if rival is not None:
            return Found(report, choices=(*(_with_checks(catalog, report, f) for f in result), rival))
        return Found(report, tuple(_with_checks(catalog, report, f) for f in result))
    return _prose_or(catalog, report, query, "")


def _money_unit(query: Query) -> str:
    return query.unit if query.unit in ("元", "万元", "亿元") else ""


def prose_words_of(query: Query) -> list[str]:
    """The words a prose figure answering the query printed: its concept words (主动公开, 政府信息), or in a chat
    those of the turn whose measure it kept."""
    return list(printed_words(query.spans) or query.carried)


def _prose_or(catalog: Catalog, report: ReportInfo, query: Query, reason: str) -> Found:
    # One unknown character beside longer unknown words ("各部门开的微博") is too little to require of a fact.
    # A word of the body's own name (上海 of 上海市科委) names whose report it is, not what the report says.
    stated = _stated_numbers(query)
    long_words = [w for w in query.unknown if len(w) >= 2 and w not in report.issuer and not w.isdigit()]
    # One unknown character says too little alone (当面 → 面): a fact must print it with a neighbour of it; beside
    # longer words, a character of weight (删了, 颠了, 馏) must be printed in the fact's sentence all the same.
    pairs: list[tuple[str, ...]] = _single_contexts(query) if query.unknown and not long_words and not stated else [
        (w,) for w in query.unknown if len(w) == 1 and weight(w, frozenset()) == "heavy" and not w.isdigit()]
    pairs += [(text,) for text, _ in stated]  # 12个 of 12个区直部门: printed so
    # A word of joining (因为, 关于) names nothing a fact must print; the concept words must be printed.
    hard = long_words or ([] if pairs else prose_words_of(query))
    said_not, negated = _said_negations(query)
    hard += negated
    soft = [w for w in query.unknown if w not in hard and not w.isdigit()] + [s.text for s in query.spans if s.meanings and not s.has("unit") and not s.has("filler")
            and not s.has("topic") and not s.has("year") and not s.has("place") and s.text not in hard
            and any(m.role in CONTENT_ROLES for m in s.meanings) and not s.has("op")]
    named_prose = asks_prose(query.spans)
    # Words no one table explains (办理 beside 行政复议、行政诉讼相关案件, every word a concept, of two tables; or any,
    # the prose named): a prose figure must print them, never answer the half of them one table does.
    if named_prose or (query.measure is not None and not query.unknown):
        hard += [w for w in query.unexplained if w not in hard]
    if named_prose:  # and the applicants or results asked (正文里说自然人申请多少件: never all applicants' sentence)
        hard += [s.text for s in query.spans if s.text not in hard and not s.has("topic") and any(
            m.role in ("app_col", "review_part") and m.value != "total" for m in s.meanings)]
        # a result asked (文中说公开了多少件: 予以公开) in the form's words, never 公开 of 政府信息公开申请
        rows = query.measure.rows if query.measure is not None and query.measure.table == "applications" else ()
        hard += [w for w in (row_word(r) for r in rows if r not in _RECEIVED) if w and w not in hard]
    if not (hard or pairs) or _blocked(query, said_not):
        return Found(report, miss=reason or "报告中没有找到这个数字")
    unit = query.unit or heard_unit(query.spans)
    # A fee is a sum of money: 依申请公开收费多少 is never answered by a count printed near those words.
    unit = unit or next((_PROSE_UNITS[v] for s in query.spans for v in s.values("prose") if v in _PROSE_UNITS), "")
    # the prose named for applications or cases counts them in 件 (文字里说收到多少申请: never 收取…380元)
    cases = named_prose and query.measure is not None and query.measure.table in _COUNTED_IN_CASES
    unit = unit or ("件" if cases else "")
    # 区直部门 beside 片区 in one sentence: the part of the body named ranks the facts printing it
    scope = tuple(s.text for s in query.spans if "government" in s.values("topic"))
    each = _joined_groups(query, hard)
    found = [best_hits(prose_hits(catalog, report, words, soft, unit, [], query.text, scope)) for words in each]
    if each and "list" in query.ops:  # 网上调查和在线访谈分别多少期: one figure for each
        if all(len(f) == 1 for f in found):
            return Found(report, figures=tuple(f[0] for f in found))
        return Found(report, miss=reason or "报告中没有分别找到这几个数字")
    if each and all(len(f) == 1 for f in found) and len({(f[0].clause, f[0].value) for f in found}) > 1:
        # 安全生产许可证和排水许可证一共多少条: two figures printed apart, never one of them for both
        return Found(report, miss=reason or "问的几项在报告中是分开印的几个数字，报告没有印出它们的合计；请分别问。")
    figures = [f for f in best_hits(prose_hits(catalog, report, hard, soft, unit, pairs, query.text, scope))
               if f.value not in {v for _, v in stated}]  # 受理749件申请，其中…: the number stated is no answer
    if len(figures) == 1:
        return Found(report, figures=(figures[0],))
    if figures:
        return Found(report, choices=tuple(figures[:MAX_CHOICES]))
    words = "”“".join(query.unexplained)
    return Found(report, miss=reason or (f"{report.issuer}{report.year}年的报告中没有与“{words}”有关的数字"
                                         if words else "报告中没有找到这个数字"))


# The rows the prose tells in its own words (收到, 受理, 结转): not required in the form's.
_RECEIVED = ("new_received", "carried_over", "carried_forward", "total_processed")


def _stated_numbers(query: Query) -> list[tuple[str, float]]:
    """Numbers no reading explains that count or state something, each with its measure word (12个 of 12个区直部门,
    749件 of 受理749件申请): a prose figure must print them so, and is never one of them (a number stated is no
    answer to itself); a number naming a thing (12345平台, 110宣传日) is a word like any other."""
    spans = query.spans
    out = []
    for i, span in enumerate(spans):
        if span.meanings or not span.text.isdigit() or span.text not in query.unknown:
            continue
        after = spans[i + 1].text if i + 1 < len(spans) else ""
        if not after[:1].isalpha() or spans[i + 1].meanings or is_measure(after[:1]):
            out.append((span.text + (after[:1] if after[:1].isalpha() else ""), float(span.text)))
    return out


def _joined_groups(query: Query, hard: list[str]) -> list[list[str]]:
    """The words asked, in two or more groups that 和 / 、 part (网上调查和民意征集); else none."""
    groups: list[list[str]] = [[]]
    for span in query.spans:
        if "and" in span.values("op") and groups[-1]:
            groups.append([])
        elif span.text in hard:
            groups[-1].append(span.text)
    return groups if len(groups) >= 2 and all(groups) else []


def _single_contexts(query: Query) -> list[tuple[str, ...]]:
    """For each unknown single character, the two-character pieces it forms with its neighbours (编发, 当面)."""
    spans = query.spans
    out = []
    for i, span in enumerate(spans):
        if not span.meanings and len(span.text) == 1 and span.text in query.unknown:
            before = spans[i - 1].text[-1:] + span.text if i else ""
            after = span.text + spans[i + 1].text[:1] if i + 1 < len(spans) else ""
            out.append(tuple(p for p in (before, after) if len(p) == 2))
    return out


def _blocked(query: Query, said: frozenset[int] = frozenset()) -> bool:
    """An operation no reading used (除了…以外, a negation) changes what is asked: no prose figure answers it,
    unless it is one the fact must print with its word (`said`)."""
    spans = query.spans
    # 清理后集中发布: 后 after a word no concept knows orders the acts the sentence describes, it combines nothing
    ordering = {i for i, s in enumerate(spans) if s.values("op") == ["after"] and i and not spans[i - 1].meanings}
    return any(i not in query.used | said | ordering and set(s.values("op")) & STRUCTURAL for i, s in enumerate(spans))


def _said_negations(query: Query) -> tuple[frozenset[int], list[str]]:
    """Negations no reading used, each with the word it negates (不规范的描述): a fact that prints them together
    states what was asked; one that does not is no answer."""
    spans = query.spans
    at = frozenset(i for i, s in enumerate(spans[:-1]) if i not in query.used and "negation" in s.values("op")
                   and not spans[i + 1].meanings and len(spans[i + 1].text) >= 2)
    # any negation stands for all (没规范管理: 未进行规范管理); prose.explains looks for one before the word
    return at, ["不" + spans[i + 1].text for i in sorted(at)]


def _with_checks(catalog: Catalog, report: ReportInfo, figure: Figure) -> Figure:
    failed = catalog.failed_checks(report.id)
    notes = check_notes(failed, catalog.cells(report.id), figure.key, report.template) if failed else ()
    return replace(figure, notes=figure.notes + notes) if notes else figure


def with_unread(answer: Answer, found: list[Found]) -> Answer:
    """The answer naming the cells of the reports read that could not be read for sure (for staff to correct)."""
    unread = tuple(f for one in found for f in one.unread)
    return replace(answer, unread=unread) if unread else answer


def not_found(question: str, reason: str) -> Answer:
    return Answer(question, "not_found", reason=reason)


def reports_for(catalog: Catalog, query: Query, bodies: list[str]) -> Sequence[ReportInfo]:
    """The reports a query names: of its bodies and years (a body's latest when no year), or of its years."""
    if not bodies:  # latest year first, bodies in name order: the catalog reads them so, when asked
        if query.years:
            return catalog.reports_of_years(sorted(query.years, reverse=True))
        return catalog.latest_first
    if query.pairs and set(bodies) == {body for body, _ in query.pairs}:
        return [r for body, year in query.pairs for r in catalog.by_issuer.get(body, []) if r.year == year]
    found: list[ReportInfo] = []
    for body in bodies:
        reports = catalog.by_issuer.get(body, [])
        if query.years:
            found += [r for r in reports if r.year in query.years]
        elif reports:
            found.append(reports[-1])
    return found


def latest_years(catalog: Catalog, query: Query, bodies: list[str]) -> tuple[Query, str, bool]:
    """近三年 of the bodies asked: the latest years of their reports held, a note saying how it was read, and
    whether some body holds fewer years than asked."""
    each = {body: tuple(catalog.years(body)[-query.last_years:]) for body in bodies}
    years = tuple(sorted({year for held in each.values() for year in held}))
    said = "；".join(f"{body}{'、'.join(str(y) for y in held)}年" for body, held in each.items() if held)
    each_own = "各自" if len(bodies) > 1 else ""
    note = f"您问的最近几年，按知识库中{each_own}最新的{query.last_years}年报告（{said}）理解。"
    short = any(len(held) < query.last_years for held in each.values())
    if short:
        note = f"您问的最近{query.last_years}年，知识库中只有这些报告：{said}。"
    # several bodies: each its own latest years (洪泽区 2023、2024 beside 沭阳县 2025), never the union's
    pairs = tuple((body, year) for body, held in each.items() for year in held) if len(bodies) > 1 else ()
    return replace(query, years=years, last_years=0, pairs=pairs or query.pairs), note, short


def held_range(catalog: Catalog, query: Query, bodies: list[str]) -> Query:
    """2021年以来: the range from the year named to the latest report held of the bodies asked."""
    latest = max((year for body in bodies for year in catalog.years(body)), default=None)
    if latest is None or latest < query.year_range[0]:
        return query
    years = tuple(year for year in query.years if year <= latest)
    return replace(query, years=years, year_range=(query.year_range[0], latest), open_range=False)


def missing_reason(query: Query, bodies: list[str]) -> str:
    """Why no report answers: the body and years asked that the base lacks, or lacks the figure in."""
    years = "、".join(str(y) for y in query.years) + "年" if query.years else ""
    if bodies:
        return f"知识库中没有{bodies[0]}{years}的报告，或报告中没有这一数字。"
    return f"知识库中没有{years}的报告。"


def choice_of(figure: Figure) -> Choice:
    """A choice that answers with this figure."""
    label = figure.label if len(figure.label) <= 40 else figure.label[:38] + "…"
    return Choice(f"{figure.issuer} {figure.year}年 · {label}：{figure.display}",
                  f"{figure.issuer}{figure.year}年{figure.label}", figure)


def ambiguous(question: str, figures: list[Figure], reason: str, query: Query, understood: object = None) -> Answer:
    """Ask back with up to five complete choices, saying how many fitted."""
    unique = list({(f.issuer, f.year, f.key, f.value, f.clause): f for f in figures}.values())
    return Answer(question, "ambiguous", None, choices=tuple(choice_of(f) for f in unique[:MAX_CHOICES]),
                  choices_total=len(unique), reason=reason)


def unexplained_reason(query: Query) -> str:
    """Why the words nothing explains get no figure: unknown, of another table, or a negation."""
    words = "、".join(f"“{w}”" for w in query.unexplained)
    if set(query.unexplained) <= {s.text for s in query.spans if {"negation", "except"} & set(s.values("op"))}:
        return f"问题里有{words}：年报只印各项本身的数字，不印“不是某项”或“某项以外”的数字，不作回答。"
    if not query.unknown and query.measure is not None:
        return f"问题里的{words}与其余部分不在同一张表里，无法合成一个数字；请分开问。"
    return f"没有理解{words}：年报的表格和正文里没有与之对应的项目。"


def extremes_year_asked(query: Query) -> bool:
    """那年 of 哪年收到的申请多，多的那年是多少件: the year of the superlative asked, whose figure it states; not
    when a concept follows (那年予以公开多少 asks another figure of that year)."""
    at = next(i for i, s in enumerate(query.spans) if "that_year" in s.values("op"))
    return bool(query.ops & {"which_year", "max", "min"}) and not any(names_concept(s.meanings)
                                                                        for s in query.spans[at:])
