"""Failed checks as the knowledge base stores them, read back as the parser's records.

The staff pages and the answers both explain a failed check; the words and the cells an identity covers are
defined once in parsers (parsers.identities, parsers.checks): this module only turns stored rows into their input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from parsers.records import Check
from parsers.template import TEMPLATES, CellKey, Template


class StoredCheck(Protocol):
    """A failed check as stored (CheckRow)."""

    @property
    def check_id(self) -> str: ...
    @property
    def scope(self) -> str: ...
    @property
    def detail(self) -> str: ...


class StoredCell(Protocol):
    """What the checks read of a stored cell (CellRow)."""

    @property
    def value(self) -> int | float | None: ...
    @property
    def blank(self) -> bool: ...
    @property
    def uncertain(self) -> bool: ...


def failed_check(row: StoredCheck) -> Check:
    """A stored failed check as the parser's record."""
    return Check(row.check_id, row.scope, False, row.detail or "")


def certain_values(cells: Mapping[str, StoredCell], keys: Iterable[str] | None = None) -> dict[str, float | int | None]:
    """The stored cells the checks were made on: certain ones, a blank one as None (only `keys`, when given)."""
    wanted = cells.keys() if keys is None else (k for k in keys if k in cells)
    return {k: None if cells[k].blank else cells[k].value for k in wanted if not cells[k].uncertain}


def template_of(name: str | None, keys: Iterable[str]) -> Template:
    """The report's template; a name the parser does not know is told by the cells the report has."""
    if name in TEMPLATES:
        return TEMPLATES[str(name)]
    # The 2021 template splits （六）其他处理 into three rows; the 2019 one prints a single row.
    split = any(key.table == "applications" and key.row.startswith("other.") for key in map(CellKey.parse, keys))
    return TEMPLATES["2021"] if split else TEMPLATES["2019"]
