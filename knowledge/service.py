"""Open the answering core the way every channel does: settings → catalog, chat state, answerer."""

from __future__ import annotations

from pathlib import Path

from knowledge.answer import Answerer
from knowledge.catalog import Catalog
from knowledge.config import Settings, load_settings
from knowledge.context import ChatState


def open_answerer(db: str | Path | None = None, settings: Settings | None = None) -> Answerer:
    """An Answerer over the configured knowledge base, with chat state beside it."""
    settings = settings or load_settings(db)
    catalog = Catalog(settings.db)
    state = ChatState(settings.state_db, ttl_seconds=settings.context_ttl_minutes * 60)
    return Answerer(catalog, state, settings.default_issuer)


def close_answerer(answerer: Answerer) -> None:
    answerer.catalog.close()
    if answerer.state is not None:
        answerer.state.close()
