"""The HTTP JSON API: POST /api/ask (the object of `ask --json`) and GET /api/reports."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.http import Channels, read_body
from bot.conversation import MAX_CHAT, MAX_QUESTION, BadJson, clean_text, load_json
from bot.render import answer_html, json_object
from knowledge import Answer

MAX_JSON_BYTES = 16 * 1024


def error(status: int, message: str) -> JSONResponse:
    """A refusal as JSON: {"error": message}."""
    return JSONResponse({"error": message}, status_code=status)


def _reply(answer: Answer, html: object) -> JSONResponse:
    """The answer's object; with "html": true asked for, also the reply as the ask page shows it."""
    data = json_object(answer)
    if html is True:
        data["html"] = answer_html(answer)
    return JSONResponse(data)


async def api_ask(request: Request) -> Response:
    """POST {"question", "chat"} (or {"chat", "pick": n}) → the same object as `ask --json`."""
    channels: Channels = request.app.state.channels
    body = await read_body(request, MAX_JSON_BYTES)
    if body is None:
        return error(413, f"请求体超过 {MAX_JSON_BYTES // 1024} KB")
    try:
        data = load_json(body)
    except BadJson as exc:
        return error(400, f"请求体无法接受：{exc}")
    if not isinstance(data, dict):
        return error(400, "请求体应为 JSON 对象")
    chat = data.get("chat")
    chat = clean_text(str(chat), MAX_CHAT) if chat not in (None, "") else None
    pick = data.get("pick")
    if isinstance(pick, int) and not isinstance(pick, bool) and chat:
        answer = await channels.run(channels.service.pick, chat, pick)
        if answer is None:
            return error(400, "没有可选的选项（已过期或编号不对）")
        return _reply(answer, data.get("html"))
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        return error(400, "缺少 question（字符串）")
    answer = await channels.run(channels.ask_fn, clean_text(question, MAX_QUESTION), chat=chat)
    return _reply(answer, data.get("html"))


async def api_reports(request: Request) -> Response:
    """The reports of the base as it is on disk now (a broken file is a 503, like /healthz)."""
    channels: Channels = request.app.state.channels
    rows = await asyncio.to_thread(channels.service.report_rows)
    return JSONResponse([row.to_dict() for row in rows])


def routes() -> list[Route]:
    """The API's routes."""
    return [Route("/api/ask", api_ask, methods=["POST"]), Route("/api/reports", api_reports)]
