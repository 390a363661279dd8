"""The public ask page (GET /): a question box, the answer as bot/render.py renders it, 👍/👎 under it, the reports.

With JavaScript the page asks /api/ask and votes through /api/vote; without it the same forms post to / (a
question or a pick) and /vote, and the answer comes back in the page. Markup, style and script are files
(templates/ask.html, static/ask.css, static/ask.js), inline with the response's nonce; the page loads nothing
from elsewhere.
"""

from __future__ import annotations

import secrets

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.channels.http import Channels
from bot.conversation import MAX_CHAT, MAX_QUESTION, clean_text, take_turn, vote_reply
from bot.markup import Markup, Templates, element, join, page_response
from bot.render import answer_html
from knowledge import Answer

FILES = Templates("bot.web")
MAX_FORM_BYTES = 16 * 1024
STATUS = {"answered": "已回答", "ambiguous": "请选择", "not_found": "未找到"}


def ask_page_html(nonce: str, chat: str = "", answer: Answer | None = None, said: str = "",
                  question: str = "") -> Markup:
    """The whole page, its inline style and script carrying `nonce`: with an answer (and its vote buttons, or
    `said` after a vote) when the page came back from a form without JavaScript."""
    return FILES.render("ask.html", nonce=nonce, max_question=MAX_QUESTION, chat=chat or new_chat(),
                        question=question, answer=_answer_block(chat, answer, said) if answer else said,
                        choices=_choices_form(chat, answer) if answer else "",
                        style=FILES.static("ask.css"), script=FILES.static("ask.js"))


def new_chat() -> str:
    """A chat id for one visit of the page: follow-ups and votes belong to it."""
    return "page-" + secrets.token_urlsafe(12)


def _answer_block(chat: str, answer: Answer, said: str) -> Markup:
    status = element("div", STATUS.get(answer.status, answer.status), class_="status")
    text = element("div", Markup(answer_html(answer)), id="answer-text")
    if said:
        after: Markup | str = element("p", said, id="vote-said")
    elif answer.status == "answered":
        after = FILES.render("vote.html", chat=chat, question=answer.question)
    else:
        after = ""
    return join([status, text, after])


def _choices_form(chat: str, answer: Answer) -> Markup | str:
    """The choices as buttons of a form that posts the number picked (the script draws links instead)."""
    if not answer.choices:
        return ""
    buttons = join(element("button", f"{i}. {c.label}", type="submit", name="pick", value=i, class_="choice")
                   for i, c in enumerate(answer.choices, 1))
    return FILES.render("choices.html", chat=chat, buttons=buttons)


async def ask_page(request: Request) -> Response:
    return page_response(ask_page_html)


async def _form(request: Request) -> FormData | None:
    """The posted form within its limits, or None."""
    declared = request.headers.get("content-length", "")
    if not declared.isdigit() or int(declared) > MAX_FORM_BYTES:
        return None
    try:
        return await request.form(max_files=0, max_fields=8, max_part_size=MAX_FORM_BYTES)
    except HTTPException:
        return None


def _field(form: FormData, name: str, limit: int) -> str:
    value = form.get(name)
    return clean_text(value, limit).strip() if isinstance(value, str) else ""


async def ask_posted(request: Request) -> Response:
    """POST / without JavaScript: a question (or a pick by number) of the form's chat, answered in the page."""
    form = await _form(request)
    if form is None:
        return page_response(lambda n: ask_page_html(n, said="请求无法读取，请重新提问。"), 400)
    chat = _field(form, "chat", MAX_CHAT) or new_chat()
    text = _field(form, "pick", 3) or _field(form, "question", MAX_QUESTION)
    if not text:
        return page_response(lambda n: ask_page_html(n, chat, said="请输入问题。"))
    channels: Channels = request.app.state.channels
    answer = await channels.run(take_turn, text, chat, channels.service.pick, channels.ask_fn)
    return page_response(lambda n: ask_page_html(n, chat, answer, question=answer.question))


async def vote_posted(request: Request) -> Response:
    """POST /vote without JavaScript: 👍 or 👎 on the answer shown, which comes back with thanks instead of the
    buttons."""
    form = await _form(request)
    vote = _field(form, "vote", 2) if form is not None else ""
    if form is None or vote not in ("1", "-1"):
        return page_response(lambda n: ask_page_html(n, said="评价无法读取，请重新提问。"), 400)
    chat = _field(form, "chat", MAX_CHAT) or new_chat()
    channels: Channels = request.app.state.channels
    voted = await channels.run(channels.service.vote, chat, int(vote), _field(form, "question", MAX_QUESTION))
    said = vote_reply(voted, int(vote)) if voted is not None else "这个回答已无法评价（已过期，或已不是最近的回答）。"
    return page_response(lambda n: ask_page_html(n, chat, voted, said))


def routes() -> list[Route]:
    """The page's routes: the page, and its forms' posts for browsers without JavaScript."""
    return [Route("/", ask_page), Route("/", ask_posted, methods=["POST"]),
            Route("/vote", vote_posted, methods=["POST"])]
