"""Load benchmark: N clients for S seconds against /api/ask and /wechat, 1 and 2 workers, SQLite and Redis state.

    .venv/bin/python bench/http_load.py [--clients 50,200] [--workers 1,2] [--state sqlite,redis]
                                        [--seconds 20] [--repeats 1] [--redis-url redis://…]

Builds a knowledge base of the corpus, starts `python -m bot serve --workers N` on
127.0.0.1 (a redis-server on a free port for the Redis runs, unless --redis-url),
then runs the clients: each opens its keep-alive connection and sends one warm-up
request before the clock starts, then alternates JSON API questions (its own
chat, so follow-ups and state writes happen) and signed WeChat messages (a new
MsgId each, so each is claimed in the state store). The clients are plain
asyncio protocols speaking HTTP/1.1 (0.16 ms of CPU a request, a fifth less than
asyncio streams), so that the load generator costs little of the machine it
shares with the server. Prints, per run, requests per second, p50/p99 latency
and errors; with repeats, the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.channels.wechat.protocol import signature  # noqa: E402
from knowledge.ingest.files import rebuild  # noqa: E402

SHARED = ROOT.parent / "shared"
WX_TOKEN = "benchtoken"
TIMEOUT = 10.0


def questions() -> list[str]:
    lines = (SHARED / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if '"chat"' not in line]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Results:
    """Latencies (ms) of the requests that finished within the timed window, by kind; errors."""

    times: dict[str, list[float]] = field(default_factory=lambda: {"api": [], "wechat": []})
    errors: int = 0


class Connection(asyncio.Protocol):
    """One HTTP/1.1 keep-alive connection as a bare protocol: a response is complete when its body is in."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = b""
        self.waiter: asyncio.Future[tuple[int, bytes]] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports are not asyncio's classes

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0 or self.waiter is None or self.waiter.done():
            return
        head = self.buffer[:end].decode("latin-1")
        found = re.search(r"(?im)^content-length:\s*(\d+)", head)
        length = int(found.group(1)) if found else 0
        if len(self.buffer) >= end + 4 + length:
            self.waiter.set_result((int(head.split(" ", 2)[1]), self.buffer[end + 4:end + 4 + length]))

    def connection_lost(self, exc: Exception | None) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("the server closed the connection"))

    async def request(self, data: bytes) -> tuple[int, bytes]:
        assert self.transport is not None
        self.buffer, self.waiter = b"", asyncio.get_running_loop().create_future()
        self.transport.write(data)
        return await self.waiter


class Client:
    """One keep-alive HTTP/1.1 connection, as one person's browser or WeChat's server would hold."""

    def __init__(self, port: int, number: int, qs: list[str]) -> None:
        self.port, self.number, self.qs = port, number, qs
        self.sent = 0
        ts, nonce = "1714037059", "486452656"
        self.wechat_query = urlencode({"signature": signature(WX_TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce})
        self.connection: Connection | None = None

    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        _, self.connection = await loop.create_connection(Connection, "127.0.0.1", self.port)

    async def request(self, method: str, path: str, body: bytes = b"", kind: str = "") -> tuple[int, bytes]:
        assert self.connection is not None
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
                f"Content-Type: {'application/json' if kind == 'api' else 'text/xml'}\r\n\r\n")
        return await self.connection.request(head.encode() + body)

    async def one(self) -> tuple[str, bool]:
        question = self.qs[(self.number * 7 + self.sent) % len(self.qs)]
        self.sent += 1
        if self.sent % 2:
            body = json.dumps({"question": question, "chat": f"c{self.number}"}, ensure_ascii=False).encode()
            status, payload = await self.request("POST", "/api/ask", body, "api")
            return "api", status == 200 and b'"status"' in payload
        body = (f"<xml><ToUserName>gh</ToUserName><FromUserName>u{self.number}</FromUserName><CreateTime>1"
                f"</CreateTime><MsgType>text</MsgType><Content><![CDATA[{question}]]></Content>"
                f"<MsgId>{os.getpid()}{self.number:04d}{self.sent:07d}</MsgId></xml>").encode()
        status, payload = await self.request("POST", f"/wechat?{self.wechat_query}", body, "wechat")
        return "wechat", status == 200 and b"<Content>" in payload

    async def run(self, start: asyncio.Event, until: list[float], results: Results) -> None:
        await start.wait()
        while time.perf_counter() < until[0]:
            began = time.perf_counter()
            try:
                kind, ok = await asyncio.wait_for(self.one(), TIMEOUT)
            except (OSError, TimeoutError, ValueError, IndexError):
                kind, ok = "error", False
                await self.reconnect()
            ended = time.perf_counter()
            if ended <= until[0]:  # a request still running when the clock stops is not counted
                if ok:
                    results.times[kind].append((ended - began) * 1000)
                else:
                    results.errors += 1

    async def reconnect(self) -> None:
        self.close()
        with contextlib.suppress(OSError):
            await self.connect()

    def close(self) -> None:
        if self.connection is not None and self.connection.transport is not None:
            self.connection.transport.close()


async def load(port: int, clients: int, seconds: float) -> tuple[float, float, float, int]:
    """Requests per second, p50 and p99 (ms) over both routes, and errors, for one timed window."""
    qs = questions()
    pool = [Client(port, n, qs) for n in range(clients)]
    # Before the clock: every connection open and warm (one request each through the whole stack).
    await asyncio.gather(*(c.connect() for c in pool))
    await asyncio.gather(*(c.request("GET", "/healthz") for c in pool))
    await asyncio.gather(*(c.one() for c in pool))
    results, start, until = Results(), asyncio.Event(), [0.0]
    tasks = [asyncio.create_task(c.run(start, until, results)) for c in pool]
    await asyncio.sleep(0)
    began = time.perf_counter()
    until[0] = began + seconds
    start.set()
    await asyncio.gather(*tasks)
    for client in pool:
        client.close()
    times = sorted(results.times["api"] + results.times["wechat"])
    p99 = times[max(0, int(len(times) * 0.99) - 1)] if times else float("nan")
    return len(times) / seconds, statistics.median(times) if times else float("nan"), p99, results.errors


@contextlib.contextmanager
def redis_server(url: str | None) -> Iterator[str]:
    """The given Redis URL, or a redis-server of our own on a free loopback port."""
    if url:
        yield url
        return
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found: install it (apt-get install redis-server) or pass --redis-url")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                 "no", "--dir", folder], stdout=subprocess.DEVNULL)
        try:
            wait_port(port, proc)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def wait_port(port: int, proc: subprocess.Popen[bytes] | None = None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server stopped (exit code {proc.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port}")


@contextlib.contextmanager
def server(db: Path, workers: int, state_url: str) -> Iterator[int]:
    """`python -m bot serve --workers N` on a free port, healthy, with each worker warmed."""
    port = free_port()
    env = {**os.environ, "WECHAT_TOKEN": WX_TOKEN, "TELEGRAM_BOT_TOKEN": "", "XXGK_STATE_URL": state_url}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(db),
                             "--workers", str(workers)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_port(port, proc)
        time.sleep(1.0 + workers)  # every worker process has imported and opened the base
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def timed(port: int, clients: int, seconds: float) -> tuple[float, float, float, int]:
    """One timed window, on uvloop when it is installed (the clients then cost the machine less)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(load(port, clients, seconds))
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(load(port, clients, seconds))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="50,200")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--state", default="sqlite,redis")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--redis-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.db"
        rebuild(db, [SHARED / "corpus"])
        print(f"{'state':7} {'workers':>7} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
        rates: dict[tuple[str, int, int], float] = {}
        for state in args.state.split(","):
            with contextlib.ExitStack() as stack:
                url = stack.enter_context(redis_server(args.redis_url)) if state == "redis" else ""
                for workers in (int(w) for w in args.workers.split(",")):
                    with server(db, workers, url) as port:
                        for clients in (int(c) for c in args.clients.split(",")):
                            runs = [timed(port, clients, args.seconds) for _ in range(args.repeats)]
                            rate, p50, p99, errors = (statistics.median(r[i] for r in runs) for i in range(4))
                            rates[(state, workers, clients)] = rate
                            print(f"{state:7} {workers:>7} {clients:>7} {rate:>8.1f} {p50:>8.1f} {p99:>8.1f} "
                                  f"{int(errors):>6}", flush=True)
        for (state, workers, clients), rate in rates.items():
            single = rates.get((state, 1, clients))
            if workers > 1 and single:
                print(f"{state}: {workers} workers / 1 worker at {clients} clients: {rate / single:.2f}×")


if __name__ == "__main__":
    main()
