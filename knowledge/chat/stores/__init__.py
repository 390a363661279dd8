"""Where chat state lives: one small interface (`StateStore`), and `open_store` choosing its backend.

A store keeps, per chat, a few named values ("context", "choices", "last"), each
with the time it was written; a log of feedback rows (votes and unanswered
questions) and the state staff gave each entry of it (a mark per key); and WeChat's reply cache, where the first worker to claim a MsgId
computes the reply and every retry of it, on any worker, gets that reply.
Values are JSON text made by ChatState; a store never interprets them.

Backends: `sqlite` (a file beside the knowledge base, one machine) and `redis` (shared by machines). A new
backend is a module here (with a `Store` class) and its URL scheme in knowledge/config.py's STATE_BACKENDS.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from knowledge.config import STATE_BACKENDS

__all__ = ["FEEDBACK_FIELDS", "FEEDBACK_KEEP_SECONDS", "MIN_KEEP_SECONDS", "PENDING", "Reply", "StateStore",
           "feedback_json", "feedback_row", "open_store", "safe_text"]

# How long a chat's values and WeChat replies are kept before they are deleted, at the least.
MIN_KEEP_SECONDS = 24 * 3600
FEEDBACK_KEEP_SECONDS = 180 * 24 * 3600
FEEDBACK_FIELDS = ("chat", "question", "answer_key", "status", "vote", "at", "previous")
PENDING = ""  # the reply of a claimed MsgId while it is being computed
Reply = tuple[str, str, float]  # a WeChat reply to keep: MsgId key, reply XML, seconds to keep it


def safe_text(text: str) -> str:
    """Text without lone surrogates, which neither SQLite nor Redis can encode as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


class StateStore(Protocol):
    """The operations every backend offers; each write is one transaction (or one pipeline)."""

    keep_seconds: float
    kind: str  # what /healthz names: "sqlite" or "redis"

    def write(self, chat: str, values: dict[str, str], at: float, feedback: list[dict],
              replies: Sequence[Reply] = ()) -> None:
        """Set the chat's named values, append feedback rows and store WeChat replies, all at once."""

    def read(self, chat: str, name: str) -> tuple[str, float] | None:
        """A value of the chat and when it was written, or None."""

    def feedback(self) -> list[dict]:
        """Every feedback row kept, oldest first."""

    def mark(self, key: str, state: str, at: float) -> None:
        """Set the state of the feedback entry `key` (replacing the one it had)."""

    def marks(self) -> dict[str, tuple[str, float]]:
        """The state of every feedback entry marked, and when it was set."""

    def claim(self, key: str, ttl: float) -> bool:
        """True for exactly one caller per key (until ttl passes): that caller computes the reply."""

    def put_reply(self, key: str, reply: str, ttl: float) -> None:
        """The computed reply of a claimed key, for the retries."""

    def get_reply(self, key: str) -> str | None:
        """The reply of a key, or None while it is still being computed (or was never claimed)."""

    def hits(self, key: str, window: float, add: int) -> tuple[int, float]:
        """Add `add` to the key's count and return it, with the seconds left of its window (which starts at the
        first hit and lasts `window` seconds; then the count starts again from nothing)."""

    def check(self) -> None:
        """A round trip to the store now: StateError when it cannot be reached."""

    def expire(self, now: float | None = None) -> int:
        """Delete what has outlived its keeping time; how many entries went."""

    def close(self) -> None: ...


def feedback_row(chat: str, row: dict) -> tuple:
    return (chat, safe_text(str(row.get("question", ""))), safe_text(str(row.get("answer_key", ""))),
            safe_text(str(row.get("status", ""))), int(row.get("vote", 0)), float(row.get("at", time.time())),
            safe_text(str(row.get("previous", ""))))


def feedback_json(chat: str, row: dict) -> str:
    """A feedback row as the JSON text the Redis backend keeps in its list."""
    return json.dumps(dict(zip(FEEDBACK_FIELDS, feedback_row(chat, row), strict=True)))


def open_store(where: str | Path, keep_seconds: float = MIN_KEEP_SECONDS) -> StateStore:
    """A store for a URL of a scheme in config.STATE_BACKENDS (redis://…), else for a SQLite file path."""
    text = str(where)
    backend = next((name for scheme, name in STATE_BACKENDS.items() if text.startswith(scheme)), "sqlite")
    # Imported here: only the deployments that use a backend pay for its client library.
    module = importlib.import_module(f"knowledge.chat.stores.{backend}")
    store: StateStore = module.Store(where if backend == "sqlite" else text, keep_seconds=keep_seconds)
    return store
