"""A printed row's values as the cells of a template row: the readings a row allows."""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.glued import split_run
from parsers.records import Cell
from parsers.rows import RawRow
from parsers.template import Table
from parsers.values import is_blank, is_value_cell


@dataclass
class Placed:
    """A template row and the printed row placed on it."""

    table: Table
    row_key: str
    raw: RawRow
    readings: list[list[str]] = field(default_factory=list)


@dataclass
class TableResult:
    """The cells read from the tables, and what could not be read (warnings)."""

    cells: list[Cell] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def fit_values(raw: RawRow, count: int, signed: tuple[bool, ...] | None = None) -> list[list[str]] | None:
    """The readings of a row's values as `count` cells (one reading unless glued)."""
    values = list(raw.values)
    # Surplus empty cells at either end are the placeholders of merged label or header cells.
    while len(values) > count and is_blank(values[0]) and not is_blank(values[-1]):
        values.pop(0)
    while len(values) > count and is_blank(values[-1]):
        values.pop()
    while len(values) > count and is_blank(values[0]):
        values.pop(0)
    if len(values) == count and (raw.from_grid or count > 1 or " " not in values[0]):
        return [values]
    if raw.from_grid:
        return None
    spaced = " ".join(values).split()
    if len(spaced) == count and all(is_value_cell(v) for v in spaced):
        # Printed text that keeps the spaces between cells ("规章 3 5 74"): the spaces are the cell borders.
        return [spaced]
    joined = " ".join(values)
    return split_run(joined, count, decimal_last=True, signed=signed) or None
