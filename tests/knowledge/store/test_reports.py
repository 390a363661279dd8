"""The store's reads for the staff, export and health checks: typed rows over a real corpus base."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.store import (
    CellRow,
    ExportedCell,
    ExportedFact,
    ReportReader,
    StoredReport,
    copy_base,
    count_reports,
    exported_rows,
    open_db,
    source_with,
    sources_at,
)
from xxgk_errors import DatabaseMissing, DatabaseUnreadable


def test_the_reader_lists_every_report_typed_by_issuer_and_year(corpus_db: Path) -> None:
    with ReportReader(corpus_db) as base:
        reports = base.reports()
        assert len(reports) == count_reports(corpus_db) > 5
        assert [(r.issuer, r.year) for r in reports] == sorted((r.issuer, r.year) for r in reports)
        assert all(isinstance(r, StoredReport) and isinstance(r.files, tuple) for r in reports)
        shuyang = next(r for r in reports if r.issuer == "沐阳县人民政府")
        assert base.report(shuyang.id) == shuyang and base.report(10**6) is None
        assert shuyang.files == ("shuyang-2025.docx", "shuyang-2025.txt")
        assert [s.file for s in base.sources(shuyang)] == list(shuyang.files)
        cells = base.cells(shuyang.id)
        assert len(cells) == shuyang.cells and all(isinstance(c, CellRow) and c.file for c in cells.values())
        assert len(base.facts(shuyang.id)) == shuyang.facts
        assert len(base.warnings(shuyang.id)) == shuyang.warnings
        assert len(base.failed_checks(shuyang.id)) == shuyang.checks_failed


def test_export_reads_cells_then_facts_for_part_of_a_name(corpus_db: Path) -> None:
    rows = list(exported_rows(corpus_db, issuer="洪泽"))
    kinds = [type(r) for r in rows]
    assert kinds == sorted(kinds, key=lambda k: k is ExportedFact) and ExportedCell in kinds and ExportedFact in kinds
    assert {r.issuer for r in rows} == {"洪泽区人民政府", "淮安市洪泽区人民政府"}
    assert {r.year for r in exported_rows(corpus_db, year=2020)} == {2020}
    # LIKE's wildcards in the name are taken as they are written.
    assert list(exported_rows(corpus_db, issuer="%_")) == []


def test_sources_are_found_by_their_bytes_and_their_path(corpus_db: Path) -> None:
    with ReportReader(corpus_db) as base:
        source = base.sources(base.reports()[0])[0]
    db = open_db(corpus_db)
    try:
        assert source_with(db, source.sha256) == source and source_with(db, "0" * 64) is None
        assert sources_at(db, source.path, "0" * 64) == [source] == sources_at(db, "/nowhere", source.sha256)
    finally:
        db.close()


def test_a_copy_is_a_whole_base_and_no_base_copies_to_nothing(corpus_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(b"stale")
    copy_base(tmp_path / "missing.db", copy)
    assert not copy.exists()
    copy_base(corpus_db, copy)
    assert count_reports(copy) == count_reports(corpus_db)


def test_counting_says_what_is_wrong_with_the_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        count_reports(tmp_path / "missing.db")
    (tmp_path / "notes.db").write_text("not a database", encoding="utf-8")
    with pytest.raises(DatabaseUnreadable):
        count_reports(tmp_path / "notes.db")
