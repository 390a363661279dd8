"""The one service every channel calls: ask, pick, vote, reports, sources. Channels see nothing else."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState
from knowledge.config import Settings, load_settings
from knowledge.model import Answer
from knowledge.store.read import Catalog
from knowledge.understanding.query import warm
from xxgk_errors import DatabaseMissing, DatabaseUnreadable

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

    def vote(self, chat: str, vote: int) -> None:
        """Record 👍 (+1) or 👎 (-1) on the chat's last answer."""
        state = self.answerer.state
        if state is None:
            return
        last = state.load_last(chat) or {}
        figure = last.get("answer") or {}
        state.record_vote(chat, last.get("question", ""), figure.get("key", ""), last.get("status", ""), vote)

    def last(self, chat: str) -> dict | None:
        """The chat's last answer (as `Answer.to_dict()`), for /source."""
        state = self.answerer.state
        return state.load_last(chat) if state is not None else None

    def reports(self) -> list[ReportSummary]:
        reports = sorted(self.answerer.catalog.reports, key=lambda r: (r.issuer, r.year))
        return [ReportSummary(r.issuer, r.year, r.title, r.template) for r in reports]

    def report_rows(self) -> list[dict]:
        """What the knowledge base holds, report by report, with its failing checks."""
        from knowledge.staff.reports import list_reports

        return list_reports(self.answerer.catalog.path)

    def files_of(self, issuer: str, year: int) -> str:
        report = self.answerer.catalog.report(issuer, year)
        return report.files if report else "[]"

    def count_reports(self) -> int:
        """Reports in the base now, on a connection of its own (so a broken base shows, whatever the
        answering connection is doing)."""
        return count_reports(self.answerer.catalog.path)

    def examples(self, held: tuple[str, ...] | list[str] = ()) -> list[str]:
        """Three questions the knowledge base can answer (for the bodies named in `held`, when given)."""
        catalog = self.answerer.catalog
        wanted = [h.split("：", 1)[0] for h in held]
        bodies = [b for b in wanted if b in catalog.by_issuer] or sorted(
            catalog.by_issuer, key=lambda b: -catalog.by_issuer[b][-1].year)
        out = []
        for n, body in enumerate(bodies[:3]):
            latest = catalog.by_issuer[body][-1]
            measure = _EXAMPLE_MEASURES[n % 3] if latest.template != "older" else "主动公开了多少条信息"
            out.append(f"{body}{latest.year}年{measure}")
        return out

    @property
    def db_path(self) -> Path:
        """The knowledge base file (for the staff pages, which read it through knowledge.staff.service)."""
        return self.answerer.catalog.path

    def replies(self) -> ChatState | None:
        """The shared store of WeChat replies (claim, save, load), when the bot keeps state."""
        return self.answerer.state

    def close(self) -> None:
        close_answerer(self.answerer)


def open_answerer(db: str | Path | None = None, settings: Settings | None = None) -> Answerer:
    """An Answerer over the configured knowledge base, with chat state in the configured store."""
    settings = settings or load_settings(db)
    catalog = Catalog(settings.db)
    try:
        state = open_state(settings)
    except BaseException:
        catalog.close()
        raise
    return Answerer(catalog, state, settings.default_issuer)


def open_service(db: str | Path | None = None, settings: Settings | None = None) -> Service:
    """The service of the configured base, warmed so that the first question is as quick as the rest."""
    service = Service(open_answerer(db, settings))
    warm(service.answerer.catalog.directory)
    return service


def open_state(settings: Settings) -> ChatState:
    """The chat state of the settings: Redis when a URL is set, else the SQLite file beside the base."""
    return ChatState(settings.state, ttl_seconds=settings.context_ttl_minutes * 60)


def feedback_rows(settings: Settings) -> list[dict]:
    """Votes and unanswered questions from the chat state, oldest first."""
    state = open_state(settings)
    try:
        return state.feedback()
    finally:
        state.close()


def close_answerer(answerer: Answerer) -> None:
    answerer.catalog.close()
    if answerer.state is not None:
        answerer.state.close()


def count_reports(db: str | Path) -> int:
    """How many reports the file at `db` holds, read on a connection of its own (for health checks)."""
    path = Path(db)
    if not path.exists():
        raise DatabaseMissing(f"知识库不存在：{path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(f"知识库无法读取：{exc}") from exc
