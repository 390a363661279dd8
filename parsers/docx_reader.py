"""Read a Word (.docx) report into lines and table rows with python-docx."""

from __future__ import annotations

import io
import re
import zipfile

from parsers.document import Document, Line
from xxgk_errors import UnreadableDocx

_SPACES = re.compile(r"\s+")



def docx_to_document(data: bytes) -> Document:
    """Paragraphs and table rows in body order; a merged cell is read once."""
    import docx  # imported here: only Word reading pays for it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocx(f"Word 文件损坏或不是 .docx 格式（{type(exc).__name__}）") from exc
    lines: list[Line] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _SPACES.sub(" ", Paragraph(block, document).text).strip()
            if text:
                lines.append(Line(text))
        elif tag == "tbl":
            lines.extend(_table_lines(Table(block, document)))
    title = (document.core_properties.title or "").strip()
    return Document(lines, title_hint=title)


def _table_lines(table) -> list[Line]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # python-docx repeats a horizontally merged cell across its span: read it once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_SPACES.sub("", cell.text))
        if any(cells):
            lines.append(Line(" ".join(c for c in cells if c), cells=cells))
    return lines
