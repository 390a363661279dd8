"""Converter Markdown saved as .txt with the tables laid out again (shuyang-2025.txt)."""

from __future__ import annotations

from parsers import parse_file
from parsers.pipeline import parse_bytes
from parsers.text_reader import looks_markdown

from .conftest import CORPUS

SHUYANG = CORPUS / "shuyang-2025.txt"


def test_txt_holding_markdown_tables_is_read_as_markdown() -> None:
    assert looks_markdown(SHUYANG.read_text(encoding="utf-8"))
    assert not looks_markdown((CORPUS / "jizhou-2020.txt").read_text(encoding="utf-8"))
    report = parse_file(SHUYANG)
    assert report.format == "txt" and len(report.cells) == 200


def test_rows_found_by_label_under_generic_and_spurious_headers() -> None:
    """Headers 数据1…数据6 say nothing; the rows under the spurious '项目|本年新收件数|…' header are still rows."""
    cells = parse_file(SHUYANG).cell_map()
    assert [cells[f"applications|new_received|{c}"].value for c in (
        "natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")] == [
        705, 3, 0, 0, 5, 0, 713]
    assert cells["applications|other.no_fee|total"].value == 7
    assert cells["applications|total_processed|total"].value == 718
    assert cells["applications|carried_forward|natural_person"].value == 31


def test_dash_placeholders_of_the_applicant_header_tables_are_not_cells() -> None:
    report = parse_file(SHUYANG)
    assert not [c for c in report.cells if c.raw.strip() == "-"]
    assert all(c.ok for c in report.checks if c.id.startswith("applications."))


def test_table_four_in_three_captioned_sub_tables() -> None:
    cells = parse_file(SHUYANG).cell_map()
    values = {k.split("|")[2]: c.value for k, c in cells.items() if k.startswith("review_litigation|")}
    assert values["review.total"] == 61 and values["review.upheld"] == 27
    assert values["litigation_direct.total"] == 3
    assert (values["litigation_after_review.other"], values["litigation_after_review.total"]) == (1, 10)


def test_sub_tables_without_their_captions_are_not_guessed() -> None:
    text = SHUYANG.read_text(encoding="utf-8")
    for caption in ("### 行政复议\n", "### 行政诉讼（未经复议直接起诉）\n", "### 行政诉讼（复议后起诉）\n"):
        assert caption in text
        text = text.replace(caption, "### 表\n")
    report = parse_bytes(text.encode("utf-8"), "no-captions.txt")
    assert not [c for c in report.cells if c.table == "review_litigation"]
    assert any("表四" in w for w in report.warnings)
