"""Rates: a rate a report's prose prints under its own name is quoted as printed; none is ever computed, and a
share (占比) of two figures is never taken from a sentence. Expected figures come from the truth files."""

from __future__ import annotations

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import TRUTH, load_truth
from tests.knowledge.answering.chats import ask


def _printed_rates() -> list[tuple[str, int, str, float]]:
    """(issuer, year, the sentence, the rate) of every rate in % that a truth file lists among a report's prose
    figures under a name ending in 率."""
    out = []
    for path in sorted(TRUTH.glob("*.json")):
        truth = load_truth(path)
        out += [(truth["issuer"], truth["year"], fact["text"], fact["value"]) for fact in truth.get("narrative", [])
                if fact.get("unit") == "%" and "率" in fact["text"]]
    return out


RATES = _printed_rates()


def _name(sentence: str) -> str:
    """The rate's name: the four characters before 率 and 率 (主动公开率 of …公文主动公开率达90.2%)."""
    at = sentence.index("率")
    return sentence[at - 4:at + 1]


@pytest.mark.parametrize(("issuer", "year", "sentence", "value"), RATES)
def test_a_rate_printed_in_prose_is_quoted(answerer: Answerer, issuer: str, year: int, sentence: str,
                                           value: float) -> None:
    answer = ask(answerer, f"{issuer}{year}年的{_name(sentence)}是多少")
    assert answer.status == "answered" and answer.answer is not None and answer.answer.value == value
    assert answer.answer.key == "narrative" and answer.answer.unit == "%"


@pytest.mark.parametrize(("issuer", "year", "sentence", "value"), RATES)
def test_a_rate_of_another_name_is_not_that_rate(answerer: Answerer, issuer: str, year: int, sentence: str,
                                                 value: float) -> None:
    for other in ("办结率", "纠错率", "答复率"):
        answer = ask(answerer, f"{issuer}{year}年的{other}是多少")
        assert answer.status == "not_found" and not answer.figures, other


def test_the_corpus_prints_a_rate_in_prose() -> None:
    assert RATES, "the corpus's truth files list no rate printed in prose"


@pytest.mark.parametrize("question", ["平潭2020年政府信息公开率是多少", "上海市政府办公厅2019年政务公开率"])
def test_a_rate_printed_under_a_narrower_name_is_not_the_rate_asked(answerer: Answerer, question: str) -> None:
    # 预决算信息公开率 and 公文主动公开率 are printed; 政府信息公开率 and 政务公开率 are not
    answer = ask(answerer, question)
    assert answer.status == "not_found" and not answer.figures


@pytest.mark.parametrize("question", ["平潭2024年收到申请多少倍", "平潭2024年收到的申请是2023年的多少倍",
                                      "洪泽区2024年申请量是上年结转的几倍",
                                      "平潭2024年行政复议纠正了多少成"])
def test_a_multiple_or_a_share_in_tenths_is_not_a_count(answerer: Answerer, question: str) -> None:
    # never one count stated as if it were the multiple (the two years' figures side by side may be shown)
    answer = ask(answerer, question)
    assert answer.status != "answered" or answer.kind in ("list", "difference"), (question, answer.figures)


@pytest.mark.parametrize("question", ["平潭2020年公开率多少", "平潭2020年办结率多少"])
def test_a_rate_named_by_one_word_names_no_one_rate(answerer: Answerer, question: str) -> None:
    # 2020 prints 预决算信息公开率 and 问政平潭's 办结率: neither is the rate of this one word
    assert not ask(answerer, question).figures

