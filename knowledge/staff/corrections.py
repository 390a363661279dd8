"""Staff correct a printed cell or a prose figure of a stored report (or undo it): the report is found by name and
year, the cell by its template key, a prose figure by its clause (or a part naming one), and the report is written
again with the correction laid over what was parsed, in the base's writer turn."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from knowledge.store import (
    NARRATIVE,
    Correction,
    FactRow,
    ReportReader,
    StoredReport,
    fact_key,
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


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise CorrectionError("更正需要写明理由（--reason）")
    if len(reason) > MAX_REASON:
        raise CorrectionError(f"理由最多{MAX_REASON}个字")
    return reason


def correct_cell(db_path: str | Path, issuer: str, year: int, key_text: str, value: int | float | None,
                 reason: str, who: str) -> CorrectionDone:
    """Keep a correction of one cell (value None: the cell is blank) and write its report again."""
    reason = _reason(reason)
    report = find_report(db_path, issuer, year)
    key, label = cell_label(report, key_text)
    if value is not None and value < 0 and not key.column.endswith("change"):
        raise CorrectionError(f"{label}不能为负数")
    return _keep(db_path, report, key, label, value, reason, who)


def correct_fact(db_path: str | Path, issuer: str, year: int, clause: str, value: int | float | None,
                 reason: str, who: str) -> CorrectionDone:
    """Keep a correction of one prose figure (named by its clause or a part of it that names one) and write its
    report again; a figure corrected before is corrected again, still as the report printed it."""
    reason = _reason(reason)
    if value is None or value < 0:
        raise CorrectionError("正文里的数字只能更正为不小于0的数字（不能为空白）")
    report = find_report(db_path, issuer, year)
    fact = find_fact(db_path, report, clause)
    standing = _standing_fact(db_path, report, fact.text)
    key = CellKey(NARRATIVE, fact.text, standing.col) if standing else fact_key(fact.text, fact.value)
    return _keep(db_path, report, key, fact.text, value, reason, who)


def _keep(db_path: str | Path, report: StoredReport, key: CellKey, label: str, value: int | float | None,
          reason: str, who: str) -> CorrectionDone:
    with write_turn(db_path) as copy:
        db = open_db(copy.path)
        try:
            correction = record_correction(db, report.issuer, report.year, key, value, reason, who or "工作人员")
            new_id = _write_again(db, report)
        finally:
            db.close()
    return CorrectionDone(correction, label, new_id)


def undo_cell(db_path: str | Path, issuer: str, year: int, key_text: str, who: str) -> CorrectionDone:
    """Set aside the cell's standing correction (a prose figure's: `narrative|clause|printed`, as the report
    page lists it); the value read from the report stands again."""
    report = find_report(db_path, issuer, year)
    if key_text.startswith(NARRATIVE + "|"):
        return undo_fact(db_path, issuer, year, key_text[len(NARRATIVE) + 1:].rsplit("|", 1)[0], who)
    key, label = cell_label(report, key_text)
    return _set_aside(db_path, report, key, label, who)


def undo_fact(db_path: str | Path, issuer: str, year: int, clause: str, who: str) -> CorrectionDone:
    """Set aside the standing correction of the prose figure whose clause is (or holds) `clause`."""
    report = find_report(db_path, issuer, year)
    text = clause.strip()
    standing = _standing_fact(db_path, report, text) or _standing_fact(db_path, report, text, whole=False)
    if standing is None:
        raise CorrectionError(f"{report.issuer}{report.year}年正文中“{text}”没有更正可撤销")
    return _set_aside(db_path, report, CellKey(NARRATIVE, standing.row, standing.col), standing.row, who)


def _set_aside(db_path: str | Path, report: StoredReport, key: CellKey, label: str, who: str) -> CorrectionDone:
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


def find_fact(db_path: str | Path, report: StoredReport, clause: str) -> FactRow:
    """The one prose figure of the report whose clause is `clause`, or else the one whose clause holds it."""
    text = clause.strip()
    with ReportReader(db_path) as base:
        facts = base.facts(report.id)
    found = [f for f in facts if f.text == text] or [f for f in facts if text and text in f.text]
    if not found:
        raise CorrectionError(f"{report.issuer}{report.year}年的报告正文中没有“{text}”这个数字")
    if len({(f.text, f.value) for f in found}) > 1:
        listed = "；".join(f"“{f.text}”" for f in found[:5])
        raise CorrectionError(f"正文中有{len(found)}处含“{text}”：{listed}，请写出更完整的原句")
    return found[0]


def _standing_fact(db_path: str | Path, report: StoredReport, clause: str, whole: bool = True) -> Correction | None:
    """The standing correction of the prose figure whose clause is `clause` (or holds it, not `whole`)."""
    standing = [c for c in corrections_of(db_path, report) if c.table_id == NARRATIVE and c.undone_at is None
                and (c.row == clause if whole else clause and clause in c.row)]
    if len(standing) > 1:
        raise CorrectionError(f"正文中有{len(standing)}处更正含“{clause}”，请写出更完整的原句")
    return standing[0] if standing else None
