"""One writer at a time across processes: a writer that waits says so, readers go on, a failed turn keeps the base."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from knowledge.ingest.files import rebuild
from knowledge.store import write_turn, writer_lock
from knowledge.store.read import Catalog
from tests.bot.test_cli import run
from tests.conftest import CORPUS, ROOT

HOLD = "import sys; from knowledge.store import writer_lock\nwith writer_lock(sys.argv[1]):\n" \
       "    print('held', flush=True); sys.stdin.read()"


def _holder(db: Path) -> subprocess.Popen[str]:
    """Another process holding the base's writer lock until its standard input is closed."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_ingest_waits_for_another_writer_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    holder = _holder(db)
    try:
        ingest = subprocess.Popen([sys.executable, "-m", "bot", "ingest", str(CORPUS / "kewei-2024.md"), "--db",
                                   str(db)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert ingest.stderr is not None
        waiting = ingest.stderr.readline()
        # While the writer waits, readers answer from the base in place.
        asked = run("ask", "蓟州区2020年新收了多少政府信息公开申请", "--db", str(db))
        assert ingest.poll() is None
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=20)
    out, _ = ingest.communicate(timeout=60)
    assert "另一个进程写入" in waiting
    assert asked.returncode == 0 and "191" in asked.stdout
    assert ingest.returncode == 0 and out.startswith("stored ")
    assert {r.year for r in Catalog(db).reports} == {2020, 2024}


def test_writers_in_one_process_take_turns(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    told: list[str] = []
    with writer_lock(db):
        waiter = threading.Thread(target=lambda: rebuild(db, [CORPUS / "jizhou-2020.txt"],
                                                         on_wait=lambda: told.append("waiting")))
        waiter.start()
        waiter.join(timeout=1)
        assert waiter.is_alive() and not db.exists()
    waiter.join(timeout=30)
    assert told == ["waiting"] and [r.year for r in Catalog(db).reports] == [2020]


def test_failed_turn_leaves_the_base_and_no_temporary_file(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    before = db.read_bytes()
    with pytest.raises(RuntimeError), write_turn(db) as copy:
        rebuild_into = copy.path
        assert rebuild_into.exists() and rebuild_into != db
        raise RuntimeError("stopped halfway")
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.db", "kb.db.lock"]
