"""The records a parser returns: cells, facts, sections, checks, the report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from parsers.template import CellKey


@dataclass
class Cell:
    """One cell of a template table as printed in the report."""

    table: str
    row: str
    column: str
    value: float | int | None
    raw: str
    blank: bool = False
    uncertain: bool = False
    unit: str = "件"
    label: str = ""
    section: str = ""
    page: int | None = None

    @property
    def key(self) -> str:
        return CellKey.text(self.table, self.row, self.column)


@dataclass
class Fact:
    """A figure stated in the prose, with the clause that states it."""

    section: str
    text: str
    value: float | int
    unit: str
    page: int | None = None
    context: str = ""  # the whole sentence, for matching ("…查阅场所…，全年共接待群众22人次")


@dataclass
class Section:
    """A heading and the prose under it; `path` joins the heading levels with '/'."""

    path: str
    heading: str
    text: str


@dataclass
class Check:
    """The outcome of one arithmetic identity (or a prose/table comparison)."""

    id: str
    scope: str
    ok: bool
    detail: str


@dataclass
class ParsedReport:
    """Everything read from one report file."""

    file: str
    sha256: str
    format: str
    title: str = ""
    issuer: str = ""
    year: int | None = None
    template: str = "older"
    cells: list[Cell] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # every form of the title printed (header, body)

    def to_dict(self) -> dict[str, Any]:
        """The `parse --json` object."""
        return asdict(self)

    def cell_map(self) -> dict[str, Cell]:
        return {c.key: c for c in self.cells}

    @property
    def failed_checks(self) -> int:
        return sum(1 for c in self.checks if not c.ok)


def report_from_dict(data: dict[str, Any]) -> ParsedReport:
    """Rebuild a ParsedReport from its `to_dict()` form."""
    fields = dict(data)
    fields["cells"] = [Cell(**c) for c in data.get("cells", [])]
    fields["facts"] = [Fact(**f) for f in data.get("facts", [])]
    fields["sections"] = [Section(**s) for s in data.get("sections", [])]
    fields["checks"] = [Check(**c) for c in data.get("checks", [])]
    return ParsedReport(**fields)
