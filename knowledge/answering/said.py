"""An answer quoting what one report says: the part that answers the question, found by meaning."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from knowledge.answering.prose import explains
from knowledge.answering.readings import missing_reason, not_found, reports_for
from knowledge.answering.sections import find_part, kinds, kinds_asked
from knowledge.model import Answer, SectionText
from knowledge.names.kinds import department_kind
from knowledge.store.read import Catalog, ReportInfo
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.query import Query
from knowledge.understanding.words import weight

_DATE = re.compile(r"\d{1,2}月(?:\d{1,2}日)?|\d{4}年\d{1,2}月")
_NOT_ASKED = ("place", "department", "year", "rel_year", "filler")  # words that name the report, not the part


# The kinds of section where a government's general office speaks for the government: its disclosure desk, whose
# contact details and channels the government's report prints.
_DESK_KINDS = frozenset({"contact", "phone", "address", "postcode", "email", "website", "how_to_apply"})


def desk_answer(catalog: Catalog, question: str, query: Query) -> Answer | None:
    """The section a question asks of a government's general office that the base holds no report of, from the
    government's report, saying so; None when the question names no such office."""
    desk = _desk_of(catalog, query)
    if not desk:
        return None
    answer = section_answer(catalog, question, replace(query, bodies=(desk,), place=""), [desk])
    note = f"知识库里没有“{query.place}”自己的年报，按{desk}的年报查找（政府办公室是本级政府信息公开工作的主管部门）"
    if answer.status == "answered":
        return replace(answer, notes=(note + "。", *answer.notes))
    return replace(answer, reason=f"{note}：{answer.reason}")


def _desk_of(catalog: Catalog, query: Query) -> str:
    """The government whose general office (区政府办, 县政府办公室) a question about the office's contact details
    or channels names, when the base holds the government's report but none of the office's own; else ""."""
    measure = query.measure
    if query.bodies or measure is None or measure.section not in _DESK_KINDS:
        return ""
    places = [s.text for s in query.spans if s.has("place")]
    offices = [i for i, s in enumerate(query.spans) if s.has("department")]
    if not places or len(offices) != 1 or department_kind(query.spans[offices[0]].text) != "office" \
            or not (offices[0] and query.spans[offices[0] - 1].has("place")):
        return ""  # the office of the place named right before it (洪泽区老子山镇政府办 is a town's)
    found = catalog.directory.resolve(places, ["人民政府"]).bodies
    # every place named is the government's own (洪泽区老子山镇政府办 is a town's office, not the district's)
    own = len(found) == 1 and all(p.rstrip("省市县区镇乡") in found[0] for p in places)
    return found[0] if own else ""


def section_answer(catalog: Catalog, question: str, query: Query, bodies: list[str]) -> Answer:
    """A question naming a kind of section (问题, 改进措施, 联系电话…): that part of one report."""
    said = said_of(catalog, question, query, bodies)
    if said is not None:
        return said
    reports = reports_for(catalog, query, bodies)
    if len(reports) != 1:
        return not_found(question, "请说明是哪个机关哪一年的报告。" if reports else missing_reason(query, bodies))
    return not_found(question, f"{reports[0].issuer}{reports[0].year}年的报告中没有找到这一部分。")


def said_of(catalog: Catalog, question: str, query: Query, bodies: list[str], any_year: bool = True) -> Answer | None:
    """The part of the one report asked about that says what the question asks; with no year asked of one
    body, its latest report, saying so (unless not `any_year`: then the figures' asking back stands)."""
    reports = reports_for(catalog, query, bodies) if bodies or query.years else []
    if len(reports) != 1:
        return None
    # no year said of a body with several reports: the latest one (reports_for picks it), saying so
    latest = not query.years and not query.latest and len(catalog.by_issuer.get(reports[0].issuer, [])) > 1
    if latest and not any_year:
        return None
    notes = (f"您没有说年份，这里引的是最新的{reports[0].year}年报告。",) if latest else ()
    return said_answer(catalog, question, query, reports[0], notes)


def said_answer(catalog: Catalog, question: str, query: Query, report: ReportInfo,
                notes: tuple[str, ...] = ()) -> Answer | None:
    """The part of `report` that says what the question asks (its kinds of section, its own words), or None."""
    spans = [v for s in query.spans for v in s.values("section")]
    if not spans and query.measure is not None and query.measure.section:
        spans = [query.measure.section]  # the kind the reading composed (信息公开收了多少钱: the fees' text)
    names, naming = kinds_asked(question, spans, lexicon(catalog.taught))
    # 针对 of 针对存在的问题 points at what is asked; a light word never narrows the part quoted
    words = [s.text for s in query.spans if not any(s.has(r) for r in _NOT_ASKED)
             and not (not s.meanings and weight(s.text, frozenset()) == "light")]
    named = tuple(s.text for s in query.spans if s.has("section")) + tuple(naming)
    topics = tuple(s.text for s in query.spans if s.has("topic"))
    part = find_part(catalog.sections(report.id), names, words, named, topics, _joined(query))
    if part is None or ("which_year" in query.ops and not _DATE.search(part.text)):
        return None  # 报告什么时候发布的: asked when, a part that prints no date does not say
    text = SectionText(report.issuer, report.year, report.title, part.path, part.heading, part.text)
    return Answer(question, "answered", "section", section=text, notes=notes)


def prose_words(query: Query) -> list[str]:
    """The question's words for what only a report's prose says (信息处理费)."""
    return [s.text for s in query.spans if s.has("prose")]


def quotes_all(answer: Answer, words: list[str]) -> bool:
    """The part quoted prints every one of the words (or most of a long word's pairs: 信息公开处理费)."""
    if answer.section is None:
        return False
    text = answer.section.text
    return all(explains(w, text, text.lower()) for w in words)


def _joined(query: Query) -> bool:
    """Whether two kinds of section are asked together (主要问题和改进情况, 问题及措施): joined by 和 / 及, and
    not followed by a kind asked alone (存在的主要问题及改进情况里，有哪些改进措施: the pair names where); or
    each asked with a question word of its own (存在哪些问题，下一步怎么改), where 针对问题采取了哪些措施 asks one."""
    kinds = [i for i, s in enumerate(query.spans) if s.has("section")]
    if len({v for i in kinds for v in query.spans[i].values("section")}) >= 2 and _askings(query.text) >= 2:
        return True
    return any(b == a + 2 and "and" in query.spans[a + 1].values("op") and b == kinds[-1]
               for a, b in pairwise(kinds))


def _askings(text: str) -> int:
    """How many question words of what a report says the question holds (什么 … 怎么)."""
    return len(re.findall("|".join(sorted(map(re.escape, kinds().what), key=len, reverse=True)), text))


__all__ = ["prose_words", "quotes_all", "said_answer", "said_of", "section_answer"]
