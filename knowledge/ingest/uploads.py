"""Add uploaded report files: each saved to the reports folder and stored, the base swapped in safely."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from knowledge.ingest.files import IngestResult, replaced_text, store_report
from knowledge.store import SourceRow, open_db, source_with, sources_at, sources_of, write_turn
from parsers.pipeline import REPORT_SUFFIXES, parse_bytes
from xxgk_errors import ParseError

log = logging.getLogger(__name__)
REPORT_MODE = 0o644  # rw-r--r--, as the bundled reports are


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may hold."""

    max_bytes: int = 20 * 1024 * 1024
    max_files: int = 10
    suffixes: frozenset[str] = REPORT_SUFFIXES


@dataclass
class Upload:
    """One uploaded file: the name the browser gave and its content."""

    name: str
    data: bytes


def result_line(result: IngestResult, number: int = 1, total: int = 1) -> str:
    """The one line `ingest` prints for a file: status, file, report, why it failed, warnings."""
    prefix = f"[{number}/{total}] " if total > 1 else ""
    where = f"  {result.issuer} {result.year}" if result.issuer else ""
    detail = f"：{result.detail}" if result.failed else (f"（{result.detail}）" if result.detail else "")
    warn = f"（{result.warnings} 条警告）" if result.warnings else ""
    return f"{prefix}{result.status:<9} {result.path}{where}{detail}{warn}"


def safe_name(name: str) -> str:
    """The file name alone, without folders or characters a file system or a shell would trip on."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", base).strip().lstrip(".")
    return base[-120:]


def refusal(upload: Upload, limits: UploadLimits) -> str:
    """Why this file is not taken ('' when it is)."""
    name = safe_name(upload.name)
    if not name:
        return "文件名无效"
    if Path(name).suffix.lower() not in limits.suffixes:
        kinds = "、".join(sorted(limits.suffixes))
        return f"不支持的文件类型（可上传 {kinds}）"
    if len(upload.data) > limits.max_bytes:
        return f"文件过大（超过 {limits.max_bytes // 2**20} MB）"
    return ""


def store_uploads(db_path: str | Path, reports_dir: str | Path, uploads: list[Upload],
                  limits: UploadLimits | None = None) -> list[IngestResult]:
    """Save each good file into the reports folder and store it; one result per file, in order.

    A file is known by its content and by the body and year read from it, never by its name: the same bytes
    are already held; another report under a name in use is saved beside it under a new name; a new version
    of a report replaces that report's files. The files are stored in a writer's turn on a copy of the base,
    which replaces it in one step, so a failure leaves the old base and the folder as they were.
    """
    limits = limits or UploadLimits()
    if len(uploads) > limits.max_files:
        return [IngestResult(safe_name(u.name) or "?", "failed", f"一次最多上传 {limits.max_files} 个文件")
                for u in uploads]
    written: list[tuple[Path, bytes | None]] = []
    try:
        with write_turn(db_path) as copy:
            db = open_db(copy.path)
            try:
                batch: set[tuple[str, int]] = set()
                results = [_store_one(db, Path(reports_dir), u, limits, batch, written) for u in uploads]
            finally:
                db.close()
            copy.keep = bool(batch)  # nothing new: the base stays as it is, and readers keep theirs
        return results
    except BaseException:
        for path, old in reversed(written):
            _restore(path, old)
        raise


def _store_one(db: sqlite_utils.Database, folder: Path, upload: Upload, limits: UploadLimits,
               batch: set[tuple[str, int]], written: list[tuple[Path, bytes | None]]) -> IngestResult:
    name = safe_name(upload.name) or "?"
    reason = refusal(upload, limits)
    if reason:
        return IngestResult(name, "failed", reason)
    known = source_with(db, hashlib.sha256(upload.data).hexdigest())
    if known:
        return IngestResult(name, "unchanged", f"已收录：与 {known.file} 相同", issuer=known.issuer, year=known.year)
    mark = len(written)
    try:
        return _store_new(db, folder, upload, name, batch, written)
    except ParseError as exc:
        return IngestResult(name, "failed", str(exc))
    except OSError as exc:
        _undo(written, mark)
        return IngestResult(name, "failed", f"无法保存到报告目录：{exc.strerror or exc}")
    except Exception as exc:  # one bad file must not stop the others; the staff member gets the reason
        log.exception("storing an uploaded file failed")
        _undo(written, mark)
        return IngestResult(name, "failed", f"内部错误：{exc}")


def _store_new(db: sqlite_utils.Database, folder: Path, upload: Upload, name: str, batch: set[tuple[str, int]],
               written: list[tuple[Path, bytes | None]]) -> IngestResult:
    """Read a file not held yet, keep it in the folder under a name of its own, and store it."""
    report = parse_bytes(upload.data, name)
    mine = (report.issuer, int(report.year or 0))
    # A second file of one report in one upload joins the first; otherwise a new version replaces the report.
    previous = [] if mine in batch else sources_of(db, *mine)
    path = free_path(db, folder, name, upload.data, previous)
    report.file = path.name
    _save(path, upload.data, written)
    for old in previous:
        if Path(old.path).parent == folder.resolve() and Path(old.path) != path:
            _save(Path(old.path), None, written)
    store_report(db, report, str(path), previous)
    batch.add(mine)
    renamed = f"“{name}”已是另一份报告的文件名，另存为 {path.name}" if path.name != name else ""
    return IngestResult(path.name, "replaced" if previous else "stored",
                        "；".join(n for n in (replaced_text(previous), renamed) if n),
                        len(report.warnings), report.issuer, report.year)


def free_path(db: sqlite_utils.Database, folder: Path, name: str, data: bytes, previous: list[SourceRow]) -> Path:
    """Where to keep an uploaded file: its own name unless another file or another stored report has it."""
    mine = {Path(o.path) for o in previous}
    stem, suffix = Path(name).stem, Path(name).suffix
    path, number = folder.resolve() / name, 1
    while path not in mine and _taken(db, path, data):
        number += 1
        path = path.with_name(f"{stem}-{number}{suffix}")
    return path


def _taken(db: sqlite_utils.Database, path: Path, data: bytes) -> bool:
    """Whether a file name belongs to something else: a file of other bytes, or a stored file read there."""
    if sources_at(db, str(path), ""):
        return True
    try:
        return path.exists() and (path.stat().st_size != len(data) or path.read_bytes() != data)
    except OSError:
        return True


def _save(path: Path, data: bytes | None, written: list[tuple[Path, bytes | None]]) -> None:
    """Write (or, with None, remove) a file of the folder, remembering what was there to put it back."""
    old = path.read_bytes() if path.is_file() else None
    written.append((path, old))
    if data is None:
        path.unlink(missing_ok=True)
    else:
        _write(path, data)


def _undo(written: list[tuple[Path, bytes | None]], mark: int) -> None:
    """Put back the files changed since `mark` (one file's changes, when storing it failed)."""
    for path, old in reversed(written[mark:]):
        _restore(path, old)
    del written[mark:]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
    # mkstemp makes the file private (0600); a report kept in the folder is as readable as the bundled ones.
    os.fchmod(fd, REPORT_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def _restore(path: Path, old: bytes | None) -> None:
    if old is None:
        path.unlink(missing_ok=True)
    else:
        _write(path, old)
