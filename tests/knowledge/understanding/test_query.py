"""Understanding: every word explained or the question asked back; places, bodies, operations, chats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.render import plain_text
from knowledge import CellKey
from knowledge.answering.answerer import Answerer
from knowledge.understanding.applicants import ORGANISATIONS
from parsers.template import APPLICANT_COLUMNS, TEMPLATE_2021
from tests.conftest import service_over

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, tmp_path_factory.mktemp("u") / "state.db").answerer


def ask(answerer: Answerer, question: str, chat: str | None = None):
    return answerer.ask(question, chat=chat, today=TODAY)


@pytest.mark.parametrize(("question", "key", "value"), [
    ("平潭2024年还有几件行政复议没有审结", "review_litigation|count|review.pending", 1),
    ("洪泽2024复议完了又去打官司的有几个", "review_litigation|count|litigation_after_review.total", 3),
    ("蓟州区2020年没经过复议直接去法院起诉的官司有几起", "review_litigation|count|litigation_direct.total", 4),
    ("洪泽区24年申请有没有没办完留到下一年的", "applications|carried_forward|total", 0),
    ("平潭2024年复议结果是“其他”的有几件", "review_litigation|count|review.other", None),
    ("平潭2023年上一年剩下的申请有几件", "applications|carried_over|total", 0),
    ("平潭2021年没按通知交钱的有几件", "applications|other.no_fee|total", 0),
    ("平潭2023年其实收到几件申请", "applications|new_received|total", 81),
    ("洪泽23年老百姓申请复议，结果维持原来决定的有几件", "review_litigation|count|review.upheld", 10),
    ("蓟州20年老百姓去复议，复议机关把区里的决定给纠正了的有几个", "review_litigation|count|review.corrected", 4),
    ("上海科委24年申请人被要求补正材料，但是一直没补的有几件", "applications|other.no_correction|total", 10),
    ("蓟州区2020年法人或者其他组织新收的申请一共几件", "applications|new_received|commercial+applications|new_received|research+applications|new_received|social_welfare+applications|new_received|legal_services+applications|new_received|other_org", 6),
])
def test_words_that_change_the_meaning_are_read(answerer: Answerer, question: str, key: str,
                                                  value: int | None) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.key == key
    assert value is None or answer.answer.value == value
    assert not answer.understood.unexplained


def test_except_is_the_sum_of_the_other_columns(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区2020年除了自然人以外的申请人申请了多少")
    figure = answer.answer
    assert figure is not None and figure.kind == "sum" and figure.value == 6
    assert [CellKey.parse(p.key).column for p in figure.parts] == [
        "commercial", "research", "social_welfare", "legal_services", "other_org"]


@pytest.mark.parametrize("question", ["蓟州区2020年依申请公开的办结率是多少", "平潭2022年平均每个月收到多少申请",
                                      "洪泽区2024年予以公开的申请占多少比例"])
def test_rates_and_averages_are_not_computed(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "not_found" and not answer.figures
    assert "不印比率" in answer.reason


def test_words_nothing_explains_are_named(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2022年政务公开第三方评估得分多少")
    assert answer.status != "answered" and not answer.answer
    assert "评估" in answer.reason and any("评估" in w for w in answer.understood.unexplained)


@pytest.mark.parametrize("question", ["北京2020年收到多少申请", "广州2021年行政复议多少件", "天津和平区2020年收到多少申请",
                                      "福建福州2022年政务公开年报里行政许可有多少", "北京市政府办公厅2019年收到多少申请",
                                      "教育部2020年收到多少申请", "北京市朝阳区蓟州区2020年收到多少申请"])
def test_a_place_the_base_holds_nothing_of_gets_no_figure(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status != "answered" and answer.answer is None


def test_a_city_with_bodies_inside_asks_which(answerer: Answerer) -> None:
    answer = ask(answerer, "淮安2024年收到多少申请")
    assert answer.status == "ambiguous" and "淮安" in answer.reason
    assert [c.figure.issuer for c in answer.choices if c.figure] == ["淮安市洪泽区人民政府"]


def test_a_government_not_held_offers_the_bodies_of_its_place(answerer: Answerer) -> None:
    answer = ask(answerer, "上海市政府2019年收到多少申请")
    assert answer.status == "ambiguous" and "上海" in answer.reason
    assert [c.figure.issuer for c in answer.choices if c.figure] == ["上海市人民政府办公厅"]


def test_one_body_under_two_names_is_one_issuer(answerer: Answerer) -> None:
    for question, value in (("淮安市洪泽区2023年收到多少申请", 21), ("洪泽区人民政府2024年收到多少申请", 95)):
        figure = ask(answerer, question).answer
        assert figure is not None and figure.value == value and figure.issuer == "淮安市洪泽区人民政府"
    assert [f.year for f in ask(answerer, "洪泽区历年收到多少申请").figures] == [2023, 2024]


@pytest.mark.parametrize("question", ["蓟州区2100年收到多少申请", "蓟州区20200年收到多少申请"])
def test_a_year_the_base_cannot_hold_is_not_ignored(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "not_found" and "年的报告" in answer.reason


@pytest.mark.parametrize("talk", ["你好", "谢谢", "帮助"])
def test_small_talk_after_a_question_inherits_nothing(answerer: Answerer, talk: str) -> None:
    assert ask(answerer, "蓟州区2020年收到多少申请", f"st-{talk}").answer.value == 191
    answer = ask(answerer, talk, f"st-{talk}")
    assert answer.status == "not_found" and not answer.figures and answer.small_talk
    assert ask(answerer, "那自然人呢", f"st-{talk}").answer.value == 185, "small talk keeps the context"


def test_follow_up_changes_one_slot(answerer: Answerer) -> None:
    assert ask(answerer, "平潭2023年直接告到法院的信息公开官司，结果维持的有几件", "fu").answer.value == 4
    follow = ask(answerer, "复议后起诉的呢", "fu").answer
    assert follow is not None and follow.key == "review_litigation|count|litigation_after_review.upheld"
    other_year = ask(answerer, "那2024年呢", "fu").answer
    assert other_year is not None and other_year.year == 2024 and other_year.key == follow.key


def test_several_figures_at_once_are_a_list(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2022年予以公开、部分公开分别是多少")
    assert answer.kind == "list" and [f.value for f in answer.figures] == [21, 9]
    assert all(f.kind == "cell" for f in answer.figures)


def test_superlative_names_its_year_and_the_series(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭哪一年收到的信息公开申请最多")
    assert answer.kind == "superlative" and (answer.figures[0].year, answer.figures[0].value) == (2024, 218)
    assert len(answer.figures) > 2 and "最多的是2024年" in plain_text(answer)


def test_superlative_across_bodies_names_the_body(answerer: Answerer) -> None:
    answer = ask(answerer, "哪个机关2024年收到申请最多")
    assert answer.kind == "superlative" and answer.figures[0].issuer == "平潭综合实验区"
    assert {f.issuer for f in answer.figures[1:]} >= {"平潭综合实验区", "淮安市洪泽区人民政府"}
    assert "最多的是平潭综合实验区（2024年）" in plain_text(answer)


def test_section_questions_get_the_section_text(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2021年政务公开工作存在哪些问题")
    assert answer.status == "answered" and answer.kind == "section" and answer.section is not None
    assert "问题" in answer.section.heading and len(answer.section.text) > 20


def test_understood_says_the_role_of_every_span(answerer: Answerer) -> None:
    answer = ask(answerer, "洪泽区2024年行政处罚决定有多少")
    roles = {s.text: s.role for s in answer.understood.spans}
    assert roles["洪泽区"] == "place" and roles["2024年"] == "year" and roles["行政处罚"] == "active_row"


@pytest.mark.parametrize(("question", "key"), [
    ("麻烦查下平潭2023年企业交了多少申请", "applications|new_received|commercial"),
    ("想问下平潭2022年许可批了多少", "active.art20_5|licensing|decisions"),
    ("他们蓟州2020年开了多少行政处罚决定", "active.art20_6|penalty|decisions"),
    ("平潭2023年直接去法院告的有多少", "review_litigation|count|litigation_direct.total"),
    ("平潭2023年收的申请有几件", "applications|new_received|total"),
    ("平潭2023年律师事务所新提的申请有几件", "applications|new_received|legal_services"),
    # a word the concept's own everyday words hold whole (交钱 of 没交钱) says it again
    ("测试市2025年申请人没按收费通知交钱的有几件", "applications|other.no_fee|total"),
])
def test_light_words_are_set_aside_and_the_reading_is_said(answerer: Answerer, question: str, key: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.key == key
    assert answer.understood.set_aside and not answer.understood.unexplained
    assert answer.notes[0].startswith("按“") and answer.notes[0].endswith("”理解")


@pytest.mark.parametrize("question", [
    "平潭2023年撤回了多少申请", "平潭2023年申请的评估得分是多少", "平潭2023年上半年收到多少申请",
    "平潭2023年第三季度收到多少申请", "平潭2023年三个部门收到多少申请", "平潭2023年人员多少",
    "洪泽2024年区政府办代表区政府受理了多少件信息公开申请的满意度",
])
def test_heavy_words_still_block_a_figure(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status != "answered" or answer.answer is None or answer.answer.key == "narrative"
    assert not answer.understood.set_aside or answer.status != "answered"


@pytest.mark.parametrize(("question", "key"), [
    ("平潭2023年结转至下一年度办理的有多少", "applications|carried_forward|total"),
    ("蓟州区2020年维持原行政行为的复议有几件", "review_litigation|count|review.upheld"),
    ("平潭2023年二、上年结转政府信息公开申请数量（总计）", "applications|carried_over|total"),
    ("平潭2023年申请表上企业那一栏填的几张", "applications|new_received|commercial"),
    ("平潭2022年表格里行政处罚那一行的数是多少", "active.art20_6|penalty|decisions"),
    ("平潭2022年本年收费金额（单位：万元）", "active.art20_8|fees|amount_10k_yuan"),  # the one row of its column
    ("上海市政府办公厅2019年采购项目有几个", "active.art20_9|central_procurement|projects"),
    ("平潭2023年同一列的律师事务所有几件", "applications|new_received|legal_services"),
    ("平潭2023年主动公开政府信息情况里规章制发了几件", "active.art20_1|rules|issued"),
])
def test_template_words_and_numbering_are_explained(answerer: Answerer, question: str, key: str) -> None:
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.key == key and not answer.understood.unexplained


def test_a_word_cut_by_a_filler_stays_whole_after_unknown_characters(answerer: Answerer) -> None:
    # Regression: 自己手上 was read as 自己手 + the filler 上, so the word 手上 was weighed as 手.
    answer = ask(answerer, "平潭2021年政府说自己手上没有这个信息的有多少")
    assert any("手上" in word for word in answer.understood.unexplained)


APPLICATION_ROWS = [row for table in TEMPLATE_2021.tables if table.id == "applications" for row in table.rows]


@pytest.mark.parametrize("row", APPLICATION_ROWS, ids=lambda row: row.key)
def test_every_application_row_pasted_with_its_numbering_reads_as_that_row(answerer: Answerer, row) -> None:
    # The label as printed, its levels joined as a paste joins them (（三）本年度办理结果 1.予以公开 run together).
    answer = ask(answerer, "平潭2021年" + row.label.replace("/", ""))
    assert answer.status == "answered" and answer.answer is not None
    assert answer.answer.key == f"applications|{row.key}|total"


@pytest.mark.parametrize("row", APPLICATION_ROWS, ids=lambda row: row.key)
def test_the_last_numbered_part_of_a_row_label_with_a_column_reads_as_that_row(answerer: Answerer, row) -> None:
    # Staff paste only the row's own part with its numbering ((七)总计, 3.其他), then the column's name.
    part = row.label.split("/")[-1].split("（区分")[0]
    answer = ask(answerer, f"平潭2021年 {part} 自然人")
    assert answer.status == "answered" and answer.answer is not None
    assert answer.answer.key == f"applications|{row.key}|natural_person"


def test_a_follow_up_after_an_ask_back_keeps_the_words_it_could_not_explain(answerer: Answerer) -> None:
    first = ask(answerer, "平潭2023年企业撤回了多少申请", chat="asked-back")
    assert first.status != "answered"
    follow = ask(answerer, "那洪泽的呢", chat="asked-back")
    assert follow.status != "answered" and "撤回" in follow.understood.unexplained


def test_a_follow_up_after_a_rate_keeps_the_rate(answerer: Answerer) -> None:
    assert ask(answerer, "平潭2023年每月收到多少申请", chat="rate-chat").status == "not_found"
    follow = ask(answerer, "那2024年的呢", chat="rate-chat")
    assert follow.status == "not_found" and not follow.figures


def test_a_prose_figure_printed_after_its_whole_is_a_part(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2020年一共公布了多少条政府信息")
    assert answer.status == "answered" and answer.answer is not None and answer.answer.value == 2602


def test_a_word_of_joining_is_no_word_a_prose_fact_must_print(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2018年有没有因为政府信息公开被申请复议的")
    assert answer.status == "answered" and answer.answer is not None and answer.answer.value == 0


@pytest.mark.parametrize("question", ["平潭2023年企业诉了多少申请", "平潭2023年企业改了多少申请"])
def test_a_verb_of_another_concept_is_not_set_aside(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status != "answered" and answer.understood.unexplained


def test_an_operation_is_never_read_from_a_word_of_the_same_sound(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2023年企业查了多少申请")
    assert answer.kind != "difference" and not any("−" in f.key for f in answer.figures)


@pytest.mark.parametrize("column", [c for c in APPLICANT_COLUMNS if c.key in ORGANISATIONS], ids=lambda c: c.key)
@pytest.mark.parametrize("joint", ["-", "/", "中的"])
def test_a_column_pasted_under_its_group_header_is_that_column(answerer: Answerer, column, joint: str) -> None:
    answer = ask(answerer, f"平潭2021年本年新收政府信息公开申请数量 法人或其他组织{joint}{column.label}")
    assert answer.status == "answered" and answer.answer is not None
    assert answer.answer.key == f"applications|new_received|{column.key}" and len(answer.figures) == 1


@pytest.mark.parametrize(("said", "year"), [("两千零二十二年", 2022), ("二千零二十年", 2020), ("两千二十四年", 2024),
                                            ("大前年", 2023), ("二零二一年", 2021), ("二二年", 2022)])
def test_years_as_people_say_them(answerer: Answerer, said: str, year: int) -> None:
    answer = answerer.ask(f"平潭{said}收到多少申请", today=date(2026, 12, 5))
    assert answer.answer is not None and answer.answer.year == year


@pytest.mark.parametrize(("question", "year"), [("二零二三 平潭收到几件申请", 2023), ("平潭二零二一 收到多少申请", 2021)])
def test_a_year_read_out_digit_by_digit_needs_no_nian(answerer: Answerer, question: str, year: int) -> None:
    answer = answerer.ask(question, today=date(2026, 12, 5))
    assert answer.answer is not None and (answer.answer.year, answer.answer.key) == (
        year, "applications|new_received|total")


@pytest.mark.parametrize(("question", "keys"), [
    ("蓟州区2020年行政复议总共几件，维持的几件",
     ["review_litigation|count|review.total", "review_litigation|count|review.upheld"]),
    ("洪泽2024年收到多少申请，予以公开多少", ["applications|new_received|total", "applications|granted|total"]),
    ("平潭2023年收到多少申请然后不予公开的有几件", ["applications|new_received|total", "applications|denied."]),
])
def test_two_clauses_each_asking_a_number_get_both(answerer: Answerer, question: str, keys: list[str]) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and len(answer.figures) == len(keys)
    assert all(f.key.startswith(k) for f, k in zip(answer.figures, keys, strict=True))


@pytest.mark.parametrize("question", ["蓟州区2020年行政复议总共几件", "平潭2023年收到的申请里予以公开多少"])
def test_one_number_asked_is_one_figure(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and len({f.key for f in answer.figures}) == 1


def test_a_word_of_another_table_keeps_a_prose_figure_from_being_read_as_a_cell(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2019年受理群众诉求多少起")
    assert [(f.value, f.key) for f in answer.figures] == [(259, "narrative")]


@pytest.mark.parametrize(("question", "key"), [
    ("蓟州区2020年属于国家秘密不能公开的有几件", "applications|denied.state_secret|total"),  # 不 of （三）不予公开
    ("平潭2023年因为是重复申请不给处理的有几件", "applications|not_processed.duplicate|total"),
    ("蓟州区2020年区里新收的申请有几件", "applications|new_received|total"),  # the district itself
    ("平潭2021年那时候收到几件申请", "applications|new_received|total"),  # the year named
    ("亲，平潭2022年新收申请多少", "applications|new_received|total"),
    ("平潭2023年行政复议维持原来的决定的有几件", "review_litigation|count|review.upheld"),
    ("平潭2022年予以公开的申请有几剑", "applications|granted|total"),  # the unit of that sound after 几
    ("平潭2023年个人申请的有几件，我说的是个人不是企业", "applications|new_received|natural_person"),
    ("平潭2023年没办完要接着办的有几件", "applications|carried_forward|total"),
    ("平潭那个实验区2021年收到几件申请", "applications|new_received|total"),  # the kind its name ends in
])
def test_words_the_reading_itself_explains(answerer: Answerer, question: str, key: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.key == key
    assert not answer.understood.unexplained


def test_direct_of_a_table_without_direct_suits_is_an_adverb_set_aside(answerer: Answerer) -> None:
    answer = ask(answerer, "洪泽2024年直接予以公开的申请几件")
    assert answer.answer is not None and answer.answer.key == "applications|granted|total"
    assert "直接" in answer.understood.set_aside


@pytest.mark.parametrize("question", [
    "洪泽区2024年县里收到多少申请",  # another level than the body's
    "洪泽2024年收到和结转的申请一共多少",  # 结转 names two other rows
    "平潭2024年不是予以公开的有几件",  # a negation of a row that is not negative
])
def test_words_of_another_reading_still_block(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status != "answered" and not answer.figures


def test_a_prose_figure_of_the_bodys_own_units_is_a_part(answerer: Answerer) -> None:
    whole = ask(answerer, "平潭2018年主动公开了多少条信息")
    stated = [f.value for f in whole.figures] + [c.figure.value for c in whole.choices if c.figure]
    assert 2069 in stated and 477 not in stated
    units = ask(answerer, "平潭2018年各乡镇主动公开了多少条信息")
    assert units.answer is not None and units.answer.value == 477


@pytest.mark.parametrize(("question", "value"), [
    ("沭阳2025年年报平台建设那块清理了多少条过期信息", 697),  # the heading the fact stands under: （三）…建设公开平台
    ("平潭2018年报告里讲的信息公开专栏访问量是多少人次", 108932),  # 讲 says what 说 says
])
def test_a_prose_figure_asked_by_the_part_of_the_report_it_stands_in(answerer: Answerer, question: str,
                                                                      value: int) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.value == value


def test_the_fee_of_applications_is_never_the_administrative_fees_cell(answerer: Answerer) -> None:
    answer = ask(answerer, "洪泽2023年依申请公开收费多少钱")
    assert not any(f.key.startswith("active.") for f in answer.figures)


def test_a_prose_figure_of_one_field_answers_only_a_question_naming_it(answerer: Answerer) -> None:
    """在卫生健康领域，以…委员会网站…发布相关信息2200余条: the field's part, not what the government's site published."""
    field = ask(answerer, "蓟州2020年卫生健康领域发布信息多少条")
    assert field.status == "answered" and field.answer is not None and field.answer.value == 2200
    site = ask(answerer, "蓟州2020年政府网站发布信息多少条")
    assert not any(f.value == 2200 for f in site.figures)


@pytest.mark.parametrize(("question", "value"), [("平潭2020年机构职能类信息公布了多少条", 82),
                                                 ("平潭2020年全年一共公布了多少条政府信息", 2602)])
def test_a_clause_of_two_figures_gives_each_its_own_words(answerer: Answerer, question: str, value: int) -> None:
    """共公布政府信息2602条(其中机构职能类信息82条: 机构职能 is the 82's word, never the 2602's."""
    answer = ask(answerer, question)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.value == value


def test_a_section_word_beside_apply_asks_the_section(answerer: Answerer) -> None:
    """想申请…从哪里申请: 申请 alone names no figure; the way to apply is asked."""
    answer = ask(answerer, "平潭2023年想申请政府信息公开从哪里申请")
    assert answer.status == "answered" and answer.kind == "section" and not answer.figures


def test_the_unit_asked_is_the_one_after_the_question_word(answerer: Answerer) -> None:
    """主动公开文件数…是多少条: 件数 of the printed label is no unit asked; 条 is."""
    answer = ask(answerer, "平潭2018年主动公开文件数历年累计是多少条")
    assert answer.status == "answered" and answer.answer is not None
    assert (answer.answer.value, answer.answer.unit) == (12106, "条")


def test_a_place_of_a_prose_figure_named_as_the_place(answerer: Answerer) -> None:
    """查阅的地方 (蓟州区3个政府信息公开查阅场所…全年共接待群众22人次): 地方 is a place, no word a fact must print."""
    answer = ask(answerer, "蓟州20年那个政府信息查阅的地方一年接待了多少人")
    assert answer.status == "answered" and answer.answer is not None and answer.answer.value == 22


@pytest.mark.parametrize("question", ["蓟州2020年不是维持的复议有多少", "蓟州2020年没被维持的复议有几件",
                                      "蓟州2020年复议结果不是纠正的有几件", "平潭2024年不是直接起诉的行政诉讼有多少",
                                      "平潭2024年不是复议后起诉的行政诉讼有多少", "平潭2023年不属于行政诉讼的复议有几件"])
def test_a_result_or_group_negated_is_never_answered_with_itself(answerer: Answerer, question: str) -> None:
    """不是维持的: what the table does not print (a difference); never the 维持 cell, nor a group's own 未经复议."""
    answer = ask(answerer, question)
    assert answer.status != "answered" and not answer.figures


def test_a_negation_of_the_review_still_names_the_direct_suits(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区2020年没复议就去法院告的有几件")
    assert answer.answer is not None and answer.answer.key == "review_litigation|count|litigation_direct.total"


@pytest.mark.parametrize("question", ["洪泽2024年公开了多少申请", "洪泽2024年有多少申请被公开了",
                                      "洪泽2024年公开的申请几件", "洪泽2024年依申请公开了多少件"])
def test_applications_said_disclosed_are_the_granted_row(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.answer is not None and (answer.answer.key, answer.answer.value) == (
        "applications|granted|total", 50)


@pytest.mark.parametrize(("question", "share"), [("沭阳2025年予以公开占总数多少", True),
                                                 ("洪泽2024年予以公开占办理总数的多少", True),
                                                 ("平潭20年的申请里自然人占了几件", False)])
def test_zhan_with_no_unit_asks_a_share(answerer: Answerer, question: str, share: bool) -> None:
    """占…多少 asks a share the reports do not print; 占几件 counts."""
    answer = ask(answerer, question)
    assert (answer.status != "answered" and not answer.figures) if share else answer.answer is not None


@pytest.mark.parametrize(("question", "key"), [
    # 这个单位 / 本单位 is the body asked (本机关), never the applicants' 法人或其他组织 column
    ("蓟州区2020年去申请，这个单位说不掌握的有多少件", "applications|unavailable.not_held|total"),
    ("平潭2023年往年没办完的申请有几件", "applications|carried_over|total"),  # 往年没办完: 上年结转
    ("洪泽区2023年（二）部分公开 自然人 这一格", "applications|partially_granted|natural_person"),  # a cell of the form
    ("我问下平潭区2020年部分公开的有几件", "applications|partially_granted|total"),  # 区: 平潭综合实验区's level
    ("平潭2022年申请人不补正，后来不再处理的有几件", "applications|other.no_correction|total"),  # 后来 joins
    ("蓟州区2020年申请了结果被告知本机关不掌握的有几件", "applications|unavailable.not_held|total"),  # 告知: 答复
    ("洪泽区2023年申请的东西属于国家秘密的有几件", "applications|denied.state_secret|total"),  # 东西: what is applied for
    ("测试市2025年过期不补正的有几件", "applications|other.no_correction|total"),  # 过期 is 逾期
    ("麻烦您帮我查一查洪泽区2024年行政复议有几件，谢谢您", "review_litigation|count|review.total"),  # 您: polite you
    ("平潭2019年补正以后申请内容仍然不明确的有几件", "applications|unavailable.unclear_after_correction|total"),
])
def test_words_of_the_body_the_form_and_the_years_point_at_the_cell(answerer: Answerer, question: str,
                                                                     key: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and answer.answer is not None and answer.answer.key == key


def test_an_erhua_says_nothing_of_what_is_asked(answerer: Answerer) -> None:
    plain, spoken = (ask(answerer, f"平潭2021年行政复议和行政诉讼{w}一共多少件") for w in ("加一块", "加一块儿"))
    assert spoken.status == "answered" and [f.value for f in spoken.figures] == [f.value for f in plain.figures]
