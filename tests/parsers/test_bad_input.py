"""Bad input gets one clear line and the batch goes on."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from knowledge.ingest.files import ingest_paths
from parsers import ParseError, parse_file
from tests.conftest import CORPUS
from xxgk_errors import BinaryFile, EmptyFile, FileTooLarge, NotAReport, UnknownEncoding, UnsupportedFormat


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "data", "error"), [
    ("empty.txt", b"", EmptyFile),
    ("blank.html", b"  \n\n ", EmptyFile),
    ("image.txt", bytes(range(256)) * 40, BinaryFile),
    ("notes.txt", "会议纪要：今天讨论了食堂的菜单，没有别的事情。".encode(), NotAReport),
    ("latin1.txt", "Résumé über café ñandú ".encode("latin-1") * 200, UnknownEncoding),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, UnsupportedFormat),
])
def test_bad_file_gets_clear_error(tmp_path: Path, name: str, data: bytes, error: type[ParseError]) -> None:
    with pytest.raises(error) as caught:
        parse_file(write(tmp_path, name, data))
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message


def test_doc_file_says_to_save_as_docx(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.docx"):
        parse_file(write(tmp_path, "report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600))


def test_truncated_html_still_reads_what_is_there(tmp_path: Path) -> None:
    data = (CORPUS / "shanghai-office-2019.html").read_bytes()
    cut = data[: len(data) // 2]
    report = parse_file(write(tmp_path, "cut.html", cut))
    assert report.year == 2019
    # Whatever is read is right; the table cut off is simply not there.
    full = parse_file(CORPUS / "shanghai-office-2019.html").cell_map()
    for cell in report.cells:
        assert cell.value == full[cell.key].value


def test_gbk_page_reads_like_utf8(tmp_path: Path) -> None:
    text = (CORPUS / "shanghai-office-2019.html").read_text(encoding="utf-8")
    gbk = '<meta charset="gbk">' + text
    report = parse_file(write(tmp_path, "gbk.html", gbk.encode("gb18030")))
    assert report.cell_map() .keys() == parse_file(CORPUS / "shanghai-office-2019.html").cell_map().keys()
    assert report.cell_map()["applications|new_received|total"].value == 859


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(FileTooLarge):
        parse_file(path)


def test_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "empty.txt", b"")
    write(folder, "binary.md", os.urandom(5000))
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    write(folder, "jizhou.txt", (CORPUS / "jizhou-2020.txt").read_bytes())
    results = ingest_paths(tmp_path / "kb.db", [folder, tmp_path / "missing-dir"])
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["jizhou.txt"].status == "stored"
    for name in ("empty.txt", "binary.md", "dangling.txt", "missing-dir"):
        assert by_name[name].status == "failed" and by_name[name].detail


def _untitled_articles() -> list[tuple[Path, str]]:
    """Crawled pages of the corpus whose article, without the page's header (title, publisher, link), prints
    no title of its own: each with that article's text."""
    found = []
    for page in sorted(CORPUS.glob("*.txt")):
        _, sep, body = page.read_text(encoding="utf-8").partition("==== 正文 ====")
        body = body.lstrip("=\n ")
        if sep and not any(title in body for title in parse_file(page).titles):
            found.append((page, body))
    return found


def test_article_without_its_title_is_read_as_the_body_its_text_names(tmp_path: Path) -> None:
    """A CMS fragment (the article alone, no title, no header) is read as the body whose name opens its text and
    recurs in it, with a warning to check; never as another body."""
    read = 0
    for page, body in _untitled_articles():
        try:
            fragment = parse_file(write(tmp_path, page.name, body.encode()))
        except NotAReport:
            continue
        assert not fragment.title and fragment.issuer == parse_file(page).issuer, page.name
        assert any(fragment.issuer in w and "核对" in w for w in fragment.warnings), fragment.warnings
        read += 1
    assert read, "some crawled article names its body in its opening"


def test_article_that_only_says_we_is_still_refused(tmp_path: Path) -> None:
    for page, body in _untitled_articles():
        issuer = parse_file(page).issuer
        # Every opening that named the body now says 我区 ("our district"): no body is named as a subject.
        body = re.sub(r"(\d{4}年度?，)" + re.escape(issuer), r"\1我区", body)
        with pytest.raises(NotAReport, match="发布机关"):
            parse_file(write(tmp_path, page.name, body.encode()))
