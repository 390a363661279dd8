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

from knowledge.answering.answerer import Answerer  # noqa: E402
from knowledge.chat.state import ChatState  # noqa: E402
from knowledge.ingest.files import rebuild  # noqa: E402
from knowledge.store.body_index import index_bodies  # noqa: E402
from knowledge.store.read import Catalog  # noqa: E402
from knowledge.store.schema import open_db  # noqa: E402
from knowledge.store.write import write_report  # noqa: E402
from knowledge.understanding.query import warm  # noqa: E402
from parsers import parse_file  # noqa: E402

SHARED = ROOT.parent / "shared"
_NAME_CHARS = "东南西北中安平和兴华清河山阳江湖泉林宁丰台金石云龙凤川海城新永康德昌盛桥"


def questions() -> list[tuple[str, str | None, date, str]]:
    """Every turn of dev.jsonl and more.jsonl, with its kind: chat, no body named, prose, or plain."""
    out = []
    for name in ("dev.jsonl", "more.jsonl"):
        for line in (SHARED / "questions" / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            today = date.fromisoformat(item.get("asof", "2026-11-28"))
            tags = set(item.get("tags", []))
            for turn in item.get("chat", [{"q": item.get("q"), "expect": item.get("expect")}]):
                kind = "chat" if "chat" in item else "no body" if tags & {"no-region", "ambiguous"} else \
                    "prose" if turn["expect"].get("key") == "narrative" else "plain"
                out.append((turn["q"], f"{name}:{item['id']}" if "chat" in item else None, today, kind))
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
            write_report(db, copy, [source.file])
        index_bodies(db)
    db.close()


def _p99(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.99))]


def measure(db: Path, label: str, repeats: int) -> None:
    """Start-up (open the base, warm the lexicon), then each question `repeats` times: medians and p99."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        answerer = Answerer(Catalog(db), ChatState(Path(tmp) / "state.db"))
        warm()
        startup = time.perf_counter() - start
        by_kind: dict[str, list[float]] = {}
        for _ in range(repeats):
            for question, chat, today, kind in questions():
                t0 = time.perf_counter()
                answerer.ask(question, chat=chat, today=today)
                by_kind.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
    every = [t for times in by_kind.values() for t in times]
    print(f"{label}: reports {len(answerer.catalog.reports)}  turns {len(every) // repeats} x {repeats}  "
          f"start-up {startup:.2f} s  median {statistics.median(every):.2f} ms  p99 {_p99(every):.2f} ms")
    for kind, times in sorted(by_kind.items()):
        print(f"  {kind:<8} median {statistics.median(times):.2f} ms  p99 {_p99(times):.2f} ms  ({len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the big base at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "corpus.db"
        rebuild(small, [SHARED / "corpus"])
        measure(small, "corpus", args.repeats)
        big = args.keep or Path(tmp) / "big.db"
        if not big.exists():
            t0 = time.perf_counter()
            big_base(big, args.reports)
            print(f"built {args.reports} reports in {time.perf_counter() - t0:.0f} s "
                  f"({big.stat().st_size // 2**20} MB)")
        measure(big, f"{args.reports} reports", args.repeats)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
