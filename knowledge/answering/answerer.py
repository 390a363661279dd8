"""The answering core: a question in, a structured answer out. It sends nothing."""

from __future__ import annotations

import gc
import re
from dataclasses import replace
from datetime import date

from knowledge.answering.operations import Operations
from knowledge.answering.readings import prose_words_of
from knowledge.answering.several import held_years
from knowledge.chat.state import ChatState
from knowledge.model import Answer, Figure, SpanRole, Understood
from knowledge.normalize import normalize
from knowledge.store.read import Catalog
from knowledge.understanding.followups import is_followup, merge_followup, year_before
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.query import Query, understand
from knowledge.understanding.typed import question_text
from xxgk_errors import ConfigError, XxgkError

MAX_QUESTION = 500  # characters of a question the core reads; every channel cuts what people send to it
_HAS_WORDS = re.compile(r"[\u4e00-\u9fff]")
HELP_REASON = "我回答政府信息公开工作年度报告里的数字，并注明出处。可以这样问：“2020年收到多少政府信息公开申请”。"


def understood_of(query: Query) -> Understood:
    """The spans of the question and the role each was given, for people to see why an answer was given."""
    spans = []
    for i, span in enumerate(query.spans):
        meaning = span.meanings[0] if span.meanings else None
        used = [m for m in span.meanings if i in query.used]
        chosen = used[0] if used else meaning
        spans.append(SpanRole(span.text, chosen.role if chosen else "", chosen.value if chosen else ""))
    return Understood(tuple(spans), query.unexplained, query.set_aside)


_MARKS_RUN = re.compile(r"[,:;，：；。!！?？]{2,}")


def reading_note(query: Query) -> str:
    """One short line saying how a question was read when words were set aside (按“…”理解), a body's name was
    read as a held one that sounds alike, or the place named is also the name of places none of whose such body
    is held."""
    kept = "".join(s.text for i, s in enumerate(query.spans) if i not in query.aside)
    kept = _MARKS_RUN.sub(lambda m: m.group()[-1], kept).strip(",:;，：；。!！ ")  # the marks of words left out
    lines = [f"“{query.sounded[0]}”按“{query.sounded[1]}”理解"] if query.sounded else []
    lines += [f"“{s.text}”按“{s.heard}”理解" for i, s in enumerate(query.spans) if s.heard and i not in query.aside]
    lines += [f"“{asked}”按{read}理解" for asked, read in query.read_as]
    lines += [f"按“{kept}”理解"] if query.set_aside and kept else []
    lines += [f"另有同名的{'、'.join(query.also)}，知识库中没有它的这一机关的报告"] if query.also else []
    return "；".join(lines)


def held_body(catalog: Catalog, name: str) -> str:
    """The one held body a name means, read as a question's body name is ("蓟州区" → 天津市蓟州区).

    A name that means no held body, or several, is a ConfigError: a deployment for one body must never answer
    with another's figures.
    """
    query = understand(normalize(name), catalog.directory, date.today(), lexicon(catalog.taught))
    if len(query.bodies) == 1:
        return query.bodies[0]
    if query.bodies:
        raise ConfigError(f"[answer] default_issuer {name!r} 指向多个机关：{'、'.join(query.bodies)}；请写出其中一个")
    inside = f"（知识库中 {query.place} 所辖的有：{'、'.join(query.inside)}）" if query.inside else ""
    raise ConfigError(f"[answer] default_issuer {name!r} 不是知识库中任何一个机关的名称{inside}")


class Answerer:
    """Answers questions from one knowledge base, keeping follow-up context per chat."""

    def __init__(self, catalog: Catalog, state: ChatState | None = None, default_issuer: str = "") -> None:
        self.catalog = catalog
        self.state = state
        self.default_issuer = held_body(catalog, default_issuer) if default_issuer else ""

    def ask(self, question: str, chat: str | None = None, today: date | None = None) -> Answer:
        """Answer one question; with a chat id, a follow-up reuses what that chat asked before."""
        self._reload_if_rebuilt()
        text = question_text(question[:MAX_QUESTION])
        if not _HAS_WORDS.search(text):
            return Answer(question, "not_found", reason="请用中文提问，例如“2020年收到多少申请”。",
                          held=self.held_summary([]))
        query = understand(text, self.catalog.directory, today or date.today(),
                           lexicon(self.catalog.taught))
        if query.small_talk:
            return Answer(question, "not_found", reason=HELP_REASON, small_talk=query.small_talk,
                          understood=understood_of(query), held=self.held_summary([]))
        query, answer, followed = self._in_chat(question, self._that_year(query, chat), chat, today or date.today())
        answer = replace(answer, understood=understood_of(query))
        note = reading_note(query) if answer.status == "answered" else ""
        if note:
            answer = replace(answer, notes=(note, *answer.notes))
        answer = self._with_body_notes(answer)
        if answer.status == "not_found" and not answer.held:
            answer = replace(answer, held=self.held_summary(list(query.bodies)))
        if self.state and chat:
            found = answer.status != "not_found"
            # A turn asked back or not found keeps what it understood: the next turn completes it (那2023年的呢).
            kept = found or bool(query.measure or query.bodies or query.years)
            self.state.save_turn(chat, self._context_after(query, answer) if kept else None, list(answer.choices),
                                 answer, None if found else question[:MAX_QUESTION], followed)
        return answer

    def _in_chat(self, question: str, query: Query, chat: str | None, today: date) -> tuple[Query, Answer, str]:
        """The query as the chat completes it, its answer, and the question it follows up ("" when none)."""
        previous = self.state.load(chat) if (self.state and chat) else None
        followed = ""  # the question this one follows up, kept with its feedback
        turn_unit = query.unit
        if previous is not None and is_followup(query, previous):
            query, followed = merge_followup(query, previous), previous.text
        elif previous is None or not previous.years:  # in a chat on a year, 上一年 is asked back
            query = year_before(query, today)
        operations = Operations(self.catalog, self.default_issuer)
        answer = operations.answer(question, query)
        if answer.status == "not_found" and followed and query.unit and not turn_unit and query.unknown:
            # 在线访谈呢 after 政策解读多少篇: the unit was the last figure's; words of the turn's own may count in another
            retried = operations.answer(question, replace(query, unit=""))
            if retried.status == "answered":
                return replace(query, unit=""), retried, followed
        return query, answer, followed

    def _that_year(self, query: Query, chat: str | None) -> Query:
        """那年 / 该年: the year the chat is on, that of the one figure (or the chosen year) last stated."""
        # 收到申请最多的那一年予以公开多少: the year is the superlative's, which this reading did not find
        if "that_year" not in query.ops or query.years or not (self.state and chat) or query.ops & {"max", "min"}:
            return query
        last = self.state.load_last(chat) or {}
        figures = last.get("figures") or [] if last.get("status") == "answered" else []
        one_year = last.get("kind") == "superlative" or len({f.get("year") for f in figures}) == 1
        year = figures[0].get("year") if figures and one_year else None
        return replace(query, years=(year,)) if isinstance(year, int) else query

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
        if gc.get_freeze_count():
            # A serving process froze what start-up loaded out of collection (bot/web/workers.py): the old
            # base's reference cycles would stay for good. Collect once, then freeze the new base.
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    def pick(self, chat: str, index: int) -> Answer | None:
        """Answer with choice `index` (1-based) of the chat's last ambiguous answer; it becomes the context.

        None when the chat has no list to pick from; the list again, with the numbers that pick, when `index`
        is outside it."""
        if self.state is None:
            return None
        choices = self.state.load_choices(chat)
        if choices and not 1 <= index <= len(choices):
            # A number outside the list offered: say which numbers pick, and offer the list again.
            return Answer(str(index), "ambiguous", choices=tuple(choices), choices_total=len(choices),
                          reason=f"没有第{index}项。请回复 1 到 {len(choices)} 之间的数字选择，或直接提问。")
        if not 1 <= index <= len(choices) or choices[index - 1].figure is None:
            return None
        choice = choices[index - 1]
        figure = choice.figure
        assert figure is not None
        answer = self._with_body_notes(Answer(choice.question, "answered",
                                              "fact" if figure.kind == "fact" else figure.kind, figures=(figure,)))
        previous = self.state.load(chat)
        context = replace(previous, bodies=(figure.issuer,), years=(figure.year,), place="", inside=(),
                          unexplained=(), unknown=()) if previous is not None else None  # the pick settles it
        self.state.save_turn(chat, context, None, answer)
        return answer

    def _with_body_notes(self, answer: Answer) -> Answer:
        """An answer stating what a body printed as no division reported says how that body was read (报告印作
        “沐阳县”，按文件名“shuyang-2025.txt”读作“沭阳县”)."""
        if answer.status != "answered":
            return answer
        issuers = [f.issuer for f in answer.figures] + ([answer.section.issuer] if answer.section else [])
        notes = [note for issuer in dict.fromkeys(issuers) if (note := self.catalog.body_note(issuer))]
        return replace(answer, notes=(*answer.notes, *notes)) if notes else answer

    def _context_after(self, query: Query, answer: Answer) -> Query:
        first = answer.answer
        said = (query.unknown or (prose_words_of(query) if query.measure is None else ())) \
            if first is not None and first.kind == "fact" else ()
        if answer.status == "answered" and said:
            # Answered by the text for words no table cell explains (信息处理费, or 主动公开 where no cell is read):
            # the next turn asks the text again (2023年呢), never the cell the rest of the question names.
            query = replace(query, unexplained=tuple(said), unknown=tuple(said))
        elif answer.status == "answered":
            query = replace(query, unexplained=(), unknown=())  # answered: nothing left for the next turn to carry
        # a sum over years or bodies (这三年一共) stays on them: its parts' years and bodies count
        stated = {(f.issuer, f.year) for figure in answer.figures for f in (figure, *figure.parts)}
        if first is not None and len(stated) == 1:
            return replace(query, bodies=(first.issuer,), years=(first.year,), place="", inside=(), latest=False,
                           ops=query.ops - {"series", "max", "min", "more", "less", "change", "compare"})
        return query

    def held_summary(self, issuers: list[str]) -> tuple[str, ...]:
        """What the knowledge base holds, for the issuers asked about (or all, briefly)."""
        names = [i for i in issuers if i in self.catalog.by_issuer] or self.catalog.bodies_with_years((), 10)
        return held_years(self.catalog, names)


__all__ = ["Answer", "Answerer", "Figure"]
