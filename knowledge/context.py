"""Per-chat context for follow-ups, kept in a small state database beside the knowledge base."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from knowledge.compose import Measure
from knowledge.model import Answer, Choice
from knowledge.understand import Query


def query_to_data(query: Query) -> dict[str, Any]:
    """The slots of a query a follow-up can reuse (not its spans)."""
    return {"text": query.text, "bodies": list(query.bodies), "place": query.place, "inside": list(query.inside),
            "years": list(query.years), "latest": query.latest, "ops": sorted(query.ops), "unit": query.unit,
            "measure": {**asdict(query.measure), "named": sorted(query.measure.named)} if query.measure else None}


def query_from_data(data: dict[str, Any]) -> Query:
    measure = data.get("measure")
    if measure:
        measure = Measure(**{**measure, **{k: tuple(measure[k]) for k in ("rows", "columns", "groups", "parts")},
                             "named": frozenset(measure["named"])})
    return Query(data["text"], bodies=tuple(data["bodies"]), place=data["place"], inside=tuple(data["inside"]),
                 years=tuple(data["years"]), latest=data["latest"], ops=frozenset(data["ops"]), unit=data["unit"],
                 measure=measure)


class ChatState:
    """The last question each chat resolved, its choices and last answer, until they expire; feedback."""

    def __init__(self, path: str | Path, ttl_seconds: float = 1800) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.ttl = ttl_seconds
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("CREATE TABLE IF NOT EXISTS context (chat TEXT PRIMARY KEY, data TEXT, updated REAL)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS choices (chat TEXT PRIMARY KEY, data TEXT, updated REAL)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS last_answer (chat TEXT PRIMARY KEY, data TEXT)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, chat TEXT, question TEXT, "
                          "answer_key TEXT, status TEXT, vote INTEGER, at REAL)")
        self.conn.commit()

    def load(self, chat: str, now: float | None = None) -> Query | None:
        now = time.time() if now is None else now
        with self._lock:
            row = self.conn.execute("SELECT data, updated FROM context WHERE chat = ?", [chat]).fetchone()
        if row is None or now - row[1] > self.ttl:
            return None
        return query_from_data(json.loads(row[0]))

    def save(self, chat: str, query: Query, now: float | None = None) -> None:
        self.save_turn(chat, query, None, None, False, now)

    def save_turn(self, chat: str, context: Query | None, choices: list[Choice] | None, last: Answer | None,
                  miss: bool, now: float | None = None) -> None:
        """Everything one question leaves behind, in one commit."""
        now = time.time() if now is None else now
        with self._lock:
            if context is not None:
                self.conn.execute("INSERT OR REPLACE INTO context VALUES (?, ?, ?)",
                                  [chat, json.dumps(query_to_data(context), ensure_ascii=False), now])
            if choices:
                data = json.dumps([c.to_dict() for c in choices], ensure_ascii=False)
                self.conn.execute("INSERT OR REPLACE INTO choices VALUES (?, ?, ?)", [chat, data, now])
            if last is not None:
                self.conn.execute("INSERT OR REPLACE INTO last_answer VALUES (?, ?)",
                                  [chat, json.dumps(last.to_dict(), ensure_ascii=False)])
            if miss and last is not None:
                self.conn.execute("INSERT INTO feedback (chat, question, answer_key, status, vote, at) "
                                  "VALUES (?, ?, ?, ?, ?, ?)", [chat, last.question, "", last.status, 0, now])
            self.conn.execute("DELETE FROM context WHERE updated < ?", [now - self.ttl * 4])
            self.conn.commit()

    def load_choices(self, chat: str) -> list[Choice]:
        with self._lock:
            row = self.conn.execute("SELECT data, updated FROM choices WHERE chat = ?", [chat]).fetchone()
        if row is None or time.time() - row[1] > self.ttl:
            return []
        return [Choice.from_dict(c) for c in json.loads(row[0])]

    def load_last(self, chat: str) -> dict | None:
        with self._lock:
            row = self.conn.execute("SELECT data FROM last_answer WHERE chat = ?", [chat]).fetchone()
        return json.loads(row[0]) if row else None

    def record_vote(self, chat: str, question: str, answer_key: str, status: str, vote: int) -> None:
        with self._lock:
            self.conn.execute("INSERT INTO feedback (chat, question, answer_key, status, vote, at) "
                              "VALUES (?, ?, ?, ?, ?, ?)", [chat, question, answer_key, status, vote, time.time()])
            self.conn.commit()

    def record_miss(self, chat: str, question: str, status: str) -> None:
        """A question the bot could not answer (or asked back on), for staff to review."""
        self.record_vote(chat, question, "", status, 0)

    def feedback(self) -> list[dict]:
        """Votes (+1 / -1) and unanswered questions (vote 0), oldest first."""
        with self._lock:
            rows = self.conn.execute("SELECT chat, question, answer_key, status, vote, at FROM feedback "
                                     "ORDER BY at").fetchall()
        return [dict(zip(("chat", "question", "answer_key", "status", "vote", "at"), r, strict=True)) for r in rows]

    def close(self) -> None:
        self.conn.close()
