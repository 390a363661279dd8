"""Read access to the knowledge base: the Catalog answering uses (reports and bodies, looked up by index), and
the typed rows of a report's cells, prose figures, sections, failing checks and warnings, read by the one query
of each that the Catalog and the staff's reader share."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from knowledge.names.directory import Directory
from knowledge.store.body_index import StoredNames, names_version, stored_version
from knowledge.store.corrections import correction_reasons, fact_corrections, printed
from knowledge.store.held import (
    BodyReports,
    ReportInfo,
    ReportList,
    bodies_with_years,
    latest_bodies,
)
from knowledge.store.schema import open_db
from knowledge.store.taught import Taught, standing_taught
from parsers.template import CellKey
from xxgk_errors import DatabaseMissing, DatabaseUnreadable


class CellRow(NamedTuple):
    """A printed cell of a template table: its value as read, and where and how it is printed.

    A named tuple, not a frozen dataclass: every cell of a report is made when the report is first read for an
    answer, and a frozen dataclass took 1.6 times as long to make them (measured on the corpus base).
    """

    table_id: str
    row: str
    col: str
    value: int | float | None
    raw: str | None
    blank: bool
    uncertain: bool
    unit: str
    label: str
    section: str
    page: int | None
    file: str | None = None  # the file of the report it was read from
    correction: str = ""  # why staff corrected the value (the value is theirs, `raw` what the report printed)

    @property
    def key(self) -> str:
        return CellKey.text(self.table_id, self.row, self.col)


@dataclass(frozen=True, slots=True)
class FactRow:
    """A figure stated in the prose: its clause, the sentence around it and the section it stands in."""

    section: str
    text: str
    value: int | float
    unit: str
    page: int | None
    context: str | None
    printed: str = ""  # the number the report printed, when staff corrected the value (the value is theirs)
    correction: str = ""  # why staff corrected it


@dataclass(frozen=True, slots=True)
class SectionRow:
    """A section of a report's text."""

    path: str
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class CheckRow:
    """An arithmetic identity (勾稽关系) the original tables fail."""

    check_id: str
    scope: str
    detail: str


class Catalog:
    """The reports and bodies of a base, looked up by index when asked: opening one reads none of them whole."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        self.file_id = _file_id(self.path)
        db = open_db(self.path)
        try:
            version = stored_version(db.conn)
        except sqlite3.DatabaseError as exc:
            raise DatabaseUnreadable(f"知识库无法读取：{exc}") from exc
        finally:
            db.close()
        if version != names_version():
            raise DatabaseUnreadable(f"{self.path} 中机关的名称是旧版程序推导的，请运行 python -m bot build --update "
                                     "按本版重新推导（报告不变）")
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.directory = Directory(StoredNames(self.conn))
        self.by_issuer = BodyReports(self.conn)
        self.latest_first = ReportList(self.conn, ())
        # The phrases staff taught this base, joined to the lexicon its questions are read with.
        self.taught: Taught = standing_taught(self.conn)
        self.keys = cell_keys(self.conn)  # the cells' key words, read once (the base is not written while read)

    @property
    def reports(self) -> list[ReportInfo]:
        """Every report answering reads: one per body and year (read whole, for listings only)."""
        return list(self.latest_first)

    def changed(self) -> bool:
        """Whether the file was rebuilt (swapped in) or written since this catalog read it."""
        return _file_id(self.path) != self.file_id

    def close(self) -> None:
        self.conn.close()

    def report(self, issuer: str, year: int) -> ReportInfo | None:
        return next((r for r in self.by_issuer.get(issuer, []) if r.year == year), None)

    def years(self, issuer: str) -> list[int]:
        return [r.year for r in self.by_issuer.get(issuer, [])]

    def reports_of_year(self, year: int) -> ReportList:
        """The reports of the year, bodies in name order."""
        return ReportList(self.conn, (year,))

    def reports_of_years(self, years: Sequence[int]) -> ReportList:
        """The reports of the years in the order given, bodies in name order."""
        return ReportList(self.conn, tuple(years))

    def bodies_with_years(self, years: Sequence[int], limit: int = -1) -> list[str]:
        """The bodies that have a report of every one of the years, in name order."""
        return bodies_with_years(self.conn, years, limit)

    def latest_bodies(self, limit: int) -> list[str]:
        """Bodies with the latest reports first (by name within a year)."""
        return latest_bodies(self.conn, limit)

    def body_note(self, name: str) -> str:
        """How the body of this display name was read, when its place is printed as no division ("" else)."""
        row = self.conn.execute("SELECT note FROM bodies WHERE name = ?", [name]).fetchone()
        return str(row[0] or "") if row else ""

    def cells(self, report_id: int) -> dict[str, CellRow]:
        """The report's cells by their `table|row|column` key."""
        return _cells(self, report_id)

    def facts(self, report_id: int) -> list[FactRow]:
        """The report's prose figures, in the order they are printed."""
        return _facts(self, report_id)

    def sections(self, report_id: int) -> list[SectionRow]:
        return read_sections(self.conn, report_id)

    def failed_checks(self, report_id: int) -> list[CheckRow]:
        return _failed_checks(self, report_id)


def _file_id(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_ino, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _cells(catalog: Catalog, report_id: int) -> dict[str, CellRow]:
    return read_cells(catalog.conn, report_id, catalog.keys)


@lru_cache(maxsize=256)
def _facts(catalog: Catalog, report_id: int) -> list[FactRow]:
    return read_facts(catalog.conn, report_id)


@lru_cache(maxsize=256)
def _failed_checks(catalog: Catalog, report_id: int) -> list[CheckRow]:
    return read_failed_checks(catalog.conn, report_id)


class KeyWords(NamedTuple):
    """A cell key's words, kept once per base: its `table|row|column` text and what `cell_keys` holds."""

    text: str
    table_id: str
    row: str
    col: str
    label: str
    section: str


def cell_keys(conn: sqlite3.Connection) -> dict[int, KeyWords]:
    """Every cell key of the base by its id (a few hundred: the templates' cells and a few more), each word kept
    once in the process (sys.intern: they repeat in every report's cells, which took 130 KB a report)."""
    same = sys.intern
    return {kid: KeyWords(same(CellKey.text(table, row, col)), same(table), same(row), same(col),
                          label and same(label), section and same(section))
            for kid, table, row, col, label, section in conn.execute(
                "SELECT id, table_id, row, col, label, section FROM cell_keys")}


def read_cells(conn: sqlite3.Connection, report_id: int, keys: dict[int, KeyWords] | None = None) -> dict[str, CellRow]:
    """The report's cells by their `table|row|column` key; a corrected cell carries the staff's reason. The
    values are read alone and their keys' words taken from `keys` (cell_keys, which a reader of a base that is
    not written keeps): the cells view joined them for every cell."""
    rows = conn.execute("SELECT key_id, value, raw, blank, uncertain, unit, page, file FROM cell_values "
                        "WHERE report_id = ? ORDER BY rowid", [report_id]).fetchall()
    if keys is None or any(row[0] not in keys for row in rows):
        keys = cell_keys(conn)
    same = sys.intern
    cells: dict[str, CellRow] = {}
    for kid, value, raw, blank, uncertain, unit, page, file in rows:
        key = keys[kid]
        cells[key.text] = CellRow(key.table_id, key.row, key.col, value, raw, bool(blank), bool(uncertain),
                                  same(unit), key.label, key.section, page, file and same(file))
    for text, reason in correction_reasons(conn, report_id).items():
        if text in cells:
            cells[text] = cells[text]._replace(correction=reason)
    return cells


def read_facts(conn: sqlite3.Connection, report_id: int) -> list[FactRow]:
    """The report's prose figures, in the order they are printed; a corrected one carries what the report printed
    and the staff's reason."""
    rows = conn.execute("SELECT section, text, value, unit, page, context FROM facts WHERE report_id = ? "
                        "ORDER BY id", [report_id])
    facts = [FactRow(*row) for row in rows]
    fixed = fact_corrections(conn, report_id)
    if not fixed:
        return facts
    return [_noted(fact, fixed.get((fact.text, printed(fact.value)))) for fact in facts]


def _noted(fact: FactRow, correction: tuple[str, str] | None) -> FactRow:
    if correction is None:
        return fact
    return replace(fact, printed=correction[0], correction=correction[1])


def read_sections(conn: sqlite3.Connection, report_id: int) -> list[SectionRow]:
    """The report's sections, in the order they are printed."""
    rows = conn.execute("SELECT path, heading, text FROM sections WHERE report_id = ? ORDER BY id", [report_id])
    return [SectionRow(*row) for row in rows]


def read_failed_checks(conn: sqlite3.Connection, report_id: int) -> list[CheckRow]:
    """The identities the report's original tables fail."""
    rows = conn.execute("SELECT check_id, scope, detail FROM checks WHERE report_id = ? AND ok = 0", [report_id])
    return [CheckRow(*row) for row in rows]


def read_warnings(conn: sqlite3.Connection, report_id: int) -> list[str]:
    """What reading the report's files warned about (uncertain cells, files that disagree)."""
    return [message for (message,) in conn.execute("SELECT message FROM warnings WHERE report_id = ?", [report_id])]


def count_reports(db_path: str | Path) -> int:
    """How many reports the file at `db_path` holds, read on a connection of its own (for health checks)."""
    path = Path(db_path)
    if not path.exists():
        raise DatabaseMissing(f"知识库不存在：{path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(f"知识库无法读取：{exc}") from exc
