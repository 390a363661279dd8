"""Phrases staff taught: kept as data of the base, joined to the lexicon the base's questions are read with, kept
through `build`, undone (kept, marked), and refused when they break the lexicon's rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.ingest import rebuild
from knowledge.staff import check_lesson, lesson, taught_phrases, teach, untaught
from knowledge.store import Catalog
from tests.conftest import CORPUS, service_over
from xxgk_errors import TeachingError

# 收件 (items received) is an everyday word for the applications received, which the lexicon does not hold.
QUESTION = "蓟州区2020年收件多少"
RECEIVED = "app_row:new_received"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt", CORPUS / "jizhou-2020.txt"])
    return db


def _values(db: Path, question: str) -> list[int | float | None]:
    return [f.value for f in service_over(db).ask(question).figures]


def test_a_taught_phrase_is_kept_in_the_base_and_answers(base: Path) -> None:
    assert _values(base, QUESTION) == []
    done = teach(base, lesson("收件", RECEIVED, QUESTION), "张三")
    assert (done.phrase, done.role, done.value, done.question, done.who) == (
        "收件", "app_row", "new_received", QUESTION, "张三")
    with sqlite3.connect(base) as conn:
        assert conn.execute("SELECT phrase, role, value FROM taught").fetchall() == [
            ("收件", "app_row", "new_received")]
    assert _values(base, QUESTION) == [191]  # 一、本年新收政府信息公开申请数量（总计）, as 蓟州区 printed it
    # The phrase is the concept's: another body's question using it is answered as the lexicon's words are.
    assert _values(base, "平潭2019年收件多少") == _values(base, "平潭2019年本年新收申请多少") == [23]


def test_a_taught_phrase_survives_build_and_undo_keeps_it_marked(base: Path) -> None:
    done = teach(base, lesson("收件", RECEIVED, QUESTION), "张三")
    rebuild(base, [CORPUS / "pingtan-2019.txt", CORPUS / "jizhou-2020.txt"])
    assert _values(base, QUESTION) == [191]
    untaught(base, done.id, "李四")
    assert _values(base, QUESTION) == []
    [kept] = taught_phrases(base)
    assert (kept.phrase, kept.undone_by) == ("收件", "李四") and kept.undone_at
    with pytest.raises(TeachingError, match="没有编号"):
        untaught(base, done.id, "李四")
    rebuild(base, [CORPUS / "jizhou-2020.txt"])
    assert [t.undone_by for t in taught_phrases(base)] == ["李四"]  # undone ones come across too


@pytest.mark.parametrize(("phrase", "why"), [
    ("收", "2 到 20 个字"),
    ("来件", "不是这个问题里的词语"),
    ("2020年收件", "年份或数字"),
    ("蓟州区2020年收件多少", "整个问题"),
    ("收件多少", "提问或运算的词"),
    ("蓟州区2020", "年份或数字"),
])
def test_phrases_that_break_the_rules_are_refused(base: Path, phrase: str, why: str) -> None:
    catalog = Catalog(base)
    try:
        with pytest.raises(TeachingError, match=why):
            check_lesson(catalog, lesson(phrase, RECEIVED, QUESTION))
    finally:
        catalog.close()


def test_names_concepts_and_other_meanings_are_refused(base: Path) -> None:
    catalog = Catalog(base)
    try:
        with pytest.raises(TeachingError, match="机关或地方的名称"):
            check_lesson(catalog, lesson("蓟州区收件", RECEIVED, "蓟州区收件2020年多少"))
        with pytest.raises(TeachingError, match="不是可以教的概念"):
            lesson("收件", "op:sum", QUESTION)
        with pytest.raises(TeachingError, match="已经是"):
            check_lesson(catalog, lesson("新收", RECEIVED, "平潭2019年新收多少"))
        rival = lesson("收到", "app_row:granted", "平潭2019年收到多少")
        with pytest.raises(TeachingError, match="请勾选确认"):
            check_lesson(catalog, rival)
        check_lesson(catalog, rival, confirmed=True)  # staff who confirm may give it a second meaning
    finally:
        catalog.close()
