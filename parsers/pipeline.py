"""The parsing pipeline: file → document → sections, tables, facts, checks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from parsers.checks import prose_checks, table_checks
from parsers.decode import decode_text
from parsers.document import Document
from parsers.facts import assign_pages, facts_from_sections, stats_table_facts
from parsers.glued_prose import settle_by_prose
from parsers.html_reader import html_to_document
from parsers.meta import (
    body_in_text,
    detect_template,
    find_titles,
    issuer_of,
    opening_year,
    signature_body,
    title_in_text,
    year_of,
)
from parsers.records import ParsedReport
from parsers.rows import build_rows
from parsers.structure import build_sections, split_glued_lines, tag_lines
from parsers.tables import read_tables
from parsers.template import TEMPLATES
from parsers.text_reader import markdown_to_document, text_to_document
from xxgk_errors import FileTooLarge, NotAReport, ParseError, UnsupportedFormat

MAX_BYTES = 50 * 1024 * 1024
# The one list of report formats: a file name's extension and the format it is read as (see `_readers`).
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html",
               ".xhtml": "html", ".md": "md", ".markdown": "md", ".pdf": "pdf", ".docx": "docx", ".doc": "doc"}
# The extensions a folder walk or an upload takes as reports (a .doc is taken, then refused with its reason).
REPORT_SUFFIXES = frozenset(_EXTENSIONS)

Reader = Callable[[bytes], Document]


def _text_reader(to_document: Callable[[str], Document]) -> Reader:
    def read(data: bytes) -> Document:
        text, warnings = decode_text(data)
        document = to_document(text)
        document.warnings[:0] = warnings
        return document

    return read


def _readers() -> dict[str, Reader]:
    from parsers.docx_reader import docx_to_document
    from parsers.pdf_reader import pdf_to_document

    readers: dict[str, Reader] = {
        "txt": _text_reader(text_to_document),
        "html": _text_reader(html_to_document),
        "md": _text_reader(markdown_to_document),
        "pdf": pdf_to_document,
        "docx": docx_to_document,
    }
    return readers


def format_by_name(name: str) -> str | None:
    """The format a file name's extension says (txt, html, md, pdf, docx, doc), or None for one we do not read."""
    return _EXTENSIONS.get(Path(name).suffix.lower())


def sniff_format(name: str, data: bytes) -> str:
    """The format from the file's first bytes, else its extension."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if name.lower().endswith(".docx") or b"word/" in data[:4096] else "zip"
    ext = format_by_name(name)
    if ext:
        return ext
    return "html" if data.lstrip()[:1] == b"<" else "txt"


def parse_file(path: str | Path, issuer: str | None = None, year: int | None = None) -> ParsedReport:
    """Read one report file; `issuer` and `year`, when given, stand for what the file does not say for sure."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileTooLarge(f"文件过大（{size // 1024 // 1024} MB），年度报告不会超过 {MAX_BYTES // 1024 // 1024} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"无法读取文件：{exc.strerror or exc}") from exc
    return parse_bytes(data, str(path), issuer, year)


def parse_bytes(data: bytes, name: str, issuer: str | None = None, year: int | None = None) -> ParsedReport:
    """Read one report from its bytes; `name` gives the extension and the `file` field.

    `issuer` and `year`, when given, stand for what the file itself does not say for sure.
    """
    if len(data) > MAX_BYTES:
        raise FileTooLarge(f"文件过大（{len(data) // 1024 // 1024} MB）")
    fmt = sniff_format(name, data)
    if fmt == "doc":
        raise UnsupportedFormat("旧版 Word (.doc) 文件无法读取，请另存为 .docx 或 PDF 后再导入")
    reader = _readers().get(fmt)
    if reader is None:
        raise UnsupportedFormat(f"不支持的文件类型：{fmt}")
    if fmt == "pdf":
        report = read_pdf(data, name, given=Given(issuer, year))
    else:
        report = document_to_report(reader(data), name, fmt, Given(issuer, year))
    report.sha256 = hashlib.sha256(data).hexdigest()
    return report


def read_pdf(data: bytes, name: str = "report.pdf", way: str = "auto", given: Given | None = None) -> ParsedReport:
    """A PDF report: the fast text-layer reading where its tables come out whole and add up, else pdfplumber's.

    `way` "fast" or "pdfplumber" forces one reader (the benchmark and the test that both agree).
    """
    from parsers.pdf_fast import fast_pdf_document, fast_reading_holds
    from parsers.pdf_reader import pdf_to_document

    if way in ("auto", "fast"):
        try:
            fast = document_to_report(fast_pdf_document(data), name, "pdf", given)
        except ParseError:
            if way == "fast":
                raise
            fast = None  # pdfplumber says what is wrong with the file, in its own words
        if fast is not None and (way == "fast" or fast_reading_holds(fast)):
            return fast
    return document_to_report(pdf_to_document(data), name, "pdf", given)


@dataclass(frozen=True)
class Given:
    """Issuer and year given by the user (ingest --issuer/--year or a manifest)."""

    issuer: str | None = None
    year: int | None = None


def document_to_report(document: Document, name: str, fmt: str, given: Given | None = None) -> ParsedReport:
    """Everything after reading: metadata, sections, tables, facts, checks."""
    given = given or Given()
    lines = split_glued_lines(document.lines)
    full_text = "\n".join(ln.text for ln in lines)
    titles = find_titles(Document(lines, document.title_hint))
    texts = [ln.text for ln in lines if not ln.is_row]
    if not titles and title_in_text(texts):
        titles = [title_in_text(texts)]
    title = titles[0] if titles else ""
    year = given.year or year_of(title, full_text) or opening_year(texts)
    issuer = given.issuer or (issuer_of(title) if title else "") or signature_body(texts)
    warnings = list(document.warnings)
    if not issuer:
        issuer = body_in_text(texts, full_text)
        if issuer:
            warnings.append(f"文件没有标题，发布机关“{issuer}”是从正文开头读出的，请核对（或用 --issuer 指定）")
    report = ParsedReport(file=Path(name).name, sha256="", format=fmt, title=title, issuer=issuer, year=year,
                          warnings=warnings, titles=titles)
    if year and year > date.today().year:
        report.warnings.append(f"报告年度 {year} 晚于今年（{date.today().year}），请核对年份")
    report.template = detect_template(full_text, year)
    older = report.template == "older"
    tagged = tag_lines(lines, older)
    report.sections = build_sections(tagged, older)
    report.facts = facts_from_sections(report.sections)
    assign_pages(report.facts, tagged)
    if older:
        stats, warnings = stats_table_facts(tagged, report.facts, year)
        report.facts += stats
        report.warnings += warnings
    else:
        tables = read_tables(build_rows(tagged), TEMPLATES[report.template])
        report.cells, settled = settle_by_prose(tables.cells, report.facts, TEMPLATES[report.template])
        report.warnings += tables.warnings + settled
        report.checks = table_checks(report.cells, TEMPLATES[report.template]) + prose_checks(
            report.facts, report.cells)
    _require_report(report)
    return report


def _require_report(report: ParsedReport) -> None:
    headings = sum(1 for s in report.sections if "/" not in s.path)
    if not report.title and not report.cells and headings < 3:
        raise NotAReport("文件中没有找到政府信息公开工作年度报告（无标题、无统计表）")
    if report.year is None:
        raise NotAReport("无法确定报告所属年度（标题和正文中都没有年份）；" + _HOW_TO_GIVE)
    if not report.issuer:
        raise NotAReport("无法确定报告的发布机关（标题和正文中都没有机关名称）；" + _HOW_TO_GIVE)


_HOW_TO_GIVE = ("请指定：ingest 文件 --issuer 机关名称 --year 年份；一批网页用 ingest --manifest 清单.csv"
                "（列：file,issuer,year）")
