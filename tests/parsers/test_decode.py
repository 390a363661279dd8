"""Encodings of real reports: UTF-16 with a BOM, Big5, a file cut inside a character; a year after today's."""

from __future__ import annotations

from datetime import date

from parsers.pipeline import parse_bytes
from tests.conftest import CORPUS

SEED = CORPUS / "jizhou-2020.txt"


def traditional(text: str) -> str:
    """The text in traditional characters (OpenCC's s2t)."""
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


def seed_values() -> dict[str, object]:
    return {k: c.value for k, c in parse_bytes(SEED.read_bytes(), SEED.name).cell_map().items()}


def test_utf16_with_bom_is_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(encoding)
        report = parse_bytes(bom + text.encode(encoding), "utf16.txt")
        assert {k: c.value for k, c in report.cell_map().items()} == seed_values()


def test_big5_page_is_read_through_charset_detection() -> None:
    text = traditional(SEED.read_text(encoding="utf-8"))
    assert "蓟州" not in text
    report = parse_bytes(text.encode("big5", errors="replace"), "big5.txt")
    assert report.year == 2020 and "蓟州" in report.issuer
    assert any("big5" in w for w in report.warnings)
    values = seed_values()
    read = {k: c.value for k, c in report.cell_map().items() if not c.uncertain}
    assert len(read) >= 0.95 * len(values)
    assert all(values[k] == v for k, v in read.items())


def test_file_cut_inside_a_character_says_it_is_truncated() -> None:
    data = SEED.read_bytes()
    end = data.rindex("。".encode()) + 2  # inside the last full stop's three bytes
    report = parse_bytes(data[:end], "cut.txt")
    assert any("截断" in w for w in report.warnings)
    assert {k: c.value for k, c in report.cell_map().items()} == seed_values()


def test_gbk_file_cut_inside_a_character() -> None:
    data = SEED.read_text(encoding="utf-8").encode("gb18030") + "。".encode("gb18030")[:1]
    report = parse_bytes(data, "cut-gbk.txt")
    assert any("截断" in w for w in report.warnings)
    assert {k: c.value for k, c in report.cell_map().items()} == seed_values()


def test_report_for_a_year_after_today_warns() -> None:
    future = date.today().year + 2
    text = SEED.read_text(encoding="utf-8").replace("2020", str(future))
    report = parse_bytes(text.encode("utf-8"), "future.txt")
    assert report.year == future
    assert any(str(future) in w and "晚于今年" in w for w in report.warnings)
    assert not any("晚于今年" in w for w in parse_bytes(SEED.read_bytes(), SEED.name).warnings)
