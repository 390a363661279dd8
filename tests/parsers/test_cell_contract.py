"""The parse contract: a cell with digits printed but no value read is uncertain and warned about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parsers import parse_file
from parsers.pipeline import parse_bytes
from tests.conftest import CORPUS, load_truth, truth_files


@pytest.mark.parametrize("truth_path", truth_files(), ids=lambda p: p.stem)
def test_no_bare_null_in_any_corpus_report(truth_path: Path) -> None:
    report = parse_file(CORPUS / load_truth(truth_path)["file"])
    text = "\n".join(report.warnings)
    for cell in report.cells:
        if cell.value is None:
            assert cell.blank or cell.uncertain, cell
        if cell.blank:
            assert not re.search(r"\d", cell.raw), cell
        if cell.uncertain:
            # The warning names the row (its label as printed in the template) or the digits.
            row = cell.label.split("（")[0]
            assert row in text or cell.raw in text, cell


@pytest.mark.parametrize("printed", ["1O", "5元", "约5", "5项"])
def test_misprinted_grid_cell_is_uncertain_with_a_warning(printed: str) -> None:
    html = (CORPUS / "test-city-2025.html").read_text(encoding="utf-8")
    row = "<td>535</td><td>6</td><td>0</td><td>1</td><td>18</td><td>0</td><td>560</td>"
    assert row in html
    report = parse_bytes(html.replace(row, row.replace(">560<", f">{printed}<")).encode("utf-8"), "city.html")
    cells = report.cell_map()
    total = cells["applications|carried_over|total"]
    assert (total.value, total.raw, total.uncertain) == (None, printed, True)
    assert any(printed in w and ("无法读作数字" in w or "金额单位" in w) for w in report.warnings)
    assert cells["applications|carried_over|natural_person"].value == 535


def test_count_printed_with_its_own_unit_is_read() -> None:
    html = (CORPUS / "test-city-2025.html").read_text(encoding="utf-8")
    row = "<td>535</td><td>6</td><td>0</td><td>1</td><td>18</td><td>0</td><td>560</td>"
    report = parse_bytes(html.replace(row, row.replace(">560<", ">560件<")).encode("utf-8"), "city.html")
    total = report.cell_map()["applications|carried_over|total"]
    assert (total.value, total.raw, total.uncertain) == (560, "560件", False)


def test_glued_run_that_splits_no_way_keeps_its_cells_uncertain() -> None:
    text = (CORPUS / "pingtan-2021.txt").read_text(encoding="utf-8")
    assert "一、本年新收政府信息公开申请数量640020470" in text
    # '01' cannot stand as a cell (no leading zeros): eight digits with no reading as seven cells.
    report = parse_bytes(text.replace("数量640020470", "数量00000001").encode("utf-8"), "glued.txt")
    cells = [c for c in report.cells if c.row == "new_received"]
    assert len(cells) == 7 and all(c.uncertain and c.value is None for c in cells)
    assert any("00000001" in w and "无法拆成" in w for w in report.warnings)
