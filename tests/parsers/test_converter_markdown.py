"""Converter Markdown saved as .txt with the tables laid out again (shuyang-2025.txt)."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from knowledge.ingest.files import ingest_paths
from parsers import parse_file
from parsers.pipeline import parse_bytes
from parsers.text_reader import looks_markdown
from tests.conftest import CORPUS

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


def test_markdown_txt_and_word_form_of_one_report_merge(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    results = ingest_paths(db, [SHUYANG, CORPUS / "shuyang-2025.docx"])
    assert [r.status for r in results] == ["stored", "stored"]
    kb = sqlite_utils.Database(db)
    assert [json.loads(r["files"]) for r in kb.query("SELECT files FROM reports")] == [
        ["shuyang-2025.docx", "shuyang-2025.txt"]]
    assert kb["cells"].count == 200
    # The Word form prints the fee rounded (4068.21 万元): the one disagreement, and it is said.
    disagreements = [r["message"] for r in kb.query("SELECT message FROM warnings") if "不一致" in r["message"]]
    assert len(disagreements) == 1 and "4068.21" in disagreements[0] and "4068.208" in disagreements[0]


def test_columns_found_by_header_words_in_any_order() -> None:
    """The same sub-tables with real column words, 总计 first: the header words place the columns."""
    words = ["总计", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    out, named = [], False
    for line in SHUYANG.read_text(encoding="utf-8").split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| 类别 | 数据1 |"):
            named, line = True, "| 类别 | " + " | ".join(words) + " |"
        elif line.startswith("| 项目 |"):
            named = False  # the spurious header: its rows stay as printed
        elif named and line.startswith("|") and len(cells) == 8 and cells[1].isdigit():
            line = "| " + " | ".join([cells[0], cells[7], *cells[1:7]]) + " |"
        out.append(line)
    report = parse_bytes("\n".join(out).encode("utf-8"), "reordered.txt")
    original = parse_file(SHUYANG).cell_map()
    assert {k: c.value for k, c in report.cell_map().items()} == {k: c.value for k, c in original.items()}
    assert report.cell_map()["applications|new_received|total"].raw == "713"


def test_table_four_as_three_labelled_text_rows() -> None:
    """The three groups printed as text rows under their own labels; glued digits only where the sum decides."""
    text = SHUYANG.read_text(encoding="utf-8")
    section = text[text.index("## 四、"):text.index("## 五、")]
    rows = ("## 四、政府信息公开行政复议、行政诉讼情况\n\n行政复议 2710915 61\n"
            "行政诉讼（未经复议直接起诉） 3 0 0 0 3\n行政诉讼（复议后起诉） 8 0 1 1 10\n\n")
    cells = parse_bytes(text.replace(section, rows).encode("utf-8"), "rows.txt").cell_map()
    original = parse_file(SHUYANG).cell_map()
    review = [k for k in original if k.startswith("review_litigation|")]
    assert len(review) == 15
    assert {k: cells[k].value for k in review} == {k: original[k].value for k in review}
    # A glued group that no reading makes add up to its 总计 is not guessed.
    broken = rows.replace("2710915 61", "2710915 62")
    cells = parse_bytes(text.replace(section, broken).encode("utf-8"), "broken.txt").cell_map()
    assert not [k for k in cells if k.startswith("review_litigation|")]


def test_labelled_rows_read_wherever_they_stand() -> None:
    """Converters move rows: （七）总计 and 结转 printed right after 上年结转 are still their rows."""
    lines = SHUYANG.read_text(encoding="utf-8").split("\n")
    moved = [ln for ln in lines if ln.startswith(("| （七）总计 |", "| 四、结转下年度继续办理 |"))]
    assert len(moved) == 2
    rest = [ln for ln in lines if ln not in moved]
    at = next(i for i, ln in enumerate(rest) if ln.startswith("| 上年结转政府信息公开申请数量 |")) + 1
    report = parse_bytes("\n".join([*rest[:at], *moved, *rest[at:]]).encode("utf-8"), "moved.txt")
    original = parse_file(SHUYANG).cell_map()
    assert {k: c.value for k, c in report.cell_map().items()} == {k: c.value for k, c in original.items()}
