"""The fast PDF reading (pypdfium2 characters and ruled lines) gives what pdfplumber gives, or is not used."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from parsers.pdf_fast import fast_reading_holds, page_count
from parsers.pipeline import read_pdf
from tests.conftest import CORPUS

PDFS = [*sorted(CORPUS.glob("*.pdf")), Path(__file__).parent / "fixtures" / "test-city-2025.pdf"]


def everything(report) -> dict[str, object]:
    return {
        "cells": {k: (c.value, c.raw, c.blank, c.uncertain, c.unit, c.page) for k, c in report.cell_map().items()},
        "facts": [(f.section, f.text, f.value, f.unit, f.page) for f in report.facts],
        "sections": [(s.path, s.text) for s in report.sections],
        "meta": (report.title, report.issuer, report.year, report.template),
        "warnings": report.warnings,
        "checks": [(c.id, c.scope, c.ok) for c in report.checks],
    }


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_both_ways_give_the_same_report(path: Path) -> None:
    data = path.read_bytes()
    fast, slow = read_pdf(data, path.name, "fast"), read_pdf(data, path.name, "pdfplumber")
    assert len(fast.cells) == 200
    assert everything(fast) == everything(slow)


def test_fast_reading_is_kept_only_when_tables_are_whole_and_add_up() -> None:
    data = (CORPUS / "hongze-2024.pdf").read_bytes()
    fast = read_pdf(data, "hongze-2024.pdf", "fast")
    assert fast_reading_holds(fast)
    assert not fast_reading_holds(replace(fast, cells=fast.cells[:-1]))
    assert not fast_reading_holds(replace(fast, cells=[replace(fast.cells[0], uncertain=True), *fast.cells[1:]]))
    # hongze-2023 prints a table 4 whose sums fail (复议 维持10 纠正1, 总计 0): pdfplumber reads it then.
    old = read_pdf((CORPUS / "hongze-2023.pdf").read_bytes(), "hongze-2023.pdf", "fast")
    assert not fast_reading_holds(old)
    assert page_count(data) == 5
