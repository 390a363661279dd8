"""One writer at a time: every change to a knowledge base is made on a copy under a lock, then swapped in.

The lock is an OS lock (flock) on a file beside the base (`xxgk.db.lock`), so it holds across processes: the
workers of `serve`, a CLI `ingest` or `build`, and machines sharing the data directory all take turns. The
kernel releases it when its holder dies, so a killed writer never leaves it held. Inside the turn the copy is
taken of the base as it is then, so a write never starts from a base another writer has since replaced.
Readers never take the lock: they keep answering from the base they opened until the new one is swapped in.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.store.body_index import index_bodies
from knowledge.store.schema import copy_base, open_db
from xxgk_errors import Unwritable

log = logging.getLogger(__name__)
# What the temporary bases of a turn are called (and of older versions' builds and uploads, cleared as well).
_TEMPORARY = (".writing", ".building", ".uploading")
# On file systems whose flock is a per-process lock (NFS), threads of one process would share the turn.
_THREADS = threading.Lock()

Waiting = Callable[[], None]


def lock_path(db_path: str | Path) -> Path:
    """The lock file of a base: beside it, named after it."""
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def writer_lock(db_path: str | Path, on_wait: Waiting | None = None) -> Iterator[None]:
    """Hold the base's writer lock for the block; `on_wait` is called once if another writer has it first."""
    told = False

    def tell() -> None:
        nonlocal told
        if not told:
            told = True
            (on_wait or _log_wait(db_path))()

    if not _THREADS.acquire(blocking=False):
        tell()
        _THREADS.acquire()
    try:
        fd = _open_lock(lock_path(db_path))
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                tell()
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock
    finally:
        _THREADS.release()


def _open_lock(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise Unwritable(f"无法建立知识库的写入锁 {path}：{exc.strerror or exc}（知识库所在目录须可写）") from exc


def _log_wait(db_path: str | Path) -> Waiting:
    return lambda: log.warning("another writer is changing %s; waiting for its turn to end", db_path)


@dataclass
class BaseCopy:
    """The base being written in a turn: a copy (or a fresh base) at `path`; `keep = False` drops it."""

    path: Path
    keep: bool = True


@contextlib.contextmanager
def write_turn(db_path: str | Path, fresh: bool = False, on_wait: Waiting | None = None) -> Iterator[BaseCopy]:
    """A turn at writing the base: the block writes the copy it is given, which then replaces the base.

    With `fresh` the block starts from an empty base instead of a copy. If the block raises, or sets
    `keep = False`, the base stays as it was. A temporary base found while it is our turn is a leftover of a
    writer that was killed: removed.
    """
    target = Path(db_path)
    with writer_lock(target, on_wait):
        _clear_leftovers(target)
        fd, name = tempfile.mkstemp(prefix=target.name + ".", suffix=_TEMPORARY[0], dir=target.parent)
        os.close(fd)
        copy = BaseCopy(Path(name))
        try:
            copy.path.unlink()  # SQLite makes the file itself, with the usual permissions
            if not fresh:
                copy_base(target, copy.path)
            open_db(copy.path, create=True).close()
            yield copy
            if copy.keep:
                _index(copy.path)
                os.replace(copy.path, target)
        finally:
            for leftover in (copy.path, *(Path(f"{copy.path}-{end}") for end in ("journal", "wal", "shm"))):
                leftover.unlink(missing_ok=True)


def _index(path: Path) -> None:
    """Whatever the turn wrote, the bodies and their reports answering looks up are brought in step with it."""
    db = open_db(path, create=True)
    try:
        with db.atomic():
            index_bodies(db)
    finally:
        db.close()


def _clear_leftovers(target: Path) -> None:
    for suffix in _TEMPORARY:
        for stale in target.parent.glob(glob.escape(target.name) + ".*" + suffix + "*"):
            stale.unlink(missing_ok=True)
