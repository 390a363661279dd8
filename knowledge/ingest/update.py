"""Which files an update of the knowledge base (`build --update`, what ./run does) must read again."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from knowledge.ingest.files import walk
from knowledge.store import source_paths


def to_update(db_path: str | Path, paths: list[str | Path]) -> list[Path]:
    """The files under `paths` the base does not hold as they are: changed since the base was written, or never
    stored. A file that could not be read is never stored, so every update tries it, and lists it, again."""
    # Opened as it is, not through open_db: a base of an older version is brought up to date by the update itself.
    db = sqlite_utils.Database(db_path)
    try:
        held = source_paths(db) if "sources" in db.table_names() else set()
    finally:
        db.close()
    written = Path(db_path).stat().st_mtime
    return [path for path, _ in walk(paths) if str(path.resolve()) not in held or _changed_since(path, written)]


def _changed_since(path: Path, written: float) -> bool:
    try:
        return path.stat().st_mtime >= written
    except OSError:
        return True  # ingest will say why it cannot be read
