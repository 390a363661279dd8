"""Charts of answers with several figures: which answers get one, what it shows, SVG and PNG."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.charts import chart_of, chart_png, chart_svg, chart_words
from bot.render import answer_html
from knowledge import Answer, Figure, Service

SERIES = "平潭历年收到多少申请"


def test_a_series_is_charted_by_year_in_order(service: Service) -> None:
    answer = service.ask(SERIES)
    data = chart_of(answer)
    assert data is not None and data.unit == "件"
    years = sorted({f.year for f in answer.figures})
    assert data.labels == tuple(f"{y}年" for y in years)
    by_year = {f.year: float(f.value) for f in answer.figures if f.value is not None}
    assert data.values == tuple(by_year[y] for y in years)
    assert data.title.startswith("平潭综合实验区")


def test_rows_of_one_report_are_told_apart_by_what_differs(service: Service) -> None:
    answer = service.ask("沐阳县2025年自然人和企业各申请了几件")
    data = chart_of(answer)
    assert data is not None and len(data.labels) == 2
    assert all(len(label) < len(f.label) for label, f in zip(data.labels, answer.figures, strict=True))
    assert data.values == tuple(float(f.value or 0) for f in answer.figures)


def _figure(value: float | None, unit: str = "件", year: int = 2020) -> Figure:
    return Figure(value=value, unit=unit, display=f"{value}{unit}", issuer="某区", year=year, report_title="r",
                  section="s", label="l", kind="cell", key="a|b|c")


@pytest.mark.parametrize("answer", [
    Answer(question="q", status="answered", kind="cell", figures=(_figure(3),)),
    Answer(question="q", status="answered", kind="list", figures=(_figure(3), _figure(5, "万元", 2021))),
    Answer(question="q", status="not_found"),
    Answer(question="q", status="answered", kind="series", figures=(_figure(None), _figure(4, year=2021))),
])
def test_one_figure_mixed_units_or_nothing_stated_gets_no_chart(answer: Answer) -> None:
    assert chart_of(answer) is None
    assert "<figure" not in answer_html(answer)


def test_the_svg_has_no_script_is_the_same_each_time_and_the_page_says_its_figures(service: Service) -> None:
    answer = service.ask(SERIES)
    data = chart_of(answer)
    assert data is not None
    svg = chart_svg(data)
    assert svg == chart_svg(data) and "<script" not in svg and svg.startswith("<?xml")
    assert all(label in svg for label in data.labels)
    shown = answer_html(answer)
    assert '<figure class="chart"><img src="data:image/svg+xml;base64,' in shown
    assert chart_words(data).split("：")[1].split("；")[0] in shown  # the alternative text: 2018年 0件 …
    assert chart_of(replace(answer, figures=answer.figures[:1])) is None


def test_the_png_is_a_picture_where_cairo_is_installed(service: Service) -> None:
    data = chart_of(service.ask(SERIES))
    assert data is not None
    png = chart_png(data)
    if png is None:
        pytest.skip("the cairo library is not on this machine: Telegram gets the text alone")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
