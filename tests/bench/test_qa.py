"""The question-set grader: what counts as right, confidently wrong and asked back (bench/qa.py)."""

from __future__ import annotations

from bench.qa import grade
from knowledge.model import Answer, Figure

FEES = {"status": "section", "issuer": "测试市", "year": 2025, "contains": ["信息处理费共计400元"]}


def _figure(value: int, year: int, key: str, clause: str = "") -> Figure:
    return Figure(value=value, unit="件", display=f"{value}件", issuer="测试市", year=year, report_title="",
                  section="", label="", kind="fact" if clause else "cell", key=key, clause=clause)


def test_a_section_asked_and_the_figure_its_words_print_is_right() -> None:
    quoted = _figure(400, 2025, "narrative", "依申请公开收取信息处理费共计400元")
    assert grade(Answer("q", "answered", "fact", figures=(quoted,)), FEES) == "right"


def test_a_section_asked_and_another_figure_is_wrong() -> None:
    other = _figure(400, 2025, "narrative", "收到申请共计400件")
    assert grade(Answer("q", "answered", "fact", figures=(other,)), FEES) == "wrong"
    assert grade(Answer("q", "answered", "fact", figures=(_figure(400, 2024, "narrative", FEES["contains"][0]),)),
                 FEES) == "wrong"


def test_every_reading_of_an_ambiguous_question_answered_each_is_right() -> None:
    cands = [{"value": v, "issuer": "测试市", "year": y, "key": "k"} for y, v in ((2023, 5), (2024, 7))]
    expect = {"status": "ambiguous", "candidates": cands}
    each = Answer("q", "answered", "list", figures=(_figure(5, 2023, "k"), _figure(7, 2024, "k")))
    assert grade(each, expect) == "right"
    stray = Answer("q", "answered", "list", figures=(_figure(5, 2023, "k"), _figure(9, 2024, "k")))
    assert grade(stray, expect) == "wrong"
    three = {"status": "ambiguous", "candidates": [*cands, {"value": 8, "issuer": "测试市", "year": 2025, "key": "k"}]}
    assert grade(each, three) != "right"  # two readings of three answered
