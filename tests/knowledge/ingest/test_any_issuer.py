"""Any issuing body: a department's title, an article without its title, and issuer/year given by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlite_utils

from knowledge.ingest.files import Given, ingest_paths, read_manifest
from parsers.pipeline import parse_bytes
from tests.bot.test_cli import run
from tests.conftest import CORPUS
from xxgk_errors import NotAReport


def test_department_title_names_its_body() -> None:
    """'…地方税务局2013年信息公开年度报告' has no 政府 before 信息公开: the body is still what precedes the year."""
    text = (CORPUS / "pingtan-2019.txt").read_text(encoding="utf-8")
    for old in ("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区2019年政府信息公开工作年度报告"):
        assert old in text
        text = text.replace(old, "平潭综合实验区地方税务局2019年信息公开年度报告")
    report = parse_bytes(text.encode("utf-8"), "dept.txt")
    assert (report.issuer, report.year) == ("平潭综合实验区地方税务局", 2019)
    assert len([c for c in report.cells if not c.uncertain]) > 150


def article_only(name: str, skip: int) -> bytes:
    """The file without its first lines: what a CMS fragment holds when the page title is lost."""
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[skip:]).encode("utf-8")


def test_article_without_title_takes_its_signature_and_opening_year() -> None:
    data = article_only("shuyang-2025.txt", 4)  # the title, the body's name and the date stood there
    report = parse_bytes(data, "fragment.txt")
    # The article is signed '沐阳县人民政府 / 2026年1月23日' and opens its paragraphs with '2025年，'.
    assert (report.issuer, report.year, report.title) == ("沐阳县人民政府", 2025, "")
    assert len(report.cells) == 200


def nameless(data: bytes) -> bytes:
    """The fragment with every opening that named its body saying 我区 ("our district") instead."""
    return re.sub(r"(\d{4}年度?，)平潭综合实验区", r"\1我区", data.decode("utf-8")).encode("utf-8")


def test_fragment_whose_opening_names_its_body_is_read_as_it_with_a_warning() -> None:
    report = parse_bytes(article_only("pingtan-2022.txt", 9), "80629.txt")  # the header with the title is gone
    assert (report.issuer, report.year, report.title) == ("平潭综合实验区", 2022, "")
    assert any("平潭综合实验区" in w and "核对" in w for w in report.warnings)


def test_fragment_that_names_no_body_says_how_to_give_it(tmp_path: Path) -> None:
    data = nameless(article_only("pingtan-2022.txt", 9))  # no header, no title, no body named in its openings
    with pytest.raises(NotAReport, match="发布机关") as error:
        parse_bytes(data, "80629.txt")
    assert "--issuer" in str(error.value) and "--manifest" in str(error.value)
    report = parse_bytes(data, "80629.txt", issuer="平潭综合实验区", year=2022)
    assert (report.issuer, report.year) == ("平潭综合实验区", 2022)
    assert report.cell_map()["applications|new_received|total"].value == 74


def test_cli_takes_issuer_and_year_for_one_file(tmp_path: Path) -> None:
    page = tmp_path / "80629.txt"
    page.write_bytes(nameless(article_only("pingtan-2022.txt", 9)))
    db = tmp_path / "kb.db"
    failed = run("ingest", str(page), "--db", str(db))
    assert failed.returncode == 1 and "--issuer" in failed.stdout
    out = run("ingest", str(page), "--issuer", "平潭综合实验区", "--year", "2022", "--db", str(db))
    assert out.returncode == 0, out.stdout + out.stderr
    kb = sqlite_utils.Database(db)
    assert [(r["issuer"], r["year"]) for r in kb.query("SELECT issuer, year FROM reports")] == [("平潭综合实验区", 2022)]


def test_manifest_names_body_and_year_for_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "80629.txt").write_bytes(article_only("pingtan-2022.txt", 9))
    (folder / "shuyang.txt").write_bytes((CORPUS / "shuyang-2025.txt").read_bytes())
    manifest = folder / "manifest.csv"
    manifest.write_text("file,issuer,year\n80629.txt,平潭综合实验区,2022\n", encoding="utf-8")
    assert read_manifest(manifest) == {(folder / "80629.txt").resolve(): Given("平潭综合实验区", 2022)}
    db = tmp_path / "kb.db"
    results = ingest_paths(db, [folder], given=read_manifest(manifest))
    assert [r.status for r in results] == ["stored", "stored"]
    out = run("ingest", "--manifest", str(manifest), "--db", str(tmp_path / "cli.db"))
    assert out.returncode == 0, out.stdout + out.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("file,issuer,year\n80629.txt,平潭综合实验区,二〇二二\n", encoding="utf-8")
    out = run("ingest", "--manifest", str(bad), "--db", str(tmp_path / "cli.db"))
    assert out.returncode == 2 and "四位数字" in out.stderr


def test_issuer_given_later_replaces_the_one_read(tmp_path: Path) -> None:
    page = tmp_path / "shuyang.txt"
    page.write_bytes((CORPUS / "shuyang-2025.txt").read_bytes())
    db = tmp_path / "kb.db"
    assert ingest_paths(db, [page])[0].issuer == "沐阳县人民政府"
    again = ingest_paths(db, [page], given={page: Given("沭阳县人民政府", None)})
    assert [(r.status, r.issuer, r.year) for r in again] == [("replaced", "沭阳县人民政府", 2025)]
    kb = sqlite_utils.Database(db)
    assert [(r["issuer"], r["year"]) for r in kb.query("SELECT issuer, year FROM reports")] == [("沭阳县人民政府", 2025)]
    assert kb["cells"].count == 200


def test_notice_wording_is_not_part_of_the_body() -> None:
    text = (CORPUS / "pingtan-2019.txt").read_text(encoding="utf-8")
    for old in ("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区2019年政府信息公开工作年度报告"):
        text = text.replace(old, "关于平潭综合实验区教育局2019年度政府信息公开工作年度报告")
    report = parse_bytes(text.encode("utf-8"), "notice.txt")
    assert (report.issuer, report.year) == ("平潭综合实验区教育局", 2019)
