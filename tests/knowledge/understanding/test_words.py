"""Word classes from jieba's dictionary: which unknown words carry meaning a reading must explain."""

from __future__ import annotations

import pytest

from knowledge.understanding.words import implied_chars, marked, weight


@pytest.mark.parametrize("word", ["交了", "他们", "但是", "又", "几张", "几轮", "几通", "查下", "吧", "那种", "这类",
                                  "通过", "按照", "关于"])  # a preposition says how or of what
def test_words_without_meaning_are_light(word: str) -> None:
    assert weight(word, implied_chars("applications")) == "light"


@pytest.mark.parametrize("word", ["撤回", "评估得分", "满意度", "预算", "上半年", "第三季度", "每月", "三个", "及时",
                                  "按时", "当面", "人员", "不满", "主动", "赔", "哪一步"])
def test_words_with_meaning_are_heavy(word: str) -> None:
    assert weight(word, implied_chars("applications")) == "heavy"


def test_a_verb_is_light_only_where_the_concept_implies_it() -> None:
    assert weight("判", implied_chars("review_litigation")) == "light"  # 没判 / 判了
    assert weight("判", implied_chars("active")) == "heavy"


def test_a_slip_never_changes_a_numeral_or_a_negation() -> None:
    assert marked("三个部门", "哪个部门") and marked("不予处理", "予以处理")
    assert not marked("申清", "申请")
    # 半 / 两 are numerals only before a measure or at the end: 半年 and 两个 stay marked, 半理 is a slip
    assert marked("半年", "办年") and marked("两个", "俩个") and marked("继续办半", "继续办办")
    assert not marked("继续半理", "继续办理")


def test_the_form_headings_do_not_make_another_tables_characters_implied() -> None:
    # Regression: the heading 政府信息公开行政复议、行政诉讼情况 (a topic word) made 诉 a character every question
    # shares, so 诉求 read as a verb of the applications table: 平潭2019年受理群众诉求多少起 answered 23 (自然人).
    assert "诉" not in implied_chars("applications")
