"""Glued crawler rows with a signed change (pingtan-2020.txt: '行政事业性收费35-15' = 35 / −15)."""

from __future__ import annotations

from parsers import parse_file
from parsers.glued import split_run
from tests.conftest import CORPUS

PINGTAN_2020 = CORPUS / "pingtan-2020.txt"


def test_minus_sign_is_a_cell_border_in_a_signed_column() -> None:
    assert split_run("35-15", 2, signed=(False, True)) == [["35", "-15"]]
    # Without a signed column there the sign leaves no reading at all.
    assert split_run("35-15", 2, signed=(True, False)) == []
    assert split_run("35-15", 2) == []


def test_signed_change_read_from_crawler_text() -> None:
    text = PINGTAN_2020.read_text(encoding="utf-8")
    assert "行政事业性收费35-15" in text
    cells = parse_file(PINGTAN_2020).cell_map()
    assert cells["active.art20_8|fees|items_last_year"].value == 35
    assert cells["active.art20_8|fees|items_change"].value == -15


def test_split_the_sums_cannot_prove_stays_uncertain() -> None:
    """'行政处罚2648-18538': the sign fixes 2648; -1/8538, -18/538, -185/38, -1853/8 all remain."""
    report = parse_file(PINGTAN_2020)
    cells = report.cell_map()
    assert cells["active.art20_6|penalty|items_last_year"].value == 2648
    for column in ("items_change", "decisions"):
        cell = cells[f"active.art20_6|penalty|{column}"]
        assert cell.uncertain and cell.value is None
    assert any("2648-18538" in w for w in report.warnings)


def test_title_printed_in_two_forms_keeps_both() -> None:
    report = parse_file(PINGTAN_2020)
    assert report.titles == ["平潭综合实验区2020年政府信息公开工作年度报告", "平潭综合实验区2020年度政府信息公开工作年度报告"]
