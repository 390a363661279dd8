"""Benchmark: answer latency per kind of question, start-up time and memory of a serving process.

    .venv/bin/python bench/answer.py [--reports 10000] [--repeats 3] [--runs 3] [--keep big.db]

Two knowledge bases: the corpus as it is, and one of N reports from N/5 bodies of every kind named as in
reality (bench/bodies.py: governments, offices, departments of each level, zones and their 管委会, places no
gazetteer holds), each report a copy of a corpus report. Each base is measured by `--runs` fresh processes, as a
serving worker starts: start-up (opening the base and warming the lexicon and places), the process's peak
resident memory, and every question `--repeats` times: the dev and more questions by kind (chat, no body,
prose, plain) and, on the big base, questions naming its bodies by kind of body, by the name printed and by
the name people use, with what each got (its own body's figure: right; its own beside other bodies' figures,
each named: with others; only other bodies': wrong; asked back; not held), and questions naming bodies not held
(another department of a held place, a place none is held of): answered (with another body's figure), asked
back or not held. The body questions are derived by the parent and read from a file (deriving them is no
serving worker's memory). Figures are medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bodies import (  # noqa: E402
    body_questions,
    synthetic_bodies,
    unheld_bodies,
    unheld_questions,
    write_bodies,
)
from knowledge.answering.answerer import Answerer  # noqa: E402
from knowledge.chat.state import ChatState  # noqa: E402
from knowledge.ingest.files import rebuild, upgrade  # noqa: E402
from knowledge.model import Answer  # noqa: E402
from knowledge.store.body_index import index_bodies  # noqa: E402
from knowledge.store.read import Catalog, count_reports  # noqa: E402
from knowledge.store.schema import open_db  # noqa: E402
from knowledge.store.write import write_report  # noqa: E402
from knowledge.understanding.query import warm  # noqa: E402
from parsers import parse_file  # noqa: E402

SHARED = ROOT.parent / "shared"
TODAY = date(2026, 11, 28)


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


def _bodies(reports: int) -> int:
    return max(1, reports // 5)


def big_base(path: Path, count: int) -> None:
    """The corpus reports, plus reports of synthetic bodies of every kind, written straight into the base."""
    rebuild(path, [SHARED / "corpus"])
    parsed = [parse_file(p) for p in sorted((SHARED / "corpus").iterdir()) if p.suffix in (".txt", ".html", ".md", ".pdf")]
    db = open_db(path)
    with db.atomic():
        write_bodies(synthetic_bodies(_bodies(count)), parsed,
                     lambda report, files: write_report(db, report, files))
        index_bodies(db)
    db.close()


def _peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux from VmHWM: ru_maxrss keeps the parent's peak across the
    fork and exec that started the process (so a parent that built a big base would be counted)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p99(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.99))]


def body_turns(reports: int) -> list[list]:
    """The questions about the synthetic base's bodies, held and not: [question, kind, names its body prints]."""
    if not reports:
        return []
    held = [[q, "body: " + kind, list(names)] for q, kind, names in body_questions(synthetic_bodies(_bodies(reports)))]
    return held + [[q, "body: not held", []] for q in unheld_questions(unheld_bodies(_bodies(reports)))]


def measure(db: Path, repeats: int, turns: list[list]) -> dict:
    """One serving process: start-up, then each question `repeats` times; times by kind, peak memory. The body
    questions come written by the parent: deriving them (every division's bodies) is no serving worker's cost."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Catalog(db)
        answerer = Answerer(catalog, ChatState(Path(tmp) / "state.db"))
        warm(catalog.directory)
        startup = time.perf_counter() - start
        asked = questions() + [(q, None, TODAY, kind) for q, kind, _ in turns]
        own = {q: tuple(names) for q, _, names in turns}  # a body question → the names its body prints
        by_kind: dict[str, list[float]] = {}
        outcomes: dict[str, dict[str, int]] = {}
        for repeat in range(repeats):
            for question, chat, today, kind in asked:
                t0 = time.perf_counter()
                answer = answerer.ask(question, chat=chat, today=today)
                by_kind.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
                if repeat == 0 and question in own:
                    counts = outcomes.setdefault(kind, dict.fromkeys(("right", "with others", "wrong", "answered",
                                                                      "asked back", "not held"), 0))
                    counts[_outcome(answer, own[question])] += 1
    return {"startup": startup, "rss": _peak_rss_mb(), "outcomes": outcomes,
            "kinds": {k: [statistics.median(v), _p99(v), len(v)] for k, v in by_kind.items()},
            "all": [statistics.median(t := [x for v in by_kind.values() for x in v]), _p99(t)]}


def _outcome(answer: Answer, names: tuple[str, ...]) -> str:
    """What a question about a held body got: its own figure (alone, or beside those of other bodies of the same
    name, each named), only other bodies' (wrong), or no figure."""
    if answer.status == "answered" and answer.figures:
        if not names:  # a body not held: any figure is another body's
            return "answered"
        own = [f.issuer in names for f in answer.figures]
        return "right" if all(own) else "with others" if any(own) else "wrong"
    return "asked back" if answer.status == "ambiguous" else "not held"


def report(db: Path, label: str, args: argparse.Namespace, reports: int) -> None:
    """Measure the base in `args.runs` fresh processes; print the medians over the runs."""
    runs = []
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as turns:
        json.dump(body_turns(reports), turns, ensure_ascii=False)
        turns.flush()
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "--measure", str(db), "--repeats", str(args.repeats),
                                  "--turns", turns.name], check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.splitlines()[-1]))

    def med(*path: str | int) -> float:
        values = []
        for run in runs:
            for step in path:
                run = run[step]
            values.append(run)
        return statistics.median(values)

    print(f"{label}: {count_reports(db)} reports  start-up {med('startup'):.2f} s  peak RSS {med('rss'):.0f} MB  "
          f"median {med('all', 0):.2f} ms  p99 {med('all', 1):.2f} ms  ({args.runs} processes x {args.repeats} repeats)")
    print("  start-up of each process: " + " ".join(f"{r['startup']:.2f} s" for r in runs))
    for kind in sorted(runs[0]["kinds"]):
        got = runs[0]["outcomes"].get(kind)
        said = ("  " + ", ".join(f"{k} {v}" for k, v in got.items() if v or k != "answered")) if got else ""
        print(f"  {kind:<18} median {med('kinds', kind, 0):.2f} ms  p99 {med('kinds', kind, 1):.2f} ms  "
              f"({runs[0]['kinds'][kind][2]} per process){said}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes measuring each base")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the big base at this path")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--turns", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.repeats, json.loads(args.turns.read_text(encoding="utf-8")))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "corpus.db"
        rebuild(small, [SHARED / "corpus"])
        report(small, "corpus", args, 0)
        big = args.keep or Path(tmp) / "big.db"
        if not big.exists():
            t0 = time.perf_counter()
            big_base(big, args.reports)
            print(f"built {args.reports} reports in {time.perf_counter() - t0:.0f} s "
                  f"({big.stat().st_size // 2**20} MB)")
        else:
            for line in upgrade(big):  # a base kept from an older version is brought up to date
                print(line)
        report(big, f"{args.reports} reports", args, args.reports)


if __name__ == "__main__":
    main()
