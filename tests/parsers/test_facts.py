"""Figures stated in the prose: printed digits with their units, and counts stated as none."""

from __future__ import annotations

import pytest

from parsers.facts import facts_from_sections
from parsers.pipeline import parse_file
from parsers.records import Section
from tests.conftest import CORPUS


def _facts(text: str) -> list[tuple[str, float | int, str]]:
    return [(f.text, f.value, f.unit) for f in facts_from_sections([Section("六、其他需要报告的事项", "六", text)])]


def test_a_printed_sum_of_money_is_a_figure() -> None:
    assert _facts("全县行政机关收取信息处理费共计380元。") == [("全县行政机关收取信息处理费共计380元", 380, "元")]
    assert _facts("全年收取政府信息公开信息处理费 0 元。")[0][1:] == (0, "元")


@pytest.mark.parametrize("text", ["2023年，无收取信息处理费情况。", "2024年，市科委未发生政府信息公开收费事项。",
                                  "本机关未收取任何费用。"])
def test_no_sum_of_money_is_read_from_words(text: str) -> None:
    """无收取信息处理费 says no fee was charged; 0元 is printed nowhere, so no figure is made of it."""
    assert _facts(text) == []


def test_a_count_stated_as_none_is_a_zero() -> None:
    assert _facts("2018年未收到有关政府信息公开申请。") == [("2018年未收到有关政府信息公开申请", 0, "件")]


def test_the_corpus_fee_sentences_give_no_unprinted_zero() -> None:
    report = parse_file(CORPUS / "pingtan-2023.txt")
    assert not [f for f in report.facts if "处理费" in f.text]
    printed = parse_file(CORPUS / "hongze-2023.pdf")
    assert [(f.value, f.unit) for f in printed.facts if "处理费" in f.text] == [(0, "元")]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("其中热线电话11通。", 11, "通"), ("推进3轮督促整改工作。", 3, "轮"), ("完成360类电子证照梳理。", 360, "类"),
])
def test_a_count_in_any_measure_word_of_the_dictionary_is_a_figure(text: str, value: int, unit: str) -> None:
    assert [f[1:] for f in _facts(text)] == [(value, unit)]


@pytest.mark.parametrize("text", ["管委会大楼主楼14层。", "岚综管办〔2020〕80号。", "2020年全年。", "2020-01-31本年度报告。",
                                  "全年阅读量约405万。"])
def test_a_number_that_names_a_date_a_place_or_an_item_is_no_count(text: str) -> None:
    assert _facts(text) == []


def test_a_list_of_counts_in_any_measure_word_is_split_into_its_items() -> None:
    facts = _facts("全年累计整改不规范描述22处、失效链接43处、各类错误信息83处。")
    assert [(text, value) for text, value, _ in facts[1:]] == [("失效链接43处", 43), ("各类错误信息83处", 83)]
    assert _facts("2020年、2021年分别公开12条。") == [("2020年、2021年分别公开12条", 12, "条")]
