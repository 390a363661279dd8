"""The public ask page (GET /): a question box, the answer as bot/render.py renders it, the reports held.

Markup, style and script are files (templates/ask.html, static/ask.css, static/ask.js), inline with the
response's nonce; the page loads nothing from elsewhere.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.conversation import MAX_QUESTION
from bot.markup import Markup, Templates, page_response

FILES = Templates("bot.web")


def ask_page_html(nonce: str) -> Markup:
    """The whole page, its inline style and script carrying `nonce`."""
    return FILES.render("ask.html", nonce=nonce, max_question=MAX_QUESTION,
                        style=FILES.static("ask.css"), script=FILES.static("ask.js"))


async def ask_page(request: Request) -> Response:
    return page_response(ask_page_html)


def routes() -> list[Route]:
    """The page's route."""
    return [Route("/", ask_page)]
