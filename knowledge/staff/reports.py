"""What the knowledge base holds, report by report."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from knowledge.store.checks import explain_failed, typed_rows
from knowledge.store.schema import open_db
from parsers.checks import PROSE_CHECK
from parsers.template import CellKey


def list_reports(db_path: str | Path) -> list[dict]:
    """Issuer, year, template, format, counts of cells, facts, failed checks (explained) and warnings."""
    db = open_db(db_path)
    try:
        rows = list(db.query(
            "SELECT id, issuer, year, title, template, format, files, cells, facts, checks_failed, warnings "
            "FROM reports ORDER BY issuer, year"))
        for row in rows:
            row["files"] = json.loads(row["files"] or "[]")
            # In words ("“总计”列：办理结果各项均为空白，总计栏为805件"), not as internal check ids.
            row["failed_checks"] = _failed_in_words(db, row["id"], row["template"])
        return rows
    finally:
        db.close()


def _failed_in_words(db: sqlite_utils.Database, report_id: int, template: str | None) -> list[str]:
    failed = list(db.query("SELECT check_id, scope, detail FROM checks WHERE report_id = ? AND ok = 0", [report_id]))
    if not failed:
        return []
    cells = {str(CellKey(c["table_id"], c["row"], c["col"])): c
             for c in db.query("SELECT * FROM cells WHERE report_id = ?", [report_id])}
    facts = list(db.query("SELECT section, text, value, unit, page, context FROM facts WHERE report_id = ? "
                          "ORDER BY id", [report_id])) if any(c["check_id"] == PROSE_CHECK for c in failed) else []
    checks, cell_rows, fact_rows = typed_rows(failed, cells, facts)
    return [explain_failed(c, cell_rows, template, fact_rows) for c in checks]
