"""Glued runs of the 第二十条 tables split by what the prose states (pingtan-2022.txt: '行政规范性文件8855698';
pingtan-2023.txt: '行政规范性文件77132470')."""

from __future__ import annotations

from parsers import parse_file
from parsers.glued_prose import settle_by_prose
from parsers.records import Cell, Fact
from parsers.template import TEMPLATES
from tests.conftest import CORPUS

ROW = "active.art20_1|normative_documents|"


def test_a_run_the_prose_decides_is_read_whole() -> None:
    """正文: 现行有效行政规范性文件698件, 本年度制发的规范性文件88件: only 88/55/698 agrees with both."""
    assert "行政规范性文件8855698" in (CORPUS / "pingtan-2022.txt").read_text(encoding="utf-8")
    report = parse_file(CORPUS / "pingtan-2022.txt")
    cells = report.cell_map()
    assert [cells[ROW + c].value for c in ("issued", "repealed", "in_force")] == [88, 55, 698]
    assert any("按正文所述" in w and "8855698" in w for w in report.warnings)


def test_only_the_cells_the_prose_decides_are_read() -> None:
    """正文: 制发…77件 agrees; 现行有效…393件 fits no split of '77132470', so 废止 and 现行有效 stay uncertain."""
    cells = parse_file(CORPUS / "pingtan-2023.txt").cell_map()
    assert cells[ROW + "issued"].value == 77
    assert all(cells[ROW + c].value is None and cells[ROW + c].uncertain for c in ("repealed", "in_force"))


def _glued(run: str) -> list[Cell]:
    return [Cell("active.art20_1", "normative_documents", c, None, run, uncertain=True)
            for c in ("issued", "repealed", "in_force")]


def test_prose_of_another_row_or_of_no_column_decides_nothing() -> None:
    template = TEMPLATES["2021"]
    facts = [Fact("一、总体情况", "制发规章88件", 88, "件"), Fact("一、总体情况", "公开规范性文件698件", 698, "件")]
    cells, notes = settle_by_prose(_glued("8855698"), facts, template)
    assert all(c.uncertain and c.value is None for c in cells) and not notes
