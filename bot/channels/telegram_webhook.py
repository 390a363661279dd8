"""Telegram's webhook (POST /telegram): updates checked against the secret token, fed to the bot's Application.

The same Application answers as in polling mode (bot/channels/telegram.py); run one of the two, not both.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.http import Channels, read_body
from bot.conversation import BadJson, load_json

MAX_UPDATE_BYTES = 1024 * 1024


async def telegram_webhook(request: Request) -> Response:
    """Telegram's webhook: checked against the secret token, then fed to the same Application as polling."""
    channels: Channels = request.app.state.channels
    app = channels.telegram_app
    secret = channels.config.telegram_secret
    header = request.headers.get("x-telegram-bot-api-secret-token", "")
    if app is None or not secret or header != secret:
        return PlainTextResponse("forbidden", status_code=403)
    body = await read_body(request, MAX_UPDATE_BYTES)
    try:
        data = load_json(body or b"", max_depth=64)
    except BadJson:
        return PlainTextResponse("bad update", status_code=400)
    if not isinstance(data, dict):
        return PlainTextResponse("bad update", status_code=400)
    from telegram import Update

    await app.update_queue.put(Update.de_json(data, app.bot))
    return Response(status_code=200)


def routes() -> list[Route]:
    """The webhook's route."""
    return [Route("/telegram", telegram_webhook, methods=["POST"])]
