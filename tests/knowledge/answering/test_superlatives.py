"""Which year had the most or the least: over a range one year opens (2021年以来), over the years a count names
(两年里), and the figure of "that year" the superlative finds (最多的那一年). Expected figures come from the truth
files."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import TRUTH, load_truth, service_over
from tests.knowledge.answering.chats import NEW, ask

LICENSING = "active.art20_5|licensing|decisions"


@pytest.fixture(scope="module")
def answerer(corpus_db: Path) -> Answerer:
    return service_over(corpus_db).answerer


def _pingtan(key: str, since: int) -> dict[int, int]:
    """平潭's printed value of `key` in each report from `since` on that prints it."""
    out = {}
    for path in sorted(TRUTH.glob("pingtan-*.json")):
        truth = load_truth(path)
        value = truth["cells"].get(key)
        if truth["year"] >= since and isinstance(value, int) and key not in truth.get("uncertain", []):
            out[truth["year"]] = value
    assert len(out) >= 3
    return out


@pytest.mark.parametrize(("question", "key", "since", "pick"), [
    ("平潭自2021年以来哪一年行政许可决定最多", LICENSING, 2021, max),
    ("平潭2022年起哪年新收的信息公开申请最少", NEW, 2022, min),
    ("平潭2020年之后收到申请最多的是哪年", NEW, 2020, max),
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
