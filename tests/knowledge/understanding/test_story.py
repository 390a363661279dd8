"""What the asker tells beside the question (a story, a judging of the figure) never narrows it in silence: set
aside, or a second reading when it tells a concept of their own case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import service_over

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("t") / "state.db").answerer


def test_a_judging_that_compares_is_not_set_aside(answerer: Answerer) -> None:
    # 比2023年多: a question of its own, never just the figure
    answer = answerer.ask("洪泽区2024年行政复议几件，是不是比2023年多", today=TODAY)
    assert not (answer.status == "answered" and len(answer.figures) == 1 and answer.answer is not None
                and answer.answer.key.endswith("review.total"))


def _of(key: str, got: str) -> bool:
    """The figure's cells are those of `key` (a group of rows, denied., is the sum of all its items)."""
    table, row, column = key.split("|")
    return all(k == key or (row.endswith(".") and k.startswith(f"{table}|{row}") and k.endswith(f"|{column}"))
               for k in got.split("+"))


@pytest.mark.parametrize(("question", "key"), [
    # a judging after the question, a story naming nothing that narrows it: the question as asked
    ("平潭2024年行政复议几件，是不是都被维持了", "review_litigation|count|review.total"),
    ("平潭2024年收到多少申请，是不是自然人的多", "applications|new_received|total"),
    ("洪泽区2024年收到多少申请，有没有不予公开的", "applications|new_received|total"),
    ("我打过信息公开的官司，平潭2023年行政复议有几件", "review_litigation|count|review.total"),  # another group
    ("我有个疑问，洪泽区2024年行政复议几件", "review_litigation|count|review.total"),  # 疑问: a word of asking
    ("我们沐阳县二五年的申请，予以公开的有多少件", "applications|granted|total"),  # 我们: the body's own
])
def test_what_the_asker_tells_beside_the_question_never_narrows_it(answerer: Answerer, question: str,
                                                                  key: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.answer is not None and _of(key, answer.answer.key)


@pytest.mark.parametrize(("question", "key", "told"), [
    # a concept of the asker's own case that may narrow the question: the question as asked, or with it
    ("洪泽区2024年行政复议几件，我的复议被驳回维持了", "review_litigation|count|review.total", "review.upheld"),
    ("测试市2025年收到多少申请，我只要商业企业那一栏", "applications|new_received|total", "commercial"),
    ("平潭2023年行政诉讼多少件，我只算直接起诉的", "review_litigation|count|litigation", "litigation_direct"),
    ("我朋友以公司名义申请过，测试市2025年新收申请多少件", "applications|new_received|total", "commercial"),
    ("我朋友被拒了，说是属于国家秘密，平潭2024年不予公开的有多少件", "applications|denied.|total", "state_secret"),
    ("我起诉过，平潭2024年被纠正的多少件", "review_litigation|count|", "litigation"),
])
def test_what_the_asker_tells_of_their_own_case_is_a_second_reading(answerer: Answerer, question: str, key: str,
                                                                   told: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    keys = [c.figure.key for c in answer.choices if c.figure]
    assert answer.status == "ambiguous" and len(keys) == 2, (answer.status, keys)
    assert any(key in k or _of(key, k) for k in keys) and any(told in k for k in keys), keys
