"""Follow-ups: what a turn keeps from the turn before it in the chat."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import service_over

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("f") / "state.db").answerer


def _keys(answerer: Answerer, chat: str, *turns: str) -> list[tuple[str, int]]:
    out = []
    for turn in turns:
        answer = answerer.ask(turn, chat=chat, today=TODAY)
        assert answer.status == "answered" and answer.answer is not None, (turn, answer)
        out.append((answer.answer.key, answer.answer.value))
    return out


def test_a_question_of_its_own_is_asked_whole(answerer: Answerer) -> None:
    """A turn naming its row and asking of it keeps the body and year, not the column the chat was on."""
    got = _keys(answerer, "own", "蓟州区2020年自然人申请了几件", "结转到下一年度办理的有几件")
    assert got[1] == ("applications|carried_forward|total", 1)


def test_a_turn_worded_as_going_on_keeps_the_column(answerer: Answerer) -> None:
    got = _keys(answerer, "on", "蓟州区2020年自然人申请了几件", "那结转到下一年度的呢")
    assert got[1] == ("applications|carried_forward|natural_person", 1)


@pytest.mark.parametrize("turn", ["那里面法院维持的有几件", "其中法院判维持的呢"])
def test_the_court_named_within_a_suit_group_stays_in_it(answerer: Answerer, turn: str) -> None:
    got = _keys(answerer, f"in-{turn}", "平潭2024年复议后又起诉的有几件", turn)
    assert got == [("review_litigation|count|litigation_after_review.total", 19),
                   ("review_litigation|count|litigation_after_review.upheld", 13)]


def test_a_label_of_the_chats_table_alone_changes_its_column(answerer: Answerer) -> None:
    """其他结果 / 总计 / 本年增/减 name a column of one table; after a turn on that table they change it."""
    got = _keys(answerer, "label", "蓟州区2020年行政复议被纠正的有几件", "其他结果呢", "总计")
    assert got == [("review_litigation|count|review.corrected", 4), ("review_litigation|count|review.other", 2),
                   ("review_litigation|count|review.total", 13)]
    got = _keys(answerer, "change", "蓟州区2020年行政处罚上一年项目数量", "本年增/减")
    assert got[1] == ("active.art20_6|penalty|items_change", 82)


def test_a_turn_naming_only_the_year_compared_with_keeps_the_chats_year(answerer: Answerer) -> None:
    answerer.ask("平潭2022年行政许可处理决定多少", chat="cmp", today=TODAY)
    answer = answerer.ask("跟2021年比多了多少", chat="cmp", today=TODAY)
    figure = answer.answer
    assert figure is not None and figure.kind == "difference" and figure.value == 10690 - 2293


def test_a_suit_not_judged_yet_is_pending(answerer: Answerer) -> None:
    got = _keys(answerer, "pending", "蓟州区2020年行政复议总数", "还没判完的呢")
    assert got[1] == ("review_litigation|count|review.pending", 7)


@pytest.mark.parametrize("turn", ["这两项合计", "两个加一块多少"])
def test_the_last_two_turns_added_up(answerer: Answerer, turn: str) -> None:
    """A sum of two naming nothing else adds the figures of the chat's last two turns."""
    chat = f"two-{turn}"
    _keys(answerer, chat, "蓟州区2020年行政复议被纠正的有几件", "那还没审结的呢")
    answer = answerer.ask(turn, chat=chat, today=TODAY)
    figure = answer.answer
    assert figure is not None and figure.kind == "sum" and figure.value == 4 + 7
    assert [p.key for p in figure.parts] == ["review_litigation|count|review.corrected",
                                             "review_litigation|count|review.pending"]


def test_two_added_up_after_a_new_year_is_not_a_sum_of_turns(answerer: Answerer) -> None:
    """The turns before asked one figure in two years: 这两项 does not name two figures of one report."""
    _keys(answerer, "years", "平潭2022年行政许可处理决定多少", "2021年呢")
    answer = answerer.ask("这两项合计", chat="years", today=TODAY)
    assert answer.status != "answered" or answer.answer is None or answer.answer.kind != "sum"


@pytest.mark.parametrize("turn", ["其中予以公开的有几件", "这些当中予以公开的有几件"])
def test_a_row_asked_within_the_last_figure_keeps_its_column(answerer: Answerer, turn: str) -> None:
    """其中…有几件 asks among what was just counted (the individuals' applications), not every applicant's."""
    got = _keys(answerer, f"within-{turn}", "蓟州区2020年自然人申请了几件", turn)
    assert got[1][0] == "applications|granted|natural_person"


def test_a_row_asked_with_its_own_question_word_is_asked_whole(answerer: Answerer) -> None:
    """那……有几件 names its row and asks of it: its total, where 那……呢 goes on within the chat's column."""
    got = _keys(answerer, "whole-after-that", "蓟州区2020年自然人申请了几件", "那结转到下一年度办理的有几件")
    assert got[1] == ("applications|carried_forward|total", 1)


@pytest.mark.parametrize(("second", "third"), [("前一年呢", "两年差了多少"), ("那2023年的呢", "相比少了多少")])
def test_a_comparison_after_a_turn_that_changed_the_year_compares_both(answerer: Answerer, second: str,
                                                                       third: str) -> None:
    chat = f"years-{second}"
    _keys(answerer, chat, "洪泽24年行政处罚决定多少", second)
    answer = answerer.ask(third, chat=chat, today=TODAY)
    assert answer.status == "answered" and answer.answer is not None
    assert {f.year for f in answer.figures} == {2023, 2024} and answer.answer.value == 2776 - 4119


def test_one_year_further_back(answerer: Answerer) -> None:
    got = _keys(answerer, "further-back", "平潭2023年行政处罚决定有多少", "前一年呢", "再往前一年呢")
    assert [value for _, value in got] == [1330, 2113, 1282]


def test_the_year_before_asked_first_is_the_year_before_today(answerer: Answerer) -> None:
    # 上一年 with no turn before and nothing to compare: 去年; after a turn, the year before the chat's
    first = answerer.ask("洪泽区上一年新收申请多少", chat="before", today=date(2025, 3, 1))
    assert first.answer is not None and first.answer.year == 2024
    after = answerer.ask("那上一年的呢", chat="before", today=date(2025, 3, 1))
    assert after.answer is not None and after.answer.year == 2023


def test_a_turn_switching_to_another_year_and_row_keeps_the_body(answerer: Answerer) -> None:
    # 换成… goes on from the turn before, as 那…呢 does: the body stays
    got = _keys(answerer, "switch", "洪泽区2024年行政处罚决定多少", "换成2023年的行政强制")
    assert got[1][0] == "active.art20_6|coercion|decisions"
    answer = answerer.ask("换成2023年的行政强制", chat="switch", today=TODAY)
    assert answer.answer is not None and answer.answer.issuer.endswith("洪泽区人民政府")


def test_this_year_in_a_chat_is_the_chats_year(answerer: Answerer) -> None:
    _keys(answerer, "this-year", "蓟州区2020年部分公开的有多少件")
    answer = answerer.ask("那平潭这一年其他处理的呢", chat="this-year", today=TODAY)
    assert answer.answer is not None and answer.answer.year == 2020
    alone = answerer.ask("平潭这一年其他处理的有几件", today=TODAY)  # no chat: which year is not said
    assert alone.status == "not_found" and "“这一年”指哪一年" in alone.reason


def test_the_year_before_is_said_and_only_for_its_own_words(answerer: Answerer) -> None:
    first = answerer.ask("洪泽区上一年新收申请多少", today=date(2025, 3, 1))
    assert "“上一年”按2024年理解" in first.notes
    assert not answerer.ask("洪泽区同期新收申请多少", today=date(2025, 3, 1)).figures  # 同期 is no year
    _keys(answerer, "year-chat", "洪泽区2023年行政复议多少件")
    within = answerer.ask("洪泽区上一年行政复议多少件", chat="year-chat", today=date(2025, 3, 1))
    assert not within.figures  # in a chat on 2023: asked back, never 2024 silently


def test_the_other_column_after_a_column_keeps_the_row(answerer: Answerer) -> None:
    """其他 is the applicants' column 其他 (after 其中自然人呢), not a row: the row asked before stays."""
    got = _keys(answerer, "other-column", "洪泽区2024年本机关不掌握相关政府信息的有几件", "其中自然人呢", "那其他那一栏呢")
    assert got[2][0] == "applications|unavailable.not_held|other_org"
