"""Cells and prose figures of the knowledge base, with their sources, as CSV or JSON for spreadsheets."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from knowledge.store.schema import open_db
from parsers.template import TEMPLATES

FIELDS = ("kind", "issuer", "year", "report_title", "template", "section", "table", "table_title", "row",
          "column", "label", "value", "raw", "unit", "blank", "uncertain", "text", "context", "page", "file")

_CELLS = ("SELECT r.issuer, r.year, r.title AS report_title, r.template, c.section, c.table_id AS \"table\", "
          "c.row, c.col AS \"column\", c.label, c.value, c.raw, c.unit, c.blank, c.uncertain, c.page, c.file "
          "FROM cells c JOIN reports r ON r.id = c.report_id")
_FACTS = ("SELECT r.issuer, r.year, r.title AS report_title, r.template, f.section, f.text, f.value, f.unit, "
          "f.context, f.page, r.file FROM facts f JOIN reports r ON r.id = f.report_id")


def _where(issuer: str | None, year: int | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if issuer:
        # Part of the name is enough ("洪泽" finds 洪泽区人民政府 and 淮安市洪泽区人民政府).
        clauses.append("r.issuer LIKE ? ESCAPE '\\'")
        params.append("%" + issuer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if year:
        clauses.append("r.year = ?")
        params.append(year)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _table_title(template: str, table: str) -> str:
    tpl = TEMPLATES.get(template or "")
    if tpl is None:
        return ""
    return next((f"{t.section} · {t.title}" for t in tpl.tables if t.id == table), "")


def export_rows(db_path: str | Path, issuer: str | None = None, year: int | None = None) -> Iterator[dict[str, Any]]:
    """Every cell (kind "cell"), then every prose figure (kind "fact"), report by report."""
    where, params = _where(issuer, year)
    db = open_db(db_path)
    try:
        for row in db.query(_CELLS + where + " ORDER BY r.issuer, r.year, c.table_id, c.row, c.col", params):
            yield {**dict.fromkeys(FIELDS, None), "kind": "cell", **row,
                   "table_title": _table_title(row["template"], row["table"]),
                   "blank": bool(row["blank"]), "uncertain": bool(row["uncertain"])}
        for row in db.query(_FACTS + where + " ORDER BY r.issuer, r.year, f.id", params):
            yield {**dict.fromkeys(FIELDS, None), "kind": "fact", **row}
    finally:
        db.close()


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """One CSV table of cells and facts (a `kind` column tells them apart); returns the rows written."""
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        count += 1
    return count


def write_json(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """{"cells": [...], "facts": [...]} with only the fields each kind has."""
    data: dict[str, list[dict[str, Any]]] = {"cells": [], "facts": []}
    for row in rows:
        kind = row.pop("kind")
        data["cells" if kind == "cell" else "facts"].append({k: v for k, v in row.items() if v is not None
                                                             or k in ("value", "page")})
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(data["cells"]) + len(data["facts"])
