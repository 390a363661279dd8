"""The figures a measure names in one report: cells, row groups, column groups and their sums."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.answering.cells import Cells, Miss, cell_figure, fmt, sum_figure
from knowledge.model import Figure
from knowledge.store.read import Catalog, ReportInfo
from knowledge.understanding.applicants import ORGANISATIONS
from knowledge.understanding.compose import Measure
from parsers.template import APPLICANT_COLUMNS, TEMPLATES, CellKey, Table, Template

__all__ = ["Choices", "Miss", "fmt", "measure_figures"]
_GROUP_NAMES = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
                "litigation_after_review": "行政诉讼（复议后起诉）", "litigation": "行政诉讼（直接起诉与复议后起诉相加）"}
_PART_NAMES = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计",
               "concluded": "已审结（维持、纠正、其他相加）"}
# Units a decision count is asked in, and those of the 项 columns (上一年项目数量, 本年增/减).
_COUNT_UNITS = {"件", "次", "起", "个", "宗"}


@dataclass(frozen=True)
class Choices:
    """The measure fits several cells of this report equally (a row whose column was not said)."""

    figures: tuple[Figure, ...]


Result = list[Figure] | Miss | Choices


def measure_figures(catalog: Catalog, report: ReportInfo, measure: Measure, unit: str = "",
                    money_unit: str = "") -> Result:
    """One figure per member of the measure (several for a list or a sum of named members)."""
    template = TEMPLATES.get(report.template)
    if template is None:
        return Miss(f"{report.year}年的报告早于2019年统一格式，没有这张统计表")
    cells = catalog.cells(report.id)
    if measure.table == "applications":
        columns = _column_members(measure)
        # a blank 总计 is its applicants' sum unless the form's cell is asked (总计栏填的是多少: printed blank)
        fill_total = (not measure.listing and len(measure.rows) * len(columns) > 1) or not measure.printed
        return _collect(_applications(report, template, cells, measure, row, col, fill_total)
                        for row in measure.rows for col in columns)
    if measure.table == "review_litigation":
        return _collect(_review(report, cells, group, part) for group in measure.groups for part in measure.parts)
    return _active(report, template, cells, measure, unit, money_unit)


def _collect(results: object) -> Result:
    figures: list[Figure] = []
    for result in results:  # type: ignore[attr-defined]
        if isinstance(result, Miss | Choices):
            return result
        figures.append(result)
    return figures


def _column_members(measure: Measure) -> list[str]:
    if measure.columns and measure.columns[-1] == "except":
        return ["except:" + ",".join(measure.columns[:-1])]
    return list(measure.columns)


def _applications(report: ReportInfo, template: Template, cells: Cells, measure: Measure, row: str,
                  column: str, fill_total: bool) -> Figure | Miss:
    table = template.table("applications")
    rows = _row_keys(table, row, template)
    if not rows:
        return Miss(f"{template.name}年版报告格式中没有这一项")
    columns = _column_keys(column)
    keys = [CellKey.text("applications", r, c) for r in rows for c in columns]
    if len(keys) == 1:
        return cell_figure(report, cells, keys[0], fill_total=fill_total)
    if len(rows) > 1 and len(columns) > 1:
        return Miss("不能同时按行和按列相加，请分开问")
    return sum_figure(report, cells, keys, _sum_label(table, row, rows, column, columns))


def _row_keys(table: Table, row: str, template: Template) -> list[str]:
    if template.name == "2019" and row.startswith("other."):
        return ["other"] if row in ("other.", "other.other") else []
    if row.endswith("."):
        return [r.key for r in table.rows if r.key.startswith(row)]
    return [row] if any(r.key == row for r in table.rows) else []


def _column_keys(column: str) -> list[str]:
    if column == "organisations":
        return list(ORGANISATIONS)
    if column.startswith("except:"):
        return [c for c in column.removeprefix("except:").split(",")]
    return [column]


def _sum_label(table: Table, row: str, rows: list[str], column: str, columns: list[str]) -> str:
    names = {c.key: c.label for c in APPLICANT_COLUMNS}
    if len(rows) > 1:
        group = table.row(rows[0]).label.split("/")
        return f"{group[1] if len(group) > 2 else group[0]}（各项相加，{names.get(column, column)}）"
    row_label = table.row(row).label.split("/")[-1]
    if column == "organisations":
        return f"{row_label}（法人或其他组织，五类相加）"
    listed = "、".join(names[c] for c in columns)
    return f"{row_label}（{listed}相加）"


def _review(report: ReportInfo, cells: Cells, group: str, part: str) -> Figure | Miss:
    groups = ["litigation_direct", "litigation_after_review"] if group == "litigation" else [group]
    parts = ["upheld", "corrected", "other"] if part == "concluded" else [part]
    keys = [CellKey.text("review_litigation", "count", f"{g}.{p}") for g in groups for p in parts]
    if len(keys) == 1:
        return cell_figure(report, cells, keys[0])
    return sum_figure(report, cells, keys, f"{_GROUP_NAMES[group]}·{_PART_NAMES[part]}")


def _active(report: ReportInfo, template: Template, cells: Cells, measure: Measure, unit: str,
            money_unit: str) -> Result:
    tables = [t for t in template.tables if t.id.startswith("active.")]
    figures: list[Figure] = []
    for row in measure.rows:
        table = next((t for t in tables if any(r.key == row for r in t.rows)), None)
        if table is None:
            return Miss(f"{template.name}年版报告格式中没有这一项（如2021年起不再统计政府集中采购）")
        columns = _active_columns(table, measure.columns, unit, money_unit)
        if not columns:
            return Miss(f"{template.name}年版报告格式中这一行没有所问的这一栏")
        found = [cell_figure(report, cells, CellKey.text(table.id, row, c), money_unit) for c in columns]
        if len(found) > 1 and not set(columns) <= set(measure.columns):
            return Choices(tuple(f for f in found if not isinstance(f, Miss)))  # a row alone: which column?
        missed = next((f for f in found if isinstance(f, Miss)), None)
        if missed is not None:
            return missed
        figures += [f for f in found if not isinstance(f, Miss)]
    return figures


def _active_columns(table: Table, asked: tuple[str, ...], unit: str, money_unit: str) -> list[str]:
    """The columns asked for; a row alone gets its only column, or the one its unit or 钱 points to."""
    keys = [c.key for c in table.columns]
    named = [c for c in asked if c in keys]
    if named or asked:
        return named  # 本年新制作数量、本年新公开数量各是多少: each column named
    if len(keys) == 1:
        return keys
    by_unit = [c.key for c in table.columns if (c.money and (money_unit or unit in ("元", "万元", "亿元")))
               or (unit in _COUNT_UNITS and c.unit == "件") or (unit == "项" and c.unit == "项")]
    if not by_unit and unit in _COUNT_UNITS | {"项"}:
        by_unit = [c.key for c in table.columns if not c.money]  # 采购项目数量 (个) of a count asked, not 总金额
    return by_unit if len(by_unit) == 1 else keys
