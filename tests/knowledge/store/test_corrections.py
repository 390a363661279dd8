"""Staff corrections of cells: kept apart from the parsed values, laid over them in answers, checks and export,
and kept through re-ingest and rebuild."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from knowledge.ingest import ingest_paths, rebuild
from knowledge.staff import correct_cell, corrections_of, export_rows, find_report, undo_cell
from knowledge.store import ReportReader
from tests.conftest import CORPUS, service_over
from xxgk_errors import CorrectionError

# A cell the parser rightly leaves uncertain: three cells glued together by a crawler (MANIFEST names the quirk).
GLUED = "active.art20_1|normative_documents|made"
QUESTION = "平潭2019年规范性文件本年新制作数量"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt", CORPUS / "jizhou-2020.txt"])
    return db


def _figure_of(db: Path, question: str):  # type: ignore[no-untyped-def]
    answer = service_over(db).ask(question)
    return answer.figures[0] if answer.figures else None


def test_an_uncertain_cell_corrected_is_answered_with_the_staff_note(base: Path) -> None:
    assert _figure_of(base, QUESTION) is None  # glued "898989": not stated
    done = correct_cell(base, "平潭", 2019, GLUED, 89, "原文三栏粘连，按政府网站原文", "张三")
    figure = _figure_of(base, QUESTION)
    assert figure is not None and figure.value == 89
    assert any("经工作人员更正" in n and "898989" in n and "按政府网站原文" in n for n in figure.notes)
    assert done.correction.who == "张三" and done.report_id is not None


def test_the_parsed_value_is_kept_and_comes_back_on_undo(base: Path) -> None:
    correct_cell(base, "平潭综合实验区", 2019, GLUED, 89, "核对原文", "张三")
    with sqlite3.connect(base) as conn:
        parsed = conn.execute("SELECT count(*) FROM sources WHERE issuer = '平潭综合实验区'").fetchone()[0]
    assert parsed == 1
    undo_cell(base, "平潭", 2019, GLUED, "李四")
    assert _figure_of(base, QUESTION) is None
    history = corrections_of(base, find_report(base, "平潭", 2019))
    assert [(c.value, c.undone_by) for c in history] == [(89, "李四")]


def test_a_correction_survives_reingest_and_rebuild(base: Path, tmp_path: Path) -> None:
    correct_cell(base, "平潭", 2019, GLUED, 89, "核对原文", "张三")
    copy = tmp_path / "again" / "pingtan-2019.txt"
    copy.parent.mkdir()
    shutil.copy(CORPUS / "pingtan-2019.txt", copy)
    copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # another file of the report
    ingest_paths(base, [copy])
    assert _figure_of(base, QUESTION).value == 89  # type: ignore[union-attr]
    rebuild(base, [CORPUS / "pingtan-2019.txt"])
    assert _figure_of(base, QUESTION).value == 89  # type: ignore[union-attr]


def test_checks_run_again_with_the_correction(base: Path) -> None:
    key = "applications|new_received|total"
    before = _failed(base, "天津市蓟州区")
    correct_cell(base, "蓟州区", 2020, key, 999, "试验：与分项之和不符", "张三")
    after = _failed(base, "天津市蓟州区")
    assert after > before  # 999 no longer equals the applicant columns' sum, nor the handled total


def _failed(db: Path, issuer: str) -> int:
    with ReportReader(db) as reader:
        report = next(r for r in reader.reports() if r.issuer == issuer)
        return len(reader.failed_checks(report.id))


def test_export_carries_the_reason_and_the_printed_text(base: Path) -> None:
    correct_cell(base, "平潭", 2019, GLUED, 89, "核对原文", "张三")
    row = next(r for r in export_rows(base, "平潭", 2019) if r["kind"] == "cell" and
               f"{r['table']}|{r['row']}|{r['column']}" == GLUED)
    assert (row["value"], row["raw"], row["correction"], row["uncertain"]) == (89, "898989", "核对原文", False)


@pytest.mark.parametrize(("issuer", "key", "value", "reason", "words"), [
    ("平潭", GLUED, 1, "", "理由"),
    ("上海", GLUED, 1, "r", "没有"),
    ("平潭", "applications|no_such_row|total", 1, "r", "没有单元格"),
    ("平潭", "applications", 1, "r", "不是表格单元"),
    ("平潭", "applications|new_received|total", -3, "r", "负数"),
])
def test_a_bad_correction_is_refused_and_changes_nothing(base: Path, issuer: str, key: str, value: int,
                                                         reason: str, words: str) -> None:
    with pytest.raises(CorrectionError, match=words):
        correct_cell(base, issuer, 2019, key, value, reason, "张三")
    assert corrections_of(base, find_report(base, "平潭", 2019)) == []


def test_a_report_keeps_its_id_when_written_again(base: Path) -> None:
    before = find_report(base, "平潭", 2019).id
    correct_cell(base, "平潭", 2019, GLUED, 89, "核对原文", "张三")
    assert find_report(base, "平潭", 2019).id == before  # its staff page and export address still hold
    undo_cell(base, "平潭", 2019, GLUED, "张三")
    assert find_report(base, "平潭", 2019).id == before
