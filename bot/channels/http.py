"""What the HTTP channels' routes share (the JSON API, WeChat, Telegram's webhook): their settings, the answering
service and its queue of calls, reading a request body within a limit. bot/web assembles the routes; this module
is below them all, and a channel's own state stays in its own module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request

from bot.channels.queue import AnswerQueue
from bot.settings import WebConfig
from knowledge import Answer, Service


class Channels:
    """The shared state of the routes: the service, the settings and the queue of the core's calls."""

    def __init__(self, service: Service, config: WebConfig, telegram_app: Any = None,
                 ask: Callable[..., Answer] | None = None) -> None:
        self.service = service
        self.config = config
        self.telegram_app = telegram_app
        self.ask_fn = ask or service.ask
        self.answers = AnswerQueue()

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await self.answers.run(fn, *args, **kwargs)


async def read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None when it is larger than `limit` (read no further than that)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
