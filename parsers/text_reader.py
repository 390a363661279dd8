"""Read plain-text and Markdown reports into lines and table rows."""

from __future__ import annotations

import re

from parsers.document import Document, Line

_CRAWLER_FIELD = re.compile(r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录)\s*[:：]\s*(.*)$")
_CRAWLER_BODY = re.compile(r"^=+\s*正文\s*=+$")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def looks_markdown(text: str) -> bool:
    """Converter output saved as .txt: '|' table rows under a '|---|' separator row."""
    lines = [ln.strip() for ln in text.split("\n", 2000)[:2000]]
    separators = sum(1 for ln in lines if ln.startswith("|") and _MD_SEPARATOR.match(ln))
    piped = sum(1 for ln in lines if ln.startswith("|") and ln.endswith("|"))
    return separators >= 2 and piped >= 2 * separators


def text_to_document(text: str) -> Document:
    """Plain text: one line per line; a crawler's header block gives the title."""
    if looks_markdown(text):
        return markdown_to_document(text)
    lines = text.split("\n")
    title = ""
    start = 0
    for i, line in enumerate(lines[:40]):
        field = _CRAWLER_FIELD.match(line.strip())
        if field and field.group(1) == "标题":
            title = field.group(2).strip()
        if _CRAWLER_BODY.match(line.strip()):
            start = i + 1
            break
    body = [Line(ln.strip()) for ln in lines[start:] if ln.strip()]
    return Document(body, title_hint=title)


def markdown_to_document(text: str) -> Document:
    """Markdown: '|' lines are table rows (separator rows dropped), '#' marks stripped."""
    out: list[Line] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or _MD_SEPARATOR.match(line):
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            out.append(Line(" ".join(c for c in cells if c), cells=cells))
            continue
        out.append(Line(line.lstrip("#").strip()))
    return Document([ln for ln in out if ln.text or ln.cells])
