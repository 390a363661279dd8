"""The unit a question asks: the measure word after its question word, never after a 几 that asks nothing."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.names.directory import Directory
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.query import understand
from knowledge.understanding.typed import question_text
from knowledge.understanding.units import pointed


def _unit(question: str) -> str:
    return understand(question_text(question), Directory(), date(2026, 1, 1), lexicon()).unit


@pytest.mark.parametrize(("question", "unit"), [
    ("那几个查阅场所一共接待了多少人次", "人次"),  # 那几个: those, not how many
    ("好几个部门一共收到多少件申请", "件"),  # 好几个: several
    ("文件数是多少条", "条"),
    ("有几个查阅场所", "个"),  # 几个 asked
])
def test_the_unit_asked_follows_the_word_that_asks(question: str, unit: str) -> None:
    assert _unit(question) == unit


@pytest.mark.parametrize(("question", "at", "pointed_at"), [
    ("把那几项加起来", 3, True), ("这几个部门", 2, True), ("好几个", 1, True), ("有几项", 1, False),
])
def test_a_count_pointing_at_things_asks_no_number(question: str, at: int, pointed_at: bool) -> None:
    spans = understand(question_text(question), Directory(), date(2026, 1, 1), lexicon()).spans
    unit_at = next(i for i, s in enumerate(spans) if s.has("unit") or s.text in ("项", "个"))
    assert unit_at == at and pointed(spans, unit_at) is pointed_at, [s.text for s in spans]
