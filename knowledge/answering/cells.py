"""Figures from printed cells: one cell, or the sum of several, with where each is printed."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from knowledge.model import Figure
from knowledge.store.read import CellRow, ReportInfo
from parsers.template import APPLICANT_COLUMNS, CellKey

_MONEY_FACTOR = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
Cells = dict[str, CellRow]


@dataclass(frozen=True)
class Miss:
    """Why a report cannot give the figure asked for, and the cells it needed that could not be read for sure."""

    reason: str
    unread: tuple[Figure, ...] = ()


def fmt(value: int | float | Decimal | None) -> str:
    """A number as a person writes it: no trailing zeros."""
    if value is None:
        return "空白"
    return format(Decimal(str(value)).normalize(), "f")


def _number(value: Decimal) -> int | float:
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def cell_figure(report: ReportInfo, cells: Cells, key: str, money_unit: str = "", fill_total: bool = False) -> Figure | Miss:
    """The figure of one cell: its value as printed, a blank said to be blank, an unreadable one not stated.
    A blank 总计 of the applications' table is its applicants' sum when `fill_total`, that is unless the form's
    cell as printed is asked (总计栏填的是多少): then it is blank, and no figure is stated for it."""
    cell = cells.get(key)
    if cell is None:
        return Miss("原文中没有读出这一项")
    if cell.uncertain:
        return Miss(f"原文这一项的数字无法可靠读出（印作“{cell.raw}”），为免出错不作回答", (unread_figure(report, cell),))
    notes = correction_notes(cell)
    if cell.blank:
        return _figure(report, cell, None, cell.unit, "空白", notes) if notes else _blank_figure(report, cells, cell, fill_total)
    value, unit = _money(cell, money_unit) if cell.unit in _MONEY_FACTOR else (cell.value, cell.unit)
    display = f"{fmt(value)}{unit}"
    if key.endswith("items_change") and value is not None:
        display = f"{'增' if value > 0 else '减' if value < 0 else ''}{fmt(abs(value))}{unit}"
    return _figure(report, cell, value, unit, display, notes)


def unread_figure(report: ReportInfo, cell: CellRow) -> Figure:
    """A cell that could not be read for sure, as a figure stating nothing: its source, and the text as printed."""
    return _figure(report, cell, None, cell.unit, f"印作“{cell.raw}”" if (cell.raw or "").strip() else "无法读出")


def correction_notes(cell: CellRow) -> tuple[str, ...]:
    """A corrected cell says so, with what the report printed and the staff's reason."""
    if not cell.correction:
        return ()
    printed = f"原文印作“{cell.raw}”" if (cell.raw or "").strip() else "原文此项空白"
    return (f"经工作人员更正，{printed}（理由：{cell.correction}）",)


def _blank_figure(report: ReportInfo, cells: Cells, cell: CellRow, fill_total: bool) -> Figure | Miss:
    if fill_total and cell.table_id == "applications" and cell.col == "total":
        parts = _applicant_keys(cell)
        if any(cells.get(p) is not None and cells[p].value is not None for p in parts):
            return sum_figure(report, cells, parts, f"{cell.label}（原表总计栏为空，此为各类申请人相加）")
    return _figure(report, cell, None, cell.unit, "空白", ("原表此项为空",))


def _applicant_keys(total: CellRow) -> list[str]:
    return [CellKey.text(total.table_id, total.row, c.key) for c in APPLICANT_COLUMNS[:-1]]


def _money(cell: CellRow, asked: str) -> tuple[int | float, str]:
    """Money in the unit asked for, else in the unit the report printed (12.03亿 stays 亿元)."""
    raw = cell.raw or ""
    printed = "亿元" if "亿" in raw else "万元" if ("万" in raw or cell.unit == "万元") else "元"
    unit = asked if asked in _MONEY_FACTOR else printed
    amount = Decimal(str(cell.value)) * _MONEY_FACTOR[cell.unit] / _MONEY_FACTOR[unit]
    return _number(amount), unit


def _figure(report: ReportInfo, cell: CellRow, value: int | float | None, unit: str, display: str,
            notes: tuple[str, ...] = ()) -> Figure:
    return Figure(value=value, unit=unit, display=display, issuer=report.issuer, year=report.year,
                  report_title=report.title, section=cell.section, label=cell.label, kind="cell",
                  key=cell.key, page=cell.page, notes=notes)


def _common_prefix(texts: list[str]) -> str:
    first = min(texts, key=len)
    for i, ch in enumerate(first):
        if any(t[i] != ch for t in texts):
            return first[:i]
    return first


_NUMBERED = re.compile(r"[一二三四五六七八九十]+）")


def short_labels(labels: list[str]) -> list[str]:
    """The words that tell summed cells apart: what all of them share in front and behind is dropped,
    cut only at a bracket, a dot or the start of a numbered item."""
    if len(labels) < 2:
        return labels
    prefix = _common_prefix(labels)
    cuts = [i + 1 for i, ch in enumerate(prefix) if ch in "（）·"] + [
        i for i, ch in enumerate(prefix) if ch.isdigit() and prefix[i + 1: i + 2] == "."]
    head = max([c for c in cuts if c <= len(prefix)], default=0)
    if all(lab[len(prefix):len(prefix) + 2][:1].isdigit() for lab in labels):
        head = len(prefix)  # the items differ at their numbers: "1.属于国家秘密", "2.其他法律…"
    if head and prefix[head - 1] == "（" and all(_NUMBERED.match(lab[head:]) for lab in labels):
        head -= 1  # （一）予以公开, （二）部分公开: the item's number keeps its brackets
    suffix = _common_prefix([lab[::-1] for lab in labels])[::-1]
    starts = [i for i, ch in enumerate(suffix) if ch in "（·"]
    tail = len(suffix) - min(starts) if starts else 0
    if any(len(lab) - head - tail <= 0 for lab in labels):
        return labels
    pieces = [lab[head: len(lab) - tail] for lab in labels]
    return [p[:-1] if p.endswith("）") and "（" not in p else p for p in pieces]


def sum_figure(report: ReportInfo, cells: Cells, keys: list[str], label: str) -> Figure | Miss:
    """A figure the tables imply: the sum of several printed cells, each part with its own source."""
    if any(cells.get(k) is None or cells[k].uncertain for k in keys):
        unread = tuple(unread_figure(report, cells[k]) for k in keys if k in cells and cells[k].uncertain)
        return Miss("相加所需的某一项没有可靠读出，无法计算合计", unread)
    names = short_labels([cells[k].label for k in keys])
    parts: list[Figure] = []
    total, blanks, derived = Decimal(0), 0, 0
    for name, key in zip(names, keys, strict=True):
        part = cell_figure(report, cells, key, fill_total=True)
        if isinstance(part, Miss):
            return part
        if part.value is None:
            blanks += 1
        elif part.kind == "sum":
            derived += 1
        total += Decimal(str(part.value or 0))
        parts.append(replace(part, short=name))
    notes = [f"其中{blanks}项原表为空，按0计"] if blanks else []
    if derived:
        notes.append(f"其中{derived}项原表总计栏为空，按该行各类申请人相加")
    unit = cells[keys[0]].unit
    pages = [p.page for p in parts if p.page]
    value: int | float | None = _number(total)
    if blanks == len(parts):
        value, notes = None, ["相加的各项原表均为空白"]  # five blanks add up to nothing printed, not to 0
    return Figure(value=value, unit=unit, display=f"{fmt(value)}{unit}" if value is not None else "空白", issuer=report.issuer, year=report.year,
                  report_title=report.title, section=cells[keys[0]].section, label=label, kind="sum",
                  key="+".join(keys), page=min(pages) if pages else None, notes=tuple(notes), parts=tuple(parts))


def add_up(figures: tuple[Figure, ...], names: list[str]) -> Figure:
    """The sum of figures of one unit (members of one report, or one measure over years), each a named part."""
    first = figures[0]
    blank = [f for f in figures if f.value is None]
    notes = tuple(dict.fromkeys(n for f in figures for n in f.notes))
    value: int | float | None = None
    if len(blank) == len(figures):
        notes = ("相加的各项原表均为空白", *notes)
    else:
        value = _number(sum((Decimal(str(f.value)) for f in figures if f.value is not None), Decimal(0)))
        notes = (f"其中{len(blank)}项原表为空，按0计", *notes) if blank else notes
    parts = tuple(replace(f, short=n) for f, n in zip(figures, names, strict=True))
    display = f"{fmt(value)}{first.unit}" if value is not None else "空白"
    return Figure(value, first.unit, display, first.issuer, first.year, first.report_title, first.section,
                  "、".join(names) + "相加", "sum", "+".join(f.key for f in figures), page=first.page, notes=notes,
                  parts=parts)
