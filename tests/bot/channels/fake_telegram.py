"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and the load benchmark.

It speaks the few methods the bot uses, over real HTTP, so python-telegram-bot runs
unchanged against it through `base_url`. Tests push real update JSON and read what
the bot sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TOKEN = "123456789:AAfakeTokenForTestsOnly-0123456789"
BOT_ID = 123456789
BOT_USERNAME = "xxgk_test_bot"


@dataclass
class Sent:
    """A call the bot made: method and decoded parameters, with when it arrived."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[dict]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


class FakeTelegram:
    """Holds pending updates and records what the bot sends."""

    def __init__(self) -> None:
        self.updates: list[dict] = []
        self.sent: list[Sent] = []
        self.delays: dict[int, float] = {}  # chat id → seconds each sendMessage to it takes (a slow network)
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new = asyncio.Event()
        self._sent_event = asyncio.Event()
        self.port = _free_port()
        self.app = Starlette(routes=[Route("/bot{token}/{method}", self.handle, methods=["POST", "GET"])])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # --- updates the tests feed in -------------------------------------------------
    def push(self, update: dict) -> dict:
        update = {"update_id": next(self._update_ids), **update}
        self.updates.append(update)
        self._new.set()
        return update

    def message(self, chat_id: int, text: str, chat_type: str = "private", reply_to_bot: bool = False,
                user_id: int | None = None) -> dict:
        """Push a text message (with a bot_command or mention entity where the text has one)."""
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        mention = f"@{BOT_USERNAME}"
        if mention in text:
            entities.append({"type": "mention", "offset": _utf16_offset(text, text.index(mention)),
                             "length": len(mention)})
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": _chat(chat_id, chat_type), "from": _user(user_id or chat_id), "text": text}
        if entities:
            message["entities"] = entities
        if reply_to_bot:
            message["reply_to_message"] = {"message_id": 1, "date": int(time.time()), "chat": _chat(chat_id, chat_type),
                                           "from": _bot_user(), "text": "……"}
        return self.push({"message": message})

    def tap(self, sent: Sent, data: str) -> dict:
        """Push a callback query: the person tapped a button of a message the bot sent."""
        chat_id = sent.chat_id or 0
        message = {"message_id": sent.params.get("message_id_assigned", 1), "date": int(time.time()),
                   "chat": _chat(chat_id, "private"), "from": _bot_user(), "text": sent.text}
        return self.push({"callback_query": {"id": str(next(self._update_ids)), "from": _user(chat_id),
                                             "chat_instance": str(chat_id), "message": message, "data": data}})

    # --- what the bot sent -------------------------------------------------------------
    async def wait_for(self, predicate: Callable[[Sent], bool], timeout: float = 10.0) -> Sent:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for item in self.sent[seen:]:
                if predicate(item):
                    return item
            seen = len(self.sent)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"nothing matching was sent; sent: {[(s.method, s.text[:40]) for s in self.sent]}")
            self._sent_event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._sent_event.wait(), min(remaining, 0.5))

    def messages_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.method in ("sendMessage", "editMessageText") and s.chat_id == chat_id]

    # --- the HTTP side ---------------------------------------------------------------
    async def handle(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            params = await _multipart(request)  # a file sent (sendPhoto): its bytes kept as they came
        else:
            body = (await request.body()).decode()
            params = {k: _decode(v[0]) for k, v in parse_qs(body).items()}
        if method == "getUpdates":
            return JSONResponse({"ok": True, "result": await self._get_updates(params)})
        if method == "getMe":
            return JSONResponse({"ok": True, "result": _bot_user()})
        if method in ("sendMessage", "editMessageText", "sendPhoto"):
            await asyncio.sleep(self.delays.get(int(params.get("chat_id") or 0), 0))
            return JSONResponse({"ok": True, "result": self._record_message(method, params)})
        if method == "getWebhookInfo":
            return JSONResponse({"ok": True, "result": {"url": "", "has_custom_certificate": False,
                                                        "pending_update_count": 0}})
        self._record(Sent(method, params))
        return JSONResponse({"ok": True, "result": True})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict]:
        offset = int(params.get("offset") or 0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates:
            self._new.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new.wait(), min(float(params.get("timeout") or 0), 1.0))
        return self.updates[:100]

    def _record_message(self, method: str, params: dict[str, Any]) -> dict:
        message_id = int(params.get("message_id") or next(self._message_ids))
        params["message_id_assigned"] = message_id
        self._record(Sent(method, params))
        chat_id = int(params.get("chat_id") or 0)
        return {"message_id": message_id, "date": int(time.time()), "chat": _chat(chat_id, "private"),
                "from": _bot_user(), "text": params.get("text", "")}

    def _record(self, sent: Sent) -> None:
        self.sent.append(sent)
        self._sent_event.set()


async def _multipart(request: Request) -> dict[str, Any]:
    form = await request.form()
    params: dict[str, Any] = {}
    for key, value in form.multi_items():
        params[key] = await value.read() if isinstance(value, UploadFile) else _decode(str(value))
    return params


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def _chat(chat_id: int, chat_type: str) -> dict:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "测试群"
    return chat


def _user(user_id: int) -> dict:
    return {"id": abs(user_id), "is_bot": False, "first_name": "测试用户"}


def _bot_user() -> dict:
    return {"id": BOT_ID, "is_bot": True, "first_name": "年报问答", "username": BOT_USERNAME}


def _utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def serving(fake: FakeTelegram) -> AsyncIterator[FakeTelegram]:
    """Run the fake server on loopback for the duration of the block."""
    server = uvicorn.Server(uvicorn.Config(fake.app, host="127.0.0.1", port=fake.port, log_level="warning",
                                           lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield fake
    finally:
        server.should_exit = True
        await task
