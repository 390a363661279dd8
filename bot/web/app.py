"""One web process for every HTTP channel: it assembles the routes each channel declares, plus /healthz.

Routes only translate HTTP into questions and answers into HTTP; the answering
core's calls go through one queue per process that the event loop works through
a call per turn (bot/channels/queue.py), so nothing waits behind more than the
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
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.channels import api, telegram_webhook
from bot.channels.api import error
from bot.channels.http import Channels, WebConfig
from bot.channels.wechat import route as wechat
from bot.staff.routes import staff_routes
from bot.web import ask_page
from knowledge import Answer, Service
from xxgk_errors import XxgkError

__all__ = ["Channels", "WebConfig", "create_app"]

log = logging.getLogger(__name__)


async def healthz(request: Request) -> Response:
    """Whether the knowledge base can be read and the state store reached: on a thread of its own, not through
    the queue; 503 naming what fails (a chat question fails too when either does).

    It waits for the one question being answered at most, so a process stuck in a question fails it.
    """
    service = request.app.state.channels.service
    try:
        count = await asyncio.to_thread(service.count_reports)
        state = await asyncio.to_thread(service.check_state)
    except XxgkError as exc:  # an unreadable base or an unreachable store is exactly what this route reports
        return error(503, str(exc))
    return JSONResponse({"status": "ok", "reports": count, "state": state, "worker": os.getpid()})


async def _refused(request: Request, exc: Exception) -> Response:
    """Our own errors (a broken base, an unreachable state store): one clear line, with the error's status."""
    log.warning("%s %s: %s", request.method, request.url.path, exc)
    return error(exc.status if isinstance(exc, XxgkError) else 503, str(exc))


async def _crashed(request: Request, exc: Exception) -> Response:
    """Anything else: logged with its traceback; the client still gets JSON, and the server goes on."""
    log.error("error while serving %s %s", request.method, request.url.path, exc_info=exc)
    return error(500, "服务器内部错误，请稍后再试")


def routes(service: Service, config: WebConfig) -> list[BaseRoute]:
    """Every route: the ask page, /healthz, then each channel's own, then the staff pages."""
    found: list[BaseRoute] = [*ask_page.routes(), Route("/healthz", healthz)]
    found += api.routes() + wechat.routes(config) + telegram_webhook.routes()
    found += staff_routes(service.db_path, service, hits=service.hits, default_issuer=service.default_issuer)
    return found


def create_app(service: Service, config: WebConfig | None = None, telegram_app: Any = None,
               ask: Callable[..., Answer] | None = None, on_close: Callable[[], None] | None = None) -> Starlette:
    """The Starlette application serving every HTTP route."""
    config = config or WebConfig()
    channels = Channels(service, config, telegram_app, ask)
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

    app = Starlette(routes=routes(service, config), lifespan=lifespan,
                    exception_handlers={XxgkError: _refused, Exception: _crashed})
    app.state.channels = channels
    return app
