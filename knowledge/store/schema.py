"""The SQLite knowledge base: its migrations, and writing merged reports into it in bulk."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from knowledge.store.merge import merge_reports
from parsers.records import Cell, Check, Fact, ParsedReport, Section, report_from_dict
from parsers.template import template_cells
from xxgk_errors import DatabaseMissing, DatabaseUnreadable

MIGRATIONS = Migrations("xxgk-knowledge")


@MIGRATIONS()
def m001_tables(db: sqlite_utils.Database) -> None:
    """The tables the answering reads (and, before m002, what every older base already holds)."""
    db.executescript("""
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
    CREATE INDEX IF NOT EXISTS reports_year ON reports(year);
    """)


@MIGRATIONS()
def m002_lean_indexes(db: sqlite_utils.Database) -> None:
    """Drop the character-split full-text index (the answering never read it) and the cell indexes by
    key; cells are read by report only. Sources gain the fingerprint of their parsed content."""
    db.executescript("""
    DROP TABLE IF EXISTS search_fts;
    DROP TABLE IF EXISTS search;
    DROP INDEX IF EXISTS cells_key;
    DROP INDEX IF EXISTS cells_report_key;
    CREATE INDEX IF NOT EXISTS cells_report ON cells(report_id);
    DELETE FROM meta WHERE key = 'schema_version';
    """)
    if "content" not in db.table("sources").columns_dict:
        db.execute("ALTER TABLE sources ADD COLUMN content TEXT")


_CELLS_VIEW = """
    CREATE VIEW cells AS SELECT v.report_id, k.table_id, k.row, k.col, v.value, v.raw, v.blank, v.uncertain,
        v.unit, k.label, k.section, v.page, v.file
    FROM cell_values v JOIN cell_keys k ON k.id = v.key_id
"""


@MIGRATIONS()
def m003_cell_keys(db: sqlite_utils.Database) -> None:
    """Cells keep their template words (table, row, column, label, section) once per key, not once per
    report: `cells` becomes a view with the same columns over `cell_values` and `cell_keys`."""
    db.executescript("""
    CREATE TABLE cell_keys (id INTEGER PRIMARY KEY, table_id TEXT, row TEXT, col TEXT, label TEXT, section TEXT);
    CREATE TABLE cell_values (report_id INTEGER NOT NULL, key_id INTEGER NOT NULL, value NUMERIC, raw TEXT,
        blank INTEGER, uncertain INTEGER, unit TEXT, page INTEGER, file TEXT);
    CREATE INDEX cell_values_report ON cell_values(report_id);
    """)
    old = list(db.query("SELECT rowid, * FROM cells ORDER BY rowid"))
    _insert_cells(db, [(r["report_id"], r["table_id"], r["row"], r["col"], r["label"], r["section"], r["value"],
                        r["raw"], r["blank"], r["uncertain"], r["unit"], r["page"], r["file"]) for r in old])
    db.execute("DROP TABLE cells")
    db.execute(_CELLS_VIEW)


@MIGRATIONS()
def m004_issuer_names(db: sqlite_utils.Database) -> None:
    """Each issuer name read as place + department once, at ingest, not at every start of the bot."""
    db.execute("CREATE TABLE IF NOT EXISTS issuer_names (issuer TEXT PRIMARY KEY, body_key TEXT, chain TEXT, "
               "department TEXT, note TEXT)")


def key_id(table: str, row: str, column: str, label: str, section: str) -> int:
    """A cell key's id, the same in every base (63 bits of its hash): no lookup needed to write a cell."""
    digest = hashlib.sha1("\x1f".join((table, row, column, label, section)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


_TEMPLATE_KEYS = {key: key_id(*key) for key in template_cells()}


def _template_keys(db: sqlite_utils.Database) -> None:
    """Every template cell's key, written once when a base is opened for writing (so that writing a report
    looks nothing up: its keys are already there, committed)."""
    with db.atomic():
        db.table("cell_keys").insert_all(
            [["id", "table_id", "row", "col", "label", "section"], *((kid, *key) for key, kid in _TEMPLATE_KEYS.items())],
            ignore=True, batch_size=500)


def _insert_cells(db: sqlite_utils.Database, rows: list[tuple]) -> None:
    """Rows of (report_id, table, row, column, label, section, value, raw, blank, uncertain, unit, page, file)."""
    keys = {}
    values = []
    for rid, table, row, col, label, section, *rest in rows:
        key = (table, row, col, label, section)
        kid = _TEMPLATE_KEYS.get(key)
        if kid is None:
            kid = key_id(*key)
            keys[kid] = (kid, *key)
        values.append((rid, kid, *rest))
    if keys:
        db.table("cell_keys").insert_all(
            [["id", "table_id", "row", "col", "label", "section"], *keys.values()], ignore=True, batch_size=500)
    db.table("cell_values").insert_all(
        [["report_id", "key_id", "value", "raw", "blank", "uncertain", "unit", "page", "file"], *values],
        batch_size=500)


_REPORT_TABLES = ("cell_values", "facts", "sections", "checks", "warnings")


def open_db(path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """Open (or, with create, make or bring up to date) a knowledge base; a clear error if it is not one."""
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseMissing(f"知识库不存在：{path}（先运行 python -m bot build 或 ./run）")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite_utils.Database(path)
        if create:
            MIGRATIONS.apply(db)
            _template_keys(db)
        else:
            _check_version(db, path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(f"{path} 无法作为 SQLite 数据库打开：{exc}") from exc
    return db


def _check_version(db: sqlite_utils.Database, path: Path) -> None:
    """A base this code can read: ours, with every migration applied and none it does not know."""
    if "reports" not in db.table_names():
        raise DatabaseUnreadable(f"{path} 不是本项目的知识库")
    known = {m.name for m in MIGRATIONS.pending(sqlite_utils.Database(memory=True))}
    applied = {m.name for m in MIGRATIONS.applied(db)}
    if applied - known:
        raise DatabaseUnreadable(f"{path} 由更新版本的程序建立（{'、'.join(sorted(applied - known))}），请升级后再用")
    pending = [m.name for m in MIGRATIONS.pending(db)]
    if pending:
        raise DatabaseUnreadable(
            f"{path} 是旧版知识库（缺少 {'、'.join(pending)}），请运行 python -m bot build 重建或 ingest 一次升级")


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
    delete_report(db, issuer, year)
    if not rows:
        return
    reports = [unpack(r["parsed"]) for r in rows]
    files = sorted({r.file for r in reports})
    # Copies of one content add their file names only; merging them would only repeat their warnings.
    distinct = list({r["content"] or i: rep for i, (r, rep) in enumerate(zip(rows, reports, strict=True))}.values())
    write_report(db, merge_reports(distinct), files)


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
    for table in _REPORT_TABLES:
        db.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
    db.execute("DELETE FROM reports WHERE id = ?", [rid])


def _rows(rid: int, items: Iterable[Any], names: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    getter = attrgetter(*names)
    return ({"report_id": rid, **dict(zip(names, getter(item), strict=True))} for item in items)


def write_report(db: sqlite_utils.Database, report: ParsedReport, files: list[str]) -> int:
    """Insert one (merged) report and all its rows, each table in one batch."""
    table = db.table("reports")
    with db.atomic():
        table.insert({
            "issuer": report.issuer, "year": report.year, "title": report.title, "template": report.template,
            "format": report.format, "file": report.file, "files": json.dumps(files, ensure_ascii=False),
            "cells": len(report.cells), "facts": len(report.facts), "checks_failed": report.failed_checks,
            "warnings": len(report.warnings),
        })
        rid = int(table.last_pk or 0)
        _insert_cells(db, [(rid, c.table, c.row, c.column, c.label, c.section, c.value, c.raw, int(c.blank),
                            int(c.uncertain), c.unit, c.page, report.file) for c in report.cells])
        db.table("checks").insert_all(({"report_id": rid, "check_id": c.id, "scope": c.scope, "ok": int(c.ok),
                                        "detail": c.detail} for c in report.checks), batch_size=500)
        db.table("warnings").insert_all(({"report_id": rid, "message": w} for w in report.warnings),
                                        batch_size=500)
        db.table("facts").insert_all(_rows(rid, report.facts, ("section", "text", "value", "unit", "page",
                                                               "context")), batch_size=500)
        db.table("sections").insert_all(_rows(rid, report.sections, ("path", "heading", "text")), batch_size=500)
    return rid


