"""The parsed files a base keeps (`sources`): found by fingerprint or path, listed per report, dropped."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

_COLUMNS = "sha256, path, file, issuer, year, ingested_at"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A file the base was built from: its fingerprint, where it was read, and the report it went into."""

    sha256: str
    path: str
    file: str | None
    issuer: str
    year: int
    ingested_at: str | None


def source_with(db: sqlite_utils.Database, sha256: str) -> SourceRow | None:
    """The stored file with these bytes, if any."""
    row = db.execute(f"SELECT {_COLUMNS} FROM sources WHERE sha256 = ?", [sha256]).fetchone()
    return SourceRow(*row) if row else None


def sources_at(db: sqlite_utils.Database, path: str, sha256: str) -> list[SourceRow]:
    """The file stored before at this path, and these bytes stored before under any path."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM sources WHERE path = ? OR sha256 = ?", [path, sha256]).fetchall()
    return [SourceRow(*row) for row in rows]


def source_paths(db: sqlite_utils.Database) -> set[str]:
    """Where every stored file was read (resolved paths)."""
    return {path for (path,) in db.execute("SELECT path FROM sources")}


def sources_of(db: sqlite_utils.Database, issuer: str, year: int) -> list[SourceRow]:
    """The files of one report, by path."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM sources WHERE issuer = ? AND year = ? ORDER BY path", [issuer, year])
    return [SourceRow(*row) for row in rows]


def other_contents(db: sqlite_utils.Database, issuer: str, year: int, sha256: str) -> set[str]:
    """The content fingerprints of the report's files other than the one with these bytes."""
    rows = db.execute("SELECT content FROM sources WHERE issuer = ? AND year = ? AND sha256 != ?",
                      [issuer, year, sha256])
    return {content for (content,) in rows}


def delete_source(db: sqlite_utils.Database, sha256: str) -> None:
    """Forget the stored file with these bytes (its report is rebuilt by the caller)."""
    db.execute("DELETE FROM sources WHERE sha256 = ?", [sha256])
