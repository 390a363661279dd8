"""Cells and prose figures of the knowledge base, with their sources, as CSV or JSON for spreadsheets."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from knowledge.store import ExportedCell, ExportedFact, exported_rows
from parsers.template import TEMPLATES

FIELDS = ("kind", "issuer", "year", "report_title", "template", "section", "table", "table_title", "row",
          "column", "label", "value", "raw", "unit", "blank", "uncertain", "correction",
          "text", "context", "page", "file")


def _table_title(template: str, table: str) -> str:
    tpl = TEMPLATES.get(template or "")
    if tpl is None:
        return ""
    return next((f"{t.section} · {t.title}" for t in tpl.tables if t.id == table), "")


def export_rows(db_path: str | Path, issuer: str | None = None, year: int | None = None) -> Iterator[dict[str, Any]]:
    """Every cell (kind "cell"), then every prose figure (kind "fact"), report by report; only issuers whose name
    holds `issuer` ("洪泽" finds 洪泽区人民政府 and 淮安市洪泽区人民政府), and only `year`, when given."""
    for row in exported_rows(db_path, issuer, year):
        if isinstance(row, ExportedCell):
            yield {**dict.fromkeys(FIELDS, None), "kind": "cell", **_fields(row),
                   "table_title": _table_title(row.template, row.table)}
        else:
            yield {**dict.fromkeys(FIELDS, None), "kind": "fact", **_fields(row)}


def _fields(row: ExportedCell | ExportedFact) -> dict[str, Any]:
    return {f.name: getattr(row, f.name) for f in fields(row)}


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
