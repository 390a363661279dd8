"""Add uploaded report files: each saved to the reports folder and stored, the base swapped in safely."""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from knowledge.ingest.files import IngestResult, ingest_file
from knowledge.store import copy_base, open_db
from parsers.pipeline import REPORT_SUFFIXES

log = logging.getLogger(__name__)
# One upload at a time: each works on a copy of the base and swaps it in.
_LOCK = threading.Lock()


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
    detail = f"：{result.detail}" if result.failed else ""
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

    The knowledge base is copied, the files are stored into the copy, and the copy replaces the base
    in one step (os.replace), so a running bot picks it up and a failure leaves the old base as it was.
    """
    limits = limits or UploadLimits()
    target, folder = Path(db_path), Path(reports_dir)
    if len(uploads) > limits.max_files:
        return [IngestResult(safe_name(u.name) or "?", "failed", f"一次最多上传 {limits.max_files} 个文件")
                for u in uploads]
    target.parent.mkdir(parents=True, exist_ok=True)
    with _LOCK:
        fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".uploading", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        written: list[tuple[Path, bytes | None]] = []
        try:
            copy_base(target, tmp)
            db = open_db(tmp, create=True)
            try:
                results = [_store_one(db, folder, u, limits, written) for u in uploads]
            finally:
                db.close()
            os.replace(tmp, target)
        except BaseException:
            for path, old in reversed(written):
                _restore(path, old)
            raise
        finally:
            for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal")):
                leftover.unlink(missing_ok=True)
    return results


def _store_one(db: sqlite_utils.Database, folder: Path, upload: Upload, limits: UploadLimits,
               written: list[tuple[Path, bytes | None]]) -> IngestResult:
    name = safe_name(upload.name) or "?"
    reason = refusal(upload, limits)
    if reason:
        return IngestResult(name, "failed", reason)
    path = folder / name
    try:
        old = path.read_bytes() if path.is_file() else None
        _write(path, upload.data)
    except OSError as exc:
        return IngestResult(name, "failed", f"无法保存到报告目录：{exc.strerror or exc}")
    try:
        result = ingest_file(db, path)
    except Exception as exc:  # one bad file must not stop the others; the staff member gets the reason
        log.exception("storing an uploaded file failed")
        result = IngestResult(str(path), "failed", f"内部错误：{exc}")
    except BaseException:
        _restore(path, old)
        raise
    if result.status in ("failed", "unchanged"):
        _restore(path, old)  # nothing new to keep: the folder stays as the base describes it
    else:
        written.append((path, old))
    result.path = name
    return result


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def _restore(path: Path, old: bytes | None) -> None:
    if old is None:
        path.unlink(missing_ok=True)
    else:
        _write(path, old)
