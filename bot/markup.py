"""HTML pages from template files: every value escaped unless it is markup already, style and script inline.

A page is a file under the package's `templates/` folder with `$name` placeholders (string.Template; `$$` is a
dollar sign); style sheets and scripts are files under `static/`, put inline with the response's nonce, so that
the Content-Security-Policy allows only them and the pages load nothing from elsewhere.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from starlette.responses import HTMLResponse

# Only the page's own inline style and script (by nonce) and requests to this site.
POLICY = ("default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; connect-src 'self'; "
          "form-action 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'")


class Markup(str):
    """HTML that is safe as it is (escaped text, a rendered template): inserted without escaping again."""


def text(value: Any) -> Markup:
    """The value as HTML text (None as nothing), quotes escaped for attributes too; markup stays as it is."""
    if isinstance(value, Markup):
        return value
    return Markup(escape("" if value is None else str(value), quote=True))


def join(parts: Iterable[Any], separator: str = "") -> Markup:
    """The parts one after another, each escaped unless it is markup."""
    return Markup(separator.join(text(p) for p in parts))


def element(tag: str, content: Any = "", **attributes: Any) -> Markup:
    """One element: content and every attribute value escaped; an attribute that is None is left out.

    Attribute names are written as Python names: `class_` is class, `data_key` is data-key.
    """
    attrs = "".join(f' {name.rstrip("_").replace("_", "-")}="{text(value)}"'
                    for name, value in attributes.items() if value is not None)
    return Markup(f"<{tag}{attrs}>{text(content)}</{tag}>")


@cache
def _read(package: str, folder: str, name: str) -> str:
    return files(package).joinpath(folder, name).read_text(encoding="utf-8")


class Templates:
    """The template and static files of one package (its `templates/` and `static/` folders), each read once."""

    def __init__(self, package: str) -> None:
        self.package = package

    def render(self, name: str, **values: Any) -> Markup:
        """templates/NAME with each $placeholder replaced by its value, escaped unless it is markup.

        A placeholder without a value is an error (KeyError), never left in the page.
        """
        template = Template(_read(self.package, "templates", name))
        return Markup(template.substitute({key: text(value) for key, value in values.items()}))

    def static(self, name: str) -> Markup:
        """static/NAME as it is, for inline style and script."""
        return Markup(_read(self.package, "static", name))


def page_response(page: Callable[[str], str], status: int = 200) -> HTMLResponse:
    """The page rendered with a fresh nonce, under a policy that allows only its own inline style and script."""
    nonce = secrets.token_urlsafe(16)
    response = HTMLResponse(page(nonce), status_code=status)
    response.headers["Content-Security-Policy"] = POLICY.format(nonce=nonce)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make form posts say Origin: null
    return response
