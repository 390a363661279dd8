"""The Redis backend of the state store: chat state shared by every worker on every machine.

Keys (all under one prefix, each with a TTL so that Redis itself forgets old chats):
  {prefix}chat:{chat}   hash: name → JSON value, name + "@" → time written
  {prefix}feedback      list of JSON feedback rows, oldest first
  {prefix}feedback_marks  hash: feedback entry key → JSON [state, time set] (kept as long as Redis keeps data)
  {prefix}wx:{key}      WeChat reply of a MsgId: "" while being computed (claimed with SET NX), then the XML
  {prefix}hits:{key}    a count within a window (login guesses of one client), expiring with the window
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator, Sequence
from typing import Any

import redis

from knowledge.chat.stores import (
    FEEDBACK_KEEP_SECONDS,
    MIN_KEEP_SECONDS,
    PENDING,
    Reply,
    feedback_json,
    safe_text,
)
from xxgk_errors import StateError

MAX_FEEDBACK = 100_000


@contextlib.contextmanager
def _errors(url: str) -> Iterator[None]:
    """Redis failures as our own error, naming the server (without its password)."""
    try:
        yield
    except redis.RedisError as exc:
        raise StateError(f"Redis（{url}）不可用：{exc}") from exc


class RedisStore:
    """State in a Redis server; every write of one question is one MULTI/EXEC pipeline."""

    kind = "redis"

    def __init__(self, url: str, keep_seconds: float = MIN_KEEP_SECONDS, prefix: str = "xxgk:") -> None:
        self.url = _without_password(url)
        self.keep_seconds = keep_seconds
        self.prefix = prefix
        with _errors(self.url):
            # One connection (redis-py guards it with a lock) instead of the pool: a command costs 80 µs of
            # CPU instead of 110 without the pool's taking and giving back; the calls of one process come
            # one at a time through its queue anyway. Pipelines take a connection of their own.
            self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5,
                                               health_check_interval=30, decode_responses=True,
                                               single_connection_client=True)
            self.client.ping()

    def _chat_key(self, chat: str) -> str:
        return f"{self.prefix}chat:{safe_text(chat)}"

    def write(self, chat: str, values: dict[str, str], at: float, feedback: list[dict],
              replies: Sequence[Reply] = ()) -> None:
        key = self._chat_key(chat)
        with _errors(self.url):
            pipe = self.client.pipeline(transaction=True)
            if values:
                mapping: dict[Any, Any] = {}  # redis-py types its keys as a union (invariant)
                for name, data in values.items():
                    mapping[name] = data
                    mapping[name + "@"] = repr(at)
                pipe.hset(key, mapping=mapping)
                pipe.expire(key, int(self.keep_seconds))
            if feedback:
                pipe.rpush(self.prefix + "feedback", *(feedback_json(chat, row) for row in feedback))
                pipe.ltrim(self.prefix + "feedback", -MAX_FEEDBACK, -1)
            for reply_key, reply, ttl in replies:
                pipe.set(self._wx_key(reply_key), safe_text(reply), px=int(ttl * 1000))
            pipe.execute()

    def read(self, chat: str, name: str) -> tuple[str, float] | None:
        with _errors(self.url):
            data, at = self.client.hmget(self._chat_key(chat), [name, name + "@"])
        return (str(data), float(at)) if data is not None and at is not None else None

    def feedback(self) -> list[dict]:
        with _errors(self.url):
            rows = self.client.lrange(self.prefix + "feedback", 0, -1)
        return [json.loads(row) for row in rows]

    def mark(self, key: str, state: str, at: float) -> None:
        with _errors(self.url):
            self.client.hset(self.prefix + "feedback_marks", safe_text(key), json.dumps([state, at]))

    def marks(self) -> dict[str, tuple[str, float]]:
        with _errors(self.url):
            found = self.client.hgetall(self.prefix + "feedback_marks")
        return {str(key): (str(state), float(at)) for key, value in found.items() for state, at in [json.loads(value)]}

    def claim(self, key: str, ttl: float) -> bool:
        with _errors(self.url):
            return bool(self.client.set(self._wx_key(key), PENDING, nx=True, px=int(ttl * 1000)))

    def put_reply(self, key: str, reply: str, ttl: float) -> None:
        with _errors(self.url):
            self.client.set(self._wx_key(key), safe_text(reply), px=int(ttl * 1000))

    def get_reply(self, key: str) -> str | None:
        with _errors(self.url):
            reply = self.client.get(self._wx_key(key))
        return str(reply) if reply else None

    def _wx_key(self, key: str) -> str:
        return f"{self.prefix}wx:{safe_text(key)}"

    def hits(self, key: str, window: float, add: int) -> tuple[int, float]:
        name = f"{self.prefix}hits:{safe_text(key)}"
        with _errors(self.url):
            pipe = self.client.pipeline(transaction=True)
            if add:
                pipe.set(name, 0, nx=True, px=max(int(window * 1000), 1))  # the window starts at the first hit
                pipe.incrby(name, add)
            pipe.get(name)
            pipe.pttl(name)
            *_, count, left = pipe.execute()
        return (int(count), max(int(left), 0) / 1000) if count is not None else (0, 0.0)

    def check(self) -> None:
        with _errors(self.url):
            self.client.ping()

    def expire(self, now: float | None = None) -> int:
        """Chats and replies expire by their TTLs; here only feedback older than its keeping time goes."""
        oldest = (time.time() if now is None else now) - FEEDBACK_KEEP_SECONDS
        gone = 0
        with _errors(self.url):
            while (head := self.client.lindex(self.prefix + "feedback", 0)) and json.loads(head)["at"] < oldest:
                self.client.lpop(self.prefix + "feedback")
                gone += 1
        return gone

    def close(self) -> None:
        self.client.close()


def _without_password(url: str) -> str:
    """The URL as it may appear in a message: redis://user:secret@host → redis://user:***@host."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{scheme}{sep}{userinfo.split(':', 1)[0]}:***@{host}"


Store = RedisStore  # what open_store takes from each backend module
