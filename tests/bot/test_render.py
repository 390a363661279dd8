"""Every renderer against the same structured answers, built directly from knowledge.model."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from bot.channels.wechat.protocol import MAX_REPLY_BYTES, fit_reply
from bot.render import json_object, plain_text, source_line, telegram_html, wechat_text
from knowledge.answering.notes import check_notes
from knowledge.model import Answer, Choice, Figure, SectionText, SpanRole, Understood
from knowledge.store.read import CellRow, CheckRow

TITLE = "天津市蓟州区{year}年政府信息公开工作年度报告"
APPLICATIONS = "三、收到和处理政府信息公开申请情况"
REVIEWS = "五、政府信息公开行政复议、行政诉讼情况"
UNDERSTOOD = Understood(spans=(SpanRole("蓟州区", "issuer", "蓟州区人民政府"), SpanRole("2020年", "year", "2020")))


def cell(value: int, label: str, year: int = 2020, key: str = "applications|new_received|total",
         section: str = APPLICATIONS, page: int | None = 3, notes: tuple[str, ...] = (),
         issuer: str = "蓟州区人民政府") -> Figure:
    return Figure(value, "件", f"{value}件", issuer, year, TITLE.format(year=year), section, label, "cell",
                  key=key, page=page, notes=notes)


def _renderers() -> dict[str, Callable[[Answer], str]]:
    return {"plain": plain_text, "telegram": telegram_html, "wechat": lambda a: fit_reply(wechat_text(a)),
            "json": lambda a: json.dumps(json_object(a), ensure_ascii=False)}


RENDERERS = _renderers()
SINGLE = Answer("蓟州区2020年收到多少申请", "answered", "cell", understood=UNDERSTOOD,
                figures=(cell(191, "本年新收政府信息公开申请数量 · 总计"),))
SUM = Answer("蓟州区2020年行政复议和行政诉讼一共几件", "answered", "sum", figures=(
    Figure(17, "件", "17件", "蓟州区人民政府", 2020, TITLE.format(year=2020), REVIEWS, "行政复议和行政诉讼总计",
           "sum", key="review_litigation|review|total+review_litigation|litigation_direct|total",
           parts=(cell(13, "行政复议 · 总计", key="review_litigation|review|total", section=REVIEWS, page=5),
                  cell(4, "行政诉讼（未经复议直接起诉） · 总计", key="review_litigation|litigation_direct|total",
                       section=REVIEWS, page=5))),))
LIST = Answer("沭阳县2025年自然人和企业各申请了几件", "answered", "list", figures=(
    cell(705, "本年新收 · 自然人", 2025, "applications|new_received|natural_person", issuer="沭阳县人民政府"),
    cell(3, "本年新收 · 商业企业", 2025, "applications|new_received|commercial", issuer="沭阳县人民政府")))
SERIES = Answer("蓟州区历年行政复议几件", "answered", "series",
                figures=tuple(cell(v, "行政复议 · 总计", y, "review_litigation|review|total", REVIEWS, 5)
                              for y, v in ((2019, 9), (2020, 13), (2021, 6))))
SUPERLATIVE = Answer("蓟州区哪一年行政复议最多", "answered", "superlative",
                     figures=(SERIES.figures[1], *SERIES.figures), order="max")
DIFFERENCE = Answer("蓟州区2020年比2019年多收了多少申请", "answered", "difference", figures=(
    replace(cell(191, "本年新收政府信息公开申请数量 · 总计"), value=40, display="40件", kind="difference",
            key="applications|new_received|total − applications|new_received|total"),
    cell(191, "本年新收政府信息公开申请数量 · 总计"), cell(151, "本年新收政府信息公开申请数量 · 总计", 2019)))
LONG_SECTION_TEXT = "".join(f"第{i}条：部分单位公开不够及时，<栏目>更新慢。" for i in range(800))
SECTION = Answer("蓟州区2020年存在的主要问题", "answered", "section", section=SectionText(
    "蓟州区人民政府", 2020, TITLE.format(year=2020), "六、存在的主要问题及改进情况", "存在的主要问题及改进情况",
    LONG_SECTION_TEXT))
CHOICE_FIGURES = [cell(7 + i, "行政复议 · 总计", 2019, "review_litigation|review|total", REVIEWS, 5,
                       issuer=f"第{i}区人民政府") for i in range(5)]
AMBIGUOUS = Answer("19年行政复议有几件", "ambiguous", reason="有多个机关的2019年报告，您问的是哪一个？",
                   choices=tuple(Choice(f"{f.issuer}2019年行政复议", f"{f.issuer}2019年行政复议有几件", f)
                                 for f in CHOICE_FIGURES), choices_total=7)
NOT_FOUND = Answer("平潭2021年财政收入多少", "not_found", reason="年报里没有财政收入这一项。",
                   held=("平潭综合实验区管委会：2019、2021年",))
RATE = Answer("蓟州区2020年申请的公开率是多少", "not_found", reason="报告不印公开率；它由下面两个数字算出，我们不替报告算。",
              related=(cell(191, "本年新收政府信息公开申请数量 · 总计"),
                       cell(120, "予以公开", key="applications|result_granted|total", page=4)))
ANSWERED = {"single": SINGLE, "sum": SUM, "list": LIST, "series": SERIES, "superlative": SUPERLATIVE,
            "difference": DIFFERENCE}


def stated(answer: Answer) -> list[Figure]:
    """The figures a reader must see, each with the figures whose source lines must be shown with it."""
    return list(answer.figures if answer.status == "answered" else answer.related)


def sources_of(figure: Figure) -> list[Figure]:
    return list(figure.parts) if figure.kind in ("sum", "difference") else [figure]


@pytest.mark.parametrize("channel", RENDERERS)
@pytest.mark.parametrize("name", [*ANSWERED, "rate"])
def test_every_figure_and_its_source_in_every_channel(channel: str, name: str) -> None:
    answer = ANSWERED.get(name, RATE)
    text = RENDERERS[channel](answer)
    for figure in stated(answer):
        assert figure.display in text, (channel, name, figure.display)
        for source in sources_of(figure):
            assert source_line(source) in text, (channel, name, source_line(source))


@pytest.mark.parametrize("channel", RENDERERS)
def test_sum_names_its_parts(channel: str) -> None:
    text = RENDERERS[channel](SUM)
    assert all(f"{p.label} {p.display}" in text for p in SUM.figures[0].parts) and "相加" in text


def test_superlative_and_difference_say_which_way() -> None:
    assert "最多的是2020年" in plain_text(SUPERLATIVE)
    least = replace(SUPERLATIVE, figures=(SERIES.figures[2], *SERIES.figures), order="min")
    assert "最少的是2021年" in plain_text(least)
    assert "2020年比2019年多40件" in plain_text(DIFFERENCE)


@pytest.mark.parametrize("channel", RENDERERS)
def test_section_heading_text_and_source(channel: str) -> None:
    text = RENDERERS[channel](SECTION)
    assert SECTION.section is not None
    assert "存在的主要问题及改进情况" in text and "第0条" in text
    assert f"《{SECTION.section.report_title}》{SECTION.section.path}" in text
    if channel != "json":  # the JSON carries the whole text; the channels trim it and say where the rest is
        assert "第799条" not in text and "全文" in text


@pytest.mark.parametrize("channel", ["plain", "telegram", "wechat"])
def test_reasons_held_and_cut_choice_lists_are_said(channel: str) -> None:
    text = RENDERERS[channel](NOT_FOUND)
    assert NOT_FOUND.reason in text and "平潭综合实验区管委会：2019、2021年" in text
    ambiguous = RENDERERS[channel](AMBIGUOUS)
    assert AMBIGUOUS.reason in ambiguous and "共7项符合" in ambiguous and "列出5项" in ambiguous


def test_telegram_bold_figures_italic_sources_everything_else_escaped() -> None:
    hostile = replace(SINGLE, figures=(cell(191, "<script>alert(1)</script>其他 & 更多", issuer="<b>假机关</b>"),))
    text = telegram_html(hostile)
    assert "<b>191件</b>" in text
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;假机关" in text
    assert set(re.findall(r"</?([a-zA-Z]+)", text)) <= {"b", "i"}
    assert f"<i>{html.escape(source_line(hostile.figures[0]))}</i>" in text
    for answer in ANSWERED.values():
        html_text = telegram_html(answer)
        assert all(f"<i>{source_line(s)}</i>" in html_text for f in stated(answer) for s in sources_of(f))
        assert f"<b>{answer.figures[0].display.lstrip('-')}</b>" in html_text
    for answer in (LIST, SERIES):
        assert all(f"<b>{f.display}</b>" in telegram_html(answer) for f in answer.figures)


def test_telegram_long_section_fits_one_message() -> None:
    markup_heavy = replace(SECTION, section=replace(SECTION.section, text="<&>" * 5000))
    for answer in (SECTION, markup_heavy):
        text = telegram_html(answer)
        assert len(text) <= 4096 and "<i>出处：《" in text
        assert "<&>" not in text


def test_telegram_choices_are_buttons_with_the_cut_said() -> None:
    text = telegram_html(AMBIGUOUS)
    assert "1. " not in text  # the choices go on inline buttons (bot.channels.telegram.keyboard_for)
    assert "共7项符合" in text


def test_wechat_choices_are_numbered_lines_within_the_reply_length() -> None:
    text = wechat_text(AMBIGUOUS)
    lines = text.split("\n")
    for i, choice in enumerate(AMBIGUOUS.choices, 1):
        assert f"{i}. {choice.label}" in lines
    assert "回复序号即可选择。" in lines
    assert "共7项符合" in text
    for answer in (*ANSWERED.values(), SECTION, AMBIGUOUS, NOT_FOUND, RATE):
        assert len(fit_reply(wechat_text(answer)).encode()) <= MAX_REPLY_BYTES
    many = replace(AMBIGUOUS, choices=AMBIGUOUS.choices * 40, choices_total=400)
    assert len(fit_reply(wechat_text(many)).encode()) <= MAX_REPLY_BYTES


def test_json_answer_is_the_first_figure_and_figures_are_all() -> None:
    for answer in (*ANSWERED.values(), SECTION):
        data = json.loads(json.dumps(json_object(answer), ensure_ascii=False))
        assert data["figures"] == [f.to_dict() for f in answer.figures]
        if answer.figures:
            assert data["answer"] == data["figures"][0]
        assert set(data["understood"]) == {"spans", "unexplained", "set_aside"}
        assert data["status"] == "answered" and data["kind"] == answer.kind and data["text"]
    single = json_object(SINGLE)
    assert single["understood"]["spans"][0] == {"text": "蓟州区", "role": "issuer", "meaning": "蓟州区人民政府"}
    assert [f["value"] for f in json_object(LIST)["figures"]] == [705, 3]
    assert json_object(SUM)["answer"]["parts"][0]["value"] == 13
    ambiguous = json_object(AMBIGUOUS)
    assert ambiguous["answer"] is None and ambiguous["choices_total"] == 7 and len(ambiguous["choices"]) == 5
    assert ambiguous["choices"][1]["figure"]["value"] == 8
    rate = json_object(RATE)
    assert rate["answer"] is None and [f["value"] for f in rate["related"]] == [191, 120]


def test_figures_round_trip_through_json() -> None:
    for answer in (*ANSWERED.values(), AMBIGUOUS):
        for figure in answer.figures:
            assert Figure.from_dict(figure.to_dict()) == figure
        for choice in answer.choices:
            assert Choice.from_dict(choice.to_dict()) == choice


FAILED_CHECKS = [
    {"check_id": "applications.results_sum", "scope": "total", "detail": "0 vs 805（总计栏空白）"},
    {"check_id": "applications.balance", "scope": "total", "detail": "200 vs 191"},
    {"check_id": "applications.applicants_sum", "scope": "new_received", "detail": "191 vs 190"},
    {"check_id": "review_litigation.group_sum", "scope": "review", "detail": "13 vs 12"},
    {"check_id": "applications.unheard_of", "scope": "total", "detail": "1 vs 2"},
]


@pytest.mark.parametrize("channel", RENDERERS)
def test_check_notes_are_words_never_check_ids(channel: str) -> None:
    cells = {k: CellRow(*k.split("|"), v, str(v), False, False, "件", "", "", None) for k, v in (
        ("applications|new_received|total", 191), ("applications|new_received|natural_person", 190),
        ("review_litigation|count|review.total", 13), ("review_litigation|count|review.upheld", 12))}
    failed = [CheckRow(**c) for c in FAILED_CHECKS]
    table_notes = check_notes(failed, cells, "applications|new_received|total", "2019")
    review_notes = check_notes(failed, cells, "review_litigation|count|review.total", "2019")
    assert table_notes and review_notes
    noted = [
        replace(SINGLE, figures=(replace(SINGLE.figures[0], notes=table_notes),)),
        replace(SUM, figures=(replace(SUM.figures[0], notes=review_notes),)),
        replace(SERIES, figures=tuple(replace(f, notes=review_notes) for f in SERIES.figures)),
        replace(AMBIGUOUS, notes=table_notes),
    ]
    ids = {c["check_id"] for c in FAILED_CHECKS} | {c["check_id"].split(".")[1] for c in FAILED_CHECKS}
    for answer in noted:
        text = RENDERERS[channel](answer)
        assert "照原表照录" in text
        assert not [i for i in ids if i in text], text
    assert "“新收政府信息公开申请数量”行：各类申请人相加为190件，总计栏为191件" in plain_text(noted[0]) or \
        "行：各类申请人相加为190件，总计栏为191件" in plain_text(noted[0])


def test_a_series_is_named_by_its_table_cell_and_a_year_only_the_text_gives_says_its_sentence() -> None:
    older = replace(cell(0, "2018年未收到有关政府信息公开申请", 2018, "narrative", "三、政府信息依申请公开工作情况"),
                    kind="fact", clause="2018年未收到有关政府信息公开申请")
    series = replace(SERIES, figures=(older, *SERIES.figures))
    text = plain_text(series)
    assert "历年“行政复议 · 总计”" in text and "2018年：0件（据报告正文：“2018年未收到有关政府信息公开申请”）" in text
    least = plain_text(replace(SUPERLATIVE, figures=(older, *series.figures), order="min"))
    assert "“行政复议 · 总计”最少的是2018年" in least and "据报告正文" in least
