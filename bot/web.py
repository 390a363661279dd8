"""One web process for every HTTP channel: JSON API, staff page, WeChat webhook, Telegram webhook.

Routes only translate HTTP into questions and answers into HTTP; the answering
core runs on one worker thread, so the event loop never waits on SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

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
from knowledge.answer import Answerer
from knowledge.reports import list_reports
from knowledge.results import Answer

log = logging.getLogger(__name__)
MAX_JSON_BYTES = 16 * 1024
MAX_QUESTION = 1000
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


class Channels:
    """The shared state of the routes: the answerer, its worker thread and WeChat's retry cache."""

    def __init__(self, answerer: Answerer, config: WebConfig, telegram_app: Any = None,
                 ask: Callable[..., Answer] | None = None) -> None:
        self.answerer = answerer
        self.config = config
        self.telegram_app = telegram_app
        self.ask_fn = ask or answerer.ask
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="answer")
        self.safe = (SafeMode(config.wechat_token, config.wechat_aes_key, config.wechat_appid)
                     if config.wechat_aes_key and config.wechat_appid else None)
        self.replies: OrderedDict[str, asyncio.Task[str | None]] = OrderedDict()

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, lambda: fn(*args, **kwargs))


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
    channels: Channels = request.app.state.channels
    try:
        count = await channels.run(channels.answerer.catalog.count_reports)
    except Exception as exc:  # an unreadable base is exactly what this route reports
        return _error(503, f"知识库不可读：{exc}")
    return JSONResponse({"status": "ok", "reports": count})


async def api_ask(request: Request) -> Response:
    """POST {"question", "chat"} (or {"chat", "pick": n}) → the same object as `ask --json`."""
    channels: Channels = request.app.state.channels
    body = await _body(request, MAX_JSON_BYTES)
    if body is None:
        return _error(413, f"请求体超过 {MAX_JSON_BYTES // 1024} KB")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "请求体不是有效的 JSON")
    if not isinstance(data, dict):
        return _error(400, "请求体应为 JSON 对象")
    chat = data.get("chat")
    chat = str(chat)[:200] if chat not in (None, "") else None
    pick = data.get("pick")
    if isinstance(pick, int) and not isinstance(pick, bool) and chat:
        answer = await channels.run(channels.answerer.pick, chat, pick)
        if answer is None:
            return _error(400, "没有可选的选项（已过期或编号不对）")
        return JSONResponse(answer.to_dict())
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        return _error(400, "缺少 question（字符串）")
    answer = await channels.run(channels.ask_fn, question[:MAX_QUESTION], chat=chat)
    return JSONResponse(answer.to_dict())


async def api_reports(request: Request) -> Response:
    channels: Channels = request.app.state.channels
    rows = await channels.run(list_reports, channels.answerer.catalog.path)
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
    message = incoming(fields)
    reply = await _reply_once(channels, message)
    if reply is None:
        return PlainTextResponse("success")
    if encrypted and channels.safe is not None:
        reply = channels.safe.encrypt(reply, q.get("timestamp", ""), q.get("nonce", ""))
    return Response(reply, media_type="application/xml")


async def _reply_once(channels: Channels, message: Incoming) -> str | None:
    """The reply XML; WeChat's retries of one MsgId share one computation. None: reply 'success'."""
    key = message.msg_id or f"{message.from_user}:{message.msg_type}:{message.event}:{message.content}"
    task = channels.replies.get(key)
    if task is None:
        task = asyncio.create_task(_compute_reply(channels, message))
        channels.replies[key] = task
        while len(channels.replies) > channels.config.dedup_size:
            channels.replies.popitem(last=False)
    try:
        return await asyncio.wait_for(asyncio.shield(task), channels.config.answer_timeout)
    except TimeoutError:
        return None  # WeChat will retry; the retry finds the answer ready


async def _compute_reply(channels: Channels, message: Incoming) -> str | None:
    try:
        return await _reply_for(channels, message)
    except Exception:  # one bad message must not take the channel down; the follower gets an apology
        log.exception("error while answering a WeChat message")
        return text_reply(message, "抱歉，处理这条消息时出了错，请稍后再试。")


async def _reply_for(channels: Channels, message: Incoming) -> str | None:
    if message.msg_type == "event":
        if message.event == "subscribe":
            text = await channels.run(greeting, channels.answerer)
            return text_reply(message, text + "\n直接发送问题即可。")
        return None
    if message.msg_type != "text":
        return text_reply(message, NOT_TEXT)
    answer = await channels.run(channels.ask_fn, message.content[:MAX_QUESTION], chat=f"wechat:{message.from_user}")
    return text_reply(message, answer.text)


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
        data = json.loads(body or b"")
    except ValueError:
        return PlainTextResponse("bad update", status_code=400)
    from telegram import Update

    await app.update_queue.put(Update.de_json(data, app.bot))
    return Response(status_code=200)


def create_app(answerer: Answerer, config: WebConfig | None = None, telegram_app: Any = None,
               ask: Callable[..., Answer] | None = None) -> Starlette:
    """The Starlette application serving every HTTP route."""
    channels = Channels(answerer, config or WebConfig(), telegram_app, ask)

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
            channels.worker.shutdown(wait=False)

    routes = [
        Route("/", staff_page),
        Route("/healthz", healthz),
        Route("/api/ask", api_ask, methods=["POST"]),
        Route("/api/reports", api_reports),
        Route("/wechat", wechat_verify, methods=["GET"]),
        Route("/wechat", wechat_message, methods=["POST"]),
        Route("/telegram", telegram_webhook, methods=["POST"]),
    ]
    routes += staff_routes(answerer.catalog.path, answerer.state)
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.channels = channels
    return app
