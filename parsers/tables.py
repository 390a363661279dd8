"""Place rows into the template's tables and read their cells.

Rows are matched by their label; rows printed without one (converters lose
labels) are placed by order between matched rows, only where the count of
unlabeled rows equals the count of template rows missing between them.
Digit runs glued by crawlers are split only where the sums leave one reading.
"""

from __future__ import annotations

import itertools
import math

from parsers.checks import application_checks
from parsers.fitting import Placed, TableResult, fit_values
from parsers.glued import MAX_READINGS, readings_that_hold, split_run
from parsers.matching import column_order, match_row, normalize_label
from parsers.records import Cell
from parsers.review import place_review
from parsers.rows import RawRow
from parsers.template import CellKey, Column, Table, Template, cell_label
from parsers.values import read_cell

MAX_COMBINATIONS = 4096


def read_tables(rows: list[RawRow], template: Template) -> TableResult:
    """All cells of the template tables found in the rows."""
    result = TableResult()
    placed = _place_active(rows, template, result)
    placed += _place_applications([r for r in rows if r.region == "applications"], template, result)
    placed += place_review([r for r in rows if r.region == "review"], result)
    _resolve_glued(placed, template, result)
    for item in placed:
        result.cells.extend(_cells_of(item, result))
    return result


def _place_active(rows: list[RawRow], template: Template, result: TableResult) -> list[Placed]:
    tables = [t for t in template.tables if t.id.startswith("active.")]
    placed: dict[tuple[str, str], Placed] = {}  # the first reading of each row of each table
    for raw in (r for r in rows if r.region == "active"):
        hit = match_row(raw.label, tables)
        if not hit:
            continue
        table, row = hit
        readings = fit_values(raw, len(table.columns), tuple(c.signed for c in table.columns))
        key = (table.id, row.key)
        if readings is None:
            result.warnings.append(f"{row.label}：数字个数与表头不符（{' '.join(raw.values)}），未读取")
        elif key not in placed:
            placed[key] = Placed(table, row.key, raw, readings)
    return list(placed.values())


def _place_applications(rows: list[RawRow], template: Template, result: TableResult) -> list[Placed]:
    table = template.table("applications")
    index = {r.key: i for i, r in enumerate(table.rows)}
    width = len(table.columns)
    entries: list[tuple[RawRow, int | None, list[list[str]]]] = []
    for raw in rows:
        readings = fit_values(raw, width)
        hit = match_row(raw.label, [table])
        if readings is None:
            if hit and _unsplittable_run(raw, width):
                # A glued run with enough digits for the row that splits no way: its cells are kept, uncertain,
                # with a warning (not dropped in silence).
                entries.append((raw, index[hit[1].key], []))
            continue
        order = column_order(raw, table)
        if order:
            readings = [[reading[i] for i in order] for reading in readings]
        if hit is None and _is_group_row(raw, template):
            _group_row_items(raw, readings, entries, index, result)
            continue
        entries.append((raw, index[hit[1].key] if hit else None, readings))
    return _align(entries, table, result)


def _unsplittable_run(raw: RawRow, width: int) -> bool:
    digits = "".join(raw.values).replace(" ", "")
    return not raw.from_grid and len(raw.values) == 1 and digits.isdigit() and len(digits) >= width


def _is_group_row(raw: RawRow, template: Template) -> bool:
    # Some 2021 reports print （六）其他处理 as one row instead of its three items.
    return template.name == "2021" and normalize_label(raw.label).endswith("其他处理")


def _group_row_items(raw: RawRow, readings: list[list[str]], entries: list, index: dict[str, int],
                     result: TableResult) -> None:
    """An all-zero group row implies each of its items is 0 (counts are never negative); else it cannot be split."""
    if len(readings) == 1 and all(v.strip() == "0" for v in readings[0]):
        values = readings[0]
        result.warnings.append("（六）其他处理只印了一行且全为0，其下三项各记为0")
        for key in ("other.no_correction", "other.no_fee", "other.other"):
            entries.append((RawRow(raw.label, list(values), raw.region, raw.page, True), index[key], [values]))
    else:
        result.warnings.append("（六）其他处理只印了一行合计，无法拆分到其下三项，未读取")


def _align(entries: list[tuple[RawRow, int | None, list[list[str]]]], table: Table,
           result: TableResult) -> list[Placed]:
    """Anchor labelled rows; fill gaps with unlabeled rows where the counts agree.

    The anchors are the longest run of labelled rows in the template's order; a labelled row standing
    elsewhere (converters move rows) is still its row, unless another row already took that label.
    """
    labelled = [(pos, idx) for pos, (_, idx, _) in enumerate(entries) if idx is not None]
    in_order = _longest_increasing(labelled)
    placed: list[Placed] = []
    claimed = {idx for _, idx in in_order}
    for pos, idx in labelled:
        if (pos, idx) in in_order:
            continue
        raw, _, readings = entries[pos]
        if idx in claimed:
            result.warnings.append(f"表三“{raw.label[:20]}”一行与前面的行重复，未读取")
            continue
        claimed.add(idx)
        placed.append(Placed(table, table.rows[idx].key, raw, readings))
    anchors = [(-1, -1), *sorted(in_order), (len(entries), len(table.rows))]
    for (pos_a, idx_a), (pos_b, idx_b) in itertools.pairwise(anchors):
        _fill_gap(entries[pos_a + 1:pos_b], table, idx_a, idx_b, claimed, placed, result)
        if pos_b < len(entries):
            placed.append(Placed(table, table.rows[idx_b].key, entries[pos_b][0], entries[pos_b][2]))
    return placed


def _fill_gap(between: list[tuple[RawRow, int | None, list[list[str]]]], table: Table, idx_a: int, idx_b: int,
              claimed: set[int], placed: list[Placed], result: TableResult) -> None:
    """Unlabeled rows between two anchors take the template rows between them, when the counts agree."""
    gap_rows = [e for e in between if e[1] is None and e[0].numeric]
    missing = [i for i in range(idx_a + 1, idx_b) if i not in claimed]
    if gap_rows and len(gap_rows) == idx_b - idx_a - 1 == len(missing):
        for offset, (raw, _, readings) in enumerate(gap_rows):
            placed.append(Placed(table, table.rows[idx_a + 1 + offset].key, raw, readings))
    elif gap_rows or missing:
        names = "、".join(table.rows[i].label.split("/")[-1] for i in missing)
        result.warnings.append(f"表三有{len(gap_rows)}行无标签的数字，缺{len(missing)}行（{names or '无'}），未按位置填入")


def _longest_increasing(labelled: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest subsequence of (position, template index) with rising template indexes (first on ties)."""
    best: list[list[tuple[int, int]]] = []
    for i, (pos, idx) in enumerate(labelled):
        before = [best[j] for j in range(i) if labelled[j][1] < idx]
        longest: list[tuple[int, int]] = max(before, key=len) if before else []
        best.append([*longest, (pos, idx)])
    if not best:
        return set()
    chosen: list[tuple[int, int]] = max(best, key=len)
    return set(chosen)


def _spaced(raw: RawRow) -> bool:
    """A text row whose cells were told apart only by spaces inside one run of digits."""
    return not raw.from_grid and len(raw.values) == 1 and " " in raw.values[0].strip()


def _row_holds(item: Placed):
    if item.table.id == "applications":
        return lambda v: sum(v[:6]) == v[6]
    if item.table.id == "review_litigation":
        return lambda v: all(sum(v[i:i + 4]) == v[i + 4] for i in (0, 5, 10))
    return None


def _resolve_glued(placed: list[Placed], template: Template, result: TableResult) -> None:
    """Keep readings that satisfy the row sums, then the column sums across rows."""
    for item in placed:
        holds = _row_holds(item)
        if holds and (len(item.readings) > 1 or _spaced(item.raw)):
            # Spaces in crawler text are not always cell borders ("230 000023"): a spaced row that
            # breaks its own sum is not trusted either.
            kept = readings_that_hold(item.readings, holds)
            if not kept and _spaced(item.raw):
                width = len(item.table.columns)
                kept = readings_that_hold(split_run(item.raw.values[0], width, decimal_last=True), holds)
            item.readings = kept
    ambiguous = [p for p in placed if p.table.id == "applications" and len(p.readings) > 1]
    if not ambiguous:
        return
    if math.prod(len(p.readings) for p in ambiguous) > MAX_COMBINATIONS:
        return  # too many to try them all, and a unique survivor of a sample proves nothing
    combos = list(itertools.product(*(p.readings for p in ambiguous)))
    fixed = {CellKey.text("applications", p.row_key, c.key): _int(v)
             for p in placed if p.table.id == "applications" and len(p.readings) == 1
             for c, v in zip(p.table.columns, p.readings[0], strict=True)}
    good = []
    for combo in combos:
        values = dict(fixed)
        for item, reading in zip(ambiguous, combo, strict=True):
            values.update({CellKey.text("applications", item.row_key, c.key): _int(v)
                           for c, v in zip(item.table.columns, reading, strict=True)})
        if all(c.ok for c in application_checks(values, template) if c.id != "applications.applicants_sum"):
            good.append(combo)
    if len(good) == 1:
        for item, reading in zip(ambiguous, good[0], strict=True):
            item.readings = [reading]


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _cells_of(item: Placed, result: TableResult) -> list[Cell]:
    table, row = item.table, item.table.row(item.row_key)
    row_label = row.label.replace("/", "")
    if len(item.readings) != 1:
        return _uncertain_cells(item, row_label, result)
    cells = []
    for column, raw in zip(table.columns, item.readings[0], strict=True):
        cells.append(_read(item, column, raw, row_label, result))
    return cells


def _read(item: Placed, column: Column, raw: str, row_label: str, result: TableResult) -> Cell:
    table, row = item.table, item.table.row(item.row_key)
    value = read_cell(raw, column)
    if value.note:
        result.warnings.append(f"{row_label}（{column.label}）：{value.note}")
    return Cell(table.id, row.key, column.key, value.value, raw, value.blank, value.uncertain,
                value.unit, cell_label(row_label, column.label), table.section, item.raw.page)


def _uncertain_cells(item: Placed, row_label: str, result: TableResult) -> list[Cell]:
    """A glued run with several (or no) readings: only cells that every reading agrees on are read."""
    table, row = item.table, item.table.row(item.row_key)
    run = " ".join(item.raw.values)
    summed = _row_holds(item) is not None or item.table.id == "applications"
    if item.readings:
        why = "有多种拆分都符合表内合计" if summed else "可以有多种拆分（此表没有合计可以判断）"
    else:
        why = "无法拆成符合合计的数字" if summed else "无法拆成表内的数字"
    result.warnings.append(f"{row_label}：数字粘连“{run}”，{why}，标为不确定")
    # The readings are complete only below the cap; a cell equal in all of them is proven by the run itself.
    complete = 1 < len(item.readings) < MAX_READINGS
    cells = []
    for i, column in enumerate(table.columns):
        pieces = {reading[i] for reading in item.readings}
        if complete and len(pieces) == 1:
            cells.append(_read(item, column, pieces.pop(), row_label, result))
        else:
            cells.append(Cell(table.id, row.key, column.key, None, run, uncertain=True, unit=column.unit,
                              label=cell_label(row_label, column.label), section=table.section,
                              page=item.raw.page))
    return cells
