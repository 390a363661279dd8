"""Failed checks as the knowledge base stores them, read back as the parser's records and said in words.

The staff pages and the answers both explain a failed check; the words and the cells an identity covers are
defined once in parsers (parsers.identities, parsers.checks): this module only turns stored rows into their input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from knowledge.store.read import FactRow
from parsers.checks import explain
from parsers.records import Check, Fact
from parsers.template import TEMPLATES, Template


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
    return TEMPLATES["2021"] if any(k.startswith("applications|other.") for k in keys) else TEMPLATES["2019"]


def explain_failed(check: StoredCheck, cells: Mapping[str, StoredCell], template: str | None,
                   facts: Iterable[FactRow] = ()) -> str:
    """A stored failed check in words, e.g. “总计”列：办理结果各项均为空白，总计栏为805件."""
    said = [Fact(f.section, f.text, f.value, f.unit, f.page, f.context or "") for f in facts]
    return explain(failed_check(check), certain_values(cells), template_of(template, cells), said)
