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
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.wechat.route import wechat_message, wechat_verify
from bot.conversation import MAX_QUESTION, BadJson, clean_text, load_json
from bot.render import json_object
from bot.staff.routes import staff_routes
from bot.web.ask_page import STAFF_PAGE
from bot.web.context import Channels, WebConfig, read_body
from knowledge import Answer, Service
from xxgk_errors import XxgkError

__all__ = ["Channels", "WebConfig", "create_app"]

log = logging.getLogger(__name__)
MAX_JSON_BYTES = 16 * 1024


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def healthz(request: Request) -> Response:
    """Whether the knowledge base can be read: on a connection and thread of its own, not through the queue.

    It waits for the one question being answered at most, so a process stuck in a question fails it.
    """
    channels: Channels = request.app.state.channels
    try:
        count = await asyncio.to_thread(channels.service.count_reports)
    except XxgkError as exc:  # an unreadable base is exactly what this route reports
        return _error(503, str(exc))
    return JSONResponse({"status": "ok", "reports": count, "worker": os.getpid()})


async def api_ask(request: Request) -> Response:
    """POST {"question", "chat"} (or {"chat", "pick": n}) → the same object as `ask --json`."""
    channels: Channels = request.app.state.channels
    body = await read_body(request, MAX_JSON_BYTES)
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


async def telegram_webhook(request: Request) -> Response:
    """Telegram's webhook: checked against the secret token, then fed to the same Application as polling."""
    channels: Channels = request.app.state.channels
    app = channels.telegram_app
    secret = channels.config.telegram_secret
    header = request.headers.get("x-telegram-bot-api-secret-token", "")
    if app is None or not secret or header != secret:
        return PlainTextResponse("forbidden", status_code=403)
    body = await read_body(request, 1024 * 1024)
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
