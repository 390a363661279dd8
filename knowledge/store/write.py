"""Writing merged reports into the knowledge base in bulk: one report per issuer and year, its files and sources."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

import sqlite_utils

from knowledge.store.corrections import corrected
from knowledge.store.merge import merge_reports
from knowledge.store.schema import REPORT_TABLES, insert_cells
from parsers.records import Cell, Check, Fact, ParsedReport, Section, report_from_dict

# Parsed records are kept per source file (compressed, as lists in field order) so that a second file
# of a report can be merged with the first without reading the first file again.
_GETTERS = {kind: attrgetter(*(f.name for f in fields(kind))) for kind in (Cell, Fact, Section, Check)}
_HEAD = ("file", "sha256", "format", "title", "issuer", "year", "template", "warnings", "titles")


def pack(report: ParsedReport) -> tuple[bytes, str]:
    """The parsed record as compact compressed JSON, and the fingerprint of its content.

    Two files with one content (copies, re-encodings) share the fingerprint: it leaves out the file's
    name and hash.
    """
    head = [getattr(report, name) for name in _HEAD]
    body = [[_GETTERS[kind](item) for item in items] for kind, items in
            ((Cell, report.cells), (Fact, report.facts), (Section, report.sections), (Check, report.checks))]
    head_json = json.dumps(head, ensure_ascii=False)
    body_json = json.dumps(body, ensure_ascii=False)
    content = hashlib.sha1((json.dumps(head[2:], ensure_ascii=False) + body_json).encode("utf-8")).hexdigest()
    return zlib.compress(f"[{head_json},{body_json[1:]}".encode(), 1), content


def unpack(blob: bytes | str) -> ParsedReport:
    """The record `pack` wrote (or, from a base written before m002, the `to_dict` JSON)."""
    if isinstance(blob, str):
        return report_from_dict(json.loads(blob))
    head, cells, facts, sections, checks = json.loads(zlib.decompress(blob))
    report = ParsedReport(**dict(zip(_HEAD, head, strict=True)))
    report.cells = [Cell(*c) for c in cells]
    report.facts = [Fact(*f) for f in facts]
    report.sections = [Section(*s) for s in sections]
    report.checks = [Check(*c) for c in checks]
    return report


def save_source(db: sqlite_utils.Database, report: ParsedReport, path: str) -> str:
    """Record one parsed file; returns the fingerprint of its content."""
    blob, content = pack(report)
    db.table("sources").insert({
        "sha256": report.sha256, "path": path, "file": report.file, "issuer": report.issuer,
        "year": report.year, "parsed": blob, "content": content,
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }, replace=True)
    return content


def rebuild_report(db: sqlite_utils.Database, issuer: str, year: int) -> None:
    """Recompute one report's rows from every source file of it."""
    rows = list(db.query("SELECT parsed, content FROM sources WHERE issuer = ? AND year = ? ORDER BY path",
                         [issuer, year]))
    kept = report_id(db, issuer, year)
    delete_report(db, issuer, year)
    if not rows:
        return
    reports = [unpack(r["parsed"]) for r in rows]
    files = sorted({r.file for r in reports})
    # Copies of one content add their file names only; merging them would only repeat their warnings.
    distinct = list({r["content"] or i: rep for i, (r, rep) in enumerate(zip(rows, reports, strict=True))}.values())
    write_report(db, merge_reports(distinct), files, kept)


def add_file(db: sqlite_utils.Database, report_id: int, file: str) -> None:
    """A copy of a stored report's content: only its file name joins the report."""
    row = db.execute("SELECT files FROM reports WHERE id = ?", [report_id]).fetchone()
    files = sorted({*json.loads(row[0] or "[]"), file})
    db.execute("UPDATE reports SET files = ? WHERE id = ?", [json.dumps(files, ensure_ascii=False), report_id])


def report_id(db: sqlite_utils.Database, issuer: str, year: int) -> int | None:
    row = db.execute("SELECT id FROM reports WHERE issuer = ? AND year = ?", [issuer, year]).fetchone()
    return int(row[0]) if row else None


def delete_report(db: sqlite_utils.Database, issuer: str, year: int) -> None:
    rid = report_id(db, issuer, year)
    if rid is None:
        return
    for table in REPORT_TABLES:
        db.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
    db.execute("DELETE FROM reports WHERE id = ?", [rid])


def _rows(rid: int, items: Iterable[Any], names: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    getter = attrgetter(*names)
    return ({"report_id": rid, **dict(zip(names, getter(item), strict=True))} for item in items)


def write_report(db: sqlite_utils.Database, report: ParsedReport, files: list[str],
                 keep_id: int | None = None) -> int:
    """Insert one (merged) report and all its rows, each table in one batch, with the staff's standing
    corrections laid over its cells. A report written again keeps its id (`keep_id`), so that the addresses
    of its staff page and its export stay the same after a correction or a new file."""
    report = corrected(db, report)
    table = db.table("reports")
    with db.atomic():
        table.insert({
            **({"id": keep_id} if keep_id is not None else {}),
            "issuer": report.issuer, "year": report.year, "title": report.title, "template": report.template,
            "format": report.format, "file": report.file, "files": json.dumps(files, ensure_ascii=False),
            "cells": len(report.cells), "facts": len(report.facts), "checks_failed": report.failed_checks,
            "warnings": len(report.warnings),
        })
        rid = int(table.last_pk or 0)
        insert_cells(db, [(rid, c.table, c.row, c.column, c.label, c.section, c.value, c.raw, int(c.blank),
                            int(c.uncertain), c.unit, c.page, report.file) for c in report.cells])
        db.table("checks").insert_all(({"report_id": rid, "check_id": c.id, "scope": c.scope, "ok": int(c.ok),
                                        "detail": c.detail} for c in report.checks), batch_size=500)
        db.table("warnings").insert_all(({"report_id": rid, "message": w} for w in report.warnings),
                                        batch_size=500)
        db.table("facts").insert_all(_rows(rid, report.facts, ("section", "text", "value", "unit", "page",
                                                               "context")), batch_size=500)
        db.table("sections").insert_all(_rows(rid, report.sections, ("path", "heading", "text")), batch_size=500)
    return rid
