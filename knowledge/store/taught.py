"""Phrases staff taught a base: each names one concept (a cell's row or column, a review group or result, a
section), kept as data of the base and joined to the lexicon when the base is read; undone ones stay, marked."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from knowledge.store.schema import carry_rows

_COLUMNS = "id, phrase, role, value, question, previous, who, at, undone_at, undone_by"
_STANDING = "undone_at IS NULL"
# (phrase, role, value) of each standing phrase: what knowledge.understanding's lexicon(taught) joins.
Taught = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class TaughtPhrase:
    """One taught phrase: what it means (role, value), the question it was taught from, who and when."""

    id: int
    phrase: str
    role: str
    value: str
    question: str
    previous: str
    who: str
    at: str
    undone_at: str | None = None
    undone_by: str | None = None


def _taught(row: tuple) -> TaughtPhrase:
    rid, phrase, role, value, question, previous, who, at, undone_at, undone_by = row
    return TaughtPhrase(rid, phrase, role, value, question, previous or "", who or "", at or "", undone_at, undone_by)


def record_taught(db: sqlite_utils.Database, phrase: str, role: str, value: str, question: str, previous: str,
                  who: str) -> TaughtPhrase:
    """Keep a taught phrase; the same phrase taught before (for any concept) is set aside by this one."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    with db.atomic():
        db.execute(f"UPDATE taught SET undone_at = ?, undone_by = ? WHERE phrase = ? AND {_STANDING}",
                   [at, who, phrase])
        cursor = db.execute("INSERT INTO taught (phrase, role, value, question, previous, who, at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)", [phrase, role, value, question, previous, who, at])
    return TaughtPhrase(int(cursor.lastrowid or 0), phrase, role, value, question, previous, who, at)


def undo_taught(db: sqlite_utils.Database, taught_id: int, who: str) -> TaughtPhrase | None:
    """Set aside a standing taught phrase (kept, with when and by whom); None when there is none of that id."""
    row = db.execute(f"SELECT {_COLUMNS} FROM taught WHERE id = ? AND {_STANDING}", [taught_id]).fetchone()
    if row is None:
        return None
    at = datetime.now(UTC).isoformat(timespec="seconds")
    with db.atomic():
        db.execute("UPDATE taught SET undone_at = ?, undone_by = ? WHERE id = ?", [at, who, taught_id])
    return replace(_taught(row), undone_at=at, undone_by=who)


def standing_taught(conn: sqlite3.Connection) -> Taught:
    """(phrase, role, value) of every standing taught phrase, in the order taught: what the lexicon joins."""
    rows = conn.execute(f"SELECT phrase, role, value FROM taught WHERE {_STANDING} ORDER BY id")
    return tuple((phrase, role, value) for phrase, role, value in rows)


def taught_history(conn: sqlite3.Connection) -> list[TaughtPhrase]:
    """Every taught phrase, standing or set aside, newest first (for the staff page and `teach --list`)."""
    return [_taught(row) for row in conn.execute(f"SELECT {_COLUMNS} FROM taught ORDER BY id DESC")]


def carry_taught(old_base: str | Path, db: sqlite_utils.Database) -> int:
    """Copy every taught phrase (standing and set aside) of the base at `old_base` into a base being built;
    returns how many. No old base, or one from before teaching, carries none."""
    return carry_rows(old_base, db, "taught", _COLUMNS)
