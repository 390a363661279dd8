"""One web process for every HTTP channel: JSON API, staff page, WeChat webhook, Telegram webhook.

Routes only translate HTTP into questions and answers into HTTP; the answering
core's calls go through one queue per process that the event loop works through
a call per turn (bot/answering.py), so nothing waits behind more than the
question being answered. Several processes (`serve --workers N`, or several machines) share chat
state and WeChat's retry cache through the state store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.answering import AnswerQueue
from bot.inputs import BadJson, clean_text, load_json
from bot.render import json_object, wechat_text
from bot.staff import staff_routes
from bot.staff_page import STAFF_PAGE
from bot.texts import greeting
from bot.wechat import (
    MAX_XML_BYTES,
    Incoming,
    SafeMode,
    WeChatError,
    check_signature,
    incoming,
    parse_xml,
    text_reply,
)
from knowledge import Answer, Service
from parsers.errors import XxgkError

log = logging.getLogger(__name__)
MAX_JSON_BYTES = 16 * 1024
MAX_QUESTION = 1000
NO_REPLY = "success"  # stored for a message that gets no reply (an event other than subscribe)
NOT_TEXT = "目前只回答文字提问，请直接输入您的问题，例如“2020年收到多少政府信息公开申请”。"


@dataclass
class WebConfig:
    """What the web channels need beyond the answerer; secrets come from the environment."""

    wechat_token: str = ""
    wechat_aes_key: str = ""
    wechat_appid: str = ""
    telegram_secret: str = ""
    answer_timeout: float = 4.5  # WeChat waits 5 seconds for a passive reply
    dedup_size: int = 2048
    reply_poll: float = 0.05  # how often a retry on another worker looks for the reply being computed
    # How long a retry waits for the worker that claimed its message: WeChat retries three times within about
    # 15 seconds, and the state store holds a claim for 30.
    claim_wait: float = 30.0


class Channels:
    """The shared state of the routes: the answerer, its queue of calls and WeChat's retry cache."""

    def __init__(self, service: Service, config: WebConfig, telegram_app: Any = None,
                 ask: Callable[..., Answer] | None = None) -> None:
        self.service = service
        self.config = config
        self.telegram_app = telegram_app
        self.ask_fn = ask or service.ask
        self.answers = AnswerQueue()
        self.safe = (SafeMode(config.wechat_token, config.wechat_aes_key, config.wechat_appid)
                     if config.wechat_aes_key and config.wechat_appid else None)
        self.replies: OrderedDict[str, asyncio.Task[str | None]] = OrderedDict()

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await self.answers.run(fn, *args, **kwargs)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request, limit: int) -> bytes | None:
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


async def healthz(request: Request) -> Response:
    """Whether the knowledge base can be read: on a connection and thread of its own, never behind questions."""
    channels: Channels = request.app.state.channels
    try:
        count = await asyncio.to_thread(channels.service.count_reports)
    except XxgkError as exc:  # an unreadable base is exactly what this route reports
        return _error(503, str(exc))
    return JSONResponse({"status": "ok", "reports": count, "worker": os.getpid()})


async def api_ask(request: Request) -> Response:
    """POST {"question", "chat"} (or {"chat", "pick": n}) → the same object as `ask --json`."""
    channels: Channels = request.app.state.channels
    body = await _body(request, MAX_JSON_BYTES)
    if body is None:
        return _error(413, f"请求体超过 {MAX_JSON_BYTES // 1024} KB")
    try:
        data = load_json(body)
    except BadJson as exc:
        return _error(400, f"请求体无法接受：{exc}")
    if not isinstance(data, dict):
        return _error(400, "请求体应为 JSON 对象")
    chat = data.get("chat")
    chat = clean_text(str(chat), 200) if chat not in (None, "") else None
    pick = data.get("pick")
    if isinstance(pick, int) and not isinstance(pick, bool) and chat:
        answer = await channels.run(channels.service.pick, chat, pick)
        if answer is None:
            return _error(400, "没有可选的选项（已过期或编号不对）")
        return JSONResponse(json_object(answer))
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        return _error(400, "缺少 question（字符串）")
    answer = await channels.run(channels.ask_fn, clean_text(question, MAX_QUESTION), chat=chat)
    return JSONResponse(json_object(answer))


async def api_reports(request: Request) -> Response:
    """The reports of the base as it is on disk now (a broken file is a 503, like /healthz)."""
    channels: Channels = request.app.state.channels
    rows = await asyncio.to_thread(channels.service.report_rows)
    return JSONResponse(rows)


async def staff_page(request: Request) -> Response:
    return HTMLResponse(STAFF_PAGE)


async def wechat_verify(request: Request) -> Response:
    """GET: WeChat checks the server once, with a signature over token, timestamp and nonce."""
    config: WebConfig = request.app.state.channels.config
    q = request.query_params
    if not check_signature(config.wechat_token, q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", "")):
        return PlainTextResponse("forbidden", status_code=403)
    return PlainTextResponse(q.get("echostr", ""))


async def wechat_message(request: Request) -> Response:
    """POST: a follower's message; the reply is passive XML within the 5-second deadline."""
    channels: Channels = request.app.state.channels
    q = request.query_params
    token = channels.config.wechat_token
    if not check_signature(token, q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", "")):
        return PlainTextResponse("forbidden", status_code=403)
    body = await _body(request, MAX_XML_BYTES)
    if body is None:
        return PlainTextResponse("too large", status_code=413)
    encrypted = q.get("encrypt_type", "raw").lower() == "aes"
    try:
        fields = parse_xml(body)
        if encrypted:
            if channels.safe is None:
                return PlainTextResponse("safe mode is not configured", status_code=400)
            fields = parse_xml(channels.safe.decrypt(fields.get("Encrypt", ""), q.get("msg_signature", ""),
                                                     q.get("timestamp", ""), q.get("nonce", "")))
    except WeChatError as exc:
        status = 403 if "签名" in str(exc) or "AppID" in str(exc) else 400
        return PlainTextResponse(str(exc), status_code=status)
    message = incoming({k: clean_text(v) for k, v in fields.items()})
    reply = await _reply_once(channels, message)
    if reply is None:
        return PlainTextResponse("success")
    if encrypted and channels.safe is not None:
        reply = channels.safe.encrypt(reply, q.get("timestamp", ""), q.get("nonce", ""))
    return Response(reply, media_type="application/xml")


async def _reply_once(channels: Channels, message: Incoming) -> str | None:
    """The reply XML; WeChat's retries of one MsgId share one computation. None: reply 'success'.

    Retries reaching this process wait for the same task; retries reaching another worker (or
    machine) find the MsgId claimed in the state store and wait there for the reply it stores.
    """
    key = message.msg_id or f"{message.from_user}:{message.msg_type}:{message.event}:{message.content}"
    task = channels.replies.get(key)
    if task is None:
        task = asyncio.create_task(_shared_reply(channels, key, message))
        channels.replies[key] = task
        while len(channels.replies) > channels.config.dedup_size:
            channels.replies.popitem(last=False)
    try:
        return await asyncio.wait_for(asyncio.shield(task), channels.config.answer_timeout)
    except TimeoutError:
        return None  # WeChat will retry; the retry finds the answer ready


async def _shared_reply(channels: Channels, key: str, message: Incoming) -> str | None:
    """Compute the reply if this worker claims the key first; else wait for the claimer's stored reply."""
    claimed, reply = await channels.run(_claim_and_reply, channels, key, message)
    if claimed:
        return reply
    state = channels.service.replies()
    assert state is not None  # only a store can refuse a claim
    deadline = asyncio.get_running_loop().time() + channels.config.claim_wait
    while asyncio.get_running_loop().time() < deadline:
        stored = await asyncio.to_thread(state.load_reply, key)
        if stored is not None:
            return None if stored == NO_REPLY else stored
        await asyncio.sleep(channels.config.reply_poll)
    return None


def _claim_and_reply(channels: Channels, key: str, message: Incoming) -> tuple[bool, str | None]:
    """In one call of the queue: claim the message, compute its reply, keep it for the retries."""
    state = channels.service.replies()
    if state is None:
        return True, _compute_reply(channels, message)
    if not state.claim_reply(key):
        return False, None
    with state.one_write():  # the chat's turn and the reply for the retries: one commit
        reply = _compute_reply(channels, message)
        state.save_reply(key, NO_REPLY if reply is None else reply)
    return True, reply


def _compute_reply(channels: Channels, message: Incoming) -> str | None:
    try:
        return _reply_for(channels, message)
    except Exception:  # one bad message must not take the channel down; the follower gets an apology
        log.exception("error while answering a WeChat message")
        return text_reply(message, "抱歉，处理这条消息时出了错，请稍后再试。")


def _reply_for(channels: Channels, message: Incoming) -> str | None:
    if message.msg_type == "event":
        if message.event == "subscribe":
            return text_reply(message, greeting(channels.service) + "\n直接发送问题即可。")
        return None
    if message.msg_type != "text":
        return text_reply(message, NOT_TEXT)
    chat = f"wechat:{message.from_user}"
    content = message.content.strip()
    picked = None
    if content.isdigit() and len(content) <= 2:
        picked = channels.service.pick(chat, int(content))
    answer = picked or channels.ask_fn(message.content[:MAX_QUESTION], chat=chat)
    return text_reply(message, wechat_text(answer))


async def telegram_webhook(request: Request) -> Response:
    """Telegram's webhook: checked against the secret token, then fed to the same Application as polling."""
    channels: Channels = request.app.state.channels
    app = channels.telegram_app
    secret = channels.config.telegram_secret
    header = request.headers.get("x-telegram-bot-api-secret-token", "")
    if app is None or not secret or header != secret:
        return PlainTextResponse("forbidden", status_code=403)
    body = await _body(request, 1024 * 1024)
    try:
        data = load_json(body or b"", max_depth=64)
    except BadJson:
        return PlainTextResponse("bad update", status_code=400)
    if not isinstance(data, dict):
        return PlainTextResponse("bad update", status_code=400)
    from telegram import Update

    await app.update_queue.put(Update.de_json(data, app.bot))
    return Response(status_code=200)


async def _refused(request: Request, exc: Exception) -> Response:
    """Our own errors (a broken base, an unreachable state store): one clear line, 503."""
    log.warning("%s %s: %s", request.method, request.url.path, exc)
    return _error(503, str(exc))


async def _crashed(request: Request, exc: Exception) -> Response:
    """Anything else: logged with its traceback; the client still gets JSON, and the server goes on."""
    log.error("error while serving %s %s", request.method, request.url.path, exc_info=exc)
    return _error(500, "服务器内部错误，请稍后再试")


def create_app(service: Service, config: WebConfig | None = None, telegram_app: Any = None,
               ask: Callable[..., Answer] | None = None, on_close: Callable[[], None] | None = None) -> Starlette:
    """The Starlette application serving every HTTP route."""
    channels = Channels(service, config or WebConfig(), telegram_app, ask)
    if telegram_app is not None:
        telegram_app.bot_data["answers"] = channels.answers  # one queue of the core's calls per process

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if telegram_app is not None:
            await telegram_app.initialize()
            await telegram_app.start()
        try:
            yield
        finally:
            if telegram_app is not None:
                await telegram_app.stop()
                await telegram_app.shutdown()
            await channels.answers.close()
            if on_close is not None:
                on_close()

    routes = [
        Route("/", staff_page),
        Route("/healthz", healthz),
        Route("/api/ask", api_ask, methods=["POST"]),
        Route("/api/reports", api_reports),
        Route("/wechat", wechat_verify, methods=["GET"]),
        Route("/wechat", wechat_message, methods=["POST"]),
        Route("/telegram", telegram_webhook, methods=["POST"]),
    ]
    routes += staff_routes(service.db_path, service.replies())
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={XxgkError: _refused, Exception: _crashed})
    app.state.channels = channels
    return app
