"""What the knowledge base holds, report by report."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.staff.checks_text import explain
from knowledge.store.schema import open_db


def list_reports(db_path: str | Path) -> list[dict]:
    """Issuer, year, template, format, counts of cells, facts, failed checks (explained) and warnings."""
    db = open_db(db_path)
    try:
        rows = list(db.query(
            "SELECT id, issuer, year, title, template, format, files, cells, facts, checks_failed, warnings "
            "FROM reports ORDER BY issuer, year"))
        for row in rows:
            row["files"] = json.loads(row["files"] or "[]")
            failed = list(db.query("SELECT check_id, scope, detail FROM checks WHERE report_id = ? AND ok = 0",
                                   [row["id"]]))
            cells = {f"{c['table_id']}|{c['row']}|{c['col']}": c for c in db.query(
                "SELECT table_id, row, col, value, blank, uncertain, unit FROM cells WHERE report_id = ?",
                [row["id"]])} if failed else {}
            # In words ("“总计”列：办理结果各项均为空白，总计栏为805件"), not as internal check ids.
            row["failed_checks"] = [explain(c, cells, row["template"]) for c in failed]
        return rows
    finally:
        db.close()
