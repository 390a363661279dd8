"""The SQLite backend of the state store: a file in WAL mode, for any number of workers on one machine."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from knowledge.chat.stores import (
    FEEDBACK_FIELDS,
    FEEDBACK_KEEP_SECONDS,
    MIN_KEEP_SECONDS,
    PENDING,
    Reply,
    feedback_row,
    safe_text,
)
from xxgk_errors import StateError

EXPIRE_EVERY_SECONDS = 60
CHECKPOINT_EVERY_SECONDS = 0.25
WAL_RESTART_BYTES = 4 * 2**20  # about SQLite's own automatic checkpoint size
WAL_HARD_BYTES = 8 * WAL_RESTART_BYTES  # past this the writer checkpoints itself (rarely: bursts only)
WAL_CHECK_EVERY = 50  # commits between two looks at the WAL's size


class SqliteStore:
    """State in one SQLite file (WAL): shared by the processes of one machine."""

    kind = "sqlite"

    def __init__(self, path: str | Path, keep_seconds: float = MIN_KEEP_SECONDS) -> None:
        self.path = Path(path)
        self.keep_seconds = keep_seconds
        if not self.path.parent.is_dir():
            raise StateError(f"状态数据库所在目录不存在：{self.path.parent}")
        self._lock = threading.Lock()
        self._last_expire = 0.0
        self._checkpointer: threading.Thread | None = None
        self._writes = 0
        self._page = 0
        self._closing = threading.Event()
        try:
            self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=15, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL loses at most the last commits on power loss, never consistency;
            # it syncs only at checkpoints, and those run on a thread of their own (see _checkpoints).
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA wal_autocheckpoint=0")
            self.conn.execute(f"PRAGMA journal_size_limit={2 * WAL_RESTART_BYTES}")
            self.conn.executescript(_SCHEMA)
            _add_previous(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StateError(f"状态数据库 {self.path} 无法打开：{exc}") from exc

    def write(self, chat: str, values: dict[str, str], at: float, feedback: list[dict],
              replies: Sequence[Reply] = ()) -> None:
        chat = safe_text(chat)
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.executemany("INSERT OR REPLACE INTO chat_values VALUES (?, ?, ?, ?)",
                                      [(chat, name, data, at) for name, data in values.items()])
                self.conn.executemany(
                    "INSERT INTO feedback (chat, question, answer_key, status, vote, at, previous) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [feedback_row(chat, row) for row in feedback])
                self.conn.executemany("INSERT OR REPLACE INTO wechat_replies VALUES (?, ?, ?)",
                                      [(safe_text(key), safe_text(reply), time.time() + ttl)
                                       for key, reply, ttl in replies])
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self._writes += 1
            if self._writes % WAL_CHECK_EVERY == 0 and self._wal_size() > WAL_HARD_BYTES:
                # A burst of writes can outrun the checkpoint thread: the writer copies the WAL back itself.
                with contextlib.suppress(sqlite3.DatabaseError):
                    self.conn.execute("PRAGMA wal_checkpoint(RESTART)")
        if at - self._last_expire > EXPIRE_EVERY_SECONDS:
            self.expire(at)
        if self._checkpointer is None:
            self._checkpointer = threading.Thread(target=self._checkpoints, name="state-checkpoint", daemon=True)
            self._checkpointer.start()

    def _wal_size(self) -> int:
        try:
            return Path(f"{self.path}-wal").stat().st_size
        except OSError:
            return 0

    def _checkpoints(self) -> None:
        """Copy the WAL back into the database a few times a second, off the path of the questions.

        A checkpoint syncs the file to disk, which can take hundreds of milliseconds; run by the
        committing question (SQLite's automatic checkpoint) it stalled every question behind it.
        PASSIVE does the copying and syncing without waiting for anyone. When it has copied every
        frame, the next commit starts the WAL over by itself; under steady writes that moment may
        never come, so when the WAL holds more than WAL_RESTART_BYTES of frames since its start, a
        RESTART (with our writers held back for the little that is left) makes it start over. The
        file's size says nothing here: SQLite keeps the file at its largest (up to journal_size_limit)
        and writes from its start again after each start over; looking at the size, as before,
        restarted at every look.
        """
        # A RESTART that cannot finish at once holds new writers back: let it give up quickly instead.
        conn = sqlite3.connect(self.path, timeout=0.01, isolation_level=None)
        try:
            while not self._closing.wait(CHECKPOINT_EVERY_SECONDS):
                with contextlib.suppress(sqlite3.DatabaseError):
                    self.checkpoint(conn)
        finally:
            conn.close()

    def checkpoint(self, conn: sqlite3.Connection) -> None:
        """One look: copy the WAL back, and make it start over when it holds more than WAL_RESTART_BYTES."""
        _, frames, _ = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if frames * self._page_size() > WAL_RESTART_BYTES:
            with self._lock:
                conn.execute("PRAGMA wal_checkpoint(RESTART)")

    def _page_size(self) -> int:
        if not self._page:
            with self._lock:
                self._page = int(self.conn.execute("PRAGMA page_size").fetchone()[0])
        return self._page

    def read(self, chat: str, name: str) -> tuple[str, float] | None:
        with self._lock:
            row = self.conn.execute("SELECT data, updated FROM chat_values WHERE chat = ? AND name = ?",
                                    [safe_text(chat), name]).fetchone()
        return (row[0], row[1]) if row else None

    def feedback(self) -> list[dict]:
        with self._lock:
            rows = self.conn.execute(f"SELECT {', '.join(FEEDBACK_FIELDS)} FROM feedback ORDER BY at, id").fetchall()
        return [dict(zip(FEEDBACK_FIELDS, r, strict=True)) for r in rows]

    def mark(self, key: str, state: str, at: float) -> None:
        with self._lock:
            self.conn.execute("INSERT OR REPLACE INTO feedback_marks VALUES (?, ?, ?)", [safe_text(key), state, at])

    def marks(self) -> dict[str, tuple[str, float]]:
        with self._lock:
            rows = self.conn.execute("SELECT key, state, at FROM feedback_marks").fetchall()
        return {key: (state, at) for key, state, at in rows}

    def claim(self, key: str, ttl: float) -> bool:
        now = time.time()
        # One statement, so one transaction: a new key is inserted, an expired one taken over, a live one left.
        with self._lock:
            cursor = self.conn.execute("INSERT INTO wechat_replies VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                                       "SET reply = excluded.reply, expires = excluded.expires "
                                       "WHERE wechat_replies.expires < ?", [safe_text(key), PENDING, now + ttl, now])
        return cursor.rowcount == 1

    def put_reply(self, key: str, reply: str, ttl: float) -> None:
        with self._lock:
            self.conn.execute("INSERT OR REPLACE INTO wechat_replies VALUES (?, ?, ?)",
                              [safe_text(key), safe_text(reply), time.time() + ttl])

    def get_reply(self, key: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT reply FROM wechat_replies WHERE key = ? AND expires >= ?",
                                    [safe_text(key), time.time()]).fetchone()
        return row[0] if row and row[0] != PENDING else None

    def hits(self, key: str, window: float, add: int) -> tuple[int, float]:
        now, key = time.time(), safe_text(key)
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute("DELETE FROM hits WHERE key = ? AND until <= ?", [key, now])
                if add:
                    self.conn.execute("INSERT INTO hits VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                                      "SET count = count + excluded.count", [key, add, now + window])
                row = self.conn.execute("SELECT count, until FROM hits WHERE key = ?", [key]).fetchone()
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return (int(row[0]), row[1] - now) if row else (0, 0.0)

    def check(self) -> None:
        """Open the file afresh (an open connection outlives a file deleted or a disk gone) and read it."""
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True, timeout=5)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise StateError(f"状态数据库 {self.path} 无法读取：{exc}") from exc

    def expire(self, now: float | None = None) -> int:
        now = time.time() if now is None else now
        self._last_expire = now
        with self._lock:
            gone = self.conn.execute("DELETE FROM chat_values WHERE updated < ?", [now - self.keep_seconds]).rowcount
            gone += self.conn.execute("DELETE FROM wechat_replies WHERE expires < ?", [now]).rowcount
            gone += self.conn.execute("DELETE FROM feedback WHERE at < ?", [now - FEEDBACK_KEEP_SECONDS]).rowcount
            gone += self.conn.execute("DELETE FROM hits WHERE until < ?", [now]).rowcount
        return gone

    def close(self) -> None:
        self._closing.set()
        if self._checkpointer is not None:
            self._checkpointer.join(timeout=5)
        self.conn.close()


_SCHEMA = """
CREATE TABLE IF NOT EXISTS chat_values (chat TEXT, name TEXT, data TEXT, updated REAL, PRIMARY KEY (chat, name));
CREATE INDEX IF NOT EXISTS chat_values_updated ON chat_values(updated);
CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, chat TEXT, question TEXT, answer_key TEXT,
                                     status TEXT, vote INTEGER, at REAL, previous TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS wechat_replies (key TEXT PRIMARY KEY, reply TEXT, expires REAL);
CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY, count INTEGER, until REAL);
CREATE TABLE IF NOT EXISTS feedback_marks (key TEXT PRIMARY KEY, state TEXT, at REAL);
"""


def _add_previous(conn: sqlite3.Connection) -> None:
    """A state file from before feedback kept the turn before a follow-up gets its column (empty for old rows)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(feedback)")}
    if "previous" not in columns:
        try:
            conn.execute("ALTER TABLE feedback ADD COLUMN previous TEXT NOT NULL DEFAULT ''")
        except sqlite3.OperationalError as exc:  # another process added it first
            if "duplicate column" not in str(exc):
                raise


Store = SqliteStore  # what open_store takes from each backend module
