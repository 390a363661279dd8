"""Benchmark: ingest the corpus N times over; print reports per second and peak memory.

    .venv/bin/python bench/ingest.py [N]

Each round ingests fresh copies of the corpus reports (distinct trailing bytes,
so none is skipped as unchanged) into one knowledge base. Copies are files of
the same report, so every copy is merged with the earlier ones: the worst case
for ingest, growing with N. PDF pages per second are measured on parsing alone.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.ingest import ingest_paths  # noqa: E402
from parsers import parse_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def main(rounds: int) -> None:
    sources = [p for p in sorted(CORPUS.iterdir()) if p.suffix in {".txt", ".html", ".md", ".pdf", ".docx"}]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n in range(rounds):
            for src in sources:
                data = src.read_bytes()
                # A trailing newline per round keeps the report the same but the file new.
                extra = b"\n" * (n + 1)  # trailing bytes after %%EOF are ignored by PDF readers
                (folder / f"{n:04d}-{src.name}").write_bytes(data + extra)
        files = list(folder.iterdir())
        start = time.perf_counter()
        results = ingest_paths(Path(tmp) / "kb.db", [folder])
        elapsed = time.perf_counter() - start
        pdfs = [p for p in sources if p.suffix == ".pdf"]
        pdf_pages, pdf_seconds = 0, 0.0
        for pdf in pdfs:
            t0 = time.perf_counter()
            report = parse_file(pdf)
            pdf_seconds += time.perf_counter() - t0
            pdf_pages += max((c.page or 0) for c in report.cells + report.facts) if report.cells else 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    failed = sum(r.failed for r in results)
    print(f"files: {len(files)}  failed: {failed}  seconds: {elapsed:.2f}  "
          f"reports/s: {len(files) / elapsed:.1f}  peak RSS: {peak_mb:.0f} MB")
    if pdf_seconds:
        print(f"PDF parsing alone: {pdf_pages} pages in {pdf_seconds:.2f} s = {pdf_pages / pdf_seconds:.1f} pages/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
