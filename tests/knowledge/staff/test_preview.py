"""The preview before a phrase is taught: the logged questions (a follow-up after its turn before) whose answers
the phrase would change, each answer in one short line; the others are not listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.ingest import rebuild
from knowledge.staff import changed_answers, lesson, short_line
from knowledge.store import Catalog
from tests.conftest import CORPUS, service_over

QUESTION = "蓟州区2020年收件多少"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt", CORPUS / "jizhou-2020.txt"])
    return db


def test_the_preview_lists_the_questions_whose_answer_changes(base: Path) -> None:
    logged = [(QUESTION, ""), ("平潭2019年收到多少申请", ""), ("平潭2019年收件数", ""),
              ("那收件呢", "蓟州区2020年行政复议多少件"), ("蓟州区2020年的电话是多少", "")]
    changed = changed_answers(base, lesson("收件", "app_row:new_received", QUESTION), logged)
    assert [(c.question, c.previous) for c in changed] == [
        (QUESTION, ""), ("平潭2019年收件数", ""), ("那收件呢", "蓟州区2020年行政复议多少件")]
    first = changed[0]
    assert first.before.startswith("未回答") and "收件" in first.before
    assert first.after == "天津市蓟州区 2020年 一、本年新收政府信息公开申请数量（总计）：191件"
    assert changed[2].after.startswith("天津市蓟州区 2020年 一、本年新收") and "191" in changed[2].after
    # Nothing was kept: the preview reads the phrase in, it does not teach it.
    catalog = Catalog(base)
    try:
        assert catalog.taught == ()
    finally:
        catalog.close()


def test_the_taught_question_is_previewed_even_when_not_logged(base: Path) -> None:
    changed = changed_answers(base, lesson("收件", "app_row:new_received", QUESTION), [])
    assert [c.question for c in changed] == [QUESTION]


def test_a_short_line_says_the_figure_or_why_not(base: Path) -> None:
    service = service_over(base)
    assert short_line(service.ask("蓟州区2020年本年新收申请多少")) == (
        "天津市蓟州区 2020年 一、本年新收政府信息公开申请数量（总计）：191件")
    assert short_line(service.ask("蓟州区2020年收件多少")).startswith("未回答：没有理解“收件”")
    assert len(short_line(service.ask("蓟州区2020年行政处罚多少"))) <= 60
