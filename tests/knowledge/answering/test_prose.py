"""Prose figures: a text's character pairs are looked for in the text instead of being made (prose.holds); a
word printed right before another figure of an enumeration names that figure; a word of no meaning inside a word
asked (他们 of 关注他们公众号) is not required of the sentence. Expected figures come from the truth files."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.answering.answerer import Answerer
from knowledge.answering.prose import bigrams, explains, holds
from tests.conftest import CORPUS, TRUTH, load_truth
from tests.knowledge.answering.chats import ask

# Word characters and others, upper case and the characters lowering lengthens (İ) among them.
_TEXT = st.text(alphabet="平潭申请公开aAbZ09İ，、 “”\n-", max_size=12)


@given(_TEXT, _TEXT)
def test_a_gram_is_held_exactly_when_it_is_among_the_pairs(text: str, other: str) -> None:
    grams = bigrams(text)
    for gram in bigrams(other) | grams:
        assert holds(text.lower(), gram) == (gram in grams)


def test_a_lone_character_is_held_only_alone() -> None:
    assert holds("其中 a 件", "a") and holds("平，潭", "潭")
    assert not holds("平潭", "潭") and not holds("ab", "a")


def _fact(report: str, words: str) -> dict:
    return next(f for f in load_truth(TRUTH / f"{report}.json")["narrative"] if words in f["text"])


def test_a_word_before_an_earlier_figure_of_an_enumeration_names_that_figure(answerer: Answerer) -> None:
    # 民意征集53期、网上调查51期: 民意征集 with 网上 is never the 51 of 网上调查
    first, second = _fact("pingtan-2024", "民意征集"), _fact("pingtan-2024", "网上调查")
    for question in ("平潭2024年网上民意征集几期", "平潭2024年的网上民意征集有多少期"):
        assert all(f.value != second["value"] for f in ask(answerer, question).figures), question
    answer = ask(answerer, "平潭2024年网上调查开展了多少期")
    assert answer.answer is not None and answer.answer.value == second["value"] != first["value"]


def test_a_word_before_a_figure_in_another_unit_stays_the_sentences_topic(answerer: Answerer) -> None:
    # 微博29个，共发布信息1992条: 微博 is the topic of the posts too
    fact = _fact("pingtan-2018", "1992")
    answer = ask(answerer, "平潭2018年政务微博发布信息多少条")
    assert answer.answer is not None and answer.answer.value == fact["value"]


@pytest.mark.parametrize("light", ["他们", "我们", "这个"])
def test_a_word_of_no_meaning_inside_a_word_asked_is_not_required(answerer: Answerer, light: str) -> None:
    fact = _fact("kewei-2024", "关注人数")
    answer = ask(answerer, f"科委2024年关注{light}公众号的人有多少")
    assert answer.answer is not None and answer.answer.value == fact["value"]


def test_what_a_report_says_of_itself_is_no_figure(answerer: Answerer) -> None:
    # 本报告共分6个部分: a count of the report's own parts
    answer = ask(answerer, "平潭2024年部分没公开的多少件")
    assert all(f.key != "narrative" for f in answer.figures)


def test_a_word_of_a_parallel_clause_before_the_figure_is_not_the_figures(answerer: Answerer) -> None:
    # 对无人维护…的政务新媒体进行关停，对全区现存的33个政务新媒体加强…监管: 33 were supervised, not shut
    assert not ask(answerer, "平潭2022年政务新媒体关停了几个").figures
    answer = ask(answerer, "平潭2022年现存的政务新媒体有几个")
    assert answer.answer is not None and answer.answer.value == _fact("pingtan-2022", "现存的")["value"]


def test_a_word_only_among_the_examples_of_a_list_is_not_the_figures(answerer: Answerer) -> None:
    # 综合运用图文图表、在线访谈、H5等形式…全年发布政策解读117篇: 117 counts interpretations, not 在线访谈
    assert not ask(answerer, "平潭2023年在线访谈做了多少").figures
    answer = ask(answerer, "平潭2024年在线访谈做了多少期")
    assert answer.answer is not None and answer.answer.value == _fact("pingtan-2024", "在线访谈")["value"]


def test_an_act_printed_only_in_another_clause_is_not_the_figures(answerer: Answerer) -> None:
    # 坚持“集约开设、及时注销”的原则，…对全区现存的33个政务新媒体加强监管: none were counted as closed
    assert not ask(answerer, "平潭2022年注销了几个政务新媒体").figures


@pytest.mark.parametrize("example", ["在线访谈解读", "H5解读"])
def test_an_example_of_a_list_inside_a_longer_word_is_not_the_figures(answerer: Answerer, example: str) -> None:
    assert not ask(answerer, f"平潭2023年{example}多少篇").figures


def test_a_part_that_alone_prints_the_words_asked_is_not_the_whole(answerer: Answerer) -> None:
    # 2019: 共公布政府信息2599条 … 其他应主动公开政府信息856条: 856 is a part of what 主动公开 asks
    part = _fact("pingtan-2019", "其他应主动公开")["value"]
    assert all(f.value != part for f in ask(answerer, "平潭2019年主动公开政府信息多少条").figures)



@pytest.mark.parametrize(("question", "report", "words"), [
    ("平潭2021年涉及老百姓切身利益的重要政策文件解读了多少项", "pingtan-2021", "切身利益"),  # 老百姓: 群众 printed
    ("洪泽区2023年政府网站平台上主动发了几条政府信息", "hongze-2023", "网站平台"),  # 发: one character alone
])
def test_a_concept_word_stands_in_the_fact_by_another_word_of_its_concept(answerer: Answerer, question: str,
                                                                           report: str, words: str) -> None:
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.value == _fact(report, words)["value"]


@pytest.mark.parametrize("question", ["平潭2021年涉及企业切身利益的重要政策文件解读了多少项",
                                      "平潭2018年12345平台上企业投诉的件数有多少"])
def test_a_concept_word_the_fact_does_not_print_in_any_of_its_words_blocks_it(answerer: Answerer,
                                                                              question: str) -> None:
    # the sentences speak of 群众 and 网民, never of enterprises
    assert ask(answerer, question).figures == ()


def test_a_gazette_is_what_the_report_tells_of_not_the_report_itself(answerer: Answerer) -> None:
    # 政府公报 is the government's gazette, a thing the report counts: never a word for the report
    answer = ask(answerer, "上海市政府办公厅2019年政府公报一共出了几期")
    assert answer.answer is not None and answer.answer.value == _fact("shanghai-office-2019", "公报")["value"]


def _printed(report: str, pattern: str) -> int:
    """A count as the report's text prints it (`pattern` holds one group of digits)."""
    found = re.search(pattern, (CORPUS / f"{report}.txt").read_text(encoding="utf-8"))
    assert found is not None
    return int(found.group(1))


@pytest.mark.parametrize(("question", "report", "pattern"), [
    # a measure word the lexicon lacks is the unit asked; 热线电话 names the part after 其中; 环保 shortens 环境保护
    ("平潭2019年热线电话有几通", "pingtan-2019", r"其中热线电话(\d+)通"),
    ("平潭2019年环保问题老百姓打热线电话来问的有几通", "pingtan-2019", r"其中热线电话(\d+)通"),
    # 几轮 asks a count: never the section that 整改 names
    ("平潭2022年督促整改一共推进了几轮", "pingtan-2022", r"推进(\d+)轮督促整改"),
    # 梳理出 governs every count of its list; 区直部门 tells the item asked from the 片区's
    ("平潭2020年梳理出来的区直部门权责清单一共多少项", "pingtan-2020", r"区直部门权责清单项共(\d+)项"),
    # 和 ends the 145's words: 区级执法事项 is the 145's, 税务所 the 109's
    ("2020年蓟州税务领域区级执法事项梳理了多少项", "jizhou-2020", r"税务领域(\d+)项区级执法事项"),
    ("2020年蓟州梳理了多少个税务所执法事项", "jizhou-2020", r"和(\d+)个税务所执法事项"),
    # two examples of one list asked together name the list itself (稳岗就业、生态环境…等重点民生领域)
    ("平潭2023年生态环境、公共安全等重点民生领域公开信息多少条", "pingtan-2023", r"重点民生领域的信息公开，公开信息(\d+)条"),
    # a preposition in a run of unknown words names nothing the sentence must print (通过)
    ("沭阳2025年通过办前沟通化解争议纠纷多少件", "shuyang-2025", r"争议纠纷 (\d+) 件"),
    # the report's main text (正文) says where, not what
    ("平潭2023年正文中集中发布的现行有效行政规范性文件有多少件", "pingtan-2023", r"集中发布现行有效行政规范性文件(\d+)件"),
])
def test_prose_counts_asked_in_everyday_words(answerer: Answerer, question: str, report: str, pattern: str) -> None:
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.value == _printed(report, pattern)


def test_one_item_of_a_list_after_qizhong_is_not_named_by_the_lists_words(answerer: Answerer) -> None:
    # 其中1条播放量破亿、2条破千万、49条破百万: 播放量 is the list's, and 千万 the 2's, never the 49's
    assert all(f.value != 49 for f in ask(answerer, "沭阳县2025年播放量过千万的爆款有几条").figures)


def test_a_count_asked_in_one_unit_is_never_a_figure_in_another(answerer: Answerer) -> None:
    # 网络诉求3件 beside 热线电话11通: calls asked, never 件
    assert all(f.unit == "通" for f in ask(answerer, "平潭2019年老百姓打电话问环保的有几通").figures)


def test_a_shortening_takes_the_heads_of_one_dictionary_word() -> None:
    assert explains("环保", "加强环境保护工作", "加强环境保护工作") and explains("国资", "国有资产监管", "国有资产监管")
    assert not explains("公报", "公开报道", "公开报道")  # 公开 + 报道: two words, no shortening of either


@pytest.mark.parametrize(("question", "report", "pattern"), [
    # 关掉 is what 关停 does; the figure's own clause prints the stem in a verb of the dictionary
    ("平潭2024年关掉了几个政务新媒体", "pingtan-2024", r"对(\d+)个发挥作用不明显"),
    # 改了 names the clause's 整改, which governs the whole list; 不规范 asked with its negation is that item
    ("沭阳2025年网站上各类错误信息改了多少处", "shuyang-2025", r"各类错误信息(\d+)处"),
    ("沭阳2025年网站上不规范的描述整改了多少处", "shuyang-2025", r"不规范描述(\d+)处"),
])
def test_a_verb_with_its_complement_is_the_act_its_clause_prints(answerer: Answerer, question: str, report: str,
                                                                  pattern: str) -> None:
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.value == _printed(report, pattern)


def test_an_act_the_figures_clause_does_not_print_is_no_answer(answerer: Answerer) -> None:
    # 2022 closes accounts (进行关停) but prints no count of them: the 33 that remain are not what was closed
    assert not ask(answerer, "平潭2022年关掉了几个政务新媒体").figures


def test_a_word_printed_only_negated_is_not_the_word_asked(answerer: Answerer) -> None:
    # 不规范描述22处: 规范的描述 asks the opposite, so 22 is no answer to it
    assert all(f.value != 22 for f in ask(answerer, "沭阳2025年网站上规范的描述整改了多少处").figures)


def test_a_count_stated_as_none_is_still_the_answer(answerer: Answerer) -> None:
    # 未收到…申请 states a count of none by its negation: the negation is the fact's, not a word the asker negated
    answer = ask(answerer, "平潭18年收到几件信息公开申请")
    assert answer.answer is not None and answer.answer.value == 0


def test_one_example_of_a_list_alone_is_still_not_the_figures(answerer: Answerer) -> None:
    assert not ask(answerer, "平潭2023年公共安全领域公开了多少条信息").figures


@pytest.mark.parametrize(("question", "pattern"), [
    ("平潭2018年网上的咨询投诉件一共办结了多少件", r"已办结(\d+)件"),  # the verb before 多少 is the act counted
    ("平潭2018年网上的咨询投诉件一共收到了多少件", r"共收到(\d+)件咨询投诉件"),
])
def test_the_verb_governing_the_count_picks_the_clause(answerer: Answerer, question: str, pattern: str) -> None:
    answer = ask(answerer, question)
    assert [f.value for f in answer.figures] == [_printed("pingtan-2018", pattern)]


def test_prose_figures_asked_each_are_each_answered(answerer: Answerer) -> None:
    # 民意征集53期、网上调查51期: 分别 asks a figure for each word, each its own
    answer = ask(answerer, "平潭2024年网上调查、民意征集各是多少期")
    want = [_printed("pingtan-2024", r"网上调查(\d+)期"), _printed("pingtan-2024", r"民意征集(\d+)期")]
    assert [f.value for f in answer.figures] == want
    assert not ask(answerer, "平潭2024年网上调查和满意度调查各是多少期").figures  # one of them is printed nowhere


@pytest.mark.parametrize(("question", "report", "pattern"), [
    ("平潭2018年微博共发了多少条信息", "pingtan-2018", r"微博\d+个，共发布信息(\d+)条"),  # 微博共: jieba's one word
    ("平潭2019年全区政府信息公开单位公布政府信息多少条", "pingtan-2019", r"单位共公布政府信息(\d+)条"),  # 全区: 我区
    ("上海科委2024年公众号原创文章有几篇", "kewei-2024", r"其中原创文章 (\d+)\s*篇"),  # 原创 names the part
])
def test_words_of_scope_and_of_no_weight_are_not_required_of_the_sentence(answerer: Answerer, question: str,
                                                                          report: str, pattern: str) -> None:
    answer = ask(answerer, question)
    assert [f.value for f in answer.figures] == [_printed_any(report, pattern)]


def _printed_any(report: str, pattern: str) -> int:
    """A count as the report's text prints it, in whichever text file the report has."""
    path = next(p for p in CORPUS.glob(f"{report}.*") if p.suffix in (".txt", ".md", ".html"))
    found = re.search(pattern, path.read_text(encoding="utf-8"))
    assert found is not None
    return int(found.group(1))


def test_a_one_character_verb_asked_is_the_act_printed_or_no_figure(answerer: Answerer) -> None:
    # “上海科技”视频号共制作并发布短视频584条: 发 is the act of 发布; 删 (deleted) is printed nowhere, and a
    # one-character word of weight inside the words asked is never left out of what the sentence must print
    posted = ask(answerer, "科委2024年上海科技视频号发了多少条短视频")
    assert [f.value for f in posted.figures] == [_printed_any("kewei-2024", r"短视频 (\d+) 条")]
    for deleted in ("科委2024年上海科技视频号删了多少条短视频", "科委2024年视频号删了多少条短视频"):
        assert not ask(answerer, deleted).figures, deleted


@pytest.mark.parametrize("question", [
    "平潭2023年稳岗就业和生态环境领域公开信息多少条",  # two examples, the list not named: never its total
    "平潭2019年区直部门公布政府信息多少条",  # a part of the body, which the sentence does not print
])
def test_a_part_asked_is_never_answered_with_the_whole(answerer: Answerer, question: str) -> None:
    assert not ask(answerer, question).figures


def test_things_joined_and_printed_apart_are_never_answered_with_one_of_them(answerer: Answerer) -> None:
    # 安全生产许可证121条、…排水许可证5条: 一共 asks a sum the report does not print; 分别 gets each
    assert not ask(answerer, "平潭2019年安全生产许可证和排水许可证一共多少条").figures
    each = ask(answerer, "平潭2019年安全生产许可证和排水许可证分别多少条")
    assert [f.value for f in each.figures] == [_printed("pingtan-2019", r"安全生产许可证(\d+)条"),
                                               _printed("pingtan-2019", r"排水许可证(\d+)条")]


def test_words_after_the_place_longer_than_a_place_name_name_no_body(answerer: Answerer) -> None:
    # 平潭大家谈在线访谈 before the year is a programme of 平潭's, not a body the base lacks; 松岭 could be a place
    programme = ask(answerer, "“平潭大家谈”在线访谈2024年做了几期")
    assert [f.value for f in programme.figures] == [_printed("pingtan-2024", r"“平潭大家谈”系列在线访谈(\d+)期")]
    assert not ask(answerer, "松岭2020年收到多少申请").figures


def test_a_number_asked_is_printed_whole_never_inside_another(answerer: Answerer) -> None:
    # 24 of 洪泽24 is no word of the sentence that prints 2024年; 12345 of the hotline's name is printed whole
    assert all(f.key != "narrative" for f in ask(answerer, "洪泽24 诉松几件").figures)
    hotline = ask(answerer, "平潭2018年12345平台收到了多少件咨询投诉件")
    assert [f.value for f in hotline.figures] == [_printed("pingtan-2018", r"共收到(\d+)件咨询投诉件")]


@pytest.mark.parametrize(("question", "report", "pattern"), [
    # 中介超市 ends in 超市, a common word, no city; 后 after 清理 orders the acts the sentence tells
    ("平潭“中介超市”到2019年已经入驻了多少家中介机构？", "pingtan-2019", r"已入驻中介机构(\d+)家"),
    ("平潭2023年报告正文说清理后集中发布的现行有效行政规范性文件有多少件？", "pingtan-2023",
     r"清理并集中发布现行有效行政规范性文件(\d+)件"),
])
def test_words_of_the_sentence_read_as_words(answerer: Answerer, question: str, report: str, pattern: str) -> None:
    assert [f.value for f in ask(answerer, question).figures] == [_printed(report, pattern)]



@pytest.mark.parametrize("question", ["沭阳县2025年全县共办理的行政复议、行政诉讼相关案件多少件",
                                      "沭阳县2025年报告文字里说共办理相关行政复议行政诉讼案件多少件"])
def test_words_of_two_tables_are_answered_by_the_prose_that_prints_them(answerer: Answerer, question: str) -> None:
    # 办理 (applications) beside 行政复议、行政诉讼 (reviews): no one table; the prose prints all of them
    truth = load_truth(TRUTH / "shuyang-2025.json")
    printed = next(n["value"] for n in truth["narrative"] if "共办理相关" in n["text"])
    answer = ask(answerer, question)
    assert [f.value for f in answer.figures] == [printed]
