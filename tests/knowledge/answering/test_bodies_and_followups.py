"""Operations between bodies and across a chat, over real corpus reports: comparisons among exactly the bodies
named (a city beside one of its districts is the city's own government), questions asking who (no figure),
follow-ups that change the body or the group, and 那年. Expected figures come from the truth files; the
phrasings are written from each rule's meaning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState
from knowledge.ingest import rebuild
from knowledge.model import Answer
from tests.conftest import CORPUS, TRUTH, load_truth, service_over
from tests.knowledge.answering.chats import NEW, ask, cell, chat, review


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return service_over(corpus_db, ChatState(tmp_path_factory.mktemp("bodies") / "state.db")).answerer


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """淮安市人民政府 2024 (平潭's 2024 report issued under the city's name) beside its district 洪泽区 2024."""
    folder = tmp_path_factory.mktemp("city")
    text = (CORPUS / "pingtan-2024.txt").read_text(encoding="utf-8")
    assert "平潭综合实验区2024" in text
    text = text.replace("平潭综合实验区2024", "淮安市人民政府2024").replace("平潭综合实验区", "淮安市").replace("平潭", "淮安")
    (folder / "huaian-2024.txt").write_text(text, encoding="utf-8")
    rebuild(folder / "city.db", [folder / "huaian-2024.txt", CORPUS / "hongze-2024.pdf"])
    return service_over(folder / "city.db", ChatState(folder / "state.db")).answerer


def issuers(answer: Answer) -> list[str]:
    return [f.issuer for f in answer.figures]


CITY, DISTRICT = 218, 95  # 新收 of the city's report (平潭 2024 as printed) and of 洪泽区 2024


@pytest.mark.parametrize("question", [
    "淮安市和洪泽区2024年哪个收到的申请多",
    "淮安市2024年收到的申请比洪泽区多多少",
    "2024年淮安市与洪泽区相比，谁收到的信息公开申请多",
])
def test_a_city_beside_its_district_is_the_city_government(city: Answerer, question: str) -> None:
    answer = ask(city, question)
    assert answer.kind == "difference"
    assert [(f.issuer, f.value) for f in answer.figures[1:]] == [("淮安市人民政府", CITY), ("淮安市洪泽区人民政府", DISTRICT)]


def test_a_district_named_with_its_city_is_the_district(city: Answerer) -> None:
    answer = ask(city, "淮安市洪泽区2024年收到多少申请")
    assert answer.answer is not None and (answer.answer.issuer, answer.answer.value) == ("淮安市洪泽区人民政府", DISTRICT)


def test_a_city_not_held_beside_its_district_is_not_compared(answerer: Answerer) -> None:
    answer = ask(answerer, "淮安市和洪泽区2024年哪个收到的申请多")
    assert answer.status == "not_found" and not answer.figures and "淮安" in answer.reason


@pytest.mark.parametrize(("question", "expected"), [
    ("蓟州区、平潭和上海市人民政府办公厅哪个收到的申请最多", "上海市人民政府办公厅"),
    ("平潭、蓟州区和洪泽区几个地方中谁收到的申请最少", "淮安市洪泽区人民政府"),
])
def test_a_superlative_among_named_bodies_answers_among_exactly_them(answerer: Answerer, question: str,
                                                                     expected: str) -> None:
    answer = ask(answerer, question)
    assert answer.kind == "superlative" and answer.figures[0].issuer == expected
    named = {"上海市人民政府办公厅", "天津市蓟州区", "平潭综合实验区", "淮安市洪泽区人民政府"}
    assert set(issuers(answer)) <= named and len(set(issuers(answer))) == 3


def test_a_named_body_without_the_year_is_said_to_be_left_out(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区、平潭和上海市人民政府办公厅2019年哪个收到申请最多")
    assert "天津市蓟州区" not in issuers(answer)
    assert any("天津市蓟州区" in n and "不在比较之列" in n for n in answer.notes)


@pytest.mark.parametrize("question", [
    "平潭2021年谁提起的行政复议",
    "平潭2021年哪个部门被提起了行政复议",
    "蓟州区2020年哪个部门收到的申请最多",
    "蓟州区2020年哪些单位被申请了行政复议",
    "上海市科委2024年的申请是谁提的",
])
def test_a_question_asking_who_gets_no_figure(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert not answer.figures and not answer.choices  # no figure, nor figures offered (a section may be quoted)


def test_which_of_two_named_bodies_is_still_compared(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区和平潭2020年哪个收到的申请多")
    assert answer.kind == "difference"
    assert [(f.issuer, f.value) for f in answer.figures[1:]] == [
        ("天津市蓟州区", cell("jizhou-2020", NEW)), ("平潭综合实验区", cell("pingtan-2020", NEW))]


@pytest.mark.parametrize(("first", "change", "report", "key"), [
    ("沐阳县2025年复议后起诉结果维持多少件", "换成测试市", "test-city-2025",
     "review_litigation|count|litigation_after_review.upheld"),
    ("测试市2025年未经复议直接起诉的纠正了几件", "那换成沐阳县看看", "shuyang-2025",
     "review_litigation|count|litigation_direct.corrected"),
    ("测试市2025年企业申请了多少件", "换成沐阳县呢", "shuyang-2025", "applications|new_received|commercial"),
    ("平潭2020年行政复议纠正了几件", "换成蓟州区", "jizhou-2020", "review_litigation|count|review.corrected"),
])
def test_a_followup_changing_only_the_body_keeps_the_rest(answerer: Answerer, first: str, change: str,
                                                          report: str, key: str) -> None:
    answer = chat(answerer, first, change)[1]
    assert answer.answer is not None and (answer.answer.key, answer.answer.value) == (key, cell(report, key))


@pytest.mark.parametrize(("first", "then", "group"), [
    ("平潭2021年行政复议维持了多少", "那直接起诉的呢", "litigation_direct"),
    ("平潭2023年复议的结果纠正了几件", "复议后起诉的呢", "litigation_after_review"),
    ("平潭2023年未经复议直接起诉的结果维持了几件", "那行政复议呢", "review"),
])
def test_a_followup_naming_a_group_of_the_other_table_half_takes_its_total(answerer: Answerer, first: str,
                                                                           then: str, group: str) -> None:
    year = int(first[2:6])
    answer = chat(answerer, first, then)[1]
    assert answer.answer is not None and answer.answer.key == f"review_litigation|count|{group}.total"
    assert answer.answer.value == review(f"pingtan-{year}", group, "total")


def test_between_the_two_litigation_groups_the_result_stays(answerer: Answerer) -> None:
    answer = chat(answerer, "平潭2023年直接起诉的结果维持了几件", "复议后起诉的呢")[1]
    assert answer.answer is not None
    assert answer.answer.value == review("pingtan-2023", "litigation_after_review", "upheld")


@pytest.mark.parametrize(("first", "year"), [
    ("平潭历年收到的申请哪年最多", 2024),
    ("平潭2022年收到多少申请", 2022),
    ("蓟州区2020年予以公开的有几件", 2020),
])
@pytest.mark.parametrize("then", ["那年行政复议有多少", "同年的行政复议呢", "该年度行政复议有几件"])
def test_that_year_is_the_year_the_chat_is_on(answerer: Answerer, first: str, year: int, then: str) -> None:
    answer = chat(answerer, first, then)[1]
    assert answer.answer is not None and answer.answer.year == year
    report = "jizhou-2020" if "蓟州" in first else f"pingtan-{year}"
    assert answer.answer.value == review(report, "review", "total")


@pytest.mark.parametrize("turns", [("该年行政复议有多少",), ("平潭2021年比2019年多收了多少申请", "那年行政复议有多少")])
def test_that_year_without_one_year_in_the_chat_asks_for_it(answerer: Answerer, turns: tuple[str, ...]) -> None:
    answer = chat(answerer, *turns)[-1]
    assert answer.status == "not_found" and not answer.figures and "哪一年" in answer.reason


def pingtan_years() -> dict[int, int]:
    """新收 of every 平潭 report: the cell of the 2019 form and later; 2018's form has no such row, and its prose
    says it received none (未收到有关政府信息公开申请)."""
    said = next(f for f in load_truth(TRUTH / "pingtan-2018.json")["narrative"] if "未收到" in f["text"]
                and "申请" in f["text"] and "复议" not in f["text"])
    return {2018: said["value"], **{year: cell(f"pingtan-{year}", NEW) for year in range(2019, 2025)}}


@pytest.mark.parametrize("first", ["平潭2020年收到多少申请", "洪泽2015年收到多少申请"])
@pytest.mark.parametrize("then", ["平潭哪年最多", "那平潭历年呢"])
def test_a_question_over_the_years_after_one_year_spans_every_year(answerer: Answerer, first: str,
                                                                    then: str) -> None:
    answer = chat(answerer, first, then)[1]
    held = pingtan_years()
    assert answer.status == "answered" and {f.year: f.value for f in answer.figures} == held
    if "最多" in then:
        assert answer.figures[0].value == max(held.values())


def test_a_question_over_the_years_after_a_range_stays_in_the_range(answerer: Answerer) -> None:
    answer = chat(answerer, "平潭2019到2021年收到多少申请", "哪年最多")[1]
    held = {y: v for y, v in pingtan_years().items() if 2019 <= y <= 2021}
    assert answer.kind == "superlative" and {f.year: f.value for f in answer.figures} == held


def test_a_followup_that_asks_of_something_unread_does_not_repeat_the_figure(answerer: Answerer) -> None:
    answer = chat(answerer, "平潭2020年收到多少申请", "公开了多少")[1]
    assert answer.status != "answered" and not answer.figures


@pytest.mark.parametrize("then", ["2023年同一栏呢", "那2023年同一行的呢"])
def test_the_same_row_of_another_year_is_that_cell_not_a_comparison(answerer: Answerer, then: str) -> None:
    key = "review_litigation|count|review.upheld"
    answer = chat(answerer, "洪泽2024年行政复议结果维持的有几件", then)[1]
    assert answer.status == "answered" and answer.kind == "cell" and answer.answer is not None
    assert (answer.answer.year, answer.answer.value) == (2023, cell("hongze-2023", key))


@pytest.mark.parametrize("first", ["洪泽2023年不予公开以外的申请有多少", "洪泽2023年除了不予公开的申请有多少"])
def test_a_followup_after_a_turned_round_question_never_offers_the_plain_reading(answerer: Answerer,
                                                                               first: str) -> None:
    asked, then = chat(answerer, first, "2024年呢")
    assert asked.status != "answered" and not asked.choices
    assert then.status != "answered" and not then.choices and not then.figures


@pytest.mark.parametrize("question", ["蓟州2020年比平潭2019年多收了多少申请", "2020年蓟州比2019年平潭多收了多少申请"])
def test_each_body_compared_takes_the_year_named_beside_it(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.kind == "difference"
    assert [(f.issuer, f.year, f.value) for f in answer.figures[1:]] == [
        ("天津市蓟州区", 2020, cell("jizhou-2020", NEW)), ("平潭综合实验区", 2019, cell("pingtan-2019", NEW))]


def test_two_years_not_said_of_which_body_get_no_figure(answerer: Answerer) -> None:
    answer = ask(answerer, "2019年和2020年蓟州比平潭多收了多少申请")
    assert answer.status == "not_found" and not answer.figures


PENALTY = "active.art20_6|penalty|decisions"


@pytest.mark.parametrize("first", ["洪泽2024年收到多少申请", "洪泽2015年收到多少申请"])
@pytest.mark.parametrize("then", ["那2023年的行政处罚决定呢", "2023年行政处罚决定有多少呢", "还有2023年行政处罚决定多少"])
def test_a_turn_worded_as_going_on_keeps_the_body(answerer: Answerer, first: str, then: str) -> None:
    answer = chat(answerer, first, then)[1]
    assert answer.status == "answered" and answer.answer is not None
    assert (answer.answer.issuer, answer.answer.year, answer.answer.value) == (
        "淮安市洪泽区人民政府", 2023, cell("hongze-2023", PENALTY))


def test_a_new_question_without_a_body_is_not_taken_for_the_last_body(answerer: Answerer) -> None:
    answer = chat(answerer, "洪泽2024年收到多少申请", "2023年行政处罚决定有多少")[1]
    assert answer.status == "ambiguous" and not answer.figures


@pytest.mark.parametrize("question", [
    "上海市人民政府办公厅2019年和蓟州区2020年各收到多少申请",
    "上海市人民政府办公厅2019年和上海市科委2024年的新收申请分别是多少",  # the place named again starts a body
])
def test_bodies_joined_each_with_its_year_are_each_answered(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "answered" and len(answer.figures) == 2
    assert all(f.key == "applications|new_received|total" for f in answer.figures)
    assert len(set(issuers(answer))) == 2


def test_a_department_joined_to_a_body_after_the_year_is_a_second_body(answerer: Answerer) -> None:
    answer = ask(answerer, "2024年洪泽区跟市科委的行政复议分别是几件")
    assert answer.status == "answered" and answer.kind == "list"
    assert sorted(issuers(answer)) == ["上海市科委", "淮安市洪泽区人民政府"]
    assert all(f.key == "review_litigation|count|review.total" for f in answer.figures)


@pytest.mark.parametrize("question", ["平潭2023年和洪泽2024年新收申请分别有几件", "平潭2023年和洪泽2024年新收申请哪个多"])
def test_each_body_is_read_with_its_own_year(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    cells = [(f.issuer, f.year) for f in answer.figures if f.kind == "cell"]
    assert sorted(cells) == [("平潭综合实验区", 2023), ("淮安市洪泽区人民政府", 2024)]


def test_a_department_named_with_its_report_after_the_question_names_the_body(answerer: Answerer) -> None:
    # 市科委年报里写的: whose report, not a part of what is asked of 上海's
    answer = ask(answerer, "2024年上海收到多少申请，市科委年报里写的")
    assert answer.answer is not None and answer.answer.issuer == "上海市科委"


def test_the_askers_story_names_no_body(answerer: Answerer) -> None:
    # 我在沭阳县申请过: the story's place is no body asked, known or not; the question's own names the report
    answer = ask(answerer, "我在沭阳县申请过，沭阳县2025年予以公开多少件")
    assert answer.answer is not None and answer.answer.key == "applications|granted|total" and answer.answer.year == 2025


def test_a_place_glued_to_a_name_in_a_new_clause_is_the_name_s(answerer: Answerer) -> None:
    # ，智慧蓟州APP: 蓟州 is a part of the app's name, as in the clause of the body itself
    printed = int(re.search(r"智慧蓟州”APP公开政府信息(\d+)条", (CORPUS / "jizhou-2020.txt").read_text()).group(1))
    answer = ask(answerer, "蓟州区2020年的报告里，智慧蓟州APP公开政府信息多少条")
    assert [f.value for f in answer.figures] == [printed]
