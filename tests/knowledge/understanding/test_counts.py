"""Count words: explained when they count what the question names, never otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.understanding.compose import Measure
from knowledge.understanding.counts import count_in, counts_bodies, restates
from tests.conftest import service_over

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(("text", "count"), [("三年", (3, "年")), ("两类", (2, "类")), ("这两项", (2, "项")),
                                             ("三个小项", (3, "个")), ("4个", (4, "个")), ("两个部门", None),
                                             ("一年", None), ("三季度", None)])
def test_count_words_are_read(text: str, count: tuple[int, str] | None) -> None:
    assert count_in(text) == count


def test_a_count_is_explained_only_by_what_it_counts() -> None:
    unavailable = Measure("applications", rows=("unavailable.",), columns=("total",))
    assert restates("三个小项", unavailable, (2025,))  # 无法提供 holds three items
    assert not restates("四个小项", unavailable, (2025,))
    assert restates("三年", None, (2022, 2023, 2024)) and not restates("三年", None, (2022, 2023))
    assert restates("两份", None, (2023, 2024)) and not restates("三份", None, (2023, 2024))  # reports, one a year
    suits = Measure("review_litigation", groups=("review", "litigation"), parts=("total",))
    assert restates("两类", suits, (2025,)) and not restates("三类", suits, (2025,))


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("n") / "state.db").answerer


def test_years_counted_again_are_listed(answerer: Answerer) -> None:
    answer = answerer.ask("平潭2021、2022两年行政许可的处理决定各多少", today=TODAY)
    assert answer.status == "answered" and [f.value for f in answer.figures] == [2293, 10690]


def test_a_count_that_does_not_fit_is_asked_back(answerer: Answerer) -> None:
    answer = answerer.ask("平潭2021、2022三年行政许可的处理决定各多少", today=TODAY)
    assert answer.status != "answered" and "三年" in answer.understood.unexplained


def test_some_items_before_a_number_asked_of_them_point_at_the_items() -> None:
    unavailable = Measure("applications", rows=("unavailable.",), columns=("total",))
    granted = Measure("applications", rows=("granted",), columns=("total",))
    assert count_in("几种") == (0, "种")
    assert restates("几种", unavailable, (2025,), asked_after=True)
    assert not restates("几种", unavailable, (2025,))  # 有几种: how many kinds, asked
    assert not restates("几种", granted, (2025,), asked_after=True)  # 予以公开 has no items


@pytest.mark.parametrize(("question", "answered"), [("平潭2023年无法提供的几种情形合计多少件", True),
                                                    ("平潭2023年无法提供有几种情形", False)])
def test_some_kinds_summed_or_counted(answerer: Answerer, question: str, answered: bool) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert (answer.status == "answered" and answer.answer is not None) is answered


def test_items_of_a_group_counted_are_summed_not_the_group(answerer: Answerer) -> None:
    """信访举报投诉类和重复申请这两项不予处理的: 这两项 counts the items named, so they are summed, not the group."""
    answer = answerer.ask("上海市政府办公厅2019年自然人申请里，信访举报投诉类和重复申请这两项不予处理的加起来多少",
                          today=TODAY)
    assert answer.status == "answered" and answer.answer is not None
    assert answer.answer.key == ("applications|not_processed.complaint|natural_person+"
                                 "applications|not_processed.duplicate|natural_person")


@pytest.mark.parametrize(("text", "bodies", "counts"), [
    ("三家里", 3, True), ("这两个单位", 2, True), ("三地之间", 3, True), ("三家里", 2, False),
    ("两家", 1, False), ("三个部门收到", 3, False),
])
def test_a_count_of_the_bodies_named_says_nothing_new(text: str, bodies: int, counts: bool) -> None:
    assert counts_bodies(text, bodies) is counts


def test_the_bodies_counted_again_are_compared(answerer: Answerer) -> None:
    three = answerer.ask("2024年洪泽区、上海市科委、平潭综合实验区三家里，谁的行政处罚决定最多", today=TODAY)
    assert three.status == "answered" and three.answer is not None and three.answer.issuer.endswith("洪泽区人民政府")
    wrong = answerer.ask("2024年洪泽区、平潭综合实验区三家里，谁的行政处罚决定最多", today=TODAY)
    assert not wrong.figures  # three counted, two named: never an answer


@pytest.mark.parametrize(("count", "gets"), [("8个小项", True), ("下面8个小项", True), ("八小项", True), ("5个小项", False), ("5", False),
                                            ("下面5个小项", False)])
def test_a_number_in_digits_is_explained_only_as_a_count_of_what_is_asked(answerer: Answerer, count: str,
                                                                          gets: bool) -> None:
    # （三）不予公开 holds eight items in the 2021 form; a bare number, or another count, is never left out
    answer = answerer.ask(f"平潭2023年不予公开的合计多少件（{count}加总）", today=TODAY)
    assert (answer.status == "answered") == gets, answer.understood.unexplained
    assert gets or not answer.figures
