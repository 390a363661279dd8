"""A failing arithmetic identity (勾稽关系) explained in words, and the cells it covers.

Works on plain records: a check as stored (`check_id`, `scope`, `detail`) and the report's cells
keyed `table|row|column` (mappings with `value`, `blank`, `uncertain`, `unit`), so the staff pages
and the answering core can share it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parsers.template import APPLICANT_COLUMNS, REVIEW_PARTS, TEMPLATES, Template

CellRecord = Mapping[str, Any]


@dataclass(frozen=True)
class Identity:
    """The two sides of an identity: cell keys that must add up to the same figure."""

    left: tuple[str, ...]
    right: tuple[str, ...]

    @property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right


def _template(cells: Mapping[str, CellRecord], name: str | None) -> Template:
    if name in TEMPLATES:
        return TEMPLATES[str(name)]
    # The 2021 template splits （六）其他处理 into three rows; the 2019 one prints a single row.
    return TEMPLATES["2021"] if any(k.startswith("applications|other.") for k in cells) else TEMPLATES["2019"]


def _result_rows(template: Template) -> list[str]:
    skip = {"new_received", "carried_over", "total_processed", "carried_forward"}
    return [r.key for r in template.table("applications").rows if r.key not in skip]


def identity(check_id: str, scope: str, template: Template) -> Identity | None:
    """The cells an identity compares (left side = the printed total), or None for checks on prose."""
    def app(row: str, col: str) -> str:
        return f"applications|{row}|{col}"

    if check_id == "applications.balance":
        return Identity((app("new_received", scope), app("carried_over", scope)),
                        (app("total_processed", scope), app("carried_forward", scope)))
    if check_id == "applications.results_sum":
        return Identity((app("total_processed", scope),), tuple(app(r, scope) for r in _result_rows(template)))
    if check_id == "applications.applicants_sum":
        return Identity((app(scope, "total"),), tuple(app(scope, c.key) for c in APPLICANT_COLUMNS[:-1]))
    if check_id == "review_litigation.group_sum":
        return Identity((f"review_litigation|count|{scope}.total",),
                        tuple(f"review_litigation|count|{scope}.{p}" for p in REVIEW_PARTS))
    return None


def _number(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def _side(cells: Mapping[str, CellRecord], keys: tuple[str, ...]) -> str:
    """A side of the identity as a predicate: 为805件 / 为空白 (one cell), 相加为11件 / 均为空白 (several)."""
    present = [cells[k] for k in keys if k in cells]
    blank = [c for c in present if c.get("blank") or c.get("value") is None]
    if len(blank) == len(present):
        return "为空白" if len(keys) == 1 else "均为空白"
    total = sum(float(c.get("value") or 0) for c in present)
    unit = next((c.get("unit") for c in present if c.get("unit")), "件")
    if len(keys) == 1:
        return f"为{_number(total)}{unit}"
    return f"相加为{_number(total)}{unit}" + ("（空白按0计）" if blank else "")


def _row_label(template: Template, table: str, row: str) -> str:
    try:
        return template.table(table).row(row).label.rsplit("/", 1)[-1]
    except StopIteration:
        return row


def _column_label(template: Template, table: str, column: str) -> str:
    try:
        return template.table(table).column(column).label
    except StopIteration:
        return column


def explain(check: Mapping[str, Any], cells: Mapping[str, CellRecord], template: str | None = None) -> str:
    """One sentence saying what does not add up, e.g. “总计”列：办理结果各项均为空白，总计栏为805件."""
    check_id, scope = str(check.get("check_id") or check.get("id") or ""), str(check.get("scope") or "")
    tpl = _template(cells, template)
    ident = identity(check_id, scope, tpl)
    if check_id == "prose.table":
        return _explain_prose(scope, str(check.get("detail") or ""))
    if ident is None:
        return f"{check_id}[{scope}]：{check.get('detail', '')}"
    left, right = _side(cells, ident.left), _side(cells, ident.right)
    if check_id == "applications.balance":
        column = _column_label(tpl, "applications", scope)
        return f"“{column}”列：本年新收与上年结转{left}，办理结果总计与结转下年度{right}，两者应相等"
    if check_id == "applications.results_sum":
        column = _column_label(tpl, "applications", scope)
        return f"“{column}”列：办理结果各项{right}，总计栏{left}"
    if check_id == "applications.applicants_sum":
        return f"“{_row_label(tpl, 'applications', scope)}”行：各类申请人{right}，总计栏{left}"
    group = _column_label(tpl, "review_litigation", f"{scope}.total").removesuffix("/总计")
    parts = "、".join(_column_label(tpl, "review_litigation", f"{scope}.{p}").rsplit("/", 1)[-1]
                      for p in REVIEW_PARTS)
    return f"{group}：{parts}{right}，总计栏{left}"


_PROSE_DETAIL = re.compile(r"正文\s*(\S+)\s*vs\s*表格\s*(\S+)")


def _explain_prose(sentence: str, detail: str) -> str:
    """A figure of the prose that the tables contradict ("正文 17 vs 表格 95")."""
    match = _PROSE_DETAIL.search(detail)
    if not match:
        return f"正文“{sentence}”与表格不一致：{detail}"
    return f"正文写“{sentence}”（{match.group(1)}件），表格中相应栏目合计为{match.group(2)}件"
