"""Staff corrections of prose figures: a figure the report's text prints wrong is answered as corrected, with the
number printed and the reason; the clause stays as printed; export carries the reason; rebuilds keep it; undo
brings the printed number back; a clause naming no figure or several is refused in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.ingest import rebuild
from knowledge.staff import correct_fact, corrections_of, export_rows, find_report, undo_cell, undo_fact
from tests.conftest import CORPUS, service_over
from xxgk_errors import CorrectionError

CLAUSE = "推进“中介超市”建设，已入驻中介机构868家"  # a figure of pingtan-2019's prose
QUESTION = "平潭2019年中介超市入驻了多少家中介机构"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    return db


def _figure(db: Path):  # type: ignore[no-untyped-def]
    [figure] = service_over(db).ask(QUESTION).figures
    return figure


def test_a_prose_figure_corrected_is_answered_with_what_was_printed_and_why(base: Path) -> None:
    assert (_figure(base).value, _figure(base).notes) == (868, ())
    done = correct_fact(base, "平潭", 2019, "已入驻中介机构", 886, "与网站原文核对", "张三")
    assert done.correction.is_fact and done.correction.key == f"narrative|{CLAUSE}|868" and done.label == CLAUSE
    figure = _figure(base)
    assert (figure.value, figure.display, figure.clause) == (886, "886家", CLAUSE)  # the clause as printed
    assert figure.notes == ("经工作人员更正，原文印作“868家”（理由：与网站原文核对）",)
    [row] = [r for r in export_rows(base, "平潭", 2019) if r["kind"] == "fact" and r["text"] == CLAUSE]
    assert (row["value"], row["correction"]) == (886, "与网站原文核对")
    rebuild(base, [CORPUS / "pingtan-2019.txt"])
    assert _figure(base).value == 886


def test_corrected_again_it_stays_keyed_by_the_printed_number_and_undo_restores_it(base: Path) -> None:
    correct_fact(base, "平潭", 2019, CLAUSE, 886, "核对原文", "张三")
    again = correct_fact(base, "平潭", 2019, CLAUSE, 887, "再核对", "李四")
    assert again.correction.col == "868"
    undone = undo_cell(base, "平潭", 2019, again.correction.key, "王五")  # as the report page's undo button posts
    assert undone.undone and (_figure(base).value, _figure(base).notes) == (868, ())
    history = corrections_of(base, find_report(base, "平潭", 2019))
    assert [(c.value, c.undone_by) for c in history] == [(887, "王五"), (886, "李四")]
    with pytest.raises(CorrectionError, match="没有更正可撤销"):
        undo_fact(base, "平潭", 2019, "已入驻中介机构", "王五")


@pytest.mark.parametrize(("clause", "value", "reason", "words"), [
    ("已入驻中介机构", 886, "", "理由"),
    ("已入驻中介机构", None, "r", "不能为空白"),
    ("已入驻中介机构", -1, "r", "不小于0"),
    ("没有这句话", 1, "r", "没有“没有这句话”"),
    ("信息", 1, "r", "请写出更完整的原句"),
])
def test_a_bad_correction_of_a_prose_figure_is_refused(base: Path, clause: str, value: int | None, reason: str,
                                                       words: str) -> None:
    with pytest.raises(CorrectionError, match=words):
        correct_fact(base, "平潭", 2019, clause, value, reason, "张三")
    assert corrections_of(base, find_report(base, "平潭", 2019)) == []
