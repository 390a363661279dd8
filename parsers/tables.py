"""Place rows into the template's tables and read their cells.

Rows are matched by their label; rows printed without one (converters lose
labels) are placed by order between matched rows, only where the count of
unlabeled rows equals the count of template rows missing between them.
Digit runs glued by crawlers are split only where the sums leave one reading.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from parsers.checks import application_checks
from parsers.glued import MAX_READINGS, readings_that_hold, split_run
from parsers.matching import column_order, match_row, normalize_label
from parsers.records import Cell
from parsers.rows import RawRow
from parsers.template import REVIEW_GROUPS, REVIEW_PARTS, REVIEW_TABLE, Column, Table, Template, cell_label
from parsers.values import is_blank, is_value_cell, read_cell

MAX_COMBINATIONS = 4096


@dataclass
class Placed:
    """A template row and the printed row placed on it."""

    table: Table
    row_key: str
    raw: RawRow
    readings: list[list[str]] = field(default_factory=list)


@dataclass
class TableResult:
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


def read_tables(rows: list[RawRow], template: Template) -> TableResult:
    """All cells of the template tables found in the rows."""
    result = TableResult()
    placed = _place_active(rows, template, result)
    placed += _place_applications([r for r in rows if r.region == "applications"], template, result)
    placed += _place_review([r for r in rows if r.region == "review"], result)
    _resolve_glued(placed, template, result)
    for item in placed:
        result.cells.extend(_cells_of(item, result))
    return result


def _place_active(rows: list[RawRow], template: Template, result: TableResult) -> list[Placed]:
    tables = [t for t in template.tables if t.id.startswith("active.")]
    placed: dict[str, Placed] = {}
    for raw in (r for r in rows if r.region == "active"):
        hit = match_row(raw.label, tables)
        if not hit:
            continue
        table, row = hit
        readings = fit_values(raw, len(table.columns), tuple(c.signed for c in table.columns))
        key = f"{table.id}|{row.key}"
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
    """Anchor labelled rows; fill gaps with unlabeled rows where the counts agree."""
    placed: list[Placed] = []
    anchors: list[tuple[int, int]] = [(-1, -1)]
    for pos, (raw, idx, _) in enumerate(entries):
        if idx is not None and idx > anchors[-1][1]:
            anchors.append((pos, idx))
        elif idx is not None:
            result.warnings.append(f"表三“{raw.label[:20]}”一行与前面的行重复或顺序不符，未读取")
    anchors.append((len(entries), len(table.rows)))
    for (pos_a, idx_a), (pos_b, idx_b) in itertools.pairwise(anchors):
        gap_rows = [e for e in entries[pos_a + 1:pos_b] if e[1] is None and e[0].numeric]
        gap = idx_b - idx_a - 1
        if gap_rows and len(gap_rows) == gap:
            for offset, (raw, _, readings) in enumerate(gap_rows):
                placed.append(Placed(table, table.rows[idx_a + 1 + offset].key, raw, readings))
        elif gap_rows or gap:
            missing = "、".join(r.label.split("/")[-1] for r in table.rows[idx_a + 1:idx_b])
            if missing or gap_rows:
                result.warnings.append(f"表三有{len(gap_rows)}行无标签的数字，缺{gap}行（{missing or '无'}），未按位置填入")
        if pos_b < len(entries):
            raw, idx, readings = entries[pos_b]
            placed.append(Placed(table, table.rows[idx_b].key, raw, readings))
    return placed


def _place_review(rows: list[RawRow], result: TableResult) -> list[Placed]:
    width = len(REVIEW_TABLE.columns)
    for raw in rows:
        readings = fit_values(raw, width)
        if readings and raw.numeric:  # a header row of empty cells is not the data row
            return [Placed(REVIEW_TABLE, "count", raw, readings)]
    joined = _review_from_groups(rows)
    if joined:
        return [Placed(REVIEW_TABLE, "count", joined, [joined.values])]
    if rows:
        result.warnings.append("表四：没有找到15个数字的数据行")
    return []


def _review_group(raw: RawRow) -> str | None:
    """Which of the three groups a five-cell row belongs to: by its label, its sub-table's caption, or
    failing those its header row."""
    for text in (raw.label, raw.context, "".join(raw.header)):
        group = _group_named(normalize_label(text))
        if group:
            return group
    return None


def _group_named(words: str) -> str | None:
    if "复议后" in words:
        return "litigation_after_review"
    if "直接起诉" in words or "未经复议" in words:
        return "litigation_direct"
    if "复议" in words and "诉讼" not in words:
        return "review"
    return None


def _review_from_groups(rows: list[RawRow]) -> RawRow | None:
    """Table 4 printed as three sub-tables (复议; 直接起诉; 复议后起诉) of five cells: one row of 15.

    Each part is taken only when its caption names its group and each group stands once.
    """
    parts: dict[str, RawRow] = {}
    for raw in rows:
        group = _review_group(raw)
        if group is None or not raw.numeric:
            continue
        reading = _group_reading(raw)
        if reading is None or group in parts:
            return None
        parts[group] = RawRow(raw.label, reading, raw.region, raw.page, True, raw.context)
    if set(parts) != set(REVIEW_GROUPS):
        return None
    values = [v for group in REVIEW_GROUPS for v in parts[group].values]
    return RawRow("", values, "review", parts[REVIEW_GROUPS[0]].page, True)


def _group_reading(raw: RawRow) -> list[str] | None:
    """A group's five cells: as printed in a grid; from text only the one reading whose parts sum to 总计."""
    readings = fit_values(raw, len(REVIEW_PARTS) + 1)
    if readings is None or raw.from_grid:
        return readings[0] if readings else None
    kept = readings_that_hold(readings, lambda v: sum(v[:4]) == v[4])
    return kept[0] if len(kept) == 1 else None


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
    fixed = {f"applications|{p.row_key}|{c.key}": _int(v)
             for p in placed if p.table.id == "applications" and len(p.readings) == 1
             for c, v in zip(p.table.columns, p.readings[0], strict=True)}
    good = []
    for combo in combos:
        values = dict(fixed)
        for item, reading in zip(ambiguous, combo, strict=True):
            values.update({f"applications|{item.row_key}|{c.key}": _int(v)
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
    why = "有多种拆分都符合表内合计" if item.readings else "无法拆成符合合计的数字"
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
