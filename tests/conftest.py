"""Shared fixtures: the corpus in ../shared, and knowledge bases built from real files."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import Service
from knowledge.answering.answerer import Answerer
from knowledge.chat import ChatState
from knowledge.chat.stores import StateStore
from knowledge.ingest import rebuild
from knowledge.store.read import Catalog

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
TRUTH = CORPUS / "truth"
REPORTS = ROOT / "reports"


def truth_files() -> list[Path]:
    return sorted(TRUTH.glob("*.json"))


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of every report of ../shared/corpus, the test fixture included."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the project")
    db = tmp_path_factory.mktemp("kb") / "corpus.db"
    results = rebuild(db, [CORPUS])
    assert not [r for r in results if r.failed and r.path.endswith((".txt", ".html", ".md"))]
    return db


def service_over(db: Path, state: ChatState | StateStore | str | Path | None = None,
                 default_issuer: str = "") -> Service:
    """The service every channel calls, over the base at `db`: chat state in `state` (a SQLite file, a Redis URL,
    a store or a ChatState), or none."""
    chat = state if isinstance(state, ChatState) or state is None else ChatState(state)
    return Service(Answerer(Catalog(db), chat, default_issuer))


@pytest.fixture
def service(corpus_db: Path, tmp_path: Path) -> Iterator[Service]:
    """A service over the corpus base with its own chat state (a SQLite file of this test)."""
    opened = service_over(corpus_db, tmp_path / "state.db")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis the tests may empty: XXGK_TEST_REDIS_URL (.ci/run starts one), else a redis-server started here."""
    given = os.environ.get("XXGK_TEST_REDIS_URL")
    if given:
        yield given
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no Redis: set XXGK_TEST_REDIS_URL or install redis-server (.ci/run does)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                               "no", "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The test Redis database, emptied: every test starts from nothing."""
    import redis

    client = redis.Redis.from_url(redis_server)
    client.flushdb()
    client.close()
    return redis_server
