"""The SQLite knowledge base: schema, and writing one merged report into it."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from knowledge.errors import DatabaseMissing, DatabaseUnreadable
from knowledge.merge import merge_reports
from parsers.records import ParsedReport, report_from_dict

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sources (
    sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, file TEXT, issuer TEXT, year INTEGER,
    parsed TEXT NOT NULL, ingested_at TEXT);
CREATE INDEX IF NOT EXISTS sources_path ON sources(path);
CREATE INDEX IF NOT EXISTS sources_report ON sources(issuer, year);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY, issuer TEXT NOT NULL, year INTEGER NOT NULL, title TEXT, template TEXT,
    format TEXT, file TEXT, files TEXT, cells INTEGER, facts INTEGER, checks_failed INTEGER,
    warnings INTEGER, UNIQUE(issuer, year));
CREATE TABLE IF NOT EXISTS cells (
    report_id INTEGER NOT NULL, table_id TEXT, row TEXT, col TEXT, value NUMERIC, raw TEXT,
    blank INTEGER, uncertain INTEGER, unit TEXT, label TEXT, section TEXT, page INTEGER, file TEXT);
CREATE INDEX IF NOT EXISTS cells_report_key ON cells(report_id, table_id, row, col);
CREATE INDEX IF NOT EXISTS cells_key ON cells(table_id, row, col);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, section TEXT, text TEXT, value NUMERIC, unit TEXT,
    page INTEGER, context TEXT);
CREATE INDEX IF NOT EXISTS facts_report ON facts(report_id);
CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, path TEXT, heading TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS sections_report ON sections(report_id);
CREATE TABLE IF NOT EXISTS checks (
    report_id INTEGER NOT NULL, check_id TEXT, scope TEXT, ok INTEGER, detail TEXT);
CREATE INDEX IF NOT EXISTS checks_report ON checks(report_id);
CREATE TABLE IF NOT EXISTS warnings (report_id INTEGER NOT NULL, message TEXT);
CREATE INDEX IF NOT EXISTS warnings_report ON warnings(report_id);
CREATE TABLE IF NOT EXISTS search (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, kind TEXT, ref_id INTEGER, body TEXT);
CREATE INDEX IF NOT EXISTS search_report ON search(report_id);
CREATE INDEX IF NOT EXISTS reports_year ON reports(year);
"""
_REPORT_TABLES = ("cells", "facts", "sections", "checks", "warnings", "search")


def char_tokens(text: str) -> str:
    """Text with every CJK character as its own token, so FTS finds one- and two-character terms."""
    return re.sub(r"([\u3400-\u9fff])", r" \1 ", text)


def fts_query(term: str) -> str:
    """An FTS5 phrase that matches the term's characters in a row."""
    tokens = char_tokens(term).split()
    return '"' + " ".join(t.replace('"', "") for t in tokens) + '"'


def open_db(path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """Open (or, with create, make) a knowledge base; a clear error if it is not one."""
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseMissing(f"知识库不存在：{path}（先运行 python -m bot build 或 ./run）")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite_utils.Database(path)
        if create:
            ensure_schema(db)
        elif "reports" not in db.table_names():
            raise DatabaseUnreadable(f"{path} 不是本项目的知识库")
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(f"{path} 无法作为 SQLite 数据库打开：{exc}") from exc
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    db.executescript(_SCHEMA)
    if "search_fts" not in db.table_names():
        db.execute("CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search', content_rowid='id')")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def save_source(db: sqlite_utils.Database, report: ParsedReport, path: str) -> None:
    db.table("sources").insert({
        "sha256": report.sha256, "path": path, "file": report.file, "issuer": report.issuer,
        "year": report.year, "parsed": json.dumps(report.to_dict(), ensure_ascii=False),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }, replace=True)


def rebuild_report(db: sqlite_utils.Database, issuer: str, year: int) -> None:
    """Recompute one report's rows from every source file of it."""
    rows = list(db.query("SELECT parsed FROM sources WHERE issuer = ? AND year = ? ORDER BY path",
                         [issuer, year]))
    existing = next(db.query("SELECT id FROM reports WHERE issuer = ? AND year = ?", [issuer, year]), None)
    if existing:
        _delete_report(db, existing["id"])
    if not rows:
        return
    merged = merge_reports([report_from_dict(json.loads(r["parsed"])) for r in rows])
    files = sorted({json.loads(r["parsed"])["file"] for r in rows})
    _write_report(db, merged, files)


def _delete_report(db: sqlite_utils.Database, report_id: int) -> None:
    for table in _REPORT_TABLES:
        if table == "search":
            db.execute("INSERT INTO search_fts(search_fts, rowid, body) SELECT 'delete', id, body FROM search "
                       "WHERE report_id = ?", [report_id])
        db.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
    db.execute("DELETE FROM reports WHERE id = ?", [report_id])


def _write_report(db: sqlite_utils.Database, report: ParsedReport, files: list[str]) -> None:
    table = db.table("reports")
    table.insert({
        "issuer": report.issuer, "year": report.year, "title": report.title, "template": report.template,
        "format": report.format, "file": report.file, "files": json.dumps(files, ensure_ascii=False),
        "cells": len(report.cells), "facts": len(report.facts), "checks_failed": report.failed_checks,
        "warnings": len(report.warnings),
    })
    rid = int(table.last_pk or 0)
    db.table("cells").insert_all({
        "report_id": rid, "table_id": c.table, "row": c.row, "col": c.column, "value": c.value, "raw": c.raw,
        "blank": int(c.blank), "uncertain": int(c.uncertain), "unit": c.unit, "label": c.label,
        "section": c.section, "page": c.page, "file": report.file} for c in report.cells)
    db.table("checks").insert_all({"report_id": rid, "check_id": c.id, "scope": c.scope, "ok": int(c.ok),
                              "detail": c.detail} for c in report.checks)
    db.table("warnings").insert_all({"report_id": rid, "message": w} for w in report.warnings)
    for fact in report.facts:
        fid = db.table("facts").insert({"report_id": rid, "section": fact.section, "text": fact.text,
                                  "value": fact.value, "unit": fact.unit, "page": fact.page,
                                  "context": fact.context}).last_pk
        _index(db, rid, "fact", fid, f"{fact.section} {fact.text}")
    for section in report.sections:
        sid = db.table("sections").insert({"report_id": rid, "path": section.path, "heading": section.heading,
                                     "text": section.text}).last_pk
        _index(db, rid, "section", sid, f"{section.path} {section.text}")


def _index(db: sqlite_utils.Database, rid: int, kind: str, ref: int | None, text: str) -> None:
    """Add text to the full-text index, one token per Chinese character."""
    body = char_tokens(text)
    sid = db.table("search").insert({"report_id": rid, "kind": kind, "ref_id": ref, "body": body}).last_pk
    db.execute("INSERT INTO search_fts(rowid, body) VALUES (?, ?)", [sid, body])


def search_text(db: sqlite_utils.Database, term: str, limit: int = 20) -> list[dict]:
    """Sections and facts whose text contains the term (any length, Chinese included)."""
    sql = ("SELECT search.report_id, search.kind, search.ref_id FROM search_fts "
           "JOIN search ON search.id = search_fts.rowid WHERE search_fts MATCH ? LIMIT ?")
    return list(db.query(sql, [fts_query(term), limit]))
