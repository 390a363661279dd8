"""PDF and Word reports: real files, files the tests make, and the bad ones."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest

from knowledge.ingest.files import ingest_paths
from parsers import parse_bytes, parse_file
from tests.conftest import CORPUS, SHARED
from tests.parsers.pdfmaker import build_pdf, cid_page, image_page, text_page
from xxgk_errors import NotAReport, ParseError, ScannedPDF, UnreadablePDF, UnsupportedFormat

FIXTURES = Path(__file__).parent / "fixtures"
HONGZE = CORPUS / "hongze-2023.pdf"


def test_table_across_page_break_is_one_table() -> None:
    """hongze's application table starts on page 3 and goes on, without its header, on page 4."""
    report = parse_file(HONGZE)
    cells = report.cell_map()
    assert cells["applications|unavailable.needs_creation|total"].page == 3
    assert cells["applications|unavailable.unclear_after_correction|total"].page == 4
    assert cells["applications|total_processed|total"].value == 21
    # The label typo 其他法律行政止公开 is still the prohibited-by-law row.
    assert cells["applications|denied.prohibited_by_law|total"].value == 0
    assert all(c.page for c in report.cells) and all(f.page for f in report.facts)


def test_failing_total_of_the_original_is_recorded() -> None:
    report = parse_file(HONGZE)
    failed = {c.scope for c in report.checks if not c.ok and c.id == "review_litigation.group_sum"}
    assert failed == {"review", "litigation_after_review"}
    assert report.cell_map()["review_litigation|count|review.total"].value == 0


def test_pdf_title_and_headings_from_text_layer() -> None:
    report = parse_file(HONGZE)
    assert report.title == "洪泽区人民政府2023年政府信息公开工作年度报告"
    paths = [s.path for s in report.sections]
    assert "一、总体情况/（二）依申请公开情况" in paths
    assert not any("- 1 -" in s.text for s in report.sections)


def test_pdf_printed_from_html_reads_the_same_cells() -> None:
    """tests/parsers/fixtures/test-city-2025.pdf is the corpus HTML printed by headless Chromium (see fixtures/README.md)."""
    html = parse_file(CORPUS / "test-city-2025.html").cell_map()
    pdf = parse_file(FIXTURES / "test-city-2025.pdf").cell_map()
    assert {k: (c.value, c.blank) for k, c in pdf.items()} == {k: (c.value, c.blank) for k, c in html.items()}


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is installed by .ci/run")
def test_chromium_print_still_reads_the_same(tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", (CORPUS / "test-city-2025.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    html = parse_file(CORPUS / "test-city-2025.html").cell_map()
    assert {k: c.value for k, c in parse_file(out).cell_map().items()} == {k: c.value for k, c in html.items()}


def encrypted_copy() -> bytes:
    reader = pypdf.PdfReader(HONGZE)
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "make", "error", "words"), [
    ("scanned.pdf", lambda: build_pdf([image_page()]), ScannedPDF, "扫描件"),
    ("cid.pdf", lambda: build_pdf([cid_page(60)]), UnreadablePDF, "cid"),
    ("encrypted.pdf", encrypted_copy, UnreadablePDF, "加密"),
    ("truncated.pdf", lambda: HONGZE.read_bytes()[:40_000], ParseError, "PDF"),
    ("minutes.pdf", lambda: build_pdf([text_page(f"Minutes of the meeting, page {i}") for i in range(200)]),
     NotAReport, "年度报告"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000, UnsupportedFormat, ".docx"),
    ("broken.docx", lambda: b"PK\x03\x04" + b"word/" + b"\x00" * 500, ParseError, "Word"),
])
def test_bad_pdf_and_word_files(name: str, make, error: type[ParseError], words: str) -> None:
    with pytest.raises(error) as caught:
        parse_bytes(make(), name)
    message = str(caught.value)
    assert words in message and "\n" not in message


def test_batch_goes_on_past_bad_pdfs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(build_pdf([image_page()]))
    (folder / "locked.pdf").write_bytes(encrypted_copy())
    shutil.copy(HONGZE, folder / "hongze.pdf")
    results = {Path(r.path).name: r for r in ingest_paths(tmp_path / "kb.db", [folder])}
    assert results["hongze.pdf"].status == "stored"
    assert results["scan.pdf"].failed and results["locked.pdf"].failed


# The seed report's figures (天津市蓟州区 2020), moved onto the rows of the 2021 form:
# (how the printed label starts, the row key, the seven applicant columns).
SEED_2021 = [
    ("一、本年新收", "new_received", [185, 5, 0, 1, 0, 0, 191]),
    ("二、上年结转", "carried_over", [0] * 7),
    ("（一）予以公开", "granted", [48, 5, 0, 1, 0, 0, 54]),
    ("（二）部分公开", "partially_granted", [5, 0, 0, 0, 0, 0, 5]),
    ("1.属于国家秘密", "denied.state_secret", [0] * 7),
    ("2.其他法律", "denied.prohibited_by_law", [5, 0, 0, 0, 0, 0, 5]),
    ("3.危及", "denied.security_stability", [0] * 7),
    ("4.保护第三方", "denied.third_party_rights", [4, 0, 0, 0, 0, 0, 4]),
    ("5.属于三类", "denied.internal_affairs", [0] * 7),
    ("6.属于四类", "denied.process_information", [0] * 7),
    ("7.属于行政执法", "denied.enforcement_files", [1, 0, 0, 0, 0, 0, 1]),
    ("8.属于行政查询", "denied.administrative_query", [0] * 7),
    ("1.本机关不掌握", "unavailable.not_held", [96, 0, 0, 0, 0, 0, 96]),
    ("2.没有现成", "unavailable.needs_creation", [3, 0, 0, 0, 0, 0, 3]),
    ("3.补正后", "unavailable.unclear_after_correction", [2, 0, 0, 0, 0, 0, 2]),
    ("1.信访", "not_processed.complaint", [0] * 7),
    ("2.重复申请", "not_processed.duplicate", [2, 0, 0, 0, 0, 0, 2]),
    ("3.要求提供公开出版物", "not_processed.publication", [0] * 7),
    ("4.无正当理由", "not_processed.excessive", [1, 0, 0, 0, 0, 0, 1]),
    ("5.要求行政机关确认", "not_processed.confirmation", [0] * 7),
    ("1.申请人无正当理由逾期不补正", "other.no_correction", [0] * 7),
    ("2.申请人逾期未按收费", "other.no_fee", [0] * 7),
    ("3.其他", "other.other", [17, 0, 0, 0, 0, 0, 17]),
    ("（七）总计", "total_processed", [184, 5, 0, 1, 0, 0, 190]),
    ("四、结转下年度", "carried_forward", [1, 0, 0, 0, 0, 0, 1]),
]
COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]


def fill_template(path: Path) -> Path:
    """The official 2021 form filled in with python-docx: figures, a blank cell and a signed one."""
    document = docx.Document(SHARED / "template" / "official-2021-template.docx")
    document.paragraphs[0].text = "天津市蓟州区2021年政府信息公开工作年度报告"
    for paragraph in document.paragraphs:
        if paragraph.text == "（文字描述）":
            paragraph.text = "2021年，全区共收到政府信息公开申请191件，全年发布政策解读材料50篇。"
            break
    active, applications, review = document.tables
    values = {"规章": ["0", "0", "0"], "行政规范性文件": ["+2", "—", "585"], "行政许可": ["6227"],
              "行政处罚": ["4218"], "行政强制": ["5251"], "行政事业性收费": ["12.5"]}
    for row in active.rows:
        label = row.cells[0].text.strip()
        if label in values:
            _write(row, values[label])
    for row in applications.rows:
        label = _unique(row)[:-7]
        for prefix, _, figures in SEED_2021:
            if label and label[-1].startswith(prefix):
                _write(row, [str(v) for v in figures])
    _write(review.rows[3], [str(v) for v in (0, 4, 2, 7, 13, 0, 4, 0, 0, 4, 0, 0, 0, 0, 0)])
    document.save(path)
    return path


def _cells(row) -> list:
    """A row's cells, each once: python-docx repeats a merged cell across its span."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _unique(row) -> list[str]:
    return [cell.text.strip() for cell in _cells(row)]


def _write(row, texts: list[str]) -> None:
    for cell, text in zip(_cells(row)[-len(texts):], texts, strict=True):
        cell.text = text


def test_filled_official_template_reads_back(tmp_path: Path) -> None:
    report = parse_file(fill_template(tmp_path / "jizhou-2021.docx"))
    assert (report.format, report.template, report.year, report.issuer) == ("docx", "2021", 2021, "天津市蓟州区")
    cells = report.cell_map()
    for _, row, figures in SEED_2021:
        assert [cells[f"applications|{row}|{c}"].value for c in COLUMNS] == figures, row
    assert cells["applications|other.other|total"].value == 17
    assert cells["applications|unavailable.not_held|natural_person"].value == 96
    assert cells["active.art20_1|normative_documents|issued"].value == 2
    assert cells["active.art20_1|normative_documents|repealed"].blank
    assert cells["active.art20_8|fees|amount_10k_yuan"].value == 12.5
    assert cells["review_litigation|count|review.pending"].value == 7
    assert len(cells) == 200
    assert all(c.ok for c in report.checks)
    assert any(f.value == 50 and f.unit == "篇" for f in report.facts)
