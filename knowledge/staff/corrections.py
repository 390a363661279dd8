"""Staff correct a printed cell of a stored report (or undo it): the report is found by name and year, the cell
by its template key, and the report is written again with the correction laid over what was parsed, in the base's writer turn."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from knowledge.store import (
    Correction,
    ReportReader,
    StoredReport,
    index_bodies,
    open_db,
    rebuild_report,
    record_correction,
    report_id,
    undo_correction,
    write_turn,
)
from parsers.template import TEMPLATES, CellKey
from xxgk_errors import CorrectionError

MAX_REASON = 200


@dataclass(frozen=True)
class CorrectionDone:
    """What a correction (or its undoing) did: the correction, the report's cell label and its new id."""

    correction: Correction
    label: str
    report_id: int | None
    undone: bool = False


def parse_value(text: str) -> int | float | None:
    """A corrected value as staff type it: a number (commas allowed), or blank/空白 for a cell that is blank."""
    typed = text.replace(",", "").replace("，", "").strip()
    if typed.lower() in ("blank", "空白", "空"):
        return None
    try:
        number = float(typed)
    except ValueError:
        raise CorrectionError(f"“{text}”不是数字（空白请写 blank 或 空白）") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CorrectionError(f"“{text}”不是数字")
    return int(number) if number.is_integer() else number


def find_report(db_path: str | Path, issuer: str, year: int) -> StoredReport:
    """The one stored report of `year` whose issuer is `issuer` or holds it (洪泽区 finds 淮安市洪泽区人民政府)."""
    name = issuer.strip()
    with ReportReader(db_path) as base:
        reports = [r for r in base.reports() if r.year == year]
    exact = [r for r in reports if r.issuer == name]
    found = exact or [r for r in reports if name and name in r.issuer]
    if not found:
        raise CorrectionError(f"知识库里没有“{name}”{year}年的年报")
    if len(found) > 1:
        raise CorrectionError(f"“{name}”{year}年有{len(found)}份年报：{'、'.join(r.issuer for r in found)}，请写全称")
    return found[0]


def cell_label(report: StoredReport, key_text: str) -> tuple[CellKey, str]:
    """The cell key (table|row|column) checked against the report's template, with the cell's label."""
    try:
        key = CellKey.parse(key_text.strip())
    except ValueError:
        raise CorrectionError(f"“{key_text}”不是表格单元的写法（表|行|列，例如 applications|new_received|total）") \
            from None
    template = TEMPLATES.get(report.template or "")
    if template is None:
        raise CorrectionError(f"{report.issuer}{report.year}年的年报没有按模板读出表格，无法更正单元格")
    for table in template.tables:
        if table.id != key.table:
            continue
        for row in table.rows:
            for column in table.columns:
                if (row.key, column.key) == (key.row, key.column):
                    return key, f"{row.label}·{column.label}" if len(table.columns) > 1 else row.label
    raise CorrectionError(f"{report.template}年版模板没有单元格 {key}")


def correct_cell(db_path: str | Path, issuer: str, year: int, key_text: str, value: int | float | None,
                 reason: str, who: str) -> CorrectionDone:
    """Keep a correction of one cell (value None: the cell is blank) and write its report again."""
    reason = " ".join(reason.split())
    if not reason:
        raise CorrectionError("更正需要写明理由（--reason）")
    if len(reason) > MAX_REASON:
        raise CorrectionError(f"理由最多{MAX_REASON}个字")
    report = find_report(db_path, issuer, year)
    key, label = cell_label(report, key_text)
    if value is not None and value < 0 and not key.column.endswith("change"):
        raise CorrectionError(f"{label}不能为负数")
    with write_turn(db_path) as copy:
        db = open_db(copy.path)
        try:
            correction = record_correction(db, report.issuer, report.year, key, value, reason, who or "工作人员")
            new_id = _write_again(db, report)
        finally:
            db.close()
    return CorrectionDone(correction, label, new_id)


def undo_cell(db_path: str | Path, issuer: str, year: int, key_text: str, who: str) -> CorrectionDone:
    """Set aside the cell's standing correction; the value read from the report stands again."""
    report = find_report(db_path, issuer, year)
    key, label = cell_label(report, key_text)
    with write_turn(db_path) as copy:
        db = open_db(copy.path)
        try:
            undone = undo_correction(db, report.issuer, report.year, key, who or "工作人员")
            if undone is None:
                raise CorrectionError(f"{report.issuer}{report.year}年的“{label}”没有更正可撤销")
            new_id = _write_again(db, report)
        finally:
            db.close()
    return CorrectionDone(undone, label, new_id, undone=True)


def _write_again(db: sqlite_utils.Database, report: StoredReport) -> int | None:
    """The report written again from its kept parsed files, the corrections laid over; its new id."""
    with db.atomic():
        rebuild_report(db, report.issuer, report.year)
        index_bodies(db)
    return report_id(db, report.issuer, report.year)


def corrections_of(db_path: str | Path, report: StoredReport) -> list[Correction]:
    """Every correction of the report, standing or set aside, newest first."""
    with ReportReader(db_path) as base:
        return base.corrections(report)
