"""What the knowledge base holds, report by report."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.store import open_db


def list_reports(db_path: str | Path) -> list[dict]:
    """Issuer, year, template, format, counts of cells, facts, failed checks and warnings."""
    db = open_db(db_path)
    try:
        rows = list(db.query(
            "SELECT id, issuer, year, title, template, format, files, cells, facts, checks_failed, warnings "
            "FROM reports ORDER BY issuer, year"))
        for row in rows:
            row["files"] = json.loads(row["files"] or "[]")
            row["failed_checks"] = [
                f"{c['check_id']}[{c['scope']}]: {c['detail']}"
                for c in db.query("SELECT check_id, scope, detail FROM checks WHERE report_id = ? AND ok = 0",
                                  [row["id"]])]
        return rows
    finally:
        db.close()
