"""The years a question names, and which of them is the report's when it names the report and a year inside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.normalize import normalize
from knowledge.understanding.segment import segment
from knowledge.understanding.years import last_years, open_range, report_year, year_range, years_named
from tests.conftest import service_over

TODAY = date(2026, 11, 28)


def _report_year(question: str) -> int | None:
    spans = segment(normalize(question), [])
    year_at, _ = years_named(spans, TODAY)
    found = report_year(spans, year_at)
    return found[1] if found else None


@pytest.mark.parametrize(("question", "year"), [
    ("2023年报五、存在的主要问题及改进情况里，2024年打算采取哪些改进措施", 2023),
    ("2021年报告里说2022年准备怎么改进", 2021),
    ("2019年度报告中，2020年的工作计划是什么", 2019),
    ("去年的报告里今年打算做什么", 2025),
])
def test_the_year_before_the_report_word_is_the_reports(question: str, year: int) -> None:
    assert _report_year(question) == year


@pytest.mark.parametrize("question", [
    "2023年报里有哪些改进措施",  # one year: nothing to tell apart
    "2023年和2024年报告里的改进措施",  # two reports, joined
    "2023年报和2024年报的问题分别是什么",  # each year names a report
    "2024年打算采取的措施，2023年报告里怎么说",  # the report's year is not the first named
])
def test_no_report_year_is_singled_out(question: str) -> None:
    assert _report_year(question) is None


def test_a_range_of_years_is_its_ends() -> None:
    spans = segment(normalize("2019年到2021年收到多少申请"), [])
    year_at, bad = years_named(spans, TODAY)
    assert year_range(spans, year_at) == (2019, 2021) and not bad


@pytest.mark.parametrize(("question", "year"), [
    ("两年前收到多少申请", 2024), ("3年前的行政复议", 2023), ("一年以前公开了几件", 2025), ("十年前的报告", 2016),
])
def test_years_ago_count_back_from_today(question: str, year: int) -> None:
    year_at, bad = years_named(segment(normalize(question), []), TODAY)
    assert [y for _, y in year_at] == [year] and not bad


@pytest.mark.parametrize(("question", "count"), [
    ("近三年收到多少申请", 3), ("最近两年的行政复议", 2), ("这两年一共多少", 2), ("过去两年来公开了几件", 2),
    ("两年的报告里哪年多", 0), ("三年前收到多少", 0), ("两年里哪年收得多", 2), ("三年来一共多少", 3),
])
def test_the_latest_years_are_a_count_with_a_word_of_nearness(question: str, count: int) -> None:
    assert last_years(segment(normalize(question), []))[0] == count


@pytest.mark.parametrize(("question", "years"), [
    ("2023年比两年前多收了多少", [2023, 2021]), ("三年前和2024年比哪年多", [2021, 2024]),
])
def test_years_ago_beside_a_year_named_count_back_from_it(question: str, years: list[int]) -> None:
    year_at, _ = years_named(segment(normalize(question), []), TODAY)
    assert [y for _, y in year_at] == years


@pytest.mark.parametrize(("question", "first"), [
    ("2021年以来哪年最多", 2021), ("2022年起每年收到多少", 2022), ("2020年至今的行政复议", 2020),
    ("2019年之后哪年最少", 2020), ("2023年开始收到的申请", 2023), ("2021年到现在哪年最多", 2021),
])
def test_one_year_with_since_opens_a_range_to_this_year(question: str, first: int) -> None:
    spans = segment(normalize(question), [])
    year_at, _ = years_named(spans, TODAY)
    ends, since = open_range(spans, year_at, TODAY)
    assert ends == (first, TODAY.year) and since
    assert "".join(spans[i].text for i in sorted(since)) in {"以来", "起", "至今", "之后", "开始", "到现在"}


@pytest.mark.parametrize("question", ["2021年起诉的有几件", "2021年收到多少申请", "2019年到2021年以来", "2030年以来",
                                      "2023年开始的时候有多少上年结转的"])
def test_a_year_without_since_opens_no_range(question: str) -> None:
    spans = segment(normalize(question), [])
    year_at, _ = years_named(spans, TODAY)
    assert open_range(spans, year_at, TODAY) == ((), frozenset())


@pytest.mark.parametrize(("question", "ends"), [
    ("平潭21到24年哪年最多", (2021, 2024)), ("二一至二三年收到多少", (2021, 2023)), ("21-23年的行政复议", (2021, 2023)),
])
def test_a_range_of_two_digit_years_is_of_this_century(question: str, ends: tuple[int, int]) -> None:
    spans = segment(normalize(question), [])
    year_at, _ = years_named(spans, TODAY)
    assert year_range(spans, year_at) == ends


@pytest.mark.parametrize(("question", "years"), [("平潭22和23年一共收到多少申请", [2022, 2023]),
                                               ("二二、二三年的行政复议", [2022, 2023])])
def test_two_digit_years_joined_are_each_a_year(question: str, years: list[int]) -> None:
    year_at, _ = years_named(segment(normalize(question), []), TODAY)
    assert [y for _, y in year_at] == years


@pytest.mark.parametrize("text", ["收到21件", "第21-24页", "21到24个", "收到22和23件"])
def test_two_digit_numbers_that_are_no_years_stay(text: str) -> None:
    assert normalize(text) == text


@pytest.fixture(scope="module")
def short_answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("y") / "state.db").answerer


@pytest.mark.parametrize(("question", "years"), [
    ("洪泽24复议几件", [2024]),  # two digits right after the body's name
    ("平潭21到24这几年 行政处罚决定哪年最多", [2021, 2022, 2023, 2024]),  # and after such a year and 到
])
def test_two_digits_after_the_body_are_a_year_typed_short(short_answerer: Answerer, question: str,
                                                         years: list[int]) -> None:
    answer = short_answerer.ask(question, today=TODAY)
    assert answer.status == "answered" and sorted({f.year for f in answer.figures}) == years
    assert any("按“20" in n for n in answer.notes) or len(years) > 1


def test_two_digits_with_a_measure_word_are_a_count(short_answerer: Answerer) -> None:
    assert short_answerer.ask("洪泽24件复议", today=TODAY).status != "answered"
