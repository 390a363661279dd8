"""The SQLite knowledge base's schema: its migrations, the template's cell keys, and opening a base."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from knowledge.store.body_index import names_version, stored_version
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
    insert_cells(db, [(r["report_id"], r["table_id"], r["row"], r["col"], r["label"], r["section"], r["value"],
                        r["raw"], r["blank"], r["uncertain"], r["unit"], r["page"], r["file"]) for r in old])
    db.execute("DROP TABLE cells")
    db.execute(_CELLS_VIEW)


@MIGRATIONS()
def m004_issuer_names(db: sqlite_utils.Database) -> None:
    """Each issuer name read as place + department once, at ingest, not at every start of the bot."""
    db.execute("CREATE TABLE IF NOT EXISTS issuer_names (issuer TEXT PRIMARY KEY, body_key TEXT, chain TEXT, "
               "department TEXT, note TEXT)")


@MIGRATIONS()
def m005_corrections(db: sqlite_utils.Database) -> None:
    """Staff corrections of cells, kept apart from the parsed values (see store/corrections.py)."""
    db.executescript("""
    CREATE TABLE IF NOT EXISTS corrections (
        id INTEGER PRIMARY KEY, issuer TEXT NOT NULL, year INTEGER NOT NULL, table_id TEXT NOT NULL,
        row TEXT NOT NULL, col TEXT NOT NULL, value NUMERIC, blank INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL,
        who TEXT, at TEXT, undone_at TEXT, undone_by TEXT);
    CREATE INDEX IF NOT EXISTS corrections_report ON corrections(issuer, year);
    """)


@MIGRATIONS()
def m006_body_names(db: sqlite_utils.Database) -> None:
    """The bodies, the names people use for each and each body's report of a year, kept at ingest so that
    answering looks them up by index instead of holding every body and report in every process."""
    db.executescript("""
    DELETE FROM issuer_names;
    CREATE INDEX IF NOT EXISTS issuer_names_body ON issuer_names(body_key);
    CREATE TABLE IF NOT EXISTS body_forms (form TEXT NOT NULL, role TEXT NOT NULL, body_key TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS body_forms_form ON body_forms(form, role);
    CREATE INDEX IF NOT EXISTS body_forms_body ON body_forms(body_key);
    CREATE TABLE IF NOT EXISTS name_forms (form TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (form, role))
        WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, name TEXT NOT NULL, names TEXT, chain TEXT,
        department TEXT, note TEXT, first TEXT) WITHOUT ROWID;
    CREATE UNIQUE INDEX IF NOT EXISTS bodies_name ON bodies(name);
    CREATE TABLE IF NOT EXISTS body_reports (report_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
        year INTEGER NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS body_reports_name ON body_reports(name, year);
    CREATE INDEX IF NOT EXISTS body_reports_year ON body_reports(year DESC, name);
    """)


@MIGRATIONS()
def m007_taught(db: sqlite_utils.Database) -> None:
    """Phrases staff taught from questions the bot could not answer, each for one concept (store/taught.py)."""
    db.executescript("""
    CREATE TABLE IF NOT EXISTS taught (
        id INTEGER PRIMARY KEY, phrase TEXT NOT NULL, role TEXT NOT NULL, value TEXT NOT NULL,
        question TEXT NOT NULL, previous TEXT NOT NULL DEFAULT '', who TEXT, at TEXT, undone_at TEXT, undone_by TEXT);
    CREATE INDEX IF NOT EXISTS taught_phrase ON taught(phrase);
    """)


@MIGRATIONS()
def m008_issuer_evidence(db: sqlite_utils.Database) -> None:
    """A mark of what an issuer's reports carried when it was read with their evidence (files' names, web
    addresses: store/body_index.py), so that it is read again only when they change."""
    if "evidence" not in db.table("issuer_names").columns_dict:
        db.execute("ALTER TABLE issuer_names ADD COLUMN evidence TEXT")


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


def insert_cells(db: sqlite_utils.Database, rows: list[tuple]) -> None:
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


REPORT_TABLES = ("cell_values", "facts", "sections", "checks", "warnings")


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


def outdated(path: str | Path) -> tuple[list[str], bool]:
    """What a base lacks to be read by this version: the migrations not applied to it, and whether its bodies'
    names were read by another version of `names_of` (read only; `knowledge.ingest.upgrade` brings it up to date)."""
    path = Path(path)
    try:
        db = sqlite_utils.Database(path)
        try:
            if "reports" not in db.table_names():
                raise DatabaseUnreadable(f"{path} 不是本项目的知识库")
            pending = [m.name for m in MIGRATIONS.pending(db)]
            stale = "meta" not in db.table_names() or stored_version(db.conn) != names_version()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(f"{path} 无法作为 SQLite 数据库打开：{exc}") from exc
    return pending, stale


def copy_base(source: str | Path, copy: str | Path) -> None:
    """A consistent copy of a base (SQLite's backup, not a byte copy that could catch a write halfway); no
    base at `source` leaves no file at `copy`."""
    source, copy = Path(source), Path(copy)
    copy.unlink(missing_ok=True)
    if not source.exists():
        return
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


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


def carry_rows(old_base: str | Path, db: sqlite_utils.Database, table: str, columns: str) -> int:
    """Copy every row of `table` (its `columns`) from the base at `old_base` into a base being built, for what
    staff added that no report file holds; returns how many. No old base, or one from before that table, or
    one that cannot be read, carries none (the build itself says what it found)."""
    path = Path(old_base)
    if not path.exists():
        return 0
    old = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # Only an old base may lack the table: every base opened with open_db has every migration.
        found = old.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
        rows = old.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall() if found else []
    except sqlite3.DatabaseError:
        return 0
    finally:
        old.close()
    marks = ", ".join("?" * len(columns.split(",")))
    with db.atomic():
        db.conn.executemany(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})", rows)
    return len(rows)
