"""The one service every channel calls: ask, pick, vote, reports, sources, WeChat's replies. Channels see nothing else.

Everything it hands out is typed (an `Answer`, a `ReportRow`, a `FeedbackRow`, a tuple of file names); the chat
state and the knowledge base stay behind it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState, feedback_key
from knowledge.config import Settings, load_settings
from knowledge.model import Answer, FeedbackMark, FeedbackRow, FeedbackState, ReportRow
from knowledge.store import Catalog, count_reports
from knowledge.understanding.query import warm

_EXAMPLE_MEASURES = ("收到多少政府信息公开申请", "行政复议有几件", "不予公开的申请一共多少件")


@dataclass(frozen=True)
class ReportSummary:
    """A report the knowledge base holds, as the channels list it."""

    issuer: str
    year: int
    title: str
    template: str


class Service:
    """The answering core behind one interface, for every channel."""

    def __init__(self, answerer: Answerer) -> None:
        self.answerer = answerer

    def ask(self, question: str, chat: str | None = None, today: date | None = None) -> Answer:
        return self.answerer.ask(question, chat=chat, today=today)

    def pick(self, chat: str, index: int) -> Answer | None:
        return self.answerer.pick(chat, index)

    def vote(self, chat: str, vote: int, question: str | None = None) -> Answer | None:
        """Record 👍 (+1) or 👎 (-1) on the chat's last answer (only if it answered `question`, when given), with
        the question it followed up; the answer voted on, or None when there is none (nothing is recorded)."""
        state = self.answerer.state
        last = self.last(chat)
        if state is None or last is None or (question is not None and question != last.question):
            return None
        first = last.answer
        state.record_vote(chat, last.question, first.key if first else "", last.status, 1 if vote > 0 else -1,
                          state.load_previous(chat))
        return last

    def last(self, chat: str) -> Answer | None:
        """The chat's last answer, for /source (None when there is none, or it no longer reads)."""
        state = self.answerer.state
        return _answer_from(state.load_last(chat)) if state is not None else None

    def reports(self) -> list[ReportSummary]:
        reports = sorted(self.answerer.catalog.reports, key=lambda r: (r.issuer, r.year))
        return [ReportSummary(r.issuer, r.year, r.title, r.template) for r in reports]

    def report_rows(self) -> list[ReportRow]:
        """What the knowledge base holds, report by report, with its failing checks."""
        return report_rows(self.answerer.catalog.path)

    def files_of(self, issuer: str, year: int) -> tuple[str, ...]:
        """The names of the files the report of `issuer` and `year` was read from."""
        report = self.answerer.catalog.report(issuer, year)
        return report.files if report else ()

    def count_reports(self) -> int:
        """Reports in the base now, on a connection of its own (so a broken base shows, whatever the
        answering connection is doing)."""
        return count_reports(self.answerer.catalog.path)

    def examples(self, held: tuple[str, ...] | list[str] = ()) -> list[str]:
        """Three questions the knowledge base can answer (for the bodies named in `held`, when given)."""
        catalog = self.answerer.catalog
        wanted = [h.split("：", 1)[0] for h in held]
        bodies = [b for b in wanted if b in catalog.by_issuer] or catalog.latest_bodies(3)
        out = []
        for n, body in enumerate(bodies[:3]):
            latest = catalog.by_issuer[body][-1]
            measure = _EXAMPLE_MEASURES[n % 3] if latest.template != "older" else "主动公开了多少条信息"
            out.append(f"{body}{latest.year}年{measure}")
        return out

    @property
    def db_path(self) -> Path:
        """The knowledge base file (for the staff pages, which read it through knowledge.staff)."""
        return self.answerer.catalog.path

    @property
    def default_issuer(self) -> str:
        """The body a question naming none is asked of (config.toml's [answer] default_issuer), or ""."""
        return self.answerer.default_issuer

    def feedback(self) -> list[FeedbackRow]:
        """Votes and unanswered questions, oldest first (none when the bot keeps no state)."""
        state = self.answerer.state
        return [FeedbackRow.from_dict(row) for row in state.feedback()] if state is not None else []

    def feedback_marks(self) -> dict[str, FeedbackMark]:
        """The state of each feedback entry staff marked, by its key (knowledge.chat.state.feedback_key)."""
        state = self.answerer.state
        return state.marks() if state is not None else {}

    def mark_feedback(self, key: str, state: str) -> None:
        """Give the feedback entry `key` a state: open, taught, corrected or not_in_reports."""
        if self.answerer.state is not None:
            self.answerer.state.mark(key, state)

    # WeChat sends a message again until it gets a reply: the first worker to claim its MsgId computes the
    # reply and keeps it in the state store, where the retries on any worker find it.
    def claim_reply(self, key: str) -> bool:
        """Whether this caller computes the reply of `key` (always, when the bot keeps no state)."""
        state = self.answerer.state
        return state.claim_reply(key) if state is not None else True

    def save_reply(self, key: str, reply: str) -> None:
        """Keep the reply of a claimed key for the retries."""
        if self.answerer.state is not None:
            self.answerer.state.save_reply(key, reply)

    def reply_for(self, key: str) -> str | None:
        """The reply kept for `key`, or None while it is being computed (or when nothing is kept)."""
        state = self.answerer.state
        return state.load_reply(key) if state is not None else None

    def hits(self, key: str, window: float, add: int = 1) -> tuple[int, float]:
        """A count shared by every worker (a client's wrong login guesses), after adding `add`, with the seconds
        left of its window; (0, 0.0) when the bot keeps no state."""
        state = self.answerer.state
        return state.hits(key, window, add) if state is not None else (0, 0.0)

    def check_state(self) -> str:
        """The state store the answers depend on ("sqlite", "redis", or "none"), after a round trip to it; a
        StateError names it when it cannot be reached."""
        state = self.answerer.state
        return state.check() if state is not None else "none"

    @contextlib.contextmanager
    def one_write(self) -> Iterator[None]:
        """The chat state written in the block (a turn and a reply) goes to the store as one commit."""
        if self.answerer.state is None:
            yield
            return
        with self.answerer.state.one_write():
            yield

    def close(self) -> None:
        _close_answerer(self.answerer)


def open_service(db: str | Path | None = None, settings: Settings | None = None, chats: bool = True) -> Service:
    """The service of the configured base, warmed so that the first question is as quick as the rest.

    Without `chats` it opens no state store: one question on its own needs none (and can then be asked of a base
    whose folder is read-only, with no state store configured or reachable).
    """
    service = Service(_open_answerer(db, settings, chats))
    warm(service.answerer.catalog.directory)
    return service


def check_openable(settings: Settings) -> None:
    """Open the base and the chat state once and close them again: what is missing or unreachable raises."""
    _close_answerer(_open_answerer(settings=settings))


def report_rows(db: str | Path) -> list[ReportRow]:
    """What the base at `db` holds, report by report, with its failing checks said in words."""
    from knowledge.staff import list_reports  # the staff room, loaded only by those who list reports

    return list_reports(db)


def feedback_rows(settings: Settings) -> list[FeedbackRow]:
    """Votes and unanswered questions from the chat state of the settings, oldest first."""
    state = _open_state(settings)
    try:
        return [FeedbackRow.from_dict(row) for row in state.feedback()]
    finally:
        state.close()


def set_feedback_state(settings: Settings, question: str, state: FeedbackState, previous: str = "") -> None:
    """Mark the feedback entry of `question` (asked after `previous`, for a follow-up) in the chat state of the
    settings: what a correction (`corrected`) or a taught phrase (`taught`) calls when it deals with one."""
    chat_state = _open_state(settings)
    try:
        chat_state.mark(feedback_key(question, previous), state)
    finally:
        chat_state.close()


def _open_answerer(db: str | Path | None = None, settings: Settings | None = None, chats: bool = True) -> Answerer:
    """An Answerer over the configured knowledge base, with chat state in the configured store (or none)."""
    settings = settings or load_settings(db)
    catalog = Catalog(settings.db)
    state: ChatState | None = None
    try:
        state = _open_state(settings) if chats else None
        return Answerer(catalog, state, settings.default_issuer)
    except BaseException:
        catalog.close()
        if state is not None:
            state.close()
        raise


def _open_state(settings: Settings) -> ChatState:
    """The chat state of the settings: Redis when a URL is set, else the SQLite state file."""
    return ChatState(settings.state, ttl_seconds=settings.context_ttl_minutes * 60)


def _close_answerer(answerer: Answerer) -> None:
    answerer.catalog.close()
    if answerer.state is not None:
        answerer.state.close()


def _answer_from(data: Any) -> Answer | None:
    """The answer a chat state kept, or None when what is kept no longer reads as one."""
    if not isinstance(data, dict):
        return None
    try:
        return Answer.from_dict(data)
    except (TypeError, KeyError, ValueError):
        return None
