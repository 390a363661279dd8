"""Soak: two workers answering 200 clients for 60 s while staff uploads and a CLI `ingest` write the base.

    .venv/bin/python bench/soak.py [--clients 200] [--seconds 60] [--uploads 3] [--ingest 3]

Builds a knowledge base of three corpus reports, starts `python -m bot serve --workers 2` (chat state in the
SQLite store beside the base), and runs the clients of bench/http_load.py (JSON API questions and signed WeChat
messages on keep-alive connections). Meanwhile a thread uploads report files one request at a time through the
staff pages (each a distinct report: the corpus's text reports under made-up body names, as bench/ingest.py
makes them), and a third of the way in a CLI `ingest` of another such folder runs. Afterwards it checks that
every report answered `stored` (or `replaced`) is in the base and that both databases pass
`pragma integrity_check`, and prints requests, errors, requests per second, p50/p99 latency and the uploads
answered stored against those present. The exit code is 1 when a stored report is missing or a check fails.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_load import WX_TOKEN, free_port, timed, wait_port  # noqa: E402
from bench.ingest import write_distinct  # noqa: E402
from knowledge.ingest.files import rebuild  # noqa: E402
from parsers import parse_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
STAFF_TOKEN = "soak-staff-token-0123456789abcdef"
COOKIE = "xxgk_staff"


def report_of(path: Path) -> tuple[str, int]:
    report = parse_file(path)
    return report.issuer, int(report.year or 0)


def upload_all(base: str, files: list[Path], answered: list[tuple[str, tuple[str, int]]], stop: threading.Event) -> None:
    """Upload the files one request each (until `stop`), recording each file's status and its report."""
    with httpx.Client(base_url=base, timeout=120) as client:
        client.post("/staff/login", data={"token": STAFF_TOKEN})
        if COOKIE not in client.cookies:
            raise SystemExit("the staff login failed")
        for path in files:
            if stop.is_set():
                return
            response = client.post("/staff/upload", files=[("files", (path.name, path.read_bytes()))],
                                   headers={"Accept": "application/json"})
            status = response.json()["results"][0]["status"] if response.status_code == 200 else str(response.status_code)
            answered.append((status, report_of(path)))


def ingest_later(db: Path, folder: Path, delay: float, env: dict[str, str], out: dict[str, str]) -> None:
    time.sleep(delay)
    done = subprocess.run([sys.executable, "-m", "bot", "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    out.update(stdout=done.stdout, stderr=done.stderr, code=str(done.returncode))


def held(db: Path) -> set[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return {(issuer, year) for issuer, year in conn.execute("SELECT issuer, year FROM reports")}


def integrity(path: Path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def prepare(tmp: Path, uploads: int, ingest: int) -> tuple[Path, list[Path], Path]:
    """The base, the files to upload and the folder to ingest (distinct reports, none in the base)."""
    made = tmp / "made"
    made.mkdir()
    write_distinct(made, uploads + ingest)
    files = sorted(made.iterdir())
    to_upload = [p for p in files if int(p.name[:4]) < uploads]
    folder = tmp / "incoming"
    folder.mkdir()
    for path in files:
        if int(path.name[:4]) >= uploads:
            path.rename(folder / path.name)
    db = tmp / "kb.db"
    rebuild(db, [CORPUS / name for name in ("jizhou-2020.txt", "kewei-2024.md", "pingtan-2021.txt")])
    return db, to_upload, folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--uploads", type=int, default=3, help="rounds of the corpus's text reports to upload")
    parser.add_argument("--ingest", type=int, default=3, help="rounds of them for the CLI ingest")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db, to_upload, incoming = prepare(tmp, args.uploads, args.ingest)
        config = tmp / "config.toml"
        config.write_text(f'[knowledge]\nreports = "{tmp / "reports"}"\n', encoding="utf-8")
        env = {**os.environ, "WECHAT_TOKEN": WX_TOKEN, "TELEGRAM_BOT_TOKEN": "", "XXGK_STATE_URL": "",
               "XXGK_STAFF_TOKEN": STAFF_TOKEN, "XXGK_CONFIG": str(config)}
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port), "--db", str(db),
                                   "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        answered: list[tuple[str, tuple[str, int]]] = []
        ingested: dict[str, str] = {}
        try:
            wait_port(port, server)
            time.sleep(3.0)  # both workers have imported and opened the base
            stop = threading.Event()
            writers = [threading.Thread(target=upload_all, args=(f"http://127.0.0.1:{port}", to_upload, answered,
                                                                  stop)),
                       threading.Thread(target=ingest_later, args=(db, incoming, args.seconds / 3, env, ingested))]
            for writer in writers:
                writer.start()
            rate, p50, p99, errors = timed(port, args.clients, args.seconds)
            stop.set()
            for writer in writers:
                writer.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
        return report(db, answered, ingested, (rate, p50, p99, errors), args.seconds)


def report(db: Path, answered: list[tuple[str, tuple[str, int]]], ingested: dict[str, str],
           load: tuple[float, float, float, int], seconds: float) -> int:
    """Print the figures; 1 when a report answered stored is missing or a database fails its check."""
    rate, p50, p99, errors = load
    present = held(db)
    stored = [r for status, r in answered if status in ("stored", "replaced")]
    lines = [re.match(r"(?:\[\d+/\d+\] )?(\w+)\s+(\S+)", line) for line in ingested.get("stdout", "").splitlines()]
    ingest_stored = [report_of(Path(m[2])) for m in lines if m and m[1] in ("stored", "replaced")]
    missing = [r for r in stored + ingest_stored if r not in present]
    checks = {"knowledge base": integrity(db), "state store": integrity(db.with_name("kb-state.db"))}
    print(f"requests {int(rate * seconds)}  errors {int(errors)}  {rate:.1f} req/s  p50 {p50:.1f} ms  "
          f"p99 {p99:.1f} ms  ({seconds:.0f} s, 2 workers)")
    print(f"uploads: {len(answered)} sent, {len(stored)} answered stored, "
          f"{sum(r in present for r in stored)} present; other answers: "
          f"{sorted({s for s, _ in answered} - {'stored', 'replaced'}) or 'none'}")
    print(f"CLI ingest: exit {ingested.get('code', 'not run')}, {len(ingest_stored)} files stored, "
          f"{sum(r in present for r in ingest_stored)} present")
    print(f"reports in the base: {len(present)}; missing: {missing or 'none'}")
    print("integrity_check: " + ", ".join(f"{name} {result}" for name, result in checks.items()))
    return 1 if missing or not stored or set(checks.values()) != {"ok"} or ingested.get("code") != "0" else 0


if __name__ == "__main__":
    sys.exit(main())
