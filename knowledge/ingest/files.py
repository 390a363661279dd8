"""Ingest report files into the knowledge base; rebuild it safely."""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from knowledge.store import (
    SourceRow,
    Waiting,
    add_file,
    carry_corrections,
    carry_taught,
    delete_report,
    delete_source,
    index_bodies,
    open_db,
    other_contents,
    outdated,
    rebuild_report,
    report_id,
    save_source,
    source_with,
    sources_at,
    write_report,
    write_turn,
)
from parsers.pipeline import MAX_BYTES, REPORT_SUFFIXES, Given, parse_bytes
from parsers.records import ParsedReport
from xxgk_errors import ManifestError, ParseError


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


def read_manifest(path: str | Path) -> dict[Path, Given]:
    """The issuer and year per file from a CSV with columns file, issuer, year (files relative to it)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(f"清单 {path} 无法读取：{exc}") from exc
    given: dict[Path, Given] = {}
    for number, row in enumerate(rows, 2):
        name, issuer, year = (str(row.get(k) or "").strip() for k in ("file", "issuer", "year"))
        if not name or not (issuer or year):
            raise ManifestError(f"清单 {path} 第 {number} 行：需要 file 列，以及 issuer 或 year 列（列名：file,issuer,year）")
        if year and not (year.isdigit() and len(year) == 4):
            raise ManifestError(f"清单 {path} 第 {number} 行：年份“{year}”不是四位数字")
        given[(path.parent / name).resolve()] = Given(issuer or None, int(year) if year else None)
    return given


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


def ingest_file(db: sqlite_utils.Database, path: Path, given: Given | None = None) -> IngestResult:
    """Parse one file and store it; a bad file gets a clear reason and changes nothing."""
    key = str(path.resolve())
    try:
        if path.stat().st_size > MAX_BYTES:
            return IngestResult(str(path), "failed", f"文件过大（{path.stat().st_size // 2**20} MB）")
        data = path.read_bytes()
    except OSError as exc:
        return IngestResult(str(path), "failed", f"无法读取：{exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    given = given or Given()
    known = source_with(db, sha)
    if known and given.issuer in (None, known.issuer) and given.year in (None, known.year):
        return IngestResult(str(path), "unchanged", issuer=known.issuer, year=known.year)
    try:
        report = parse_bytes(data, str(path), issuer=given.issuer, year=given.year)
    except ParseError as exc:
        return IngestResult(str(path), "failed", str(exc))
    # These bytes stored before under another issuer or year, or an earlier version of this report read from
    # this path. A file at this path that was another report stays: a name does not make two reports one.
    previous = [s for s in sources_at(db, key, sha) if s.sha256 == sha or (s.issuer, s.year) == (report.issuer,
                                                                                                  report.year)]
    store_report(db, report, key, previous)
    return IngestResult(str(path), "replaced" if previous else "stored", replaced_text(previous),
                        len(report.warnings), report.issuer, report.year)


def store_report(db: sqlite_utils.Database, report: ParsedReport, key: str, previous: list[SourceRow]) -> None:
    """Store a parsed file read from `key` in place of the stored files `previous`, in one transaction."""
    with db.atomic():
        for old in previous:
            delete_source(db, old.sha256)
        _store(db, report, key, {(o.issuer, o.year) for o in previous})


def replaced_text(previous: list[SourceRow]) -> str:
    """What a result line says of the stored files a new one replaced ('' for none)."""
    names = sorted({Path(o.path).name for o in previous})
    return f"替换了 {'、'.join(names)}" if names else ""


def _store(db: sqlite_utils.Database, report: ParsedReport, key: str, replaced: set[tuple[str, int]]) -> None:
    """Write the file's report incrementally: alone, as one more copy, or merged with its other files."""
    content = save_source(db, report, key)
    mine = (report.issuer, int(report.year or 0))
    for issuer, year in replaced - {mine}:
        rebuild_report(db, issuer, year)
    if mine in replaced:
        rebuild_report(db, *mine)
        return
    others = other_contents(db, *mine, report.sha256)
    rid = report_id(db, *mine)
    if not others:
        # The first file of its report: nothing to merge, nothing to read back.
        if rid is not None:
            delete_report(db, *mine)
        write_report(db, report, [report.file], rid)
    elif content in others and rid is not None:
        add_file(db, rid, report.file)
    else:
        rebuild_report(db, *mine)


Progress = Callable[[int, int, IngestResult], None]
# Files written per transaction: one commit (and disk sync) per batch, not per file.
BATCH = 200


def ingest_paths(db_path: str | Path, paths: list[str | Path], progress: Progress | None = None,
                 given: Mapping[Path, Given] | None = None, on_wait: Waiting | None = None) -> list[IngestResult]:
    """Ingest every file under the paths into the knowledge base at db_path, in a writer's turn.

    `given` names the issuer and year for files (by resolved path) whose text does not say them. The files
    go into a copy of the base that replaces it when all are stored; `on_wait` is called if another writer
    has the turn first.
    """
    with write_turn(db_path, on_wait=on_wait) as copy:
        return ingest_into(copy.path, paths, progress, given)


def ingest_into(db_path: Path, paths: list[str | Path], progress: Progress | None = None,
                given: Mapping[Path, Given] | None = None) -> list[IngestResult]:
    """Ingest every file under the paths into the base at db_path, which the caller alone writes."""
    db = open_db(db_path, create=True)
    files = list(walk(paths))
    given = {Path(p).resolve(): g for p, g in (given or {}).items()}
    results = []
    try:
        for first in range(0, len(files), BATCH):
            with db.atomic():
                for number, (path, error) in enumerate(files[first:first + BATCH], first + 1):
                    if error:
                        result = IngestResult(str(path), "failed", error)
                    elif path.resolve() in given:
                        result = ingest_file(db, path, given[path.resolve()])
                    else:
                        result = ingest_file(db, path)
                    results.append(result)
                    if progress:
                        progress(number, len(files), result)
    finally:
        db.close()
    return results


def upgrade(db_path: str | Path, on_wait: Waiting | None = None) -> list[str]:
    """Bring a base built by an older version up to date, in a writer's turn (its reports unchanged): the
    migrations it lacks, and its bodies' names read again when another version read them. What was done, in
    words (nothing when it was up to date)."""
    pending, stale = outdated(db_path)
    if not pending and not stale:
        return []
    with write_turn(db_path, on_wait=on_wait) as copy:
        db = open_db(copy.path, create=True)
        try:
            with db.atomic():
                read = index_bodies(db)
        finally:
            db.close()
    done = [f"知识库由旧版程序建立，已升级（{'、'.join(pending)}）：{db_path}"] if pending else []
    return [*done, f"按本版重新读了报告所印的 {read} 个发布机关名称（报告不变）"]


def rebuild(db_path: str | Path, paths: list[str | Path], progress: Progress | None = None,
            on_wait: Waiting | None = None) -> list[IngestResult]:
    """Build a fresh knowledge base in a writer's turn and swap it in when complete.

    When not one file could be read, an old base stays in place.
    """
    target = Path(db_path)
    with write_turn(target, fresh=True, on_wait=on_wait) as fresh:
        base = open_db(fresh.path, create=True)
        try:
            carry_corrections(target, base)  # staff corrections are not in the files: they come across
            carry_taught(target, base)  # nor are the phrases staff taught
        finally:
            base.close()
        results = ingest_into(fresh.path, paths, progress)
        fresh.keep = any(not r.failed for r in results) or not target.exists()
    return results
