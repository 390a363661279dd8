"""Staff corrections of printed cells and prose figures, kept apart from what was parsed: recorded, undone, listed,
and laid over a report's parsed cells and figures whenever the report is written (so they survive re-ingest and
`build`). A prose figure is known by its clause and the number the report printed in it: table `narrative`, row
the clause, column that number (`fact_key`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import sqlite_utils

from knowledge.store.schema import carry_rows
from parsers.checks import prose_checks, table_checks
from parsers.records import Cell, Fact, ParsedReport
from parsers.template import TEMPLATES, CellKey

NARRATIVE = "narrative"  # the table of a prose figure's correction (the key every prose figure cites)
_COLUMNS = "id, issuer, year, table_id, row, col, value, blank, reason, who, at, undone_at, undone_by"
_ACTIVE = "undone_at IS NULL"


@dataclass(frozen=True, slots=True)
class Correction:
    """One staff correction of a cell: the value (None with `blank`) that replaces what was read, and why."""

    id: int
    issuer: str
    year: int
    table_id: str
    row: str
    col: str
    value: int | float | None
    blank: bool
    reason: str
    who: str
    at: str
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def key(self) -> str:
        return CellKey.text(self.table_id, self.row, self.col)

    @property
    def is_fact(self) -> bool:
        """A correction of a prose figure (its row is the clause), not of a cell."""
        return self.table_id == NARRATIVE

    @property
    def shown(self) -> str:
        """The corrected value as staff typed it: a number without trailing zeros, or 空白."""
        return "空白" if self.blank or self.value is None else f"{self.value:g}"


def printed(value: int | float) -> str:
    """A number as the report prints it: no trailing zeros, no exponent."""
    return format(Decimal(str(value)).normalize(), "f")


def fact_key(clause: str, value: int | float) -> CellKey:
    """The key of a prose figure's correction: its clause and the number the report printed in it."""
    return CellKey(NARRATIVE, clause, printed(value))


def _correction(row: tuple) -> Correction:
    rid, issuer, year, table_id, col_row, col, value, blank, reason, who, at, undone_at, undone_by = row
    return Correction(rid, issuer, year, table_id, col_row, col, value, bool(blank), reason, who or "", at or "",
                      undone_at, undone_by)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_correction(db: sqlite_utils.Database, issuer: str, year: int, key: CellKey, value: int | float | None,
                      reason: str, who: str) -> Correction:
    """Keep a correction of one cell (None: the cell is blank); an earlier one of the same cell is set aside."""
    at = _now()
    with db.atomic():
        db.execute(f"UPDATE corrections SET undone_at = ?, undone_by = ? WHERE issuer = ? AND year = ? AND "
                   f"table_id = ? AND row = ? AND col = ? AND {_ACTIVE}",
                   [at, who, issuer, year, key.table, key.row, key.column])
        cursor = db.execute(
            "INSERT INTO corrections (issuer, year, table_id, row, col, value, blank, reason, who, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [issuer, year, key.table, key.row, key.column, value, int(value is None), reason, who, at])
    return Correction(int(cursor.lastrowid or 0), issuer, year, key.table, key.row, key.column, value,
                      value is None, reason, who, at)


def undo_correction(db: sqlite_utils.Database, issuer: str, year: int, key: CellKey, who: str) -> Correction | None:
    """Set aside the cell's standing correction (the parsed value stands again); None when it had none."""
    standing = active_corrections(db.conn, issuer, year).get(key.text(key.table, key.row, key.column))
    if standing is None:
        return None
    at = _now()
    with db.atomic():
        db.execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ?", [at, who, standing.id])
    return replace(standing, undone_at=at, undone_by=who)


def active_corrections(conn: sqlite3.Connection, issuer: str, year: int) -> dict[str, Correction]:
    """The corrections that stand for one report (stored issuer name and year), by cell key."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE issuer = ? AND year = ? AND {_ACTIVE} "
                        "ORDER BY id", [issuer, year])
    return {c.key: c for c in map(_correction, rows)}


def correction_reasons(conn: sqlite3.Connection, report_id: int) -> dict[str, str]:
    """The reasons of the corrections of cells that stand for the report with this id, by cell key."""
    rows = conn.execute(f"SELECT c.table_id, c.row, c.col, c.reason FROM corrections c JOIN reports r "
                        f"ON r.issuer = c.issuer AND r.year = c.year WHERE r.id = ? AND c.{_ACTIVE} "
                        "AND c.table_id != ?", [report_id, NARRATIVE])
    return {CellKey.text(table, row, col): reason for table, row, col, reason in rows}


def fact_corrections(conn: sqlite3.Connection, report_id: int) -> dict[tuple[str, str], tuple[str, str]]:
    """The corrections of prose figures that stand for the report with this id: (clause, the value as corrected)
    → (the number the report printed, the staff's reason)."""
    rows = conn.execute(f"SELECT c.row, c.col, c.value, c.reason FROM corrections c JOIN reports r ON "
                        f"r.issuer = c.issuer AND r.year = c.year WHERE r.id = ? AND c.{_ACTIVE} AND c.table_id = ?",
                        [report_id, NARRATIVE])
    return {(clause, printed(value)): (was, reason) for clause, was, value, reason in rows if value is not None}


def correction_history(conn: sqlite3.Connection, issuer: str, year: int) -> list[Correction]:
    """Every correction of one report, standing or set aside, newest first (for the report page)."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE issuer = ? AND year = ? ORDER BY id DESC",
                        [issuer, year])
    return [_correction(row) for row in rows]


def corrected(db: sqlite_utils.Database, report: ParsedReport) -> ParsedReport:
    """The report with its standing corrections laid over the parsed cells and its checks run again; the
    parsed record itself (kept in `sources`) is not touched. A cell keeps the text the report printed."""
    standing = active_corrections(db.conn, report.issuer, int(report.year or 0))
    if not standing:
        return report
    cells = [_overlay(cell, standing.get(cell.key)) for cell in report.cells]
    facts = [_overlay_fact(fact, standing.get(str(fact_key(fact.text, fact.value)))) for fact in report.facts]
    checks = report.checks
    if report.template in TEMPLATES:
        checks = table_checks(cells, TEMPLATES[report.template]) + prose_checks(facts, cells)
    return replace(report, cells=cells, facts=facts, checks=checks)


def _overlay_fact(fact: Fact, correction: Correction | None) -> Fact:
    if correction is None or correction.value is None:
        return fact
    return replace(fact, value=correction.value)


def _overlay(cell: Cell, correction: Correction | None) -> Cell:
    if correction is None:
        return cell
    return replace(cell, value=correction.value, blank=correction.blank, uncertain=False)


def carry_corrections(old_base: str | Path, db: sqlite_utils.Database) -> int:
    """Copy every correction (standing and set aside) of the base at `old_base` into a base being built;
    returns how many. No old base, or one from before corrections, carries none."""
    return carry_rows(old_base, db, "corrections", _COLUMNS)
