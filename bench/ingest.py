"""Benchmark ingest: distinct reports/s, copies/s, PDF pages/s both ways, base size, peak memory.

    .venv/bin/python bench/ingest.py [COPIES] [REPEATS]

Distinct reports: every text report of the corpus (TXT, HTML, Markdown) once per round under a made-up
issuer ("平潭综合实验区" → "平潭综合实验区三七分局" …), so each file is a report of its own and nothing
merges. Copies: the same files again with distinct trailing bytes, so none is skipped as unchanged and
each is one more file of a report already stored. PDF pages/s: every corpus PDF parsed by the fast path
(pypdfium2) and by pdfplumber. Figures are medians over REPEATS runs, per core: rates are given by the
process's CPU time (the machine is shared, so wall time also counts other programs' turns) and, for ingest,
by wall time too (which includes the disk syncs).
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.ingest.files import ingest_paths  # noqa: E402
from parsers import parse_file  # noqa: E402
from parsers.pdf_fast import page_count as pdf_page_count  # noqa: E402
from parsers.pipeline import read_pdf  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
TEXT = {".txt", ".html", ".md"}
_DIGITS = "零一二三四五六七八九"


def _cn(number: int) -> str:
    return "".join(_DIGITS[int(d)] for d in str(number))


def write_distinct(folder: Path, rounds: int) -> int:
    """Each text report once per round under a new issuer name; returns the file count."""
    sources = [p for p in sorted(CORPUS.iterdir()) if p.suffix in TEXT]
    issuers = {p: parse_file(p).issuer for p in sources}
    count = 0
    for n in range(rounds):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            name = issuers[src]
            (folder / f"{n:04d}-{src.name}").write_text(text.replace(name, f"{name}{_cn(n)}分局"),
                                                         encoding="utf-8")
            count += 1
    return count


def write_copies(folder: Path, rounds: int) -> int:
    sources = [p for p in sorted(CORPUS.iterdir()) if p.suffix in TEXT]
    for n in range(rounds):
        for src in sources:
            (folder / f"{n:04d}-{src.name}").write_bytes(src.read_bytes() + b"\n" * (n + 1))
    return rounds * len(sources)


def timed_ingest(make: Callable[[Path, int], int], rounds: int) -> tuple[float, float, int, float, float]:
    """(wall seconds, CPU seconds, files, base bytes per report, per file) for one ingest of a fresh folder
    into a fresh base."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        files = make(folder, rounds)
        db = Path(tmp) / "kb.db"
        start, cpu = time.perf_counter(), time.process_time()
        results = ingest_paths(db, [folder])
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert not [r for r in results if r.failed], [r.detail for r in results if r.failed][:3]
        import sqlite_utils

        reports = sqlite_utils.Database(db)["reports"].count
        size = db.stat().st_size
        return elapsed, cpu, files, size / max(reports, 1), size / files


def parse_rate(rounds: int) -> float:
    """Distinct text reports parsed per second, without the database."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_distinct(folder, rounds)
        start = time.process_time()
        for path in sorted(folder.iterdir()):
            parse_file(path)
        return files / (time.process_time() - start)


def pdf_rates(repeats: int) -> dict[str, float]:
    """Pages per second of every corpus PDF, read by each PDF reader alone."""
    pdfs = sorted(CORPUS.glob("*.pdf"))
    pages = sum(pdf_page_count(p.read_bytes()) for p in pdfs)
    rates = {}
    for way in ("fast", "pdfplumber", "auto"):
        times = []
        for _ in range(repeats):
            start = time.process_time()
            for pdf in pdfs:
                read_pdf(pdf.read_bytes(), pdf.name, way)
            times.append(time.process_time() - start)
        rates[way] = pages / statistics.median(times)
    return rates


def main(rounds: int, repeats: int) -> None:
    for label, make in (("distinct reports", write_distinct), ("copies (each report again per round)", write_copies)):
        runs = [timed_ingest(make, rounds) for _ in range(repeats)]
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        files = runs[0][2]
        print(f"{label}: {files} files, {files / cpu:.1f} files/s of CPU time ({files / wall:.1f} by the clock); "
              f"base {statistics.median(r[3] for r in runs) / 1024:.1f} KB per report, "
              f"{statistics.median(r[4] for r in runs) / 1024:.1f} KB per file")
    rate = statistics.median(parse_rate(rounds) for _ in range(repeats))
    print(f"parsing alone (distinct): {rate:.1f} reports/s of CPU time")
    for way, pages in pdf_rates(repeats).items():
        print(f"PDF {way}: {pages:.1f} pages/s of CPU time")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
