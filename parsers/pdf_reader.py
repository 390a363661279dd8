"""Read a PDF report (text layer) into lines and table rows, page by page, with pdfplumber.

Ruled tables come out as rows; a table that runs over a page break simply
continues in the next page's rows, because everything after this stage
works on the sequence of rows. Prose comes from the text outside the tables,
in reading order, without page numbers and running headers or footers.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from typing import Any

from parsers.document import Document, Line
from xxgk_errors import ParseError, ScannedPDF, UnreadablePDF

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d+)?[-—–\s]*$")
_CID = re.compile(r"\(cid:\d+\)")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
MAX_PAGES = 400
# pdfminer logs every font oddity of WPS-made files; our own errors say what matters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)




def pdf_to_document(data: bytes) -> Document:
    """Lines and rows of every page, in reading order."""
    import pdfplumber  # imported here: only PDF reading pays for it
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds for a damaged or locked file
        if isinstance(exc, PDFPasswordIncorrect) or any(isinstance(a, PDFPasswordIncorrect) for a in exc.args):
            raise UnreadablePDF("PDF 已加密，无法读取；请提供未加密的文件") from exc
        raise UnreadablePDF(f"PDF 文件损坏或不完整，无法打开（{type(exc).__name__}）") from exc
    with pdf:
        try:
            pages = [_page_lines(page, number) for number, page in enumerate(pdf.pages[:MAX_PAGES], 1)]
        except ParseError:
            raise
        except Exception as exc:
            if "encrypt" in str(exc).lower() or "password" in type(exc).__name__.lower():
                raise UnreadablePDF("PDF 已加密，无法读取；请提供未加密的文件") from exc
            raise UnreadablePDF(f"PDF 文件损坏或不完整，读取失败（{type(exc).__name__}）") from exc
        title = _metadata_title(pdf.metadata)
    lines = drop_running_lines(pages)
    check_text(lines)
    return Document(lines, title_hint=title)


# Some PDF makers (Chromium, WPS) write common characters as Kangxi or supplementary radicals
# ("⾏政" for 行政, "⼈⺠" for 人民); text is only searchable with the ordinary characters.
_RADICALS = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FE0)}
_RADICALS.update({ord(pair[0]): pair[1] for pair in ["⺠民", "⻓长", "⻔门", "⻢马", "⻅见", "⻜飞", "⻘青", "⻝食", "⻚页", "⻛风", "⻋车", "⻣骨", "⻤鬼", "⻥鱼", "⻬齐", "⻮齿", "⻰龙", "⻳龟", "⺟母", "⺁厂", "⺇几", "⺌小", "⺍小", "⺗心", "⺝月", "⺫罒", "⺮竹", "⺻聿", "⻊足", "⻌辶", "⻍辶", "⻎辶", "⻏阝"]})


def plain(text: str) -> str:
    return text.translate(_RADICALS)


def _page_lines(page: Any, number: int) -> list[tuple[float, Line]]:
    tables = [t for t in page.find_tables(_TABLE_SETTINGS) if _is_grid(t)]
    items: list[tuple[float, Line]] = []
    for table in tables:
        for row_top, cells in _table_rows(table):
            filled = [c for c in cells if c]
            if len(filled) == 1 and not filled[0].replace(".", "").isdigit():
                items.append((row_top, Line(filled[0], page=number)))  # prose inside a frame
            elif filled:
                items.append((row_top, Line(" ".join(filled), cells=cells, page=number)))
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    for text_line in outside.extract_text_lines(return_chars=False):
        text = plain(text_line["text"]).strip()
        if text:
            items.append((text_line["top"], Line(text, page=number)))
    if not items and page.images:
        raise ScannedPDF(f"第{number}页只有图像没有文字层，像是扫描件（暂不支持 OCR）")
    return sorted(items, key=lambda item: item[0])


def _is_grid(table: Any) -> bool:
    """A real table has rows with two or more filled cells; a page frame has one column."""
    rows = table.extract()
    return any(sum(1 for c in row if c and c.strip()) >= 2 for row in rows)


def _table_rows(table: Any) -> list[tuple[float, list[str]]]:
    out = []
    for row, cells in zip(table.rows, table.extract(), strict=False):
        # A cell broken over lines ("商业\n企业") reads as one.
        texts = [plain(re.sub(r"\s*\n\s*", "", c or "")).strip() for c in cells]
        out.append((row.bbox[1], texts))
    return out


def drop_running_lines(pages: list[list[tuple[float, Line]]]) -> list[Line]:
    """Page numbers, and headers or footers repeated on most pages, are not prose."""
    edges: Counter[str] = Counter()
    for items in pages:
        texts = [line.text for _, line in items if not line.is_row]
        edges.update(set(texts[:1] + texts[-1:]))
    repeated = {t for t, n in edges.items() if len(pages) >= 3 and n >= max(3, len(pages) * 0.6)}
    lines = []
    for items in pages:
        for _, line in items:
            if not line.is_row and (_PAGE_NUMBER.match(line.text) or line.text in repeated):
                continue
            lines.append(line)
    return lines


def check_text(lines: list[Line]) -> None:
    text = "".join(line.text for line in lines)
    if not text:
        raise ScannedPDF("PDF 没有文字层，像是扫描件（暂不支持 OCR）")
    if sum(len(m) for m in _CID.findall(text)) > len(text) * 0.3:
        raise UnreadablePDF("PDF 的文字无法解码（字体缺少编码表，提取出 (cid:…)），请提供 HTML 或 Word 版本")
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in text if "\u0080" <= ch <= "\u024f" or "\ue000" <= ch <= "\uf8ff")
    if odd > max(cjk, 50) // 2:
        raise UnreadablePDF("PDF 的文字提取出来是乱码，请提供 HTML 或 Word 版本")


def _metadata_title(metadata: dict) -> str:
    """The Title field; WPS writes it as UTF-16 that pdfminer hands over as Latin-1."""
    title = metadata.get("Title", "")
    if isinstance(title, bytes):
        for encoding in ("utf-16", "utf-8", "gb18030"):
            try:
                return title.decode(encoding)
            except UnicodeDecodeError:
                continue
        return ""
    if isinstance(title, str) and title.startswith("ÿþ"):
        try:
            return title.encode("latin-1").decode("utf-16")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return ""
    return title if isinstance(title, str) else ""
