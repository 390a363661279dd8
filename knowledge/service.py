"""Open the answering core the way every channel does: settings → catalog, chat state, answerer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from knowledge.answer import Answerer
from knowledge.catalog import Catalog
from knowledge.config import Settings, load_settings
from knowledge.context import ChatState
from knowledge.errors import DatabaseMissing, DatabaseUnreadable


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


def open_state(settings: Settings) -> ChatState:
    """The chat state of the settings: Redis when a URL is set, else the SQLite file beside the base."""
    return ChatState(settings.state, ttl_seconds=settings.context_ttl_minutes * 60)


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
