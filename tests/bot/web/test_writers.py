"""Writers of one knowledge base in several processes: uploads to two workers beside a CLI `ingest`."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.staff.routes import COOKIE
from knowledge.ingest.files import rebuild
from tests.bot.web.test_workers import _free_port, _wait_healthy
from tests.conftest import CORPUS, ROOT

TOKEN = "staff-token-for-writers-0123456789"
UPLOADED = ("pingtan-2018.txt", "pingtan-2019.txt", "pingtan-2020.txt", "pingtan-2021.txt", "pingtan-2022.txt",
            "pingtan-2023.txt")
INGESTED = ("pingtan-2024.txt", "kewei-2024.md", "shanghai-office-2019.html", "shuyang-2025.txt")


def _held(db: Path) -> set[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return {(issuer, year) for issuer, year in conn.execute("SELECT issuer, year FROM reports")}


async def _upload_all(base: str, cookie: str) -> list[dict]:
    async def one(name: str) -> dict:
        # A client (and connection) of its own each: the uploads spread over both workers.
        async with httpx.AsyncClient(timeout=120, cookies={COOKIE: cookie}) as client:
            response = await client.post(base + "/staff/upload", files=[("files", (name, (CORPUS / name).read_bytes()))],
                                         headers={"Accept": "application/json"})
            return dict(response.json()["results"][0])

    return list(await asyncio.gather(*(one(name) for name in UPLOADED)))


def test_uploads_to_two_workers_beside_an_ingest_are_all_kept(tmp_path: Path) -> None:
    """Regression: each writer copied, updated and swapped the base, and the last swap won (reports lost)."""
    db, reports, incoming = tmp_path / "kb.db", tmp_path / "reports", tmp_path / "incoming"
    incoming.mkdir()
    for name in INGESTED:
        shutil.copy(CORPUS / name, incoming / name)
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    config = tmp_path / "config.toml"
    config.write_text(f'[knowledge]\nreports = "{reports}"\n', encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "XXGK_STAFF_TOKEN": TOKEN, "XXGK_CONFIG": str(config)}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(db),
                               "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        _wait_healthy(base, server)
        login = httpx.post(base + "/staff/login", data={"token": TOKEN}, timeout=20)
        cookie = login.cookies[COOKIE]
        ingest = subprocess.Popen([sys.executable, "-m", "bot", "ingest", str(incoming), "--db", str(db)],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        results = asyncio.run(_upload_all(base, cookie))
        out, _ = ingest.communicate(timeout=120)
        # Readers go on answering from the base in place while writers take their turns.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and httpx.get(base + "/healthz", timeout=20).json()["reports"] < 11:
            time.sleep(0.2)
        counted = httpx.get(base + "/healthz", timeout=20).json()["reports"]
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert [r["status"] for r in results] == ["stored"] * len(UPLOADED), results
    assert ingest.returncode == 0 and out.count("stored ") == len(INGESTED), out
    stored = {(m[1], int(m[2])) for r in results if (m := re.search(r"  (\S+) (\d{4})", r["line"]))}
    assert len(stored) == len(UPLOADED) and stored <= _held(db)
    assert len(_held(db)) == 1 + len(UPLOADED) + len(INGESTED) == counted
    assert sorted(p.name for p in reports.iterdir()) == sorted(UPLOADED)
