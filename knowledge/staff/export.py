"""Cells and prose figures of the knowledge base, with their sources, as CSV or JSON for spreadsheets."""

from __future__ import annotations

import csv
import io
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


def export_rows(db_path: str | Path, issuer: str | None = None, year: int | None = None,
                report_id: int | None = None) -> Iterator[dict[str, Any]]:
    """Every cell (kind "cell"), then every prose figure (kind "fact"), report by report; only issuers whose name
    holds `issuer` ("洪泽" finds 洪泽区人民政府 and 淮安市洪泽区人民政府), only `year` and only the report with id
    `report_id`, when given."""
    for row in exported_rows(db_path, issuer, year, report_id):
        if isinstance(row, ExportedCell):
            yield {**dict.fromkeys(FIELDS, None), "kind": "cell", **_fields(row),
                   "table_title": _table_title(row.template, row.table)}
        else:
            yield {**dict.fromkeys(FIELDS, None), "kind": "fact", **_fields(row)}


def _fields(row: ExportedCell | ExportedFact) -> dict[str, Any]:
    return {f.name: getattr(row, f.name) for f in fields(row)}


def csv_chunks(rows: Iterator[dict[str, Any]], every: int = 500) -> Iterator[str]:
    """The CSV table of cells and facts (a `kind` column tells them apart), header first, in pieces."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for count, row in enumerate(rows, 1):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        if count % every == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def json_chunks(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """{"cells": [...], "facts": [...]} with only the fields each kind has, one row per piece (cells come
    before facts, as `export_rows` gives them)."""
    yield '{"cells": ['
    kind, first = "cell", True
    for row in rows:
        if row.pop("kind") != kind:
            kind, first = "fact", True
            yield '\n], "facts": ['
        item = {k: v for k, v in row.items() if v is not None or k in ("value", "page")}
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield '\n]}\n' if kind == "fact" else '\n], "facts": []}\n'


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """One CSV table of cells and facts; returns the rows written."""
    counted = _Counted(rows)
    out.writelines(csv_chunks(counted))
    return counted.count


def write_json(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """{"cells": [...], "facts": [...]} with only the fields each kind has; returns the rows written."""
    counted = _Counted(rows)
    out.writelines(json_chunks(counted))
    return counted.count


class _Counted:
    """An iterator of rows that counts what it gave."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self

    def __next__(self) -> dict[str, Any]:
        row = next(self.rows)
        self.count += 1
        return row
