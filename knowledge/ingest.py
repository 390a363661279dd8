"""Ingest report files into the knowledge base; rebuild it safely."""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from knowledge.store import open_db, rebuild_report, save_source
from parsers.errors import ParseError
from parsers.pipeline import MAX_BYTES, parse_bytes

REPORT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".md", ".markdown", ".pdf", ".docx",
                   ".doc"}


@dataclass
class IngestResult:
    """What happened to one file."""

    path: str
    status: str  # stored / unchanged / replaced / failed
    detail: str = ""
    warnings: int = 0
    issuer: str = ""
    year: int | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def walk(paths: list[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Files under the given paths (recursively), with an error for entries that cannot be read."""
    for given in paths:
        path = Path(given)
        if path.is_file():
            yield path, None
        elif path.is_dir():
            yield from _walk_dir(path)
        else:
            yield path, "文件或目录不存在"


def _walk_dir(root: Path) -> Iterator[tuple[Path, str | None]]:
    errors: list[tuple[Path, str]] = []

    def on_error(exc: OSError) -> None:
        errors.append((Path(exc.filename or root), f"无法读取目录：{exc.strerror}"))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            # In folders only report files are taken (not notes, manifests or data files beside them);
            # a file named on the command line is always tried.
            if name.startswith(".") or Path(name).suffix.lower() not in REPORT_SUFFIXES:
                continue
            yield Path(folder) / name, None
    yield from ((p, e) for p, e in errors)


def ingest_file(db: sqlite_utils.Database, path: Path) -> IngestResult:
    """Parse one file and store it; a bad file gets a clear reason and changes nothing."""
    key = str(path.resolve())
    try:
        if path.stat().st_size > MAX_BYTES:
            return IngestResult(str(path), "failed", f"文件过大（{path.stat().st_size // 2**20} MB）")
        data = path.read_bytes()
    except OSError as exc:
        return IngestResult(str(path), "failed", f"无法读取：{exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    known = next(db.query("SELECT issuer, year FROM sources WHERE sha256 = ?", [sha]), None)
    if known:
        return IngestResult(str(path), "unchanged", issuer=known["issuer"], year=known["year"])
    try:
        report = parse_bytes(data, str(path))
    except ParseError as exc:
        return IngestResult(str(path), "failed", str(exc))
    previous = list(db.query("SELECT sha256, issuer, year FROM sources WHERE path = ?", [key]))
    with db.atomic():
        for old in previous:
            db.execute("DELETE FROM sources WHERE sha256 = ?", [old["sha256"]])
        save_source(db, report, key)
        touched = {(report.issuer, int(report.year or 0))} | {(o["issuer"], o["year"]) for o in previous}
        for issuer, year in touched:
            rebuild_report(db, issuer, year)
    status = "replaced" if previous else "stored"
    return IngestResult(str(path), status, report.title, len(report.warnings), report.issuer, report.year)


Progress = Callable[[int, int, IngestResult], None]


def ingest_paths(db_path: str | Path, paths: list[str | Path], progress: Progress | None = None) -> list[IngestResult]:
    """Ingest every file under the paths into the knowledge base at db_path."""
    db = open_db(db_path, create=True)
    files = list(walk(paths))
    results = []
    for number, (path, error) in enumerate(files, 1):
        result = IngestResult(str(path), "failed", error) if error else ingest_file(db, path)
        results.append(result)
        if progress:
            progress(number, len(files), result)
    db.close()
    return results


def rebuild(db_path: str | Path, paths: list[str | Path], progress: Progress | None = None) -> list[IngestResult]:
    """Build a fresh knowledge base beside the old one and swap it in when complete.

    When not one file could be read, an old base stays in place. Builds in one folder take turns,
    so a temporary file found while it is our turn is a leftover of an interrupted build: removed.
    """
    target = Path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _build_turn(target.parent):
        for stale in target.parent.glob(glob.escape(target.name) + ".*.building*"):
            stale.unlink(missing_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".building", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            open_db(tmp, create=True).close()
            results = ingest_paths(tmp, paths, progress)
            if any(not r.failed for r in results) or not target.exists():
                os.replace(tmp, target)
        finally:
            for leftover in (tmp, *(Path(f"{tmp}-{end}") for end in ("journal", "wal", "shm"))):
                leftover.unlink(missing_ok=True)
    return results


@contextlib.contextmanager
def _build_turn(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder for the duration of one build (released if the process dies)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
