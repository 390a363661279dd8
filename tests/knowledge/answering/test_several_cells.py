"""Readings with several cells: two readings of one question (老百姓 the 自然人 column, 一共 the total) answered
when both print the same figure, saying so, and asked back with both when they differ; columns or rows named side
by side each answered. Expected figures come from the truth files."""

from __future__ import annotations

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import TRUTH, load_truth
from tests.knowledge.answering.chats import ask


def _new_received() -> list[tuple[str, int, int, int]]:
    """(issuer, year, 自然人, 总计) of the newly received applications of every report that prints both."""
    out = []
    for path in sorted(TRUTH.glob("*.json")):
        truth = load_truth(path)
        person, total = (truth["cells"].get(f"applications|new_received|{c}") for c in ("natural_person", "total"))
        if isinstance(person, int) and isinstance(total, int) and "docx" not in path.stem:
            out.append((truth["issuer"], truth["year"], person, total))
    return out


@pytest.mark.parametrize(("issuer", "year", "person", "total"), _new_received())
def test_two_readings_that_print_one_figure_are_answered(answerer: Answerer, issuer: str, year: int, person: int,
                                                         total: int) -> None:
    # 老百姓 is the 自然人 column, 一共 the total: asked back only when the two print different figures
    answer = ask(answerer, f"{issuer}{year}年老百姓一共申请了多少件")
    if person == total:
        assert answer.status == "answered" and answer.answer is not None and answer.answer.value == total
        assert any("同为" in note for note in answer.notes)
    else:
        assert answer.status == "ambiguous" and {c.figure.value for c in answer.choices if c.figure} == {person, total}


def test_columns_named_side_by_side_are_each_answered(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区2020年规范性文件本年新制作数量、对外公开总数量各是多少")
    truth = load_truth(TRUTH / "jizhou-2020.json")["cells"]
    assert sorted(f.value for f in answer.figures) == sorted(
        truth[f"active.art20_1|normative_documents|{c}"] for c in ("made", "total_published"))


def test_rows_side_by_side_asked_each_are_each_answered(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2022年的申请 新收 上年结转 分别几件")
    truth = load_truth(TRUTH / "pingtan-2022.json")["cells"]
    assert sorted(f.value for f in answer.figures) == sorted(
        truth[f"applications|{row}|total"] for row in ("new_received", "carried_over"))


def _rows_words() -> list[tuple[str, str]]:
    """(a noun of a row's own label that no concept of the lexicon names, the heading of the row's group)."""
    from knowledge.understanding.lexicon import lexicon
    from knowledge.understanding.words import tag
    from parsers.template import TEMPLATE_2021

    heads = {"denied": "不予公开", "unavailable": "无法提供", "not_processed": "不予处理"}
    table = next(t for t in TEMPLATE_2021.tables if t.id.startswith("applications"))
    return sorted({(word, heads[r.key.split(".")[0]]) for r in table.rows if r.key.split(".")[0] in heads
                   for word, pos in tag(r.label.rsplit("/", 1)[-1])
                   if len(word) >= 2 and pos.startswith("n") and not lexicon().meanings(word) and word != "行政"})


@pytest.mark.parametrize(("word", "group"), _rows_words())
def test_a_word_of_one_row_is_never_answered_with_its_groups_total(answerer: Answerer, word: str, group: str) -> None:
    answer = ask(answerer, f"蓟州区2020年因为{word}{group}的有几件")
    assert not any("+" in f.key for f in answer.figures), answer.figures


@pytest.mark.parametrize("unit", ["部", "件"])
def test_rules_counted_in_their_measure_word_are_the_cell(answerer: Answerer, unit: str) -> None:
    # 几部规章: 部 counts rules and documents as 件 does
    answer = ask(answerer, f"测试市2025年现行有效的规章有几{unit}")
    cells = load_truth(TRUTH / "test-city-2025.json")["cells"]
    assert answer.answer is not None and answer.answer.value == cells["active.art20_1|rules|in_force"]


def test_last_years_count_and_the_change_side_by_side_are_each_answered(answerer: Answerer) -> None:
    truth = load_truth(TRUTH / "jizhou-2020.json")["cells"]
    both = ask(answerer, "蓟州区2020年行政许可上一年项目数量和本年增减各是多少")
    assert sorted(f.value for f in both.figures) == sorted(
        truth[f"active.art20_5|licensing|{c}"] for c in ("items_last_year", "items_change"))
    # with nothing joining them, last year's count names what changed: the change alone
    change = ask(answerer, "蓟州区2020年行政许可上一年项目数量增减了多少")
    assert [f.value for f in change.figures] == [truth["active.art20_5|licensing|items_change"]]


def test_a_count_asked_of_a_row_with_a_sum_of_money_is_its_count(answerer: Answerer) -> None:
    # 政府集中采购项目数量: the row's count (采购项目数量), never its 采购总金额
    truth = load_truth(TRUTH / "jizhou-2020.json")["cells"]
    answer = ask(answerer, "蓟州区2020年政府集中采购项目数量多少")
    assert [f.value for f in answer.figures] == [truth["active.art20_9|central_procurement|projects"]]


@pytest.mark.parametrize(("question", "report", "cells"), [
    ("上海市政府办公厅2019年行政复议加上直接起诉的一共多少件", "shanghai-office-2019", ("review.total", "litigation_direct.total")),
    # the member after 加上 may open with the words saying which group it is (没经过复议, 不服复议又)
    ("上海市政府办公厅2019年行政复议加上没经过复议直接起诉的官司一共多少件", "shanghai-office-2019",
     ("review.total", "litigation_direct.total")),
    ("沭阳县2025年行政复议加上没经过复议就起诉的总共多少件", "shuyang-2025", ("review.total", "litigation_direct.total")),
    ("沭阳县2025年行政复议加上不服复议又去起诉的一共几件", "shuyang-2025", ("review.total", "litigation_after_review.total")),
    # and the member before it may close with the result asked of it (维持的)
    ("平潭2024年行政复议维持的加上直接起诉维持的一共多少", "pingtan-2024", ("review.upheld", "litigation_direct.upheld")),
])
def test_groups_joined_by_a_word_of_adding_are_summed(answerer: Answerer, question: str, report: str,
                                                      cells: tuple[str, ...]) -> None:
    truth = load_truth(TRUTH / f"{report}.json")["cells"]
    answer = ask(answerer, question)
    keys = [f"review_litigation|count|{c}" for c in cells]
    assert answer.answer is not None and sorted(answer.answer.key.split("+")) == sorted(keys)
    assert answer.answer.value == sum(truth[k] for k in keys)


@pytest.mark.parametrize(("question", "report", "row", "columns"), [
    ("测试市2025年不予公开各情形合计多少件", "test-city-2025", "denied.", ("total",)),
    ("蓟州区2020年（一）予以公开 法人或其他组织各栏合计", "jizhou-2020", "granted",
     ("commercial", "research", "social_welfare", "legal_services", "other_org")),
])
def test_every_member_summed_is_one_figure(answerer: Answerer, question: str, report: str, row: str,
                                           columns: tuple[str, ...]) -> None:
    # 各 before what it goes through (各情形, 各栏) says every one of them; 合计 asks their sum, not a list
    cells = load_truth(TRUTH / f"{report}.json")["cells"]
    members = [k for k in cells if k.startswith("applications|") and k.split("|")[2] in columns
               and (k.split("|")[1].startswith(row) if row.endswith(".") else k.split("|")[1] == row)]
    answer = ask(answerer, question)
    assert len(answer.figures) == 1 and answer.figures[0].value == sum(cells[k] or 0 for k in members), members


def test_a_range_of_every_item_of_a_group_is_the_group_s_sum(answerer: Answerer) -> None:
    # 1至3项 under （四）无法提供 numbers its three items as the form does: their sum; 1至2项 is some of them
    cells = load_truth(TRUTH / "test-city-2025.json")["cells"]
    every = ask(answerer, "测试市2025年（四）无法提供 1至3项 总计合计")
    assert every.answer is not None and every.answer.value == sum(
        v for k, v in cells.items() if k.startswith("applications|unavailable.") and k.endswith("|total"))
    some = ask(answerer, "测试市2025年（四）无法提供 1至2项 总计合计")
    assert some.status != "answered" or not some.figures


@pytest.mark.parametrize("question", ["平潭2024年行政复议维持的加上直接起诉的一共多少",
                                      "平潭2024年行政复议加上直接起诉维持的一共多少"])
def test_members_each_with_results_of_their_own_are_no_sum(answerer: Answerer, question: str) -> None:
    # 维持 said of one member only: the form has no figure for 复议维持 + 直接起诉, nor is 维持 asked of both
    answer = ask(answerer, question)
    assert answer.status != "answered" or not answer.figures, [(f.key, f.value) for f in answer.figures]


def test_rows_joined_by_adding_are_summed_after_a_word_of_the_year_before(answerer: Answerer) -> None:
    # 加上上年结转过来的: 上年 opens the row's own words, so the two rows stay joined
    cells = load_truth(TRUTH / "test-city-2025.json")["cells"]
    answer = ask(answerer, "测试市2025年新收的加上上年结转过来的一共多少件")
    keys = ("applications|new_received|total", "applications|carried_over|total")
    assert answer.answer is not None and answer.answer.value == sum(cells[k] for k in keys)
