"""Per-chat context for follow-ups, choice lists, last answers, feedback and WeChat replies, in a state store.

The store is a SQLite file beside the knowledge base (one machine) or a Redis
server (several machines); see knowledge/chat/stores/. knowledge/chat/saved.py turns the core's
objects into JSON text and back; the store only keeps text.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.chat.saved import (
    answer_json,
    choices_from,
    choices_json,
    dumps,
    loads,
    query_from,
    query_json,
)
from knowledge.chat.stores import MIN_KEEP_SECONDS, Reply, StateStore, open_store, safe_text
from knowledge.model import FEEDBACK_STATES, Answer, Choice, FeedbackMark
from knowledge.normalize import normalize
from knowledge.understanding.query import Query
from xxgk_errors import FeedbackStateError

# WeChat retries a message three times within about 15 seconds; a claim outlives that.
CLAIM_SECONDS = 30
REPLY_SECONDS = 300
_NOT_IN_KEY = re.compile(r"[\s。？?！!，,、.]+")


def feedback_key(question: str, previous: str = "") -> str:
    """The entry of the feedback list a question belongs to: the same words (as normalised, without spaces and
    punctuation) after the same turn before, for a follow-up."""
    def words(text: str) -> str:
        return _NOT_IN_KEY.sub("", normalize(text))

    return f"{words(previous)}→{words(question)}" if previous.strip() else words(question)


class ChatState:
    """What each chat resolved last, until it expires; shared by every worker that opens the same store."""

    def __init__(self, where: str | Path | StateStore, ttl_seconds: float = 1800) -> None:
        self.ttl = ttl_seconds
        keep = max(4 * ttl_seconds, MIN_KEEP_SECONDS)
        self.store: StateStore = open_store(where, keep) if isinstance(where, str | Path) else where
        self._local = threading.local()  # writes held by one_write, per thread

    # --- follow-up context -----------------------------------------------------------
    def load(self, chat: str, now: float | None = None) -> Query | None:
        data = self._fresh(chat, "context", now)
        return query_from(data) if data is not None else None

    def save(self, chat: str, query: Query, now: float | None = None) -> None:
        self._write(chat, {"context": query_json(query)}, now)

    # --- choices offered, so that a button or a typed number can pick one ------------
    def save_choices(self, chat: str, choices: list[Choice]) -> None:
        self._write(chat, {"choices": choices_json(choices)})

    def load_choices(self, chat: str) -> list[Choice]:
        data = self._fresh(chat, "choices")
        return choices_from(data) if data is not None else []

    # --- the chat's last answer, for /source and for feedback buttons ----------------
    def save_last(self, chat: str, answer: Answer) -> None:
        self._write(chat, {"last": answer_json(answer)})

    def load_last(self, chat: str) -> dict | None:
        found = self.store.read(chat, "last")
        return loads(found[0]) if found else None

    def save_turn(self, chat: str, context: Query | None, choices: list[Choice] | None, last: Answer | None,
                  miss: str | None = None, previous: str = "") -> None:
        """Everything one question leaves behind, in one commit: context, choices, last answer, a miss, and the
        question it followed up (`previous`, kept with the last answer for a vote on it)."""
        values = {"previous": dumps(previous)}
        if context is not None:
            values["context"] = query_json(context)
        if choices:
            values["choices"] = choices_json(choices)
        if last is not None:
            values["last"] = answer_json(last)
        status = last.status if last is not None else "not_found"
        misses = [_feedback(miss, "", status, 0, previous)] if miss is not None else []
        self._store_write(chat, values, time.time(), misses)

    def load_previous(self, chat: str) -> str:
        """The question the chat's last answer followed up ("" when it was not a follow-up)."""
        found = self.store.read(chat, "previous")
        data = loads(found[0]) if found else None
        return data if isinstance(data, str) else ""

    # --- feedback for staff ----------------------------------------------------------
    def record_vote(self, chat: str, question: str, answer_key: str, status: str, vote: int,
                    previous: str = "") -> None:
        self._store_write(chat, {}, time.time(), [_feedback(question, answer_key, status, vote, previous)])

    def record_miss(self, chat: str, question: str, status: str) -> None:
        """A question the bot could not answer (or asked back on), for staff to review."""
        self.record_vote(chat, question, "", status, 0)

    def feedback(self) -> list[dict]:
        """Votes (+1 / -1) and unanswered questions (vote 0), oldest first."""
        return self.store.feedback()

    def mark(self, key: str, state: str, now: float | None = None) -> None:
        """Give the feedback entry `key` a state (FEEDBACK_STATES); anything else raises FeedbackStateError."""
        if state not in FEEDBACK_STATES:
            raise FeedbackStateError(f"反馈状态只能是 {'、'.join(FEEDBACK_STATES)}，不是“{state}”")
        self.store.mark(safe_text(key), state, time.time() if now is None else now)

    def marks(self) -> dict[str, FeedbackMark]:
        """The state of every feedback entry marked (an entry never marked is open)."""
        return {key: FeedbackMark(state, at) for key, (state, at) in self.store.marks().items()
                if state in FEEDBACK_STATES}

    # --- WeChat's retries: one computation per MsgId, on whichever worker gets it first -
    def claim_reply(self, key: str) -> bool:
        return self.store.claim(key, CLAIM_SECONDS)

    def save_reply(self, key: str, reply: str) -> None:
        held = self._held()
        if held is not None:
            held.replies.append((key, reply, REPLY_SECONDS))
        else:
            self.store.put_reply(key, reply, REPLY_SECONDS)

    @contextlib.contextmanager
    def one_write(self) -> Iterator[None]:
        """Hold this thread's writes of the block and send them to the store at its end, as one commit.

        A WeChat message leaves two writes, the chat's turn and the reply kept for retries; one commit
        (one Redis round trip) instead of two. Inside the block the context and choices read the held
        writes (the last answer, replies and feedback are read from the store). Writes of a block that
        raises are not sent; a block inside another holds its writes for the outer one.
        """
        if self._held() is not None:
            yield
            return
        held = _Held()
        self._local.held = held
        try:
            yield
        finally:
            self._local.held = None
        held.send(self.store)

    def load_reply(self, key: str) -> str | None:
        return self.store.get_reply(key)

    # --- counts shared by every worker (login guesses), and the store's health ---------
    def hits(self, key: str, window: float, add: int = 1) -> tuple[int, float]:
        """The key's count after adding `add`, and the seconds left of its window."""
        return self.store.hits(key, window, add)

    def check(self) -> str:
        """The store's kind, after a round trip to it (StateError when it cannot be reached)."""
        self.store.check()
        return self.store.kind

    def expire(self, now: float | None = None) -> int:
        """Delete chats not heard from for the keeping time (and old feedback); how many entries went."""
        return self.store.expire(now)

    def close(self) -> None:
        self.store.close()

    def _fresh(self, chat: str, name: str, now: float | None = None) -> Any:
        held = self._held()
        found = held.read(chat, name) if held is not None else None
        found = found or self.store.read(chat, name)
        now = time.time() if now is None else now
        if found is None or now - found[1] > self.ttl:
            return None
        return loads(found[0])

    def _write(self, chat: str, values: dict[str, str], now: float | None = None) -> None:
        self._store_write(chat, values, time.time() if now is None else now, [])

    def _store_write(self, chat: str, values: dict[str, str], at: float, feedback: list[dict]) -> None:
        held = self._held()
        if held is not None:
            held.turns.append((chat, values, at, feedback))
        else:
            self.store.write(chat, values, at, feedback)

    def _held(self) -> _Held | None:
        return getattr(self._local, "held", None)


@dataclass
class _Held:
    """Writes held back by ChatState.one_write, in the order they were made."""

    turns: list[tuple[str, dict[str, str], float, list[dict]]] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)

    def read(self, chat: str, name: str) -> tuple[str, float] | None:
        """The latest held value of the chat, so that the block reads its own writes."""
        return next(((v[name], at) for c, v, at, _ in reversed(self.turns) if c == chat and name in v), None)

    def send(self, store: StateStore) -> None:
        """Every held write, the replies with the last turn (one commit when there is one turn)."""
        for chat, values, at, feedback in self.turns[:-1]:
            store.write(chat, values, at, feedback)
        if self.turns:
            chat, values, at, feedback = self.turns[-1]
            store.write(chat, values, at, feedback, self.replies)
            return
        for key, reply, ttl in self.replies:
            store.put_reply(key, reply, ttl)


def _feedback(question: str, answer_key: str, status: str, vote: int, previous: str = "") -> dict:
    return {"question": question, "answer_key": answer_key, "status": status, "vote": vote, "at": time.time(),
            "previous": previous}
