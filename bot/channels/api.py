"""The HTTP JSON API: POST /api/ask (the object of `ask --json`), POST /api/vote and GET /api/reports."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.http import Channels, read_body
from bot.conversation import MAX_CHAT, MAX_QUESTION, BadJson, clean_text, load_json, vote_reply
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


async def _json_object(request: Request) -> dict[str, Any] | Response:
    """The request body as a JSON object, or the refusal to answer with."""
    body = await read_body(request, MAX_JSON_BYTES)
    if body is None:
        return error(413, f"请求体超过 {MAX_JSON_BYTES // 1024} KB")
    try:
        data = load_json(body)
    except BadJson as exc:
        return error(400, f"请求体无法接受：{exc}")
    return data if isinstance(data, dict) else error(400, "请求体应为 JSON 对象")


async def api_ask(request: Request) -> Response:
    """POST {"question", "chat"} (or {"chat", "pick": n}) → the same object as `ask --json`."""
    channels: Channels = request.app.state.channels
    data = await _json_object(request)
    if isinstance(data, Response):
        return data
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


def vote_object(voted: Answer, vote: int) -> dict[str, object]:
    """What POST /api/vote answers when the vote was recorded."""
    vote = 1 if vote > 0 else -1
    return {"recorded": True, "question": voted.question, "status": voted.status, "vote": vote,
            "said": vote_reply(voted, vote)}


async def api_vote(request: Request) -> Response:
    """POST {"chat", "vote": 1 | -1, "question"?} → the vote recorded on the chat's last answer (on the answer to
    `question`, when given: 409 when that is no longer the chat's last answer)."""
    channels: Channels = request.app.state.channels
    data = await _json_object(request)
    if isinstance(data, Response):
        return data
    if not isinstance(data.get("chat"), str) or not data["chat"]:
        return error(400, "缺少 chat（字符串）")
    vote, question = data.get("vote"), data.get("question")
    if vote not in (1, -1) or isinstance(vote, bool):
        return error(400, "vote 应为 1（有用）或 -1（不对）")
    if question is not None and not isinstance(question, str):
        return error(400, "question 应为字符串")
    chat = clean_text(data["chat"], MAX_CHAT)
    question = clean_text(question, MAX_QUESTION) if question is not None else None
    voted = await channels.run(channels.service.vote, chat, vote, question)
    if voted is None:
        return error(409, "这个会话没有可以评价的回答（已过期，或已不是最近的回答）")
    return JSONResponse(vote_object(voted, vote))


async def api_reports(request: Request) -> Response:
    """The reports of the base as it is on disk now (a broken file is a 503, like /healthz)."""
    channels: Channels = request.app.state.channels
    rows = await asyncio.to_thread(channels.service.report_rows)
    return JSONResponse([row.to_dict() for row in rows])


def routes() -> list[Route]:
    """The API's routes."""
    return [Route("/api/ask", api_ask, methods=["POST"]), Route("/api/vote", api_vote, methods=["POST"]),
            Route("/api/reports", api_reports)]
