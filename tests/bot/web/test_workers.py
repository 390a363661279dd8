"""Several workers sharing state: real `python -m bot serve` processes on loopback, SQLite and Redis."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.channels.wechat.protocol import parse_xml, signature
from bot.web.serving import QUICK_DEATH_SECONDS
from knowledge.chat.state import ChatState
from tests.conftest import ROOT

TOKEN = "workerstoken"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def servers(db: Path, count: int, state_url: str = "") -> Iterator[list[str]]:
    """`count` server processes (workers, or machines) on one knowledge base and one state store."""
    env = {**os.environ, "WECHAT_TOKEN": TOKEN, "TELEGRAM_BOT_TOKEN": "", "XXGK_STATE_URL": state_url}
    ports = [_free_port() for _ in range(count)]
    procs = [subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(db)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for port in ports]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base, proc in zip(bases, procs, strict=True):
            _wait_healthy(base, proc)
        yield bases
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)


def _wait_healthy(base: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError("server did not become healthy")


def signed() -> dict[str, str]:
    ts, nonce = "1714037059", "486452656"
    return {"signature": signature(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce}


def wechat_xml(content: str, msg_id: str, user: str = "oWorker") -> bytes:
    return (f"<xml><ToUserName>gh_service</ToUserName><FromUserName>{user}</FromUserName>"
            f"<CreateTime>1714037059</CreateTime><MsgType>text</MsgType><Content><![CDATA[{content}]]></Content>"
            f"<MsgId>{msg_id}</MsgId></xml>").encode()


@pytest.fixture(params=["sqlite", "redis"])
def state_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("redis_url")) if request.param == "redis" else ""


@pytest.fixture
def kb(corpus_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    return db


async def _retries(bases: list[str], body: bytes) -> list[httpx.Response]:
    async with httpx.AsyncClient(timeout=20) as client:
        return list(await asyncio.gather(*(client.post(b + "/wechat", params=signed(), content=body) for b in bases)))


def test_three_retries_at_three_workers_are_answered_once(kb: Path, state_url: str) -> None:
    # A question the base cannot answer is recorded as a miss each time it is computed: the count of
    # misses is the count of computations, seen through the shared state itself.
    question = "今天天气怎么样，政府信息公开申请会下雨吗"
    with servers(kb, 3, state_url=state_url) as bases:
        replies = asyncio.run(_retries(bases, wechat_xml(question, "880001")))
        late = httpx.post(bases[1] + "/wechat", params=signed(), content=wechat_xml(question, "880001"), timeout=20)
        other = httpx.post(bases[2] + "/wechat", params=signed(), content=wechat_xml(question, "880002"), timeout=20)
    assert all(r.status_code == 200 for r in [*replies, late, other])
    assert len({r.content for r in replies}) == 1 and late.content == replies[0].content
    assert parse_xml(replies[0].content)["Content"]
    state = ChatState(state_url or kb.with_name("kb-state.db"))
    misses = [r for r in state.feedback() if r["question"] == question]
    assert len(misses) == 2, "one computation for MsgId 880001 (three retries and a late one), one for 880002"


def test_follow_ups_across_workers(kb: Path, state_url: str) -> None:
    with servers(kb, 2, state_url=state_url) as (first, second):
        asked = httpx.post(first + "/api/ask", json={"question": "蓟州区2020年新收了多少政府信息公开申请",
                                                     "chat": "w1"}, timeout=20).json()
        follow = httpx.post(second + "/api/ask", json={"question": "其中自然人呢？", "chat": "w1"}, timeout=20).json()
        choices = httpx.post(second + "/api/ask", json={"question": "19年行政复议有几件", "chat": "w2"},
                             timeout=20).json()
        picked = httpx.post(first + "/api/ask", json={"chat": "w2", "pick": 1}, timeout=20).json()
    assert asked["answer"]["value"] == 191 and follow["answer"]["value"] == 185
    assert choices["status"] == "ambiguous" and picked["answer"] == choices["choices"][0]["figure"]


def _worker_pids(parent: int) -> set[int]:
    """The uvicorn worker processes (multiprocessing spawns) under a server process."""
    children = " ".join(Path(f"/proc/{parent}/task").joinpath(t, "children").read_text()
                        for t in os.listdir(f"/proc/{parent}/task")).split()
    return {int(c) for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()}


async def _parallel_health(base: str, count: int) -> set[int]:
    async def one() -> int:
        async with httpx.AsyncClient(timeout=20) as client:  # a connection of its own each time
            return int((await client.get(base + "/healthz")).json()["worker"])

    return set(await asyncio.gather(*(one() for _ in range(count))))


def test_serve_with_two_workers(kb: Path) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": ""}
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(kb),
                             "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        _wait_healthy(base, proc)
        workers = _worker_pids(proc.pid)
        answered = asyncio.run(_parallel_health(base, 40))
        asked = httpx.post(base + "/api/ask", json={"question": "洪泽区2023年行政许可本年处理决定数量"}, timeout=20)
        # A worker that dies (not at start-up) is replaced.
        time.sleep(max(0.0, QUICK_DEATH_SECONDS + 0.5 - (time.monotonic() - started)))
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(_worker_pids(proc.pid) - {victim}) < 2:
            time.sleep(0.2)
        replaced = _worker_pids(proc.pid)
        _wait_healthy(base, proc)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert len(workers) == 2 and answered == workers, "connections reach both workers"
    assert asked.json()["answer"]["value"] == 550
    assert len(replaced) == 2 and victim not in replaced
    assert proc.returncode == 0


def _gone(pid: int) -> bool:
    """Whether a process has exited (a zombie no one reaps has exited too)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_workers_exit_when_their_master_is_killed(kb: Path) -> None:
    """Regression: after kill -9 of the master its workers went on answering with the old settings and base."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": ""}
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(kb),
                             "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, proc)
        workers = _worker_pids(proc.pid)
        assert len(workers) == 2
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        killed = time.monotonic()
        while time.monotonic() - killed < 10 and not all(_gone(pid) for pid in workers):
            time.sleep(0.1)
        took = time.monotonic() - killed
    finally:
        for pid in workers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    assert all(_gone(pid) for pid in workers) and took < 8, f"workers still running {took:.1f} s after the master"
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "nothing answers on the port any more"


def test_a_second_server_on_a_served_port_refuses_to_start(kb: Path) -> None:
    """Regression: a second `serve` bound beside a running one (SO_REUSEPORT) and the two split the clients."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": ""}
    port = _free_port()
    first = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(kb),
                              "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", first)
        second = [subprocess.run([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(kb),
                                  *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
                  for extra in (["--workers", "2"], [])]
        still = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=20)
    finally:
        first.terminate()
        first.wait(timeout=20)
    for refused in second:
        assert refused.returncode != 0
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and f"端口 127.0.0.1:{port} 已有服务在监听" in lines[0], refused.stderr
    assert still.status_code == 200
