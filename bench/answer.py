"""Benchmark: answer latency over the dev questions, start-up time and peak memory.

    .venv/bin/python bench/answer.py [--reports 10000]

Two knowledge bases: the corpus as it is, and one of N reports made by giving
copies of the corpus reports other issuers and years. Prints median and p99
latency per question, start-up time (opening the base and the answerer) and
peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.answer import Answerer  # noqa: E402
from knowledge.catalog import Catalog  # noqa: E402
from knowledge.context import ChatState  # noqa: E402
from knowledge.ingest import rebuild  # noqa: E402
from knowledge.store import _write_report, open_db  # noqa: E402
from parsers import parse_file  # noqa: E402

SHARED = ROOT.parent / "shared"
_NAME_CHARS = "东南西北中安平和兴华清河山阳江湖泉林宁丰台金石云龙凤川海城新永康德昌盛桥"


def questions() -> list[tuple[str, str | None, date]]:
    out = []
    for line in (SHARED / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        today = date.fromisoformat(item.get("asof", "2026-11-28"))
        for turn in item.get("chat", [{"q": item.get("q")}]):
            out.append((turn["q"], item["id"] if "chat" in item else None, today))
    return out


def big_base(path: Path, count: int) -> None:
    """The corpus reports, plus copies under made-up issuers and years, written straight into the base."""
    rebuild(path, [SHARED / "corpus"])
    parsed = [parse_file(p) for p in sorted((SHARED / "corpus").iterdir()) if p.suffix in (".txt", ".html", ".md", ".pdf")]
    db = open_db(path)
    rng = random.Random(7)
    names: set[str] = set()
    with db.atomic():
        while len(names) < count - len(parsed):
            name = "".join(rng.sample(_NAME_CHARS, 3)) + rng.choice("区县市")
            if name in names:
                continue
            names.add(name)
            source = rng.choice(parsed)
            copy = replace(source, issuer=name, title=f"{name}{source.year}年政府信息公开工作年度报告")
            _write_report(db, copy, [source.file])
    db.close()


def measure(db: Path, label: str) -> None:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        answerer = Answerer(Catalog(db), ChatState(Path(tmp) / "state.db"))
        startup = time.perf_counter() - start
        timings = []
        for question, chat, today in questions():
            t0 = time.perf_counter()
            answerer.ask(question, chat=chat, today=today)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"{label}: reports {len(answerer.catalog.reports)}  questions {len(timings)}  start-up {startup:.2f} s  "
          f"median {statistics.median(timings):.2f} ms  p99 {p99:.2f} ms  max {timings[-1]:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "corpus.db"
        rebuild(small, [SHARED / "corpus"])
        measure(small, "corpus")
        big = Path(tmp) / "big.db"
        t0 = time.perf_counter()
        big_base(big, args.reports)
        print(f"built {args.reports} reports in {time.perf_counter() - t0:.0f} s ({big.stat().st_size // 2**20} MB)")
        measure(big, f"{args.reports} reports")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
