"""Uploads and ingest know a file by its content and the report read from it, never by its file name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.ingest.files import ingest_paths, rebuild
from knowledge.ingest.uploads import Upload, result_line, store_uploads
from knowledge.store.read import Catalog
from tests.bot.test_cli import run
from tests.conftest import CORPUS

JIZHOU = ("天津市蓟州区", 2020)
PINGTAN_2022 = ("平潭综合实验区", 2022)


def held(db: Path) -> set[tuple[str, int]]:
    catalog = Catalog(db)
    try:
        return {(r.issuer, r.year) for r in catalog.reports}
    finally:
        catalog.close()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A reports folder holding 蓟州区 2020 as bundled, and a base built from it."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(CORPUS / "jizhou-2020.txt", folder / "jizhou-2020.txt")
    rebuild(tmp_path / "kb.db", [folder])
    return folder


def test_another_report_under_a_name_in_use_is_kept_beside_it(reports: Path, tmp_path: Path) -> None:
    """Regression: 平潭 2022 uploaded as jizhou-2020.txt replaced 蓟州区 2020 on disk and in the base."""
    db = tmp_path / "kb.db"
    assert held(db) == {JIZHOU}
    bundled = (reports / "jizhou-2020.txt").read_bytes()
    pingtan = (CORPUS / "pingtan-2022.txt").read_bytes()
    [result] = store_uploads(db, reports, [Upload("jizhou-2020.txt", pingtan)])
    assert (result.status, result.issuer, result.year, result.path) == ("stored", *PINGTAN_2022, "jizhou-2020-2.txt")
    assert "另存为 jizhou-2020-2.txt" in result_line(result)
    assert held(db) == {JIZHOU, PINGTAN_2022}
    assert (reports / "jizhou-2020.txt").read_bytes() == bundled
    assert (reports / "jizhou-2020-2.txt").read_bytes() == pingtan
    # The folder holds both, so a build from it keeps both.
    rebuild(db, [reports])
    assert held(db) == {JIZHOU, PINGTAN_2022}


def test_identical_file_under_any_name_is_already_held(reports: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    before = db.read_bytes()
    [result] = store_uploads(db, reports, [Upload("附件1.txt", (CORPUS / "jizhou-2020.txt").read_bytes())])
    assert (result.status, result.issuer, result.year) == ("unchanged", *JIZHOU)
    assert "已收录：与 jizhou-2020.txt 相同" in result_line(result)
    assert sorted(p.name for p in reports.iterdir()) == ["jizhou-2020.txt"]
    assert db.read_bytes() == before


def test_new_version_of_a_report_replaces_that_report_only(reports: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    store_uploads(db, reports, [Upload("附件1.txt", (CORPUS / "pingtan-2022.txt").read_bytes())])
    text = (CORPUS / "jizhou-2020.txt").read_text(encoding="utf-8")
    assert "全年发布政策解读材料50篇" in text
    newer = text.replace("全年发布政策解读材料50篇", "全年发布政策解读材料51篇").encode()
    [result] = store_uploads(db, reports, [Upload("年度报告.txt", newer)])
    assert (result.status, result.issuer, result.year, result.path) == ("replaced", *JIZHOU, "年度报告.txt")
    assert "替换了 jizhou-2020.txt" in result_line(result)
    assert held(db) == {JIZHOU, PINGTAN_2022}
    assert sorted(p.name for p in reports.iterdir()) == ["年度报告.txt", "附件1.txt"]
    catalog = Catalog(db)
    try:
        info = catalog.report(*JIZHOU)
        assert info is not None and info.files == ("年度报告.txt",)
    finally:
        catalog.close()


def test_two_files_of_one_report_in_one_upload_both_join_it(reports: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    html = (CORPUS / "shanghai-office-2019.html").read_bytes()
    copy = html + "<!-- 转载 -->".encode()
    results = store_uploads(db, reports, [Upload("a.html", html), Upload("b.html", copy)])
    assert [r.status for r in results] == ["stored", "stored"]
    catalog = Catalog(db)
    try:
        info = catalog.report("上海市人民政府办公厅", 2019)
        assert info is not None and info.files == ("a.html", "b.html")
    finally:
        catalog.close()


def test_cli_ingest_keeps_a_report_whose_file_was_overwritten_by_another(tmp_path: Path) -> None:
    """A download folder reuses names (附件1.txt): the report read before from that path stays in the base."""
    db, path = tmp_path / "kb.db", tmp_path / "附件1.txt"
    shutil.copy(CORPUS / "jizhou-2020.txt", path)
    assert run("ingest", str(path), "--db", str(db)).returncode == 0
    shutil.copy(CORPUS / "pingtan-2022.txt", path)
    out = run("ingest", str(path), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("stored ") and "平潭综合实验区 2022" in out.stdout
    assert held(db) == {JIZHOU, PINGTAN_2022}
    # A new version of the report read from the path replaces it, and says which file it replaced.
    path.write_text((CORPUS / "pingtan-2022.txt").read_text(encoding="utf-8") + "\n（更正版）\n", encoding="utf-8")
    [result] = ingest_paths(db, [path])
    assert result.status == "replaced" and "替换了 附件1.txt" in result_line(result)
    assert held(db) == {JIZHOU, PINGTAN_2022}
