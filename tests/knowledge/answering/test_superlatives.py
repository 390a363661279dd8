"""Which year had the most or the least: over a range one year opens (2021年以来), over the years a count names
(两年里), and the figure of "that year" the superlative finds (最多的那一年). Expected figures come from the truth
files."""

from __future__ import annotations

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import TRUTH, load_truth
from tests.knowledge.answering.chats import NEW, ask

LICENSING = "active.art20_5|licensing|decisions"


def _pingtan(key: str, since: int) -> dict[int, int]:
    """平潭's printed value of `key` in each report from `since` on that prints it."""
    out = {}
    for path in sorted(TRUTH.glob("pingtan-*.json")):
        truth = load_truth(path)
        value = truth["cells"].get(key)
        uncertain = {entry["key"] for entry in truth.get("uncertain", [])}
        if truth["year"] >= since and isinstance(value, int) and key not in uncertain:
            out[truth["year"]] = value
    assert len(out) >= 3
    return out


@pytest.mark.parametrize(("question", "key", "since", "pick"), [
    ("平潭自2021年以来哪一年行政许可决定最多", LICENSING, 2021, max),
    ("平潭2022年起哪年新收的信息公开申请最少", NEW, 2022, min),
    ("平潭2020年之后收到申请最多的是哪年", NEW, 2021, max),  # 之后: after 2020
])
def test_a_year_with_since_ranges_to_the_latest_report(answerer: Answerer, question: str, key: str, since: int,
                                                       pick) -> None:
    values = _pingtan(key, since)
    year = pick(values, key=values.__getitem__)
    answer = ask(answerer, question)
    assert answer.kind == "superlative" and answer.answer is not None
    assert (answer.answer.year, answer.answer.value) == (year, values[year])
    assert not any("没有" in note and "2025" in note for note in answer.notes)  # no year past the reports named


@pytest.mark.parametrize("question", ["平潭历年收到申请最多的那一年收到多少件", "平潭哪年新收申请最多，那年是多少件"])
def test_that_year_after_a_superlative_is_the_year_it_finds(answerer: Answerer, question: str) -> None:
    values = _pingtan(NEW, 2000)
    year = max(values, key=values.__getitem__)
    answer = ask(answerer, question)
    assert answer.answer is not None and (answer.answer.year, answer.answer.value) == (year, values[year])


def test_a_count_of_years_said_as_a_stretch_is_the_latest_years(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭三年里哪一年行政许可决定最少")
    values = {y: v for y, v in _pingtan(LICENSING, 2000).items() if y >= max(_pingtan(LICENSING, 2000)) - 2}
    year = min(values, key=values.__getitem__)
    assert answer.answer is not None and (answer.answer.year, answer.answer.value) == (year, values[year])


@pytest.mark.parametrize("question", ["平潭2021到2023年收到申请最多的那一年予以公开了多少件",
                                      "平潭行政复议结果维持最多的那年结果纠正有多少"])
def test_another_figure_of_the_superlatives_year_is_not_read_as_one_question(answerer: Answerer,
                                                                              question: str) -> None:
    # two steps (which year, then another figure of it): never the superlative of the second figure
    answer = ask(answerer, question)
    assert answer.status != "answered" and not answer.figures


def test_a_year_after_another_starts_the_year_after(answerer: Answerer) -> None:
    values = _pingtan(NEW, 2021)
    answer = ask(answerer, "平潭2020年之后一共收到多少申请")
    assert answer.answer is not None and answer.answer.value == sum(values.values())


def test_carried_over_applications_of_an_open_range_are_each_years(answerer: Answerer) -> None:
    values = _pingtan("applications|carried_over|total", 2022)
    answer = ask(answerer, "平潭2022年以来上年结转的申请一共多少件")
    assert answer.answer is not None and answer.answer.value == sum(values.values())
    assert {p.year for p in answer.answer.parts} == set(values)


def test_a_series_of_a_suits_figure_takes_no_prose_of_other_things(answerer: Answerer) -> None:
    # the 2018 report prints no suits table; a sentence that only says 公开 (30多个区直单位…) is not its figure
    values = _pingtan("review_litigation|count|litigation_direct.total", 2000)
    answer = ask(answerer, "平潭哪一年因为信息公开被直接起诉的最多")
    year = max(values, key=values.__getitem__)
    assert answer.answer is not None and (answer.answer.year, answer.answer.value) == (year, values[year])
    assert all(f.key != "narrative" for f in answer.figures)



def test_that_year_of_a_superlative_between_two_years_named_is_the_year_it_finds(answerer: Answerer) -> None:
    values = {y: load_truth(TRUTH / f"hongze-{y}.json")["cells"][NEW] for y in (2023, 2024)}
    year = max(values, key=values.__getitem__)
    answer = ask(answerer, "洪泽区23年和24年哪年收到的申请多，多的那年是多少件")
    assert answer.answer is not None and (answer.answer.year, answer.answer.value) == (year, values[year])
