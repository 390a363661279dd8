"""A knowledge base in a folder the bot cannot write: asking, chatting and serving work; writing says why not.

The commands run in real subprocesses against a real read-only folder: chmod 555 for a user, and for root (whom
chmod stops from nothing) a read-only bind mount of the folder, made in a mount namespace of the command's own.
The fixture first proves that the folder is read-only to the commands, and skips (saying why) only when it cannot
make one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS, ROOT

QUESTION = "蓟州区2020年收到多少申请"
FOLLOW_UP = "那行政复议呢"  # names no body: answered only when the chat's context is kept


@dataclass(frozen=True)
class ReadOnly:
    """A base in a read-only folder, a folder the commands may write, and how to run a command as its user."""

    db: Path
    free: Path
    prefix: tuple[str, ...]  # what runs a command so that the folder is read-only to it

    def run(self, *args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(*args), capture_output=True, text=True, cwd=ROOT, input=stdin,
                              timeout=120, env={**os.environ, "XXGK_STATE_URL": "", "XXGK_DB": "", **(env or {})})

    def command(self, *args: str) -> list[str]:
        return [*self.prefix, sys.executable, "-m", "bot", *args, "--db", str(self.db)]


def _read_only_prefix(folder: Path) -> tuple[str, ...]:
    """Nothing for a user (chmod does it); for root, a private mount namespace with the folder bound read-only."""
    if os.geteuid() != 0:
        return ()
    return ("unshare", "--mount", "--propagation", "private", "sh", "-c", 'mount -o bind,ro "$0" "$0" && exec "$@"',
            str(folder))


@pytest.fixture
def read_only(corpus_db: Path, tmp_path: Path) -> Iterator[ReadOnly]:
    data, free = tmp_path / "data", tmp_path / "free"
    data.mkdir()
    free.mkdir()
    shutil.copy(corpus_db, data / "kb.db")
    (data / "kb.db").chmod(0o444)
    data.chmod(0o555)
    prefix = _read_only_prefix(data)
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(data / 'probe')!r}, 'w')"],
                               capture_output=True, text=True)
        if probe.returncode == 0 or "Errno" not in probe.stderr:
            pytest.skip(f"cannot make a read-only folder here (root, and no read-only bind mount: {probe.stderr})")
        yield ReadOnly(data / "kb.db", free, prefix)
    finally:
        data.chmod(0o755)


def one_line(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    return out.stderr


def test_one_question_needs_no_state_store(read_only: ReadOnly) -> None:
    out = read_only.run("ask", QUESTION)
    assert out.returncode == 0 and "191" in out.stdout, out.stderr
    assert not list(read_only.free.iterdir())


def test_a_chat_keeps_its_state_where_the_settings_say(read_only: ReadOnly) -> None:
    beside = one_line(read_only.run("ask", QUESTION, "--chat", "c1"))
    assert "state" in beside, "without a state setting, the file beside the base cannot be opened: said so"
    env = {"XXGK_STATE_URL": str(read_only.free / "chats.db")}
    assert read_only.run("ask", QUESTION, "--chat", "c1", env=env).returncode == 0
    follow = read_only.run("ask", FOLLOW_UP, "--chat", "c1", "--json", env=env)
    assert follow.returncode == 0 and json.loads(follow.stdout)["status"] == "answered", follow.stderr
    chat = read_only.run("chat", env=env, stdin=f"{QUESTION}\n{FOLLOW_UP}\n")
    assert chat.returncode == 0 and "191" in chat.stdout and "行政复议" in chat.stdout, chat.stderr
    assert (read_only.free / "chats.db").exists()


def test_serve_answers_from_a_read_only_folder(read_only: ReadOnly) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "XXGK_STATE_URL": str(read_only.free / "chats.db"), "TELEGRAM_BOT_TOKEN": "",
           "XXGK_DB": ""}
    server = subprocess.Popen(read_only.command("serve", "--port", str(port)), cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, server)
        first = httpx.post(base + "/api/ask", json={"question": QUESTION, "chat": "web"}, timeout=30).json()
        follow = httpx.post(base + "/api/ask", json={"question": FOLLOW_UP, "chat": "web"}, timeout=30).json()
        assert first["answer"]["value"] == 191 and follow["status"] == "answered"
        assert (follow["answer"]["issuer"], follow["answer"]["year"]) == (first["answer"]["issuer"], 2020)
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_healthy(base: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"server exited: {server.stderr.read() if server.stderr else ''}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError("server did not become healthy")


def test_build_ingest_and_export_to_a_read_only_place_say_so_in_one_line(read_only: ReadOnly) -> None:
    before = read_only.db.read_bytes()
    for args in (("build", str(CORPUS / "jizhou-2020.txt")), ("ingest", str(CORPUS / "pingtan-2019.txt"))):
        assert "不可写" in one_line(read_only.run(*args))
    assert "无法写入" in one_line(read_only.run("export", "-o", str(read_only.db.parent / "cells.csv")))
    assert read_only.db.read_bytes() == before
    assert sorted(p.name for p in read_only.db.parent.iterdir()) == ["kb.db"]
