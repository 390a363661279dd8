"""What every worker depends on, through real `python -m bot serve` processes: /healthz names the state store
when it cannot be reached (a real Redis stopped, a SQLite state file gone), and login attempts are counted in the
store, so that every worker shares each client's count."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.staff.routes import LOGIN_ATTEMPTS
from tests.bot.web.test_workers import _free_port, servers

TOKEN = "staff-token-for-tests-0123456789"


@contextlib.contextmanager
def redis_on(port: int, folder: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A redis-server of this test's own (the shared one must not be stopped), on a port that outlives it."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server to stop and start again")
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                               "no", "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.05)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


def _health(base: str) -> httpx.Response:
    return httpx.get(base + "/healthz", timeout=20)


def _until(base: str, status: int) -> httpx.Response:
    deadline = time.monotonic() + 20
    while True:
        answer = _health(base)
        if answer.status_code == status or time.monotonic() > deadline:
            return answer
        time.sleep(0.1)


def test_healthz_names_redis_while_it_is_down(corpus_db: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb.db"
    kb.write_bytes(corpus_db.read_bytes())
    port = _free_port()
    with redis_on(port, tmp_path) as redis, servers(kb, 1, state_url=f"redis://127.0.0.1:{port}/0") as (base,):
        assert _health(base).json()["state"] == "redis"
        redis.terminate()
        redis.wait(timeout=10)
        down = _health(base)
        assert down.status_code == 503 and "Redis" in down.json()["error"] and str(port) in down.json()["error"]
        asked = httpx.post(base + "/api/ask", json={"question": "蓟州区2020年收到多少申请", "chat": "h"}, timeout=20)
        assert asked.status_code == 503, "what /healthz says is what a chat gets"
        with redis_on(port, tmp_path):
            assert _until(base, 200).json()["state"] == "redis", "well again once Redis is back"


def test_healthz_names_the_state_file_when_it_is_gone(corpus_db: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb.db"
    kb.write_bytes(corpus_db.read_bytes())
    folder = tmp_path / "state"
    folder.mkdir()
    with servers(kb, 1, state_url=str(folder / "chats.db")) as (base,):
        assert _health(base).json()["state"] == "sqlite"
        shutil.rmtree(folder)
        down = _health(base)
        assert down.status_code == 503 and "chats.db" in down.json()["error"]


@pytest.mark.parametrize("store", ["sqlite", "redis"])
def test_login_attempts_of_one_client_are_counted_across_workers(corpus_db: Path, tmp_path: Path, store: str,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 request: pytest.FixtureRequest) -> None:
    kb = tmp_path / "kb.db"
    kb.write_bytes(corpus_db.read_bytes())
    monkeypatch.setenv("XXGK_STAFF_TOKEN", TOKEN)
    url = str(request.getfixturevalue("redis_url")) if store == "redis" else ""
    with servers(kb, 2, state_url=url) as bases:
        guesses = [httpx.post(bases[n % 2] + "/staff/login", data={"token": f"wrong-{n}"}, timeout=20)
                   for n in range(LOGIN_ATTEMPTS)]
        assert [g.status_code for g in guesses] == [403] * LOGIN_ATTEMPTS
        for base in bases:
            refused = httpx.post(base + "/staff/login", data={"token": TOKEN}, timeout=20)
            assert refused.status_code == 429, "the count is the client's on every worker"
            assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
