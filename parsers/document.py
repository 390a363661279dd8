"""The common shape every format reader produces: lines of text and table rows.

Readers for TXT, HTML, Markdown (and PDF, DOCX) only have to say what text a
file holds and which of it came from table rows; everything after that
(sections, tables, facts, checks) works on this shape alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """A line of prose, or a table row when `cells` is set."""

    text: str
    cells: list[str] | None = None
    page: int | None = None

    @property
    def is_row(self) -> bool:
        return self.cells is not None


@dataclass
class Document:
    """What a reader got out of a file."""

    lines: list[Line] = field(default_factory=list)
    title_hint: str = ""
    warnings: list[str] = field(default_factory=list)
