"""Read one printed cell: blanks, counts, signed changes and money with units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from parsers.template import Column

# The template's note: cells written '', '&nbsp;', '/', '-', '—', '无' are blank.
BLANK_MARKS = {"", "&nbsp;", "/", "-", "—", "——", "－", "无", "\xa0", "/ ", "--"}
_MONEY_UNITS = {"亿元": Decimal(100_000_000), "亿": Decimal(100_000_000), "万元": Decimal(10_000),
                "万": Decimal(10_000), "元": Decimal(1)}
_VALUE_CELL = re.compile(
    r"^(?P<sign>[增减+\-－]?)\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|亿|万|元)?$"
)


@dataclass
class CellValue:
    """A cell's reading: value (None for blank or unreadable), unit and flags."""

    value: int | float | None
    unit: str
    blank: bool = False
    uncertain: bool = False
    note: str = ""


def is_blank(raw: str) -> bool:
    return raw.strip().replace("\xa0", "") in BLANK_MARKS


def is_value_cell(raw: str) -> bool:
    """True when the text of a cell is a number (with sign or unit) or a blank mark."""
    text = raw.strip().replace("\xa0", "")
    return text in BLANK_MARKS or bool(_VALUE_CELL.match(text))


def to_number(num: Decimal) -> int | float:
    """An int when the decimal is whole, else a float."""
    return int(num) if num == num.to_integral_value() else float(num)


def read_cell(raw: str, column: Column) -> CellValue:
    """Interpret the printed text of a cell for its column."""
    text = raw.strip().replace("\xa0", "")
    # A count printed with its column's own unit ("5件" under 件, "3项" under 项) is that count.
    if not column.money and text.endswith(column.unit) and _VALUE_CELL.match(text[: -len(column.unit)].strip()):
        text = text[: -len(column.unit)].strip()
    if text in BLANK_MARKS:
        return CellValue(None, column.unit, blank=True)
    match = _VALUE_CELL.match(text)
    if not match:
        return CellValue(None, column.unit, uncertain=True, note=f"无法读作数字：{raw!r}")
    try:
        num = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:
        return CellValue(None, column.unit, uncertain=True, note=f"无法读作数字：{raw!r}")
    sign = match["sign"]
    if sign in ("减", "-", "－"):
        num = -num
    unit = match["unit"]
    if column.money:
        return _money(num, unit, column)
    if unit:
        return CellValue(None, column.unit, uncertain=True, note=f"计数栏出现金额单位：{raw!r}")
    return CellValue(to_number(num), column.unit)


def _money(num: Decimal, unit: str | None, column: Column) -> CellValue:
    if column.unit == "万元":
        # The 2021 fee column is headed （单位：万元）: keep the figure in 万元 as printed.
        if unit in (None, "万", "万元"):
            return CellValue(to_number(num), "万元")
        return CellValue(to_number(num * _MONEY_UNITS[unit] / Decimal(10_000)), "万元")
    if unit is None:
        return CellValue(to_number(num), "元", note="金额未注明单位，按元记")
    return CellValue(to_number(num * _MONEY_UNITS[unit]), "元")
