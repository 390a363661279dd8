"""The asker's own words (who asks, why) are set aside and said so; a word of what is asked never is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import service_over

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("s") / "state.db").answerer


@pytest.mark.parametrize(("question", "key"), [
    ("我是记者，想问洪泽区2024年行政复议有几件", "review_litigation|count|review.total"),
    ("本人是律师，平潭2023年新收申请多少件", "applications|new_received|total"),  # 律师: who asks, no applicant
    ("洪泽区2023年新收申请多少件，我们单位要写总结", "applications|new_received|total"),
    ("想核对一下蓟州区2020年的行政处罚决定数量", "active.art20_6|penalty|decisions"),
    ("做材料用：测试市2025年予以公开多少件", "applications|granted|total"),
    ("对照平潭2022年年报，规章本年制发多少件", "active.art20_1|rules|issued"),
    ("您好，我是一名律师，平时关注政务公开。洪泽区2023年行政复议有几件？", "review_litigation|count|review.total"),
    ("我在写关于政府信息公开的文章，想引用平潭2023年报告里的数字：新收申请多少件", "applications|new_received|total"),
    # who asks, ending in a word of asking: 律师 and 企业 are the asker, no applicant asked
    ("搞装修的想问问，洪泽区2023年行政处罚决定多少件", "active.art20_6|penalty|decisions"),
    ("律师请教：平潭2022年行政复议总计多少件", "review_litigation|count|review.total"),
    ("企业老板想了解下，蓟州区2020年行政许可处理决定多少件", "active.art20_5|licensing|decisions"),
    ("帮读者转个问题：测试市2025年部分公开多少件", "applications|partially_granted|total"),
    # what the asker did, and greetings and thanks around the question
    ("我打过信息公开的官司，平潭2023年行政复议有几件", "review_litigation|count|review.total"),
    ("尊敬的领导您好，洪泽区2024年新收申请多少件？先谢谢您的答复。", "applications|new_received|total"),
    ("平潭2021年予以公开的有多少件？给您添麻烦了。", "applications|granted|total"),
    # the line checked, the asker's hurry or curiosity, what is not meant said after the question
    ("洪泽区2024年行政复议几件 能听到吗 我说的是行政复议", "review_litigation|count|review.total"),
    # the asker's story beside the asking clause, and what goes on with it; a judging of the figure to come
    ("我邻居之前跟洪泽那边有过纠纷，想问问2023年洪泽行政复议有几件", "review_litigation|count|review.total"),
    ("平潭2022年予以公开的有多少件，我也交过一份申请", "applications|granted|total"),
    ("我家里人申请过信息公开，但是一直没回音，平潭2023年行政复议有几件", "review_litigation|count|review.total"),
    ("测试市2025年行政许可决定有多少件 是不是挺多的", "active.art20_5|licensing|decisions"),
    ("洪泽区2024年行政复议几件 我那个案子好像还没结果", "review_litigation|count|review.total"),
    # the asker's words from a first person to a word of asking right before the body, in one clause
    ("我在写一份小报告想问下洪泽区2024年行政复议有几件", "review_litigation|count|review.total"),
    ("我们公司想了解平潭2023年新收申请多少件", "applications|new_received|total"),  # 公司: the asker's own
])
def test_the_askers_own_words_are_set_aside_and_said(answerer: Answerer, question: str, key: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.key == key
    assert answer.understood.set_aside and any(n.startswith("按“") for n in answer.notes)


@pytest.mark.parametrize(("question", "key"), [
    ("蓟州区2020年行政处罚决定多少件 急用", "active.art20_6|penalty|decisions"),  # the asker's hurry
    ("平潭2023年行政诉讼几件，不是复议哈", "review_litigation|count|litigation"),  # what is not meant
])
def test_words_about_the_asking_change_nothing(answerer: Answerer, question: str, key: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.key.startswith(key)
    assert "|review." not in answer.answer.key




@pytest.mark.parametrize(("question", "key"), [
    ("律师，平潭2024年申请了多少", "applications|new_received|legal_services"),  # no 我是: the lawyers asked of
    # a word of wanting to know takes what is asked: 行政复议 is the group asked, not the asker's
    ("我想知道行政复议的情况，平潭2023年纠正了几件", "review_litigation|count|review.corrected"),
])
def test_a_word_of_what_is_asked_is_never_the_askers(answerer: Answerer, question: str, key: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.answer is not None and answer.answer.key == key


@pytest.mark.parametrize("question", ["撤回平潭2023年的申请有几件", "退回的洪泽区2023年申请有几件"])
def test_a_verb_of_what_is_asked_before_the_body_still_blocks(answerer: Answerer, question: str) -> None:
    assert not answerer.ask(question, today=TODAY).figures


@pytest.mark.parametrize(("question", "key"), [
    ("洪泽区2024年行政处罚…哦不对，我要问的是行政强制决定多少件", "active.art20_6|coercion|decisions"),
    ("蓟州区2020年予以公开的，不是，是部分公开的几件", "applications|partially_granted|total"),
    ("平潭2022年行政复议，说错了，行政诉讼有几件", "review_litigation|count|litigation"),
    ("洪泽区2024年予以公开多少件 哦不 我要问的是部分公开", "applications|partially_granted|total"),
])
def test_what_the_asker_takes_back_is_not_asked(answerer: Answerer, question: str, key: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.answer is not None and answer.answer.key.startswith(key)
    assert any(n.startswith("按“") for n in answer.notes)


def test_saying_not_what_is_asked_takes_nothing_back(answerer: Answerer) -> None:
    # 不是 of what the question asks contradicts it: no figure
    assert not answerer.ask("平潭2022年行政复议几件，不是行政复议", today=TODAY).figures


def test_a_negation_with_nothing_said_before_it_is_no_correction(answerer: Answerer) -> None:
    assert not answerer.ask("洪泽区2023年不是，不予公开的有几件", today=TODAY).figures


@pytest.mark.parametrize(("question", "key", "kept"), [
    # a correction takes back only what the words after it replace: 予以公开 and 维持 stay asked
    ("上海市人民政府办公厅2019年自然人予以公开多少，不对，商业企业", "applications|granted|commercial", "commercial"),
    ("上海市人民政府办公厅2019年行政复议维持多少，不对，是行政诉讼", "review_litigation|count|litigation", "upheld"),
])
def test_a_correction_replaces_only_the_part_it_names(answerer: Answerer, question: str, key: str,
                                                      kept: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.answer is not None and answer.answer.key.startswith(key)
    assert kept in answer.answer.key


def test_a_year_taken_back_is_not_asked(answerer: Answerer) -> None:
    answer = answerer.ask("平潭2023年，哦不对，2022年，新收申请多少", today=TODAY)
    assert {f.year for f in answer.figures} == {2022}


@pytest.mark.parametrize("question", [
    "平潭2023年收到的申请里，我们不予公开多少",  # 我们 + a row: the row is asked, not the asker's
    "网络诉求：平潭2019年收到几件",  # a noun before the colon is what is asked
])
def test_what_is_asked_beside_the_askers_words_is_kept(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.answer is None or answer.answer.key != "applications|new_received|total"
