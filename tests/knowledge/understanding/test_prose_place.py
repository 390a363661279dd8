"""The prose named as where a figure is printed (正文里说, 总体情况里提到): the prose's figure is answered, never a
table's, which may count otherwise (沭阳县's prose 受理749件 beside its table's 新收713件)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import CORPUS, TRUTH, load_truth, service_over

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("p") / "state.db").answerer


def _prose_received() -> int:
    found = re.search(r"全县全年共受理政府信息公开申请\s*(\d+)\s*件", (CORPUS / "shuyang-2025.txt").read_text("utf-8"))
    assert found is not None
    return int(found.group(1))


@pytest.mark.parametrize("question", ["沭阳县2025年正文里说全县共受理了多少件政府信息公开申请",
                                      "沭阳县2025年全县共受理了多少件政府信息公开申请 就是文字部分那个数",
                                      "沭阳县报告总体情况里说，2025年全县共受理了多少件政府信息公开申请？"])
def test_the_prose_named_answers_with_its_figure(answerer: Answerer, question: str) -> None:
    table = load_truth(TRUTH / "shuyang-2025.json")["cells"]["applications|new_received|total"]
    assert table != _prose_received()  # the two count otherwise: the question must tell them apart
    answer = answerer.ask(question, today=TODAY)
    assert [f.value for f in answer.figures] == [_prose_received()] and answer.figures[0].key == "narrative"


def test_without_the_prose_named_the_table_answers(answerer: Answerer) -> None:
    answer = answerer.ask("沭阳县2025年新收申请多少件", today=TODAY)
    assert answer.answer is not None and answer.answer.key == "applications|new_received|total"


def test_a_figure_the_prose_does_not_print_is_not_taken_from_a_table(answerer: Answerer) -> None:
    assert not answerer.ask("平潭2023年正文里说行政许可处理决定多少件", today=TODAY).figures


def test_concepts_of_two_tables_are_words_the_named_prose_prints(answerer: Answerer) -> None:
    # 办理 and the two groups make no one table's figure; the prose names the cases (行政复议、行政诉讼案件) in the
    # clause before its count, inside nouns, and counts them as 相关案件
    found = re.search(r"全县共办理相关案件\s*(\d+)\s*件", (CORPUS / "shuyang-2025.txt").read_text("utf-8"))
    assert found is not None
    answer = answerer.ask("沭阳县2025年全县共办理行政复议、行政诉讼相关案件多少件（正文数字）", today=TODAY)
    assert [f.value for f in answer.figures] == [int(found.group(1))]
