"""Operations over the real corpus: year ranges, relative years, sums over rows, 比上一年, units, and years the
base lacks. Expected figures come from the truth files of ../shared/corpus; the phrasings are written from each
rule's meaning (several per rule), not from the development questions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.render import plain_text
from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState
from knowledge.ingest import rebuild
from knowledge.model import Answer
from tests.conftest import CORPUS, TRUTH, load_truth, service_over

TODAY = date(2026, 11, 28)
NEW = "applications|new_received|total"
REVIEW = "review_litigation|count|review.total"
DIRECT = "review_litigation|count|litigation_direct.total"
AFTER = "review_litigation|count|litigation_after_review.total"
GRANTED = "applications|granted|total"
PARTLY = "applications|partially_granted|total"
PENALTY = "active.art20_6|penalty|decisions"


def cell(report: str, key: str) -> int:
    """The value printed in a corpus report (its truth file)."""
    value = load_truth(TRUTH / f"{report}.json")["cells"][key]
    assert isinstance(value, int)
    return value


def pingtan(year: int, *keys: str) -> int:
    return sum(cell(f"pingtan-{year}", k) for k in keys)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, ChatState(tmp_path_factory.mktemp("ops") / "state.db")).answerer


@pytest.fixture(scope="module")
def gap(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """平潭's reports of 2019, 2021 and 2022 only: 2020 is left out of the base."""
    folder = tmp_path_factory.mktemp("gap")
    rebuild(folder / "gap.db", [CORPUS / f"pingtan-{y}.txt" for y in (2019, 2021, 2022)])
    return service_over(folder / "gap.db", ChatState(folder / "state.db")).answerer


def ask(answerer: Answerer, question: str, chat: str | None = None, today: date = TODAY) -> Answer:
    return answerer.ask(question, chat=chat, today=today)


def stated(answer: Answer) -> list[tuple[int, int | float | None]]:
    return [(f.year, f.value) for f in answer.figures] if answer.status == "answered" else []


@pytest.mark.parametrize(("question", "first", "last", "key"), [
    ("平潭2019年到2022年收到的申请增加了多少", 2019, 2022, NEW),
    ("平潭从2019年至2023年新收申请变化了多少", 2019, 2023, NEW),
    ("平潭2021—2024年行政复议增加了几件", 2021, 2024, REVIEW),
    ("2019年到2021年平潭予以公开的申请增长了多少", 2019, 2021, GRANTED),
    ("平潭21年到24年行政处罚决定多了多少", 2021, 2024, PENALTY),
])
def test_a_range_of_years_compares_its_end_points(answerer: Answerer, question: str, first: int, last: int,
                                                  key: str) -> None:
    answer = ask(answerer, question)
    assert answer.kind == "difference"
    assert stated(answer) == [(last, pingtan(last, key) - pingtan(first, key)), (last, pingtan(last, key)),
                              (first, pingtan(first, key))]


@pytest.mark.parametrize(("question", "subject", "base"), [
    ("平潭前年比去年多收了多少申请", 2023, 2024),
    ("平潭去年比前年多收了多少申请", 2024, 2023),
    ("跟去年比，平潭前年收到的申请少了多少", 2023, 2024),
    ("与前年相比，平潭去年的信息公开申请增加了几件", 2024, 2023),
    ("平潭2021年比2023年少收了多少申请", 2021, 2023),
    ("和2023年比，平潭2021年收到的申请差多少", 2021, 2023),
    ("平潭2021年比2023年收到的申请变了多少", 2021, 2023),
])
def test_compared_years_keep_their_order_and_sign(answerer: Answerer, question: str, subject: int,
                                                  base: int) -> None:
    # 2025: 前年 is 2023 and 去年 is 2024, both held; the year after 比 (or between 跟/与 and 比) is the base.
    answer = ask(answerer, question, today=date(2025, 6, 1))
    assert answer.kind == "difference"
    assert stated(answer)[0] == (subject, pingtan(subject, NEW) - pingtan(base, NEW))
    assert [f.year for f in answer.figures[1:]] == [subject, base]


@pytest.mark.parametrize(("question", "keys"), [
    ("平潭历年直接起诉加复议后起诉哪年最多", (DIRECT, AFTER)),
    ("平潭各年未经复议直接起诉和复议后起诉合计哪一年最多", (DIRECT, AFTER)),
    ("平潭历年行政诉讼哪年最多", (DIRECT, AFTER)),
    ("平潭历年予以公开加上部分公开的申请哪一年最多", (GRANTED, PARTLY)),
])
def test_a_superlative_over_joined_rows_uses_their_sum_each_year(answerer: Answerer, question: str,
                                                                 keys: tuple[str, ...]) -> None:
    answer = ask(answerer, question)
    assert answer.kind == "superlative"
    years = range(2019, 2025)
    sums = {y: pingtan(y, *keys) for y in years}
    assert answer.figures[0].year == max(years, key=lambda y: sums[y])
    # the 2018 report's statistics table prints 行政诉讼数 0 (a figure of its own, in the truth file's prose figures)
    printed_2018 = {(2018, 0)} if "行政诉讼" in question else set()
    assert {(f.year, f.value) for f in answer.figures[1:]} == set(sums.items()) | printed_2018
    assert all(len(f.parts) == len(keys) for f in answer.figures if f.key != "narrative")


def test_a_series_over_joined_rows_lists_the_sum_of_each_year(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2021年到2024年每年予以公开和部分公开合计多少")
    assert answer.kind == "series"
    assert stated(answer) == [(y, pingtan(y, GRANTED, PARTLY)) for y in range(2021, 2025)]


@pytest.mark.parametrize(("question", "year", "key"), [
    ("平潭2022年行政处罚比上一年增加了多少", 2022, PENALTY),
    ("平潭2024年行政处罚决定比上年多了多少件", 2024, PENALTY),
    ("平潭2023年收到的申请增加了多少", 2023, NEW),
    ("平潭2022年行政复议比上一年度减少了几件", 2022, REVIEW),
])
def test_a_change_from_last_year_subtracts_the_previous_report(answerer: Answerer, question: str, year: int,
                                                               key: str) -> None:
    answer = ask(answerer, question)
    assert answer.kind == "difference", "never this year's cell alone"
    assert stated(answer) == [(year, pingtan(year, key) - pingtan(year - 1, key)), (year, pingtan(year, key)),
                              (year - 1, pingtan(year - 1, key))]


@pytest.mark.parametrize(("question", "key"), [
    ("蓟州区2020年行政强制比上一年增减了多少", "active.art20_6|coercion|items_change"),
    ("蓟州区2020年行政处罚事项比上一年增加了多少项", "active.art20_6|penalty|items_change"),
    ("蓟州区2020年行政许可项目比上年是增加还是减少", "active.art20_5|licensing|items_change"),
    ("蓟州区2020年行政许可上一年项目数量增减了多少", "active.art20_5|licensing|items_change"),
    ("蓟州区2020年行政处罚的上年项目到本年增加了几项", "active.art20_6|penalty|items_change"),
    ("蓟州区2020年行政强制的事项比上一年多了几个", "active.art20_6|coercion|items_change"),  # 事项 counted, in 个
])
def test_the_printed_change_of_the_2019_form_when_that_cell_is_asked(answerer: Answerer, question: str,
                                                                     key: str) -> None:
    answer = ask(answerer, question)
    assert answer.kind == "cell" and answer.answer is not None
    assert (answer.answer.key, answer.answer.value, answer.answer.unit) == (key, cell("jizhou-2020", key), "项")


@pytest.mark.parametrize("question", [
    "平潭2022年行政处罚事项本年增减了多少项",  # the 2021 form prints no such column
    "上海市人民政府办公厅2019年行政许可比上一年增加了多少",  # no 2018 report, and the column is not said
])
def test_a_change_no_report_prints_is_not_stated(answerer: Answerer, question: str) -> None:
    assert not stated(ask(answerer, question))


@pytest.mark.parametrize("question", [
    "蓟州区2020年行政处罚决定多少项",
    "平潭2022年行政处罚有多少项",
    "蓟州区2020年上一年行政许可项目有多少件",
    "蓟州区2020年行政强制事项比上一年增加了多少件",
    "天津市蓟州区2020年收到多少项信息公开申请",
    "平潭2021年行政复议有几项",
    "平潭2023年新收的申请是多少块钱",  # money asked of a count
    "蓟州区2020年行政处罚决定多少万元",
])
def test_a_unit_that_contradicts_the_cell_blocks_it(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert not stated(answer)
    assert all(c.figure is None or c.figure.unit not in "件项" or c.figure.unit in question for c in answer.choices)


@pytest.mark.parametrize(("question", "value"), [
    ("蓟州区2020年行政处罚决定多少件", cell("jizhou-2020", PENALTY)),
    ("蓟州区2020年不予公开的那几项加起来是多少", 10),  # 几项 names the rows summed, not the sum's unit
    ("蓟州区2020年行政许可事项的处理决定有多少", cell("jizhou-2020", "active.art20_5|licensing|decisions")),
])
def test_a_unit_that_fits_or_names_the_items_still_answers(answerer: Answerer, question: str, value: int) -> None:
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.value == value


@pytest.mark.parametrize("question", [
    "平潭2019年到2021年一共收到多少申请",
    "平潭2019、2020、2021年收到的申请加起来是多少",
    "平潭从2019年至2021年行政复议合计多少件",
])
def test_a_sum_over_a_missing_year_states_the_parts_not_a_total(gap: Answerer, question: str) -> None:
    answer = ask(gap, question)
    assert answer.kind == "list" and [f.year for f in answer.figures] == [2019, 2021]
    assert all(f.kind == "cell" for f in answer.figures)
    assert any("2020" in n for n in answer.notes) and any("不给出合计" in n for n in answer.notes)
    text = plain_text(answer)
    assert "2020" in text and "相加" not in text


@pytest.mark.parametrize("question", [
    "平潭2019年和2020年分别收到多少申请",
    "平潭2020年和2021年的行政复议各有几件",
])
def test_a_list_names_the_year_not_held(gap: Answerer, question: str) -> None:
    answer = ask(gap, question)
    assert answer.status == "answered" and 2020 not in [f.year for f in answer.figures]
    assert any("没有平潭综合实验区2020年的报告" in n for n in answer.notes)
    assert "2020年的报告" in plain_text(answer)


@pytest.mark.parametrize(("question", "last", "op"), [
    ("平潭2019年到2021年每年收到多少申请", 2021, "series"),
    ("平潭2019至2022年历年行政复议", 2022, "series"),
    ("平潭2019年到2022年哪一年收到的申请最多", 2022, "max"),
])
def test_a_series_over_a_range_stays_within_it_and_names_the_gap(gap: Answerer, question: str, last: int,
                                                                 op: str) -> None:
    answer = ask(gap, question)
    years = [f.year for f in answer.figures]
    assert years and set(years) <= set(range(2019, last + 1)) - {2020}
    assert any("2020" in n for n in answer.notes)
    if op == "max":
        assert answer.order == "max" and answer.figures[0].year == 2022


def test_a_range_with_a_missing_end_is_not_compared(gap: Answerer) -> None:
    answer = ask(gap, "平潭2020年到2022年收到的申请增加了多少")
    assert not stated(answer) and "2020" in answer.reason


@pytest.mark.parametrize("question", [
    "平潭2023年新收的和上年结转的申请加在一起是多少",
    "平潭2023年本年新收申请与上年结转申请合计多少件",  # 与 beside 合计 joins, it does not compare
])
def test_rows_of_context_joined_by_and_are_summed(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    keys = (NEW, "applications|carried_over|total")
    assert answer.status == "answered" and answer.answer is not None
    assert answer.answer.value == pingtan(2023, *keys) and len(answer.answer.parts) == 2


@pytest.mark.parametrize("question", [
    "蓟州2020年不予处理的几种情形分别是多少件",
    "2020年蓟州区不予处理各项各有多少",
])
def test_the_items_of_a_group_asked_each_are_listed_not_summed(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    truth = load_truth(TRUTH / "jizhou-2020.json")["cells"]
    items = {k: v for k, v in truth.items() if k.startswith("applications|not_processed.") and k.endswith("|total")}
    assert answer.status == "answered" and answer.kind == "list"
    assert {f.key: f.value for f in answer.figures} == items


@pytest.mark.parametrize(("turns", "years"), [
    (("平潭2024年予以公开多少件", "比2023年多了多少", "比2021年呢"), (2024, 2021)),
    (("平潭2022年收到多少申请", "和2020年比少了多少", "跟2019年相比呢"), (2022, 2019)),
])
def test_a_followup_naming_another_year_to_compare_with_keeps_the_first(answerer: Answerer,
                                                                      turns: tuple[str, ...],
                                                                      years: tuple[int, int]) -> None:
    chat = f"compare-{turns[0]}"
    answers = [ask(answerer, q, chat) for q in turns]
    key = GRANTED if "公开" in turns[0] else NEW
    last = answers[-1]
    assert last.status == "answered" and last.answer is not None
    assert last.answer.value == pingtan(years[0], key) - pingtan(years[1], key)


@pytest.mark.parametrize(("question", "count"), [
    ("平潭近三年每年收到多少申请", 3),
    ("平潭最近两年行政复议的总计各是多少", 2),
    ("这四年平潭新收的申请分别有多少", 4),
    ("平潭过去两年来收到的申请一共多少", 2),
])
def test_the_latest_years_are_the_latest_reports_held(answerer: Answerer, question: str, count: int) -> None:
    answer = ask(answerer, question)
    held = [2018, 2019, 2020, 2021, 2022, 2023, 2024][-count:]
    key = REVIEW if "复议" in question else NEW
    assert answer.status == "answered" and not answer.understood.unexplained
    if "一共" in question:
        assert answer.answer is not None and answer.answer.value == sum(pingtan(y, key) for y in held)
    else:
        assert sorted(stated(answer)) == [(y, pingtan(y, key)) for y in held]
    assert any("最新" in note for note in answer.notes)


def test_the_latest_years_stay_for_a_followup(answerer: Answerer) -> None:
    first = ask(answerer, "平潭近两年予以公开多少件", "latest-chat")
    then = ask(answerer, "那行政复议呢", "latest-chat")
    assert sorted(stated(first)) == [(y, pingtan(y, GRANTED)) for y in (2023, 2024)]
    assert sorted(stated(then)) == [(y, pingtan(y, REVIEW)) for y in (2023, 2024)]


@pytest.mark.parametrize(("question", "year"), [("洪泽哪年新收的申请多", 2024), ("洪泽哪一年收到的申请少", 2023)])
def test_which_year_more_asks_for_the_most(answerer: Answerer, question: str, year: int) -> None:
    answer = ask(answerer, question)
    assert answer.kind == "superlative" and answer.answer is not None
    assert (answer.answer.year, answer.answer.value) == (year, cell(f"hongze-{year}", NEW))


@pytest.mark.parametrize("then", ["行政处罚呢", "那行政强制的呢"])
def test_the_printed_change_asked_stays_for_a_followup_naming_another_row(answerer: Answerer, then: str) -> None:
    first = ask(answerer, "蓟州2020年行政许可本年增减是多少", "printed-change-" + then)
    answer = ask(answerer, then, "printed-change-" + then)
    row = "penalty" if "处罚" in then else "coercion"
    key = f"active.art20_6|{row}|items_change"
    assert first.answer is not None and first.answer.key == "active.art20_5|licensing|items_change"
    assert answer.answer is not None and (answer.answer.key, answer.answer.value) == (key, cell("jizhou-2020", key))
