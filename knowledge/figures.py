"""Figures from the tables of one report: cells, row groups and their sums."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from knowledge.catalog import Catalog, ReportInfo
from knowledge.results import Figure, Miss
from knowledge.understand import Measure, Query
from parsers.template import APPLICANT_COLUMNS, TEMPLATES, Table, Template

_MONEY_FACTOR = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_DEFAULT_COLUMN = {"licensing": "decisions", "other_services": "decisions", "penalty": "decisions",
                   "coercion": "decisions"}


def fmt(value: int | float | Decimal | None) -> str:
    """A number as a person writes it: no trailing zeros."""
    if value is None:
        return "空白"
    number = Decimal(str(value)).normalize()
    text = format(number, "f")
    return text


def template_of(report: ReportInfo) -> Template | None:
    return TEMPLATES.get(report.template)


def table_figures(catalog: Catalog, report: ReportInfo, measure: Measure, query: Query) -> list[Figure] | Miss:
    """The figure(s) a table measure names in this report; several when a column must be chosen."""
    template = template_of(report)
    if template is None:
        return Miss(f"{report.year}年的报告早于2019年统一格式，没有这张统计表")
    cells = catalog.cells(report.id)
    if measure.table == "applications":
        return _applications(report, template, cells, measure)
    if measure.table == "review_litigation":
        return _review(report, cells, measure)
    return _active(report, template, cells, measure, query)


def _applications(report: ReportInfo, template: Template, cells: dict, measure: Measure) -> list[Figure] | Miss:
    table = template.table("applications")
    row = measure.row or "new_received"
    column = measure.column or "total"
    if row == "other." and template.name == "2019":
        row = "other"
    if column == "organisations":
        keys = [f"applications|{row}|{c.key}" for c in APPLICANT_COLUMNS[1:-1]]
        label = f"{table.row(row).label.split('/')[-1] if not row.endswith('.') else row}（法人或其他组织，五类相加）"
        return Miss("不能同时按两组相加，请分开问") if row.endswith(".") else _sum(report, cells, keys, label)
    if row.endswith("."):
        rows = [r.key for r in table.rows if r.key.startswith(row)]
        if not rows:
            return Miss("该年度报告格式中没有这一项")
        return _sum(report, cells, [f"applications|{r}|{column}" for r in rows], _group_label(table, row, column))
    if not template.has_cell("applications", row, column):
        return Miss(f"{report.template}年版报告格式中没有这一项")
    return _cell(report, cells, f"applications|{row}|{column}")


def _group_label(table: Table, prefix: str, column: str) -> str:
    first = table.row(next(r.key for r in table.rows if r.key.startswith(prefix))).label
    group = first.split("/")[1] if "/" in first else first
    col = next(c.label for c in APPLICANT_COLUMNS if c.key == column)
    return f"{group}（各项相加，{col}）"


def _review(report: ReportInfo, cells: dict, measure: Measure) -> list[Figure] | Miss:
    group = measure.group or "review"
    part = measure.part or "total"
    if group == "all":
        keys = [f"review_litigation|count|{g}.total" for g in ("review", "litigation_direct", "litigation_after_review")]
        return _sum(report, cells, keys, "行政复议与行政诉讼（复议、直接起诉、复议后起诉三项总计相加）")
    if group == "litigation":
        keys = [f"review_litigation|count|{g}.{part}" for g in ("litigation_direct", "litigation_after_review")]
        return _sum(report, cells, keys, "行政诉讼（未经复议直接起诉与复议后起诉相加）")
    return _cell(report, cells, f"review_litigation|count|{group}.{part}")


def _active(report: ReportInfo, template: Template, cells: dict, measure: Measure,
            query: Query) -> list[Figure] | Miss:
    tables = [t for t in template.tables if t.id.startswith("active.")]
    if measure.row:
        table = next((t for t in tables if any(r.key == measure.row for r in t.rows)), None)
    else:
        table = next((t for t in tables if any(c.key == measure.column for c in t.columns)), None)
    if table is None:
        return Miss(f"{report.template}年版报告格式中没有这一项（如2021年起不再统计政府集中采购）")
    row = measure.row or table.rows[0].key
    columns = [c.key for c in table.columns]
    column = measure.column if measure.column in columns else None
    if column is None:
        column = _default_column(table, row, columns, query)
    if column is None:
        figures = [_cell(report, cells, f"{table.id}|{row}|{c}", query) for c in columns]
        found = [f[0] for f in figures if isinstance(f, list)]
        return found or Miss("原表这一行没有读出数字")
    return _cell(report, cells, f"{table.id}|{row}|{column}", query)


def _default_column(table: Table, row: str, columns: list[str], query: Query) -> str | None:
    if len(columns) == 1:
        return columns[0]
    if row in _DEFAULT_COLUMN and _DEFAULT_COLUMN[row] in columns:
        return _DEFAULT_COLUMN[row]
    if query.money_unit or "钱" in query.text:
        money = [c.key for c in table.columns if c.money]
        return money[0] if money else None
    return None


def _cell(report: ReportInfo, cells: dict, key: str, query: Query | None = None) -> list[Figure] | Miss:
    cell = cells.get(key)
    if cell is None:
        return Miss("原文中没有读出这一项")
    if cell["uncertain"]:
        return Miss(f"原文这一项的数字无法可靠读出（印作“{cell['raw']}”），为免出错不作回答")
    if cell["blank"]:
        if key.endswith("|total") and key.startswith("applications|"):
            prefix = key.rsplit("|", 1)[0]
            parts = [f"{prefix}|{c.key}" for c in APPLICANT_COLUMNS[:-1]]
            if any(cells.get(p) is not None and cells[p]["value"] is not None for p in parts):
                result = _sum(report, cells, parts, f"{cell['label']}（原表总计栏为空，此为各类申请人相加）")
                return result
        return [_figure(report, cell, None, cell["unit"], "空白（原表此项为空）", note="原表此项为空")]
    value, unit = _money(cell, query) if cell["unit"] in _MONEY_FACTOR else (cell["value"], cell["unit"])
    display = f"{fmt(value)}{unit}"
    if key.endswith("items_change") and value is not None:
        display = f"{'增' if value > 0 else '减' if value < 0 else ''}{fmt(abs(value))}{unit}"
    return [_figure(report, cell, value, unit, display)]


def _money(cell: sqlite3.Row, query: Query | None) -> tuple[int | float, str]:
    """Money in the unit asked for, else in the unit the report printed (12.03亿 stays 亿元)."""
    raw = cell["raw"] or ""
    asked = query.money_unit if query and query.money_unit in _MONEY_FACTOR else ""
    printed = "亿元" if "亿" in raw else "万元" if ("万" in raw or cell["unit"] == "万元") else "元"
    unit = asked or printed
    amount = Decimal(str(cell["value"])) * _MONEY_FACTOR[cell["unit"]] / _MONEY_FACTOR[unit]
    number = amount.normalize()
    return (int(number) if number == number.to_integral_value() else float(number)), unit


def _figure(report: ReportInfo, cell: sqlite3.Row, value, unit: str, display: str, note: str = "") -> Figure:
    return Figure(value=value, unit=unit, display=display, issuer=report.issuer, year=report.year,
                  report_title=report.title, section=cell["section"], label=cell["label"],
                  key=f"{cell['table_id']}|{cell['row']}|{cell['col']}", kind="cell", page=cell["page"], note=note)


def _common_prefix(texts: list[str]) -> str:
    first = min(texts, key=len)
    for i, ch in enumerate(first):
        if any(t[i] != ch for t in texts):
            return first[:i]
    return first


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
    suffix = _common_prefix([lab[::-1] for lab in labels])[::-1]
    starts = [i for i, ch in enumerate(suffix) if ch in "（·"]
    tail = len(suffix) - min(starts) if starts else 0
    if any(len(lab) - head - tail <= 0 for lab in labels):
        return labels
    pieces = [lab[head: len(lab) - tail] for lab in labels]
    return [p[:-1] if p.endswith("）") and "（" not in p else p for p in pieces]


def _applicants_sum(cells: dict, key: str) -> Decimal | None:
    """The sum of a row's applicant cells, when its 总计 is blank and some of them are printed."""
    if not (key.startswith("applications|") and key.endswith("|total")):
        return None
    prefix = key.rsplit("|", 1)[0]
    found = [cells.get(f"{prefix}|{c.key}") for c in APPLICANT_COLUMNS[:-1]]
    parts = [p for p in found if p is not None]
    if len(parts) != len(found) or any(p["uncertain"] for p in parts) or all(p["blank"] for p in parts):
        return None
    return sum((Decimal(str(p["value"])) for p in parts if not p["blank"]), Decimal(0))


def _sum(report: ReportInfo, cells: dict, keys: list[str], label: str) -> list[Figure] | Miss:
    """A figure the tables imply: the sum of several printed cells, with what it is made of."""
    total = Decimal(0)
    parts: list[str] = []
    blanks = derived = 0
    section = ""
    pages: set[int] = set()
    if any(cells.get(k) is None or cells[k]["uncertain"] for k in keys):
        return Miss("相加所需的某一项没有可靠读出，无法计算合计")
    names = short_labels([cells[k]["label"] for k in keys])
    for i, key in enumerate(keys):
        cell = cells[key]
        section = cell["section"]
        if cell["page"]:
            pages.add(cell["page"])
        if cell["blank"]:
            across = _applicants_sum(cells, key)
            if across is not None:
                # A blank 总计 with applicant figures beside it: the row's figure is their sum.
                total += across
                derived += 1
                parts.append(f"{names[i]} 空白，各类申请人相加为{fmt(across)}")
                continue
            blanks += 1
            parts.append(f"{names[i]} 空白")
            continue
        total += Decimal(str(cell["value"]))
        parts.append(f"{names[i]} {fmt(cell['value'])}")
    value = int(total) if total == total.to_integral_value() else float(total)
    unit = cells[keys[0]]["unit"]
    notes = [f"其中{blanks}项原表为空，按0计"] if blanks else []
    if derived:
        notes.append(f"其中{derived}项原表总计栏为空，按该行各类申请人相加")
    note = "；".join(notes)
    return [Figure(value=value, unit=unit, display=f"{fmt(value)}{unit}", issuer=report.issuer, year=report.year,
                   report_title=report.title, section=section, label=label, key="+".join(keys), kind="sum",
                   page=min(pages) if pages else None, note=note, parts=parts)]
