"""Per-chat context for follow-ups, kept in a small state database beside the knowledge base."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path

from knowledge.results import Answer, Figure
from knowledge.understand import Measure, Query


class ChatState:
    """The last question each chat resolved, until it expires."""

    def __init__(self, path: str | Path, ttl_seconds: float = 1800) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.ttl = ttl_seconds
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        self.conn.execute("PRAGMA journal_mode=WAL")
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
        data = json.loads(row[0])
        measure, compare = data.pop("measure", None), data.pop("compare", None)
        query = Query(**data)
        query.measure = Measure(**measure) if measure else None
        query.compare = (compare[0], compare[1]) if compare else None
        return query

    def save(self, chat: str, query: Query, now: float | None = None) -> None:
        data = asdict(query)
        data.pop("terms", None)
        with self._lock:
            self.conn.execute("INSERT OR REPLACE INTO context VALUES (?, ?, ?)",
                              [chat, json.dumps(data, ensure_ascii=False), time.time() if now is None else now])
            self.conn.execute("DELETE FROM context WHERE updated < ?", [time.time() - self.ttl * 4])
            self.conn.commit()

    def save_choices(self, chat: str, figures: list[Figure]) -> None:
        """The choices offered to a chat, so that a button or a typed number can pick one."""
        data = json.dumps([f.to_dict() for f in figures], ensure_ascii=False)
        with self._lock:
            self.conn.execute("INSERT OR REPLACE INTO choices VALUES (?, ?, ?)", [chat, data, time.time()])
            self.conn.commit()

    def load_choices(self, chat: str) -> list[Figure]:
        with self._lock:
            row = self.conn.execute("SELECT data, updated FROM choices WHERE chat = ?", [chat]).fetchone()
        if row is None or time.time() - row[1] > self.ttl:
            return []
        return [Figure(**f) for f in json.loads(row[0])]

    def save_last(self, chat: str, answer: Answer) -> None:
        """The chat's last answer, for /source and for feedback buttons."""
        with self._lock:
            self.conn.execute("INSERT OR REPLACE INTO last_answer VALUES (?, ?)",
                              [chat, json.dumps(answer.to_dict(), ensure_ascii=False)])
            self.conn.commit()

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
