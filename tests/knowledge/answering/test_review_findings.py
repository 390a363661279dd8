"""Questions a review found answered with a confidently wrong figure by the first versions of this branch's
mechanisms (the asker's words, numbers stated, ordinals, the prose named, rows side by side): each now gets the
right figure or none. Right figures come from the truth files."""

from __future__ import annotations

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import TRUTH, load_truth
from tests.knowledge.answering.chats import ask


def _cell(report: str, key: str) -> int:
    return int(load_truth(TRUTH / f"{report}.json")["cells"][key])


@pytest.mark.parametrize("question", [
    "上半年的想问问，平潭2024年新收申请多少件",  # a period before a word of asking is asked, never the asker
    "平潭2024年行政诉讼多少件，不是复议后起诉的",  # 不是 narrowing what is asked: no reading takes it
    "平潭2024年收到多少申请，不是自然人的",
    "沭阳县2025年受理749件申请，其中予以公开多少",  # a number stated is never its own answer
    "蓟州2020年收到191件申请，部分公开多少件",
    "平潭2024年不予公开的合计（22个小项加总）",  # a count that is not the form's
    "平潭22家单位收到多少申请",
    "沭阳县2025年无法提供下面第2项多少",  # an item by its place in the form: no reading takes it
    "沭阳县2025年正文里说行政复议多少件",  # the prose counts 行政复议、行政诉讼 together
    "蓟州2020年正文里说自然人申请多少件",  # the prose prints no applicants' figure
    "蓟州2020年文中说公开了多少件申请",  # 公开 of 政府信息公开申请 is not 予以公开
    "平潭2024年新收申请比上年增长幅度多大",  # a growth rate is a rate
    "市科委2024年“上海发布”微信公众号编发文章多少篇",  # the account named is not the one the report prints
    "市科委2024年“上海发布”公众号关注人数多少",
    "沭阳县2025年文字里说收到多少申请",  # applications are counted in 件: never 收取…信息处理费380元
])
def test_no_figure_where_a_mechanism_could_misread(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status != "answered" or not answer.figures, [(f.value, f.label) for f in answer.figures]


@pytest.mark.parametrize(("question", "key"), [
    ("企业申请的想问问，平潭2024年新收多少件", "commercial"),
    ("我查的是商业企业，平潭2024年申请多少件", "commercial"),
    # an applicant named before a word of asking is what is asked, never who asks
    ("商业企业的想问下，平潭2024年新收申请多少", "commercial"),
    ("法律服务机构这块想咨询一下，平潭2024年新收申请多少", "legal_services"),
    ("自然人的帮我看看，平潭2024年新收多少件", "natural_person"),
])
def test_what_is_asked_in_the_askers_clause_is_kept(answerer: Answerer, question: str, key: str) -> None:
    cell = f"applications|new_received|{key}"
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.key == cell and answer.answer.value == _cell("pingtan-2024", cell)


def test_the_group_the_asker_names_of_themselves_is_never_dropped(answerer: Answerer) -> None:
    # 我起诉过: the suits are one reading offered; a figure stated alone is never the reviews too
    answer = ask(answerer, "我起诉过，平潭2024年被纠正的多少件")
    offered = [c.figure.key for c in answer.choices if c.figure]
    assert (answer.figures and all("litigation" in f.key and "|review." not in f.key for f in answer.figures)) or (
        answer.status == "ambiguous" and any("|review." not in k and "litigation" in k for k in offered))


def test_rows_side_by_side_summed_are_both(answerer: Answerer) -> None:
    answer = ask(answerer, "沭阳县2025年新收申请，上年结转，一共多少")
    keys = ("applications|new_received|total", "applications|carried_over|total")
    assert answer.answer is not None and answer.answer.key == "+".join(keys)
    assert answer.answer.value == sum(_cell("shuyang-2025", k) for k in keys)


def test_a_template_line_pasted_in_pieces_is_one_row(answerer: Answerer) -> None:
    key = "applications|denied.enforcement_files|total"
    answer = ask(answerer, "平潭综合实验区2021年 三、本年度办理结果 （三）不予公开 7.属于行政执法案卷 总计")
    assert answer.answer is not None and answer.answer.key == key and answer.answer.value == _cell("pingtan-2021", key)


def test_a_fee_before_a_word_of_asking_is_asked(answerer: Answerer) -> None:
    answer = ask(answerer, "信息处理费想问下 沭阳县2025年收了多少")
    assert answer.answer is None or answer.answer.unit in ("元", "万元")  # never the 713 applications
    assert all(f.key != "applications|new_received|total" for f in answer.figures)


@pytest.mark.parametrize("question", ["律师咨询：平潭2022年行政复议总计多少件", "开公司的想了解下，平潭2022年行政复议总计多少件",
                                      "小微企业主想了解：平潭2022年行政复议总计多少件"])
def test_a_person_asking_is_still_the_asker(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.key == "review_litigation|count|review.total"
