"""Table 4 (行政复议、行政诉讼): its one row of 15 cells, however it is printed."""

from __future__ import annotations

from parsers.fitting import Placed, TableResult, fit_values
from parsers.glued import readings_that_hold
from parsers.matching import normalize_label
from parsers.rows import RawRow
from parsers.template import REVIEW_GROUPS, REVIEW_PARTS, REVIEW_TABLE


def place_review(rows: list[RawRow], result: TableResult) -> list[Placed]:
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
