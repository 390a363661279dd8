"""The answering core on a knowledge base of the real corpus."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import plain_text
from knowledge.answering.answerer import Answerer, held_body
from knowledge.chat.state import ChatState
from knowledge.model import Answer
from knowledge.normalize import normalize
from knowledge.understanding.query import understand
from knowledge.understanding.typed import question_text
from tests.conftest import SHARED, TRUTH, load_truth, service_over, truth_files
from xxgk_errors import ConfigError

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    state = ChatState(tmp_path_factory.mktemp("state") / "state.db")
    return service_over(corpus_db, state).answerer


def ask(answerer: Answerer, question: str, chat: str | None = None):
    return answerer.ask(question, chat=chat, today=TODAY)


@pytest.mark.parametrize(("raw", "normal"), [
    ("薊州區2020年政府信息公開申請", "蓟州区2020年政府信息公开申请"),
    ("蓟州区二〇二〇年", "蓟州区2020年"),
    ("洪泽区二零二三年", "洪泽区2023年"),
    ("上海市科委２０２４年", "上海市科委2024年"),
    ("平潭22年有多少人申请", "平潭2022年有多少人申请"),
])
def test_normalize(raw: str, normal: str) -> None:
    assert normalize(raw) == normal


@pytest.mark.parametrize(("raw", "normal"), [
    ("我是律师 想查一下平潭2021年", "我是律师,想查一下平潭2021年"),  # a space between words parts clauses
    ("洪泽 2024 复议", "洪泽2024复议"), ("受理申请 749 件", "受理申请749件"),  # beside a number it parts nothing
])
def test_a_question_reads_a_space_between_words_as_a_comma(raw: str, normal: str) -> None:
    assert question_text(raw) == normal
    assert normalize("洪泽区 人民政府") == "洪泽区人民政府"  # names and labels keep no space at all


def test_words_set_aside_in_a_clause_of_their_own_after_a_space(answerer: Answerer) -> None:
    answer = ask(answerer, "早上好 我们单位在做调研 想了解洪泽区2023年行政复议结果维持的有几件")
    assert answer.answer is not None and answer.answer.key == "review_litigation|count|review.upheld"


@pytest.mark.parametrize(("question", "concept", "value"), [
    ("蓟州2020年行证处罚决定有多少", "penalty", 4218), ("蓟州2020年信息公开申清里行政复意有几件", "review", 13)])
def test_homophone_slips_are_read_by_their_sound(answerer: Answerer, question: str, concept: str,
                                                 value: int) -> None:
    query = understand(normalize(question), answerer.catalog.directory, TODAY)
    assert concept in {m.value for s in query.spans for m in s.meanings if s.match == "pinyin"}
    assert not query.unexplained
    assert ask(answerer, question).answer.value == value


def test_cell_with_source(answerer: Answerer) -> None:
    answer = ask(answerer, "天津市蓟州区2020年本年新收政府信息公开申请数量是多少？")
    assert answer.status == "answered" and answer.answer is not None
    figure = answer.answer
    assert (figure.value, figure.unit, figure.year, figure.kind) == (191, "件", 2020, "cell")
    assert figure.key == "applications|new_received|total"
    assert figure.report_title == "天津市蓟州区2020年政府信息公开工作年度报告"
    text = plain_text(answer)
    assert "191件" in text and "出处：《天津市蓟州区2020年政府信息公开工作年度报告》" in text


def test_column_and_row_from_everyday_words(answerer: Answerer) -> None:
    figure = ask(answerer, "蓟州区2020年企业申请的有多少件被予以公开").answer
    assert figure is not None and figure.key == "applications|granted|commercial" and figure.value == 5


def test_money_in_printed_or_asked_unit(answerer: Answerer) -> None:
    printed = ask(answerer, "蓟州20年集中采购花了多少钱").answer
    assert printed is not None and (printed.value, printed.unit) == (12.03, "亿元")
    asked = ask(answerer, "上海市人民政府办公厅2019年政府集中采购总金额是多少万元").answer
    assert asked is not None and (asked.value, asked.unit) == (25.1, "万元")


def test_sum_says_what_it_adds(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区2020年不予公开的申请一共多少件")
    assert answer.answer is not None and answer.answer.kind == "sum" and answer.answer.value == 10
    assert len(answer.answer.parts) == 8 and "相加" in plain_text(answer)
    assert all(p.kind == "cell" and p.key.startswith("applications|denied.") for p in answer.answer.parts)


def test_blank_total_is_not_zero(answerer: Answerer) -> None:
    """上海 left the 总计 of 予以公开 blank: the answer adds the applicant columns and says so."""
    answer = ask(answerer, "上海市政府办公厅2019年予以公开的申请有多少件")
    assert answer.answer is not None and answer.answer.value == 272 and answer.answer.kind == "sum"
    assert "总计栏为空" in plain_text(answer)


@pytest.mark.parametrize("question", ["上海市政府办公厅2019年（一）予以公开 总计栏填的是多少",
                                      "上海市政府办公厅2019年予以公开那一行的合计栏是多少"])
def test_a_blank_total_asked_as_the_form_s_cell_is_blank(answerer: Answerer, question: str) -> None:
    # the cell as printed is asked: blank, never the applicants' sum (272) that no cell prints
    answer = ask(answerer, question)
    assert answer.answer is not None and answer.answer.value is None and not [f for f in answer.figures if f.value]


def test_uncertain_cell_is_not_stated(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2019年规范性文件对外公开总数量是多少")
    assert answer.status == "not_found" and answer.answer is None
    assert "无法可靠读出" in answer.reason
    # The cell is named for staff to correct, stating nothing; it survives the state store's round trip.
    [unread] = answer.unread
    assert unread.value is None and unread.year == 2019 and unread.key.startswith("active.art20_1|normative_documents|")
    assert unread.display.startswith("印作“") and unread.display in answer.reason
    assert Answer.from_dict(answer.to_dict()) == answer


def test_failing_original_is_noted(answerer: Answerer) -> None:
    answer = ask(answerer, "洪泽区2023年行政复议总计多少件")
    assert answer.answer is not None and answer.answer.value == 0
    assert any("原表" in n and "总计" in n and "照原表照录" in n for n in answer.answer.notes)
    assert "review_litigation.group_sum" not in plain_text(answer)


def test_prose_figure(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州2020年一共发了多少篇政策解读材料")
    assert answer.answer is not None and answer.answer.kind == "fact" and answer.answer.value == 50
    assert answer.answer.unit == "篇"


@pytest.mark.parametrize("name", ["平谭", "平檀"])  # slips of the keyboard for 平潭 (same sound, one character off)
def test_a_name_read_by_its_sound_asks_the_prose_as_the_held_name_does(answerer: Answerer, name: str) -> None:
    question = "{}2022年本年度动态更新的规范性文件有多少件"
    right = ask(answerer, question.format("平潭"))
    slipped = ask(answerer, question.format(name))
    assert right.answer is not None and right.answer.kind == "fact" and right.answer.value == 88
    assert slipped.answer is not None and slipped.answer.value == right.answer.value


@pytest.mark.parametrize("question", ["洪泽区2024年依申请公开收费多少", "洪泽区2024年信息公开收了多少费用",
                                      "洪泽2024年的信息处理费收了多少"])
def test_a_fee_is_never_answered_with_a_count(answerer: Answerer, question: str) -> None:
    # The 2024 report prints 全年收取政府信息公开信息处理费 0 元 in 六、其他需要报告的事项, and 受理…申请 17 件 under
    # 依申请公开情况: a fee is a sum of money, whatever words ask it.
    answer = ask(answerer, question)
    assert all(f.unit == "元" for f in answer.figures)
    if "信息处理费" in question:
        assert answer.answer is not None and (answer.answer.value, answer.answer.unit) == (0, "元")


@pytest.mark.parametrize("name", ["述阳", "术阳县"])
def test_a_slip_for_a_division_whose_report_is_held_under_a_misprint_is_read_by_sound(answerer: Answerer,
                                                                                   name: str) -> None:
    # 沭阳 (shù yáng) is held as the report prints it, 沐阳县; 述 and 术 are read shù too.
    answer = ask(answerer, f"{name}2025年上年结转的申请几件")
    truth = load_truth(TRUTH / "shuyang-2025.json")["cells"]["applications|carried_over|total"]
    assert answer.answer is not None and answer.answer.value == truth
    assert any(name in note for note in answer.answer.notes + answer.notes)


def test_a_real_division_not_held_is_never_read_as_another(answerer: Answerer) -> None:
    answer = ask(answerer, "泗阳2025年收到多少申请")  # 泗阳县 is a division of its own, not 沭阳
    assert answer.status != "answered" and not answer.figures


@pytest.mark.parametrize("then", ["2023年呢", "那2023年的呢"])
def test_a_followup_of_an_answer_from_the_text_asks_the_text_again(answerer: Answerer, then: str) -> None:
    # 收了 alone would name 本年新收; the fee was answered from 六、其他需要报告的事项, and so is the next year's.
    chat = f"fee-{then}"
    first = answerer.ask("洪泽区2024年收了多少信息处理费", chat=chat, today=date(2026, 11, 28))
    answer = answerer.ask(then, chat=chat, today=date(2026, 11, 28))
    assert first.answer is not None and first.answer.unit == "元"
    assert answer.answer is not None and (answer.answer.year, answer.answer.value, answer.answer.unit) == (2023, 0, "元")


def test_difference_and_series(answerer: Answerer) -> None:
    diff = ask(answerer, "平潭2021年比2019年多收了多少信息公开申请").answer
    assert diff is not None and diff.kind == "difference" and diff.value == 47
    assert len(diff.parts) == 2
    series = ask(answerer, "平潭历年收到的信息公开申请")
    assert series.status == "answered" and series.kind == "series"
    assert [f.year for f in series.figures] == [2018, 2019, 2020, 2021, 2022, 2023, 2024]
    text = plain_text(series)
    assert "2019年：23件" in text and "2021年：70件" in text


def test_followups_keep_context_per_chat(answerer: Answerer) -> None:
    assert ask(answerer, "蓟州区2020年新收了多少政府信息公开申请", "f1").answer.value == 191
    assert ask(answerer, "其中自然人呢？", "f1").answer.value == 185
    assert ask(answerer, "平潭2019年予以公开几件", "f2").answer.value == 7
    assert ask(answerer, "那2021年呢", "f2").answer.value == 30
    # Another chat's context does not leak in.
    assert ask(answerer, "商业企业的呢", "f1").answer.value == 5


def test_context_expires(corpus_db: Path, tmp_path: Path) -> None:
    state = ChatState(tmp_path / "s.db", ttl_seconds=60)
    answerer = service_over(corpus_db, state).answerer
    answerer.ask("蓟州区2020年新收了多少申请", chat="c", today=TODAY)
    assert state.load("c") is not None
    assert state.load("c", now=time.time() + 120) is None


@pytest.mark.parametrize("question", [
    "蓟州区2020年一般公共预算收入是多少", "今天天气怎么样", "天津和平区2020年信息公开年报里申请数是多少",
    "蓟州去年收了几个信息公开申请？", "平潭2021年集中采购了几个项目、花了多少钱", "平潭2019年收了多少信息处理费",
    # every word of the thing asked must be printed with the figure (阅读量 is not), in a unit that counts it
    # (多少个网站 is never a count of 条 published), and a count of 项 is never a count of 件 or a sum of money
    "平潭2024年政务新媒体的阅读量是多少", "蓟州区2020年有几个部门网站", "平潭2023年政府网站有多少个专栏",
    "测试市2025年行政许可事项数量", "平潭2022年行政事业性收费项目数量",
])
def test_not_found_states_no_figure(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "not_found" and answer.answer is None and answer.held


def test_ambiguous_offers_complete_choices(answerer: Answerer) -> None:
    answer = ask(answerer, "2019年度信息公开申请新收数量多少", "amb")
    assert answer.status == "ambiguous"
    assert {(c.figure.issuer, c.figure.value) for c in answer.choices if c.figure} == {
        ("上海市人民政府办公厅", 859), ("平潭综合实验区", 23)}
    picked = answerer.pick("amb", 1)
    assert picked is not None and picked.status == "answered"
    assert ask(answerer, "那行政复议呢", "amb").answer.issuer == picked.answer.issuer


def test_default_issuer_for_a_single_body(corpus_db: Path) -> None:
    answerer = service_over(corpus_db, None, default_issuer="上海市人民政府办公厅").answerer
    assert answerer.ask("2019年行政复议有几件", today=TODAY).answer.value == 7


def test_default_issuer_takes_every_name_a_held_body_is_printed_under(answerer: Answerer) -> None:
    """Each name a report prints for its body, and the body's display name, mean that body as a default."""
    catalog = answerer.catalog
    for issuer in catalog.by_issuer:
        printed = {report.printed for report in catalog.by_issuer[issuer]}
        assert printed
        for name in {issuer, *printed}:
            assert held_body(catalog, name) == issuer, name


def test_default_issuer_that_names_no_body_or_several_stops(answerer: Answerer) -> None:
    catalog = answerer.catalog
    pairs = [f"{a}和{b}" for a in catalog.by_issuer for b in catalog.by_issuer if a < b]
    both = [p for p in pairs if len(understand(normalize(p), catalog.directory, TODAY).bodies) == 2]
    assert both, "the chat reads two held bodies named together"
    for pair in both:
        with pytest.raises(ConfigError, match="多个"):
            held_body(catalog, pair)
    with pytest.raises(ConfigError, match="不是知识库中任何一个机关"):
        held_body(answerer.catalog, "乌鲁木齐市")


def _dev_items() -> list[dict]:
    path = SHARED / "questions" / "dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


# The share of dev questions answered right may only go up.
RIGHT_FLOOR = 0.95


# Expectations the truth files contradict: written before the report asked of joined the corpus.
ERRATA = {"pt21-21": "平潭22年…现行有效: not_found before pingtan-2022 was held; its truth prints 698"}


def _erratum(item_id: str, answer: Answer) -> bool:
    """A listed erratum answered with exactly the cells its report's truth file prints (never another figure)."""
    if item_id not in ERRATA or answer.status != "answered":
        return False
    truths = [load_truth(p) for p in truth_files()]
    return all(any(t["year"] == f.year and t["issuer"] in f.issuer and t["cells"].get(f.key) == f.value
                   for t in truths) for f in answer.figures if f.value is not None)


def test_dev_questions_never_confidently_wrong(corpus_db: Path, tmp_path: Path) -> None:
    from bench.qa import grade

    answerer = service_over(corpus_db, tmp_path / "state.db").answerer
    results = []
    for item in _dev_items():
        today = date.fromisoformat(item.get("asof", "2026-11-28"))
        turns = item["chat"] if "chat" in item else [{"q": item["q"], "expect": item["expect"]}]
        for turn in turns:
            answer = answerer.ask(turn["q"], chat=item["id"] if "chat" in item else None, today=today)
            results.append((item["id"], turn["q"], grade(answer, turn["expect"]), answer))
    assert results
    wrong = [r for r in results if r[2] == "wrong" and not _erratum(r[0], r[3])]
    assert not wrong, wrong
    assert sum(r[2] == "right" for r in results) / len(results) >= RIGHT_FLOOR


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=10_000),
    st.sampled_from(["", "\x00\x01", "'; DROP TABLE cells; --", "<script>alert(1)</script>", "😀" * 50,
                     "蓟州" * 5000, "2020年" * 300, "{}", "\u202e申请"]),
))
def test_answer_never_raises(answerer: Answerer, text: str) -> None:
    answer = answerer.ask(text, chat="fuzz", today=TODAY)
    assert answer.status in ("answered", "ambiguous", "not_found")
    assert isinstance(plain_text(answer), str) and plain_text(answer)


def test_sum_over_blank_totals_uses_the_printed_applicant_figures(answerer: Answerer) -> None:
    """上海 prints the 不予公开 rows with blank 总计: the sum is 14+5+4+12 = 35, never 0."""
    answer = ask(answerer, "上海市政府办公厅2019年有多少件申请不予公开")
    assert answer.answer is not None and answer.answer.value == 35
    assert "总计栏为空" in plain_text(answer)


def test_issuer_name_inside_what_is_asked(answerer: Answerer) -> None:
    figure = ask(answerer, "蓟州区2020年智慧蓟州APP公开了多少条信息").answer
    assert figure is not None and figure.value == 7167


def test_prose_figure_found_by_its_sentence(answerer: Answerer) -> None:
    figure = ask(answerer, "蓟州区2020年查阅场所接待了多少人次").answer
    assert figure is not None and (figure.value, figure.unit) == (22, "人次")


def test_vague_prose_question_asks_back(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区2020年公开了多少条信息")
    assert answer.status == "ambiguous" and len({c.figure.value for c in answer.choices if c.figure}) >= 2


def test_who_has_more(answerer: Answerer) -> None:
    latest = ask(answerer, "洪泽区和蓟州区谁收到的申请多")
    assert latest.answer is not None and latest.answer.kind == "difference"
    # No year said: each body's latest report, named in the reply (洪泽区 2024: 95, 蓟州区 2020: 191).
    text = plain_text(latest)
    assert "2024年为95件" in text and "2020年为191件" in text and latest.answer.value == -96


def test_new_question_in_a_chat_does_not_inherit_the_issuer(answerer: Answerer) -> None:
    ask(answerer, "蓟州区2020年收到多少申请", "n1")
    assert ask(answerer, "19年信息公开行政复议有几件", "n1").status == "ambiguous"


def test_organisations_column_group_is_a_sum(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区2020年法人或其他组织申请了多少")
    assert answer.answer is not None and answer.answer.kind == "sum" and answer.answer.value == 6
    parts = answer.answer.parts
    assert len(parts) == 5 and (parts[0].short, parts[0].value, parts[0].kind) == ("商业企业", 5, "cell")


@pytest.mark.parametrize("question", ["你好", "谢谢", "？？？"])
def test_small_talk_gets_help_not_a_figure(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert answer.status == "not_found" and answer.answer is None


def test_running_answerer_picks_up_a_rebuild(tmp_path: Path) -> None:
    from knowledge.ingest.files import rebuild
    from tests.conftest import CORPUS

    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    answerer = service_over(db, None).answerer
    assert answerer.ask("蓟州区2020年收到多少申请", today=TODAY).answer.value == 191
    rebuild(db, [CORPUS / "kewei-2024.md"])
    assert answerer.ask("蓟州区2020年收到多少申请", today=TODAY).status == "not_found"
    assert answerer.ask("上海市科委2024年收到多少申请", today=TODAY).answer.value == 34


def test_a_taught_phrase_changes_only_the_questions_that_use_it(corpus_db: Path) -> None:
    """The phrases a base was taught (Catalog.taught) join the lexicon its questions are read with; questions
    without the phrase are read and answered exactly as before."""
    from knowledge.store import Catalog

    plain, taught = Catalog(corpus_db), Catalog(corpus_db)
    taught.taught = (*taught.taught, ("收件", "app_row", "new_received"))
    try:
        bare, with_phrase = Answerer(plain), Answerer(taught)
        assert bare.ask("蓟州区2020年收件多少", today=TODAY).status == "not_found"
        assert [f.value for f in with_phrase.ask("蓟州区2020年收件多少", today=TODAY).figures] == [191]
        for question in ("蓟州区2020年收到多少申请", "平潭2019年规章制发了几件", "蓟州区2020年行政复议多少件",
                         "蓟州区2020年的电话是多少", "蓟州区2020年来件多少"):
            before, after = bare.ask(question, today=TODAY), with_phrase.ask(question, today=TODAY)
            assert after.to_dict() == before.to_dict(), question
    finally:
        plain.close()
        taught.close()


@pytest.mark.parametrize("question", ["蓟州区2020年的经费预算是多少", "蓟州区2020年经费预算有几个"])
def test_a_word_asked_is_not_pieced_from_what_follows_a_prose_figure(answerer: Answerer, question: str) -> None:
    # Regression (jizhou-2020.txt): 经费预算 was taken as printed by "27个镇乡(街)政府预算" because a later
    # clause of its sentence prints 三公经费支出预算; the 27 counts townships.
    answer = ask(answerer, question)
    assert not answer.figures


def test_a_word_asked_may_be_pieced_from_what_leads_to_a_prose_figure(answerer: Answerer) -> None:
    # 依托“平潭12345便民服务平台”…收到15564件咨询投诉件: the topic is set before the figure.
    answer = ask(answerer, "平潭2018年12345平台收到多少件咨询投诉")
    assert [f.value for f in answer.figures] == [15564]


def test_the_reply_says_how_a_slip_was_read(answerer: Answerer) -> None:
    answer = ask(answerer, "测试市2025年不与公开里属于国家秘密的有几件")
    assert answer.answer is not None and answer.answer.key == "applications|denied.state_secret|total"
    assert "“不与公开”按“不予公开”理解" in answer.notes
