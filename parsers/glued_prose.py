"""Settle a glued run of a table without sums by the figures the report's prose states for its cells.

The 第二十条 tables have no arithmetic identity, so a run that crawlers glued ("8855698" for 本年制发, 本年废止,
现行有效) splits many ways and stays uncertain. Where the prose states a cell of that row
(现行有效行政规范性文件698件, 本年度制发的规范性文件88件), the readings that agree with the most such statements are
kept, and a cell is read only when every kept reading gives it the same piece of the printed run: the figure
is printed in the table and the prose says which split it is.
"""

from __future__ import annotations

import re
from itertools import groupby

from parsers.glued import MAX_READINGS, split_run
from parsers.records import Cell, Fact
from parsers.template import Column, Table, Template
from parsers.values import read_cell

ROW_SHARE = 0.6  # of the row label's character pairs a clause must print to speak of that row
_SKIP = re.compile(r"[^\u4e00-\u9fff]")


def settle_by_prose(cells: list[Cell], facts: list[Fact], template: Template) -> tuple[list[Cell], list[str]]:
    """The cells with glued runs of the 第二十条 tables read where the prose decides the split, and what was
    read so (for the report's warnings)."""
    tables = {t.id: t for t in template.tables if t.id.startswith("active.")}
    out: list[Cell] = []
    notes: list[str] = []
    for (table_id, row), group in groupby(cells, key=lambda c: (c.table, c.row)):
        row_cells = list(group)
        table = tables.get(table_id)
        settled = _settled(row_cells, facts, table, row) if table is not None else None
        if settled is None:
            out += row_cells
            continue
        out += settled
        read = "、".join(f"{c.label}={c.raw}" for c, old in zip(settled, row_cells, strict=True) if old.uncertain
                        and not c.uncertain)
        notes.append(f"数字粘连“{row_cells[0].raw}”按正文所述的数字拆分：{read}")
    return out, notes


def _settled(cells: list[Cell], facts: list[Fact], table: Table, row: str) -> list[Cell] | None:
    runs = {c.raw for c in cells if c.uncertain and c.value is None}
    if len(runs) != 1 or len(cells) != len(table.columns):
        return None
    run = runs.pop()
    readings = split_run(run, len(table.columns), decimal_last=True, signed=tuple(c.signed for c in table.columns))
    if not 1 < len(readings) < MAX_READINGS:
        return None
    stated = _stated(facts, table, row)
    agree = [sum(read_cell(piece, col).value in stated.get(col.key, ()) for piece, col in
                 zip(r, table.columns, strict=True)) for r in readings]
    best = max(agree)
    if best == 0:
        return None
    kept = [r for r, n in zip(readings, agree, strict=True) if n == best]
    out = []
    for i, (cell, column) in enumerate(zip(cells, table.columns, strict=True)):
        pieces = {r[i] for r in kept}
        out.append(_read(cell, column, pieces.pop()) if len(pieces) == 1 and cell.uncertain else cell)
    return out if out != cells else None


def _read(cell: Cell, column: Column, piece: str) -> Cell:
    value = read_cell(piece, column)
    return Cell(cell.table, cell.row, cell.column, value.value, piece, value.blank, value.uncertain, value.unit,
                cell.label, cell.section, cell.page)


def _stated(facts: list[Fact], table: Table, row: str) -> dict[str, set[float]]:
    """The values the prose states for each column of the row: a clause printing most of the row label's pairs
    and a pair of one column's label that no other column of the table has."""
    row_grams = _pairs(table.row(row).label)
    own = {c.key: _pairs(c.label) - set().union(*(_pairs(o.label) for o in table.columns if o is not c))
           for c in table.columns}
    stated: dict[str, set[float]] = {}
    for fact in facts:
        grams = _pairs(fact.text)
        if len(row_grams & grams) < ROW_SHARE * len(row_grams):
            continue
        columns = [key for key, pairs in own.items() if pairs & grams]
        if len(columns) == 1:
            stated.setdefault(columns[0], set()).add(float(fact.value))
    return stated


def _pairs(text: str) -> set[str]:
    chars = _SKIP.sub("", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}
