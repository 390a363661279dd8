"""Load benchmark: 50 concurrent clients for 20 seconds against /api/ask and /wechat on loopback.

    .venv/bin/python bench/http_load.py [--clients 50] [--seconds 20]

Starts `python -m bot serve` on 127.0.0.1 in its own process (a knowledge base of
the corpus), then sends dev questions alternately as JSON API requests and signed
WeChat messages. Prints requests per second, p50/p99 latency and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.wechat import signature  # noqa: E402
from knowledge.ingest import rebuild  # noqa: E402

SHARED = ROOT.parent / "shared"
WX_TOKEN = "benchtoken"


def questions() -> list[str]:
    lines = (SHARED / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if '"chat"' not in line]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def client(base: str, worker: int, until: float, qs: list[str], results: list[tuple[str, float, bool]]) -> None:
    ts, nonce = "1714037059", "486452656"
    params = {"signature": signature(WX_TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce}
    n = 0
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        while time.perf_counter() < until:
            question = qs[(worker * 7 + n) % len(qs)]
            start = time.perf_counter()
            try:
                if n % 2:
                    body = (f"<xml><ToUserName>gh</ToUserName><FromUserName>u{worker}</FromUserName><CreateTime>1"
                            f"</CreateTime><MsgType>text</MsgType><Content><![CDATA[{question}]]></Content>"
                            f"<MsgId>{worker}{n:08d}</MsgId></xml>")
                    response = await http.post("/wechat", params=params, content=body.encode())
                    ok = response.status_code == 200 and "<Content>" in response.text
                    kind = "wechat"
                else:
                    response = await http.post("/api/ask", json={"question": question, "chat": f"c{worker}"})
                    ok = response.status_code == 200 and "status" in response.json()
                    kind = "api"
            except httpx.HTTPError:
                ok, kind = False, "error"
            results.append((kind, (time.perf_counter() - start) * 1000, ok))
            n += 1


async def load(base: str, clients: int, seconds: float) -> None:
    results: list[tuple[str, float, bool]] = []
    until = time.perf_counter() + seconds
    qs = questions()
    await asyncio.gather(*(client(base, w, until, qs, results) for w in range(clients)))
    for kind in ("api", "wechat"):
        times = sorted(t for k, t, _ in results if k == kind)
        if times:
            print(f"{kind:7} {len(times) / seconds:7.1f} req/s  p50 {statistics.median(times):6.1f} ms  "
                  f"p99 {times[int(len(times) * 0.99) - 1]:6.1f} ms")
    errors = sum(1 for _, _, ok in results if not ok)
    print(f"total   {len(results) / seconds:7.1f} req/s  requests {len(results)}  errors {errors}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.db"
        rebuild(db, [SHARED / "corpus"])
        port = free_port()
        env = {**os.environ, "WECHAT_TOKEN": WX_TOKEN, "TELEGRAM_BOT_TOKEN": ""}
        server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(db)],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    if httpx.get(base + "/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            asyncio.run(load(base, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
