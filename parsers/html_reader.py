"""Read an HTML report page into lines and table rows (stdlib html.parser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from parsers.document import Document, Line

_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "tr", "table",
               "ul", "ol", "blockquote", "pre", "hr", "body", "center"}
_SKIP_TAGS = {"script", "style", "head", "noscript", "template"}
_SPACES = re.compile(r"[ \t\r\n\xa0\u3000]+")


class _ReportHTMLParser(HTMLParser):
    """Collects prose lines and table rows in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.title = ""
        self._buf: list[str] = []
        self._skip = 0
        self._in_title = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._table_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if tag == "title":
            self._in_title = True
        if tag == "table":
            self._flush_text()
            self._table_depth += 1
        elif tag == "tr" and self._table_depth:
            self._end_row()
            self._row = []
        elif tag in ("td", "th") and self._table_depth:
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
        elif tag in _BLOCK_TAGS and self._cell is None:
            self._flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "title":
            self._in_title = False
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            self._table_depth = max(0, self._table_depth - 1)
        elif tag in _BLOCK_TAGS and self._cell is None:
            self._flush_text()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        else:
            self._buf.append(data)

    def _flush_text(self) -> None:
        text = _SPACES.sub(" ", "".join(self._buf)).strip()
        self._buf = []
        if text:
            self.lines.append(Line(text))

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            # A header cell split over several <p> or <br> reads as one label: join without spaces.
            self._row.append(_SPACES.sub("", "".join(self._cell)))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row:
            self.lines.append(Line(" ".join(c for c in self._row if c), cells=self._row))
        self._row = None

    def finish(self) -> None:
        self.close()
        self._end_row()
        self._flush_text()


def html_to_document(text: str) -> Document:
    """Parse HTML text (possibly truncated) into a Document."""
    parser = _ReportHTMLParser()
    parser.feed(text)
    parser.finish()
    return Document(parser.lines, title_hint=_SPACES.sub(" ", parser.title).strip())
