"""Operations a chat asks over several bodies or years: sums and differences across bodies (with a body not
held said, never hidden in a total), the chat's two bodies or years added or compared, the latest years, the year
after, a body named alone, a result named without its group. Expected figures come from the truth files; the
phrasings are written from each rule's meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState
from tests.conftest import TRUTH, load_truth, service_over
from tests.knowledge.answering.chats import NEW, ask, cell, chat, review


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, ChatState(tmp_path_factory.mktemp("chat-ops") / "state.db")).answerer


@pytest.mark.parametrize("question", ["蓟州区2020年和平潭2020年的行政复议加在一起是多少",
                                      "平潭和蓟州2020年一共收到多少申请"])
def test_one_figure_of_several_bodies_added_is_their_sum(answerer: Answerer, question: str) -> None:
    key = "review_litigation|count|review.total" if "复议" in question else NEW
    answer = ask(answerer, question)
    assert answer.status == "answered" and answer.kind == "sum" and answer.answer is not None
    assert answer.answer.value == cell("jizhou-2020", key) + cell("pingtan-2020", key)
    assert {p.issuer for p in answer.answer.parts} == {"天津市蓟州区", "平潭综合实验区"}


def test_a_column_named_total_of_several_bodies_is_each_bodys_total(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区和平潭2020年行政复议的总计是多少")
    assert answer.kind == "list" and sorted(f.value for f in answer.figures) == sorted(
        [review("jizhou-2020", "review", "total"), review("pingtan-2020", "review", "total")])


def test_how_far_apart_two_bodies_are_is_their_difference(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州2020年和平潭2020年收到的申请相差多少")
    assert answer.status == "answered" and answer.answer is not None
    assert abs(answer.answer.value or 0) == cell("jizhou-2020", NEW) - cell("pingtan-2020", NEW)


@pytest.mark.parametrize(("then", "sign"), [("两个加起来多少", 1), ("这两者相差多少", -1), ("哪个多", -1),
                                            ("哪一个少些", -1)])
def test_the_two_bodies_of_a_chat_are_added_or_compared(answerer: Answerer, then: str, sign: int) -> None:
    key = "review_litigation|count|review.total"
    answer = chat(answerer, "蓟州区2020年行政复议多少件", "平潭的呢", then)[2]
    assert answer.status == "answered" and answer.answer is not None
    assert abs(answer.answer.value or 0) == abs(cell("jizhou-2020", key) + sign * cell("pingtan-2020", key))


@pytest.mark.parametrize("then", ["这两年加起来多少", "两年一共多少"])
def test_the_two_years_of_a_chat_are_added(answerer: Answerer, then: str) -> None:
    answer = chat(answerer, "平潭2022年予以公开多少件", "前一年呢", then)[2]
    key = "applications|granted|total"
    assert answer.status == "answered" and answer.kind == "sum" and answer.answer is not None
    assert answer.answer.value == cell("pingtan-2022", key) + cell("pingtan-2021", key)


@pytest.mark.parametrize("opening", ["我想问下平潭的情况", "看看平潭综合实验区"])
def test_a_body_named_alone_is_the_body_the_chat_goes_on_about(answerer: Answerer, opening: str) -> None:
    answer = chat(answerer, opening, "2024年行政处罚多少件")[1]  # three bodies have 2024 reports
    key = "active.art20_6|penalty|decisions"
    assert answer.status == "answered" and answer.answer is not None
    assert (answer.answer.issuer, answer.answer.value) == ("平潭综合实验区", cell("pingtan-2024", key))


@pytest.mark.parametrize(("question", "summed"), [
    ("蓟州区2020年被维持的有几件", False), ("蓟州区2020年维持原决定的总共多少件", True),
])
def test_a_result_named_without_a_group_is_the_reviews_and_the_suits(answerer: Answerer, question: str,
                                                                     summed: bool) -> None:
    # 维持 is a result of the review and of both suits: none is picked in silence.
    review_ = review("jizhou-2020", "review", "upheld")
    suits = review("jizhou-2020", "litigation_direct", "upheld") + review("jizhou-2020", "litigation_after_review",
                                                                          "upheld")
    answer = ask(answerer, question)
    assert answer.status == "answered"
    if summed:
        assert answer.kind == "sum" and answer.answer is not None and answer.answer.value == review_ + suits
    else:
        assert [f.value for f in answer.figures] == [review_, suits]


@pytest.mark.parametrize("then", ["后一年呢", "那次年的呢"])
def test_the_year_after_is_the_next_report(answerer: Answerer, then: str) -> None:
    answer = chat(answerer, "平潭2021年予以公开多少件", then)[1]
    key = "applications|granted|total"
    assert answer.answer is not None and (answer.answer.year, answer.answer.value) == (2022, cell("pingtan-2022", key))


def test_items_of_a_group_said_to_be_added_are_summed(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州2020年不予处理的各项相加是多少")
    truth = load_truth(TRUTH / "jizhou-2020.json")["cells"]
    items = [v for k, v in truth.items() if k.startswith("applications|not_processed.") and k.endswith("|total")]
    assert answer.kind == "sum" and answer.answer is not None and answer.answer.value == sum(items)


def test_a_sum_over_bodies_names_a_body_without_the_year_and_gives_no_total(answerer: Answerer) -> None:
    answer = ask(answerer, "洪泽区和蓟州区2024年的行政复议加在一起多少")  # 蓟州区's only report is of 2020
    assert answer.kind != "sum" and all(f.issuer == "淮安市洪泽区人民政府" for f in answer.figures)
    assert any("天津市蓟州区2024" in n for n in answer.notes) and any("不给出合计" in n for n in answer.notes)


def test_the_chats_two_bodies_added_when_one_lacks_the_year_gives_no_total(answerer: Answerer) -> None:
    answer = chat(answerer, "平潭2021年行政复议多少件", "洪泽区的呢", "两个加起来多少")[2]
    assert answer.kind != "sum" and any("不给出合计" in n for n in answer.notes)


@pytest.mark.parametrize(("first", "then", "years"), [
    ("平潭2019年到2021年收到多少申请", "这三年一共多少", (2019, 2020, 2021)),
    ("平潭2022年和2020年收到的申请差多少", "这两年加起来呢", (2020, 2022)),
])
def test_the_years_a_chat_named_are_the_years_its_count_says(answerer: Answerer, first: str, then: str,
                                                             years: tuple[int, ...]) -> None:
    answer = chat(answerer, first, then)[1]
    assert answer.kind == "sum" and answer.answer is not None
    assert answer.answer.value == sum(cell(f"pingtan-{y}", NEW) for y in years)


def test_the_latest_years_of_several_bodies_are_each_ones_own(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭和洪泽近两年收到的申请分别多少")
    assert sorted((f.issuer, f.year) for f in answer.figures) == [
        ("平潭综合实验区", 2023), ("平潭综合实验区", 2024), ("淮安市洪泽区人民政府", 2023), ("淮安市洪泽区人民政府", 2024)]


def test_a_body_short_of_the_latest_years_asked_gets_no_total(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区和洪泽区近两年一共收到多少申请")  # 蓟州区 holds 2020 only
    assert answer.kind == "list" and any("不给出合计" in n for n in answer.notes)


def test_the_latest_years_said_in_digits_are_a_count(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭近2年收到多少申请")
    assert sorted(f.year for f in answer.figures) == [2023, 2024]


@pytest.mark.parametrize("then", ["比2022年少了多少", "跟2022年比增加了多少"])
def test_a_change_word_after_a_cell_compares_the_cell_across_years(answerer: Answerer, then: str) -> None:
    # 少了 / 增加 also name the 2019 form's 本年增减 column, which the 2021 form lacks: here they compare
    key = "active.art20_1|normative_documents|issued"
    answers = chat(answerer, "平潭2023年本年制发的行政规范性文件多少件", then, "2024年的呢")
    assert answers[1].kind == "difference"
    assert [f.value for f in answers[1].figures] == [cell("pingtan-2023", key) - cell("pingtan-2022", key),
                                                     cell("pingtan-2023", key), cell("pingtan-2022", key)]
    assert answers[2].answer is not None and answers[2].answer.value == cell("pingtan-2024", key)


def test_both_groups_added_with_a_word_of_the_whole_are_their_totals(answerer: Answerer) -> None:
    answer = chat(answerer, "测试市2025年复议后起诉的案件里结果纠正的有几件", "那直接起诉和复议后起诉总共多少件")[1]
    totals = [review("test-city-2025", f"litigation_{g}", "total") for g in ("direct", "after_review")]
    assert answer.answer is not None and answer.answer.value == sum(totals)


@pytest.mark.parametrize("both", ["俩加一起多少", "两者合计多少"])
def test_the_chats_two_rows_added_by_a_word_for_both(answerer: Answerer, both: str) -> None:
    answer = chat(answerer, "洪泽区2024年予以公开多少件", "部分公开的呢", both)[2]
    rows = ("granted", "partially_granted")
    assert answer.answer is not None and answer.answer.value == sum(
        cell("hongze-2024", f"applications|{row}|total") for row in rows)


def test_results_listed_go_on_to_the_suits_of_another_group(answerer: Answerer) -> None:
    # 维持和纠正各多少 then 直接起诉的呢: the results the chat lists, of the suits (not the group's total)
    answer = chat(answerer, "测试市2025年行政复议结果维持和结果纠正各多少", "直接起诉的呢")[1]
    assert sorted(f.value for f in answer.figures) == sorted(
        review("test-city-2025", "litigation_direct", part) for part in ("upheld", "corrected"))


def test_the_years_a_chat_went_through_one_by_one_are_these_years(answerer: Answerer) -> None:
    answers = chat(answerer, "平潭2021年收到多少申请", "2022年呢", "2023年呢", "这三年一共多少", "这三年哪年最多")
    values = {y: cell(f"pingtan-{y}", NEW) for y in (2021, 2022, 2023)}
    assert answers[3].answer is not None and answers[3].answer.value == sum(values.values())
    top = max(values, key=values.__getitem__)
    assert answers[4].answer is not None and (answers[4].answer.year, answers[4].answer.value) == (top, values[top])


@pytest.mark.parametrize(("second", "then", "key", "combine"), [
    ("那办结的呢", "差几件", "applications|total_processed|total", lambda a, b: a - b),
    ("上年结转的呢", "合计", "applications|carried_over|total", lambda a, b: a + b),
])
def test_a_bare_sum_or_difference_joins_the_chats_two_figures(answerer: Answerer, second: str, then: str,
                                                               key: str, combine) -> None:
    answer = chat(answerer, "洪泽区2024年新收了多少申请", second, then)[2]
    values = [cell("hongze-2024", NEW), cell("hongze-2024", key)]
    assert answer.answer is not None and abs(answer.answer.value) == abs(combine(*values))


def test_a_bare_total_after_a_column_is_the_total_column(answerer: Answerer) -> None:
    # 自然人呢 then 合计: the 总计 column, never 总计 + 自然人
    answer = chat(answerer, "洪泽区2024年新收了多少申请", "自然人呢", "合计")[2]
    assert answer.answer is not None and answer.answer.value == cell("hongze-2024", NEW)


def test_the_chats_year_compared_with_the_year_it_moved_from(answerer: Answerer) -> None:
    # 2024年… then 2023年呢 then 比2023年多了几件: 2024 against 2023, not 2023 against 2022
    key = "applications|partially_granted|total"
    answer = chat(answerer, "平潭2024年部分公开的有多少件", "2023年呢", "比2023年多了几件")[2]
    assert answer.kind == "difference" and answer.answer is not None
    assert answer.answer.value == cell("pingtan-2024", key) - cell("pingtan-2023", key)


def test_both_added_when_the_chat_holds_one_figure_states_none(answerer: Answerer) -> None:
    assert not chat(answerer, "平潭2024年予以公开多少件", "俩加一起多少")[1].figures


def test_a_prose_figure_goes_on_to_another_year_and_is_compared(answerer: Answerer) -> None:
    # 主动公开 is printed only in the prose of these reports: the next turn asks the prose again
    facts = {y: next(f for f in load_truth(TRUTH / f"pingtan-{y}.json")["narrative"]
                     if f["text"].startswith(f"{y}年全区共主动公开")) for y in (2022, 2023)}
    answers = chat(answerer, "平潭2023年全区主动公开了多少条政府信息", "2022年呢", "差多少")
    assert [a.answer.value if a.answer else None for a in answers[:2]] == [facts[2023]["value"], facts[2022]["value"]]
    assert answers[2].kind == "difference" and answers[2].answer is not None
    assert abs(answers[2].answer.value) == abs(facts[2023]["value"] - facts[2022]["value"])



def test_a_prose_figure_in_another_unit_follows_one_in_the_chats_unit(answerer: Answerer) -> None:
    # 在线访谈呢 after 政策解读多少篇: the talks are counted in 期, not in the 篇 of the chat
    fact = next(f for f in load_truth(TRUTH / "pingtan-2024.json")["narrative"] if "在线访谈" in f["text"])
    answer = chat(answerer, "平潭2024年政策解读发布了多少篇", "在线访谈呢")[1]
    assert answer.answer is not None and (answer.answer.value, answer.answer.unit) == (fact["value"], fact["unit"])


@pytest.mark.parametrize(("first", "second"), [
    ("平潭2023年办理结果总计多少件", "予以公开呢"),  # a total and its part
    ("平潭2023年不予公开多少件", "第三方合法权益呢"),  # a group and its row
    ("平潭2023年行政诉讼总数多少", "直接起诉呢"),  # the suits and the direct ones
    ("平潭2023年新收申请多少件", "予以公开呢"),  # the year's input and a result
])
def test_a_bare_total_never_adds_a_figure_to_what_holds_it(answerer: Answerer, first: str, second: str) -> None:
    answers = chat(answerer, first, second, "合计")
    assert answers[2].kind != "sum" and answers[2].answer == answers[1].answer


def test_that_year_of_a_superlative_is_never_the_chats_year(answerer: Answerer) -> None:
    answer = chat(answerer, "平潭2021年新收申请多少件", "平潭收到申请最多的那一年予以公开多少")[1]
    assert answer.status != "answered" and not answer.figures


def test_the_year_before_after_a_move_is_the_year_before_the_one_named(answerer: Answerer) -> None:
    answer = chat(answerer, "平潭2024年新收申请多少件", "2023年呢", "2023年比前一年多了几件")[2]
    assert answer.kind == "difference" and answer.answer is not None
    assert answer.answer.value == cell("pingtan-2023", NEW) - cell("pingtan-2022", NEW)


@pytest.mark.parametrize(("first", "then", "whole"), [
    ("平潭这几年里哪一年收到的信息公开申请最多", "最少的是哪年", "平潭这几年里哪一年收到的信息公开申请最少"),
    ("平潭历年行政许可决定最少的是哪年", "最多的呢", "平潭历年行政许可决定最多的是哪年"),
])
def test_a_follow_up_turning_the_superlative_answers_as_the_whole_question(answerer: Answerer, first: str,
                                                                          then: str, whole: str) -> None:
    """The turn keeps the concept's words: a report before the 2019 form, which states the figure only in its
    prose, is read in the follow-up as in the question asked whole."""
    followed = chat(answerer, first, then)[-1]
    asked = ask(answerer, whole)
    assert asked.answer is not None and followed.answer is not None
    assert (followed.answer.year, followed.answer.value) == (asked.answer.year, asked.answer.value)
    assert [(f.year, f.value) for f in followed.figures] == [(f.year, f.value) for f in asked.figures]
