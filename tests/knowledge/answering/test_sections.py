"""Questions about what a report says, answered with the part of the report that says it, in every format."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.answering.sections import find_part
from knowledge.ingest import rebuild
from knowledge.model import Answer
from knowledge.store.read import Catalog, SectionRow
from tests.knowledge.names.reissue import reissued

TODAY = date(2026, 11, 28)


def quoted(answerer: Answerer, question: str) -> Answer:
    answer = answerer.ask(question, today=TODAY)
    assert answer.status == "answered" and answer.kind == "section" and answer.section is not None, \
        (question, answer.reason)
    assert not answer.figures, question  # a section question never states a figure
    return answer


# (question, year, words the part quoted must hold, words of the section's other part it must not)
PROBLEMS = [
    ("洪泽区2024年政府信息公开工作有哪些不足", 2024, "研判能力不足", "典型案例"),  # PDF, one section for both
    ("平潭2022年政务公开存在什么问题", 2022, "预公开程度", "丰富意见征集形式"),  # crawler text
    ("上海市政府办公厅2019年工作中还有什么短板", 2019, "理论学习", "精准推送"),  # HTML, sub-headings
    ("上海市科委2024年报告指出了哪些问题", 2024, "无法满足", "张江高新区"),  # MD, headed under a table
    ("沐阳县2025年信息公开的差距在哪里", 2025, "政策解读多样性", "动漫解读"),  # DOCX
]
MEASURES = [
    ("洪泽区2024年下一步打算怎么做", 2024, "典型案例", "研判能力不足"),
    ("平潭2022年准备采取哪些改进措施", 2022, "丰富意见征集形式", "意见征集形式较为单一"),
    ("上海市政府办公厅2019年有什么改进措施", 2019, "精准推送", "理论学习"),
    ("上海市科委2024年是怎么整改的", 2024, "张江高新区", "无法满足"),
    ("沐阳县2025年今后的工作计划是什么", 2025, "动漫解读", "政策解读多样性需进一步加强"),
    # regression: 针对 (a word of the text of many sections) outweighed the heading （二）改进措施
    ("平潭2020年针对问题有哪些改进措施", 2020, "持续认真贯彻", "少数政务新媒体"),
    # the whole of the part: 针对 (a word of joining) narrows it to no sentence of its own
    ("洪泽区2024年针对存在的问题下一步怎么改进", 2024, "跟班学习", "研判能力不足"),
    # the form's heading pasted names both kinds; the kind named last is asked
    ("天津市蓟州区2020年 五、存在的主要问题及改进情况 下一步的改进措施", 2020, "先进地区的工作经验", "质量不够高"),
]
PROBLEMS += [("天津市蓟州区2020年 五、存在的主要问题及改进情况 里面说的问题有哪些", 2020, "质量不够高", "先进地区的工作经验")]


@pytest.mark.parametrize(("question", "year", "holds", "not_holds"), PROBLEMS + MEASURES)
def test_problems_and_measures_are_told_apart(answerer: Answerer, question: str, year: int, holds: str,
                                              not_holds: str) -> None:
    answer = quoted(answerer, question)
    assert answer.section is not None and answer.section.year == year
    assert holds in answer.section.text and not_holds not in answer.section.text


@pytest.mark.parametrize("joint", ["和", "及"])
@pytest.mark.parametrize(("question", "year", "problem", "measure"), [
    (q, y, h, n) for q, y, h, n in PROBLEMS])  # 科委 prints its measures in a section of their own
def test_problems_and_measures_asked_together_get_both(answerer: Answerer, question: str, year: int, problem: str,
                                                      measure: str, joint: str) -> None:
    body = question.split(str(year))[0]
    answer = quoted(answerer, f"{body}{year}年存在的主要问题{joint}改进措施")
    assert answer.section is not None and answer.section.year == year
    assert problem in answer.section.text and measure in answer.section.text


@pytest.mark.parametrize("asking", ["存在哪些问题，下一步怎么改", "存在的主要问题是什么？打算怎么改进"])
@pytest.mark.parametrize(("question", "year", "problem", "measure"), [
    (q, y, h, n) for q, y, h, n in PROBLEMS])
def test_problems_and_measures_each_asked_get_both(answerer: Answerer, question: str, year: int, problem: str,
                                                   measure: str, asking: str) -> None:
    """Two kinds each with a question word of its own are both asked (not 针对问题采取的措施, one kind)."""
    body = question.split(str(year))[0]
    answer = quoted(answerer, f"{body}{year}年{asking}")
    assert answer.section is not None and problem in answer.section.text and measure in answer.section.text


def test_the_words_asking_for_the_measures_never_narrow_them(answerer: Answerer) -> None:
    # 针对存在问题 says which part is asked; the part is quoted whole, its first measure to its last
    answer = quoted(answerer, "洪泽区2024年针对存在问题打算怎么改进？")
    assert answer.section is not None and "依申请公开规范化" in answer.section.text
    assert "跟班学习" in answer.section.text and "研判能力不足" not in answer.section.text


def test_two_details_asked_are_each_quoted(answerer: Answerer) -> None:
    answer = quoted(answerer, "洪泽区2023年报告上写的联系电话和地址是什么")
    assert answer.section is not None
    assert "0517-87222589" in answer.section.text and "洪泽湖大道90号" in answer.section.text


@pytest.mark.parametrize("question", ["蓟州区教育局2020年报告里的联系电话是多少", "平潭公安局2022年存在的主要问题"])
def test_a_section_of_a_body_not_held_is_said_to_be_not_held(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question, chat=None, today=TODAY)
    assert answer.status == "not_found" and answer.section is None
    assert "知识库里没有" in answer.reason and answer.held


@pytest.mark.parametrize(("question", "detail", "kind_word"), [
    ("洪泽区2023年的联系电话是多少", "0517-87222589", "电话"),  # PDF, labels spaced out (电 话 ：)
    ("洪泽区2023年报告的通讯地址", "洪泽湖大道90号", "地址"),
    ("洪泽区2023年信息公开办的邮政编码", "223100", "邮"),
    ("洪泽区2023年可以发邮件到哪个邮箱", "hzzwgk@126.com", "邮箱"),
    ("蓟州区2020年年报说去哪个网站查更多信息", "www.tjjz.gov.cn", "网"),  # TXT, in 其他需要报告的事项
    ("上海市科委2024年报告电子版在哪下载", "https://stcsm.sh.gov.cn", "下载"),  # MD
    ("上海市政府办公厅2019年年报在什么网站下载", "www.shanghai.gov.cn", "下载"),  # HTML
    ("平潭2019年对报告有疑问打哪个电话", "0591-23165250", "电话"),  # crawler text, one line
    ("平潭2022年对报告有疑问去哪个地址", "7号楼14层", "地址"),  # regression: 哪个地址 read as one span
    # everyday words of the kind asked: where the office is, whom to turn to
    ("洪泽区2023年信息公开办公室在哪里", "洪泽湖大道90号", "地址"),
    ("平潭2019年对年报有疑问找谁，电话多少", "0591-23165250", "电话"),
])
def test_a_contact_detail_is_quoted_with_its_clause_not_the_section(answerer: Answerer, question: str,
                                                                    detail: str, kind_word: str) -> None:
    answer = quoted(answerer, question)
    assert answer.section is not None
    assert detail in answer.section.text and kind_word in answer.section.text
    assert len(answer.section.text) < 120  # the clause, not the preamble


@pytest.mark.parametrize(("question", "holds"), [
    ("平潭2023年收不收信息处理费", "无收取信息处理费"),
    ("平潭2022年收没收信息处理费", "无收取信息处理费"),  # regression: a table run into one line is not prose
    ("洪泽区2024年关于收费报告里怎么说", "信息处理费管理办法"),
    ("上海市科委2024年信息公开要收费吗", "未发生政府信息公开收费"),
    ("测试市2025年其他需要报告的事项是什么", "信息处理费"),
    ("平潭2020年申请渠道有哪些", "信函、传真"),
    # 信息公开 beside a fee word asks what disclosure cost, never the 行政事业性收费 the body charged (7545万元)
    ("洪泽2024年政府信息公开收了多少钱", "信息处理费0元"),
    ("沭阳25年信息公开收了多少钱", "收取信息处理费共计380元"),
    ("平潭2023年依申请公开收了多少钱", "无收取信息处理费"),
    ("蓟州区2020年依申请公开是怎么做的", "政府信息公开指南"),
    ("平潭2024年门户网站完善了哪些功能", "智能问答"),
    ("上海市政府办公厅2019年依申请受理页面加了什么功能", "在线补正"),
    ("洪泽区2023年监督保障方面做了什么", "日常监测机制"),
])
def test_the_part_holding_what_was_asked(answerer: Answerer, question: str, holds: str) -> None:
    answer = quoted(answerer, question)
    assert answer.section is not None and holds in answer.section.text


def test_a_narrowed_quote_says_its_section(answerer: Answerer) -> None:
    answer = quoted(answerer, "平潭2024年门户网站完善了哪些功能")
    assert answer.section is not None and answer.section.path.endswith("（四）信息公开平台建设方面")
    assert "加强政务新媒体管理" not in answer.section.text  # the sentence about 新媒体 answers nothing asked


@pytest.mark.parametrize("question", [
    "平潭2024年关停注销了几个政务新媒体",  # 政务新媒体 is a platform word, but a number is asked
    "沭阳县政府门户网站2025年全年主动公开信息的条数",
])
def test_a_figure_question_naming_a_platform_is_not_a_section_question(answerer: Answerer,
                                                                        question: str) -> None:
    assert answerer.ask(question, today=TODAY).kind != "section"


def test_a_report_printing_no_website_says_so(answerer: Answerer) -> None:
    """平潭's 2024 report prints no address of its own (the crawler's header line is not the report)."""
    answer = answerer.ask("平潭2024年年报的网址", today=TODAY)
    assert answer.status == "not_found" and not answer.figures


def test_details_are_found_by_their_shape_whatever_they_are() -> None:
    rows = [SectionRow("前言", "前言", "本报告由某县政府办公室编制。如有疑问请联系：地址：某县人民路12号，"
                                         "邮编：999001，电话：0999-1234567，邮箱：xxgk@example.org。"),
            SectionRow("一、总体情况", "一、总体情况", "全年接待群众1234567人次。")]
    assert find_part(rows, ["phone"], []).text == "电话：0999-1234567"  # type: ignore[union-attr]
    assert find_part(rows, ["postcode"], []).text == "邮编：999001"  # type: ignore[union-attr]
    assert find_part(rows, ["email"], []).text == "邮箱：xxgk@example.org"  # type: ignore[union-attr]
    assert "人民路12号" in find_part(rows, ["address"], []).text  # type: ignore[union-attr]
    assert find_part(rows, ["website"], []) is None


def test_no_year_said_quotes_the_latest_report_and_says_so(answerer: Answerer) -> None:
    answer = quoted(answerer, "平潭政府信息公开存在哪些问题")
    assert answer.section is not None and answer.section.year == 2024
    assert any("2024年" in note and "没有说年份" in note for note in answer.notes)
    assert not any("没有说年份" in n for n in quoted(answerer, "平潭2021年存在哪些问题").notes)


@pytest.mark.parametrize(("question", "year", "holds", "not_holds"), [
    ("平潭2023年报五、存在的主要问题及改进情况里，2024年打算采取哪些改进措施", 2023, "加大政务公开检查力度", "信息噪音；"),
    ("洪泽区2023年报中，2024年有什么工作计划", 2023, "跟班学习制度", "有待提高"),  # PDF
    ("上海市政府办公厅2019年的报告里2020年准备怎么改进", 2019, "精准推送", "理论学习"),  # HTML
])
def test_a_year_inside_the_question_is_what_the_report_says_not_a_second_report(
        answerer: Answerer, question: str, year: int, holds: str, not_holds: str) -> None:
    """The year after the body and before 年报 / 报告 is the report's; a later year is about what it says."""
    answer = quoted(answerer, question)
    assert answer.section is not None and answer.section.year == year
    assert holds in answer.section.text and not_holds not in answer.section.text


@pytest.mark.parametrize("question", ["平潭2023年和2024年报告里的改进措施", "平潭2023年报里2022年收到多少申请"])
def test_two_reports_named_are_still_two(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.kind != "section" and len({(f.issuer, f.year) for f in answer.figures}) != 1


@pytest.mark.parametrize(("question", "holds"), [
    ("平潭2023年有没有收信息处理费", "无收取信息处理费"),  # crawler text: no sum printed
    ("平潭2021年是否收取信息处理费", "无收取信息处理费"),
    ("上海市科委2024年信息公开有没有收过费", "未发生政府信息公开收费"),  # MD
    ("洪泽区2023年有没有收信息处理费", "信息处理费0元"),  # PDF: the sum printed, quoted with its sentence
    ("洪泽区2024年依申请公开收过费没有", "信息处理费0元"),
    ("沐阳县2025年向申请人收取费用了吗", "收取信息处理费共计380元"),  # DOCX
    ("测试市2025年有没有收取信息处理费", "共计400元"),  # HTML
])
def test_whether_fees_were_charged_is_answered_by_the_sentence_that_says_it(answerer: Answerer, question: str,
                                                                          holds: str) -> None:
    answer = quoted(answerer, question)
    assert answer.section is not None and holds in answer.section.text
    assert len(answer.section.text) < 200  # the sentence about the fee, not the whole report


@pytest.mark.parametrize(("question", "value"), [
    ("沐阳县2025年收了多少钱的信息处理费", 380), ("测试市2025年信息处理费收了多少", 400),
    ("洪泽区2023年收了多少信息处理费", 0),  # printed as 0 元
])
def test_the_fee_charged_is_the_sum_printed(answerer: Answerer, question: str, value: int) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.status == "answered" and [(f.value, f.unit) for f in answer.figures] == [(value, "元")]


@pytest.mark.parametrize(("question", "holds"), [
    ("平潭2023年收了多少钱的信息处理费", "无收取信息处理费"), ("平潭2021年收了多少信息处理费", "无收取信息处理费"),
    ("上海市科委2024年收了多少钱的信息处理费", "未发生政府信息公开收费"),
])
def test_no_sum_printed_quotes_the_sentence_saying_none_was_charged(answerer: Answerer, question: str,
                                                                   holds: str) -> None:
    """Never a 0 the report does not print: its words are quoted instead."""
    answer = quoted(answerer, question)
    assert answer.section is not None and holds in answer.section.text


def test_a_report_silent_on_fees_states_no_figure(answerer: Answerer) -> None:
    answer = answerer.ask("平潭2019年收了多少信息处理费", today=TODAY)
    assert answer.status != "answered" and not answer.figures


@pytest.mark.parametrize(("question", "year", "holds"), [
    ("沐阳县2025年信息公开工作存在的短板有哪些", 2025, "政策解读多样性"),
    ("沐阳县2025年政务公开还存在什么差距", 2025, "政策解读多样性"),
    ("洪泽区2024年工作有哪些不到位的地方", 2024, "研判能力不足"),
    ("平潭2022年信息公开哪些方面比较薄弱", 2022, "预公开程度"),
    ("上海市政府办公厅2019年存在的薄弱环节是什么", 2019, "理论学习"),
    ("上海市科委2024年政务公开存在哪些不足", 2024, "无法满足"),
])
def test_the_words_for_shortcomings_ask_for_the_problems(answerer: Answerer, question: str, year: int,
                                                        holds: str) -> None:
    answer = quoted(answerer, question)
    assert answer.section is not None and answer.section.year == year and holds in answer.section.text
    assert answer.understood is not None and "存在" not in answer.understood.unexplained  # the template's word


# Invented reports (a real report re-issued, its wording changed): another heading for the problems and plans, and
# the fee sentence worded as a sum charged or as none charged.
_REWORDED = {"五、存在的主要问题及改进情况": "\n五、工作中的薄弱环节及下一步打算\n", "还存在一些问题和不足": "仍有一些薄弱环节"}
_INVENTED = [("江北省青禾市云溪县人民政府", "云溪", {**_REWORDED, "无收取信息处理费情况": "全县共收取信息处理费120元"}),
             ("天津市澜石区人民政府", "澜石", {"无收取信息处理费情况": "本年度未向申请人收取政府信息公开信息处理费"})]


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    folder = tmp_path_factory.mktemp("reworded")
    for n, (issuer, short, changes) in enumerate(_INVENTED):
        text = reissued("pingtan-2022.txt", issuer, short)
        for printed, written in changes.items():
            assert printed in text
            text = text.replace(printed, written)
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    rebuild(folder / "kb.db", [folder])
    return Answerer(Catalog(folder / "kb.db"))


@pytest.mark.parametrize(("question", "holds", "not_holds"), [
    ("云溪县2022年信息公开工作存在哪些短板", "预公开程度", "丰富意见征集形式"),
    ("云溪县2022年报告里2023年打算怎么改进", "丰富意见征集形式", "意见征集形式较为单一"),
    ("云溪县2022年有没有收信息处理费", "120元", "预公开程度"),
    ("澜石区2022年收了多少信息处理费", "未向申请人收取", "预公开程度"),
    ("澜石区2022年信息公开收不收钱", "未向申请人收取", "预公开程度"),
])
def test_reworded_reports_are_read_by_meaning(invented: Answerer, question: str, holds: str,
                                              not_holds: str) -> None:
    answer = quoted(invented, question)
    assert answer.section is not None and answer.section.year == 2022
    assert holds in answer.section.text and not_holds not in answer.section.text


def test_an_invented_fee_printed_is_its_figure(invented: Answerer) -> None:
    answer = invented.ask("云溪县2022年收了多少钱的信息处理费", today=TODAY)
    assert [(f.value, f.unit, f.issuer) for f in answer.figures] == [(120, "元", "江北省青禾市云溪县人民政府")]


def test_asked_when_a_part_printing_no_date_is_not_quoted(answerer: Answerer) -> None:
    """报告什么时候发布的: a part is quoted for its words (发布) only if it prints a date, the thing asked."""
    answer = answerer.ask("蓟州2020年的报告什么时候发布的", today=TODAY)
    assert answer.section is None or any(ch in answer.section.text for ch in "月日"), answer.section


def test_a_fee_word_alone_is_still_the_fees_table(answerer: Answerer) -> None:
    answer = answerer.ask("洪泽2024年收了多少钱", today=TODAY)
    assert answer.answer is not None and answer.answer.key == "active.art20_8|fees|amount_10k_yuan"


def test_two_kinds_asked_in_one_paragraph_are_quoted_whole(answerer: Answerer) -> None:
    """pingtan-2018 prints its problems and its next steps in one paragraph: asked both, neither is cut away."""
    answer = quoted(answerer, "平潭2018年政务公开存在什么问题，有什么改进措施")
    assert answer.section is not None
    assert "责任意识不强" in answer.section.text and "加强队伍建设" in answer.section.text


def test_a_detail_printed_after_a_label_alone_is_quoted_with_what_it_is_of(answerer: Answerer) -> None:
    """请登录“蓟州政务网”查询,网址:www.tjjz.gov.cn: the site's name stands in the clause before the label."""
    answer = quoted(answerer, "蓟州区政府信息在哪个网站能查到，网址多少")
    assert answer.section is not None
    assert "蓟州政务网" in answer.section.text and "www.tjjz.gov.cn" in answer.section.text


@pytest.mark.parametrize(("question", "year", "holds"), [
    ("洪泽区政府办2024年报告里的联系地址是哪里", 2024, "洪泽湖大道"),
    ("洪泽区政府办公室的邮箱，2023年的报告写的", 2023, "@126.com"),
])
def test_a_governments_office_is_its_disclosure_desk_for_contact_details(answerer: Answerer, question: str,
                                                                         year: int, holds: str) -> None:
    # the base holds no report of 洪泽区政府办; the government's report prints its office's contact details
    answer = quoted(answerer, question)
    assert answer.section is not None and answer.section.year == year and holds in answer.section.text
    assert answer.section.issuer == "淮安市洪泽区人民政府" and any("主管部门" in note for note in answer.notes)


@pytest.mark.parametrize("question", ["洪泽区政府办2024年收到多少申请", "洪泽区政府办2024年存在什么问题",
                                      "洪泽区老子山镇政府办2024年的联系电话"])
def test_a_governments_office_answers_only_for_its_desk(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question, today=TODAY)
    assert answer.status == "not_found" and not answer.figures and answer.section is None
