"""Composing concepts into a measure: review groups named broadly and narrowly, lists of groups with a column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import service_over

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("c") / "state.db").answerer


@pytest.mark.parametrize(("question", "key", "value"), [
    # A broad word for complaining against the government, then the group that says which complaint.
    ("蓟州区2020年告政府的里头，申请行政复议的有几件", "review_litigation|count|review.total", 13),
    ("蓟州区2020年民告官的，就是直接去法院起诉的，几件", "review_litigation|count|litigation_direct.total", 4),
    # Alone it is a lawsuit, as before.
    ("蓟州区2020年有几件告政府的", "review_litigation|count|litigation", None),
    # 不服 / 又去 between the review and the court: a suit after the review.
    ("洪泽区2024年对复议决定不服又去法院的有几件", "review_litigation|count|litigation_after_review.total", 3),
])
def test_a_group_named_narrowly_says_which_one(answerer: Answerer, question: str, key: str,
                                               value: int | None) -> None:
    answer = answerer.ask(question, today=TODAY)
    figure = answer.answer
    assert answer.status == "answered" and figure is not None, answer
    assert figure.key.startswith(key) if value is None else (figure.key, figure.value) == (key, value)


def test_groups_listed_with_their_column_and_each_are_listed(answerer: Answerer) -> None:
    answer = answerer.ask("蓟州区2020年行政复议、直接起诉、复议后起诉的总计分别是多少", today=TODAY)
    assert answer.status == "answered"
    assert [(f.key.split("|")[2], f.value) for f in answer.figures] == [
        ("review.total", 13), ("litigation_direct.total", 4), ("litigation_after_review.total", 0)]


def test_groups_joined_with_their_column_and_no_each_are_summed(answerer: Answerer) -> None:
    answer = answerer.ask("蓟州区2020年行政复议和直接起诉总计多少", today=TODAY)
    figure = answer.answer
    assert answer.status == "answered" and figure is not None and figure.kind == "sum" and figure.value == 17


def test_the_public_alone_is_every_applicant_or_the_individuals(answerer: Answerer) -> None:
    answer = answerer.ask("蓟州区2020年群众申请公开的有多少件", today=TODAY)
    assert answer.status == "ambiguous"
    assert sorted(c.figure.key.split("|")[2] for c in answer.choices if c.figure) == ["natural_person", "total"]


def test_the_public_with_the_individuals_named_is_the_individuals(answerer: Answerer) -> None:
    answer = answerer.ask("蓟州区2020年老百姓个人申请公开的有多少件", today=TODAY)
    assert answer.answer is not None and answer.answer.key == "applications|new_received|natural_person"


def test_the_column_named_after_an_exception_is_asked(answerer: Answerer) -> None:
    """除了A和B以外，C: the exception sets A and B apart, C is asked, not every column but A and B."""
    answer = answerer.ask("蓟州区2020年除了自然人和商业企业以外，社会公益组织申请了几件", today=TODAY)
    assert answer.status == "answered" and answer.answer is not None
    assert (answer.answer.key, answer.answer.value) == ("applications|new_received|social_welfare", 1)


def test_rows_joined_by_jiashang_are_added(answerer: Answerer) -> None:
    answer = answerer.ask("蓟州区2020年新收的加上上年结转的一共多少", today=TODAY)
    assert answer.status == "answered" and answer.answer is not None
    assert answer.answer.key == "applications|new_received|total+applications|carried_over|total"


ORGS = "+".join(f"applications|new_received|{c}" for c in
                ("commercial", "research", "social_welfare", "legal_services", "other_org"))


@pytest.mark.parametrize("question", ["蓟州区2020年除了自然人以外的其他申请人有几件",
                                      "蓟州区2020年除了自然人，其他申请人有几件",
                                      "蓟州区2020年除了个人以外，还有别的单位组织去申请吗，有几个"])
def test_the_rest_named_after_an_exception_is_not_set_apart(answerer: Answerer, question: str) -> None:
    """以外的其他申请人 / 别的单位组织: every applicant but the one excepted, never the column 其他 alone."""
    answer = answerer.ask(question, today=TODAY)
    assert answer.status == "answered" and answer.answer is not None
    assert (answer.answer.key, answer.answer.value) == (ORGS, 6)


@pytest.mark.parametrize(("question", "key"), [
    # 不处理 is the 不再处理 printed in 其他处理2.…缴纳费用、行政机关不再处理…: one row, never also （五）不予处理
    ("测试市2025年申请人没交费就不处理的有几件", "applications|other.no_fee|total"),
    ("平潭2023年申请人没补正就不处理的有几件", "applications|other.no_correction|total"),
])
def test_a_row_word_the_form_prints_in_another_row_asked_describes_it(answerer: Answerer, question: str,
                                                                       key: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert [f.key for f in answer.figures] == [key]


def test_rows_joined_are_each_asked_though_one_prints_the_others_word(answerer: Answerer) -> None:
    answer = answerer.ask("测试市2025年不予处理和其他处理分别多少", today=TODAY)
    assert len(answer.figures) == 2


@pytest.mark.parametrize(("question", "columns"), [
    # what 不含 takes out is no part of what was named before it: it restates it
    ("蓟州区2020年法人或其他组织（不含自然人）新收申请多少件", ORGS),
    # a part of what was named: the other parts, never the individuals
    ("蓟州区2020年法人或其他组织不含商业企业新收多少件",
     "+".join(f"applications|new_received|{c}" for c in ("research", "social_welfare", "legal_services", "other_org"))),
])
def test_an_exception_after_the_columns_named_takes_from_them(answerer: Answerer, question: str,
                                                               columns: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.key == columns


def test_an_exception_taking_out_all_that_was_named_gives_no_figure(answerer: Answerer) -> None:
    assert not answerer.ask("蓟州区2020年商业企业不含商业企业新收多少件", today=TODAY).figures


@pytest.mark.parametrize(("asking", "kind"), [("各是多少", "list"), ("一共多少", "sum")])
def test_rows_joined_with_the_total_word_between_are_each_asked(answerer: Answerer, asking: str, kind: str) -> None:
    # 新收申请总数和结转下年度…: 总数 stands between the row and 和, as 的 and 申请 do; never the last row alone
    answer = answerer.ask(f"测试市2025年新收申请总数和结转下年度继续办理的{asking}", today=TODAY)
    keys = {k for f in answer.figures for k in f.key.split("+")}
    assert answer.kind == kind and keys == {"applications|new_received|total", "applications|carried_forward|total"}


def test_a_word_sharing_the_rows_end_names_its_own_row(answerer: Answerer) -> None:
    # 全部或部分公开: 全部 with 部分公开's 公开 is 全部公开, the row 予以公开; the two are summed
    answer = answerer.ask("洪泽区2024年全部或部分公开的申请合计多少件？", today=TODAY)
    assert answer.status == "answered" and answer.answer is not None
    assert answer.answer.key == "applications|granted|total+applications|partially_granted|total"


@pytest.mark.parametrize(("question", "column"), [
    ("蓟州的行政处罚事项数2020年比上一年增了多少项？", "items_change"),  # set against the year before: 本年增/减
    ("蓟州2020年行政处罚上一年项目数量", "items_last_year"),
])
def test_the_year_before_of_the_items_is_its_column_or_the_change(answerer: Answerer, question: str,
                                                                  column: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.answer is not None and answer.answer.key == f"active.art20_6|penalty|{column}"
