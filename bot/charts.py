"""Charts of answers with several figures (a series over years, figures of several bodies or rows): SVG for pages,
PNG for Telegram, drawn with pygal. The figures and their sources stay in the text beside the chart; a chart only
shows them.

pygal (pure Python, ~130 KB) draws SVG whose text the browser sets in its own fonts; the PNG for Telegram is that SVG
rasterised by CairoSVG, which needs the cairo library (Debian's libcairo2) and a CJK font on the machine. Without
them `chart_png` gives None and Telegram gets the text alone.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from knowledge import Answer

log = logging.getLogger(__name__)
MAX_BARS = 30  # more bars than this are unreadable on a phone: the text alone says them
# pygal writes a dated comment and a script with its configuration into every SVG, tooltips or not.
_LEFT_OUT = re.compile(r"<!--.*?-->|<script\b.*?</script>", re.S)
_LABEL_PX, _PLOT_PX = 13, 620  # a label character's width, and the width the bars share
_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


@dataclass(frozen=True)
class ChartData:
    """What a chart shows: a title, the unit, and one labelled value per bar."""

    title: str
    unit: str
    labels: tuple[str, ...]
    values: tuple[float, ...]


def chart_of(answer: Answer) -> ChartData | None:
    """The chart of an answer that states two or more figures of one unit, or None (one figure, or a mix)."""
    if answer.status != "answered" or answer.kind == "section":
        return None
    figures = list({(f.issuer, f.year, f.key, f.label): f for f in answer.figures if f.value is not None}.values())
    if not 2 <= len(figures) <= MAX_BARS or len({f.unit for f in figures}) != 1:
        return None
    issuers, years = {f.issuer for f in figures}, {f.year for f in figures}
    common = _most_common([f.label for f in figures])
    if len(issuers) == 1 and len(years) == len(figures):  # one body over years
        figures.sort(key=lambda f: f.year)
        names, title = [f"{f.year}年" for f in figures], f"{figures[0].issuer} · {common}"
    elif len(years) == 1 and len(issuers) == len(figures):  # several bodies in one year
        names, title = [f.issuer for f in figures], f"{figures[0].year}年 · {common}"
    elif len(issuers) == 1 and len(years) == 1:  # several rows or columns of one report
        head, names = _distinct_parts([f.label for f in figures])
        title = f"{figures[0].issuer} {figures[0].year}年 · {head}".rstrip(" ·（")
    else:
        names = [" ".join(p for p in (f.issuer if len(issuers) > 1 else "", f"{f.year}年" if len(years) > 1
                                      else "", f.short or f.label) if p) for f in figures]
        title = "所问各项"
    return ChartData(title, figures[0].unit, tuple(names), tuple(float(f.value or 0) for f in figures))


def _most_common(labels: list[str]) -> str:
    return max(labels, key=labels.count)


def _distinct_parts(labels: list[str]) -> tuple[str, list[str]]:
    """What the labels share in front, and what tells each apart (the shared front and back left out)."""
    front = 0
    while all(len(x) > front and x[front] == labels[0][front] for x in labels):
        front += 1
    back = 0
    while all(len(x) - front > back and x[-1 - back] == labels[0][-1 - back] for x in labels):
        back += 1
    parts = [x[front:len(x) - back] for x in labels]
    return labels[0][:front], parts if all(parts) else labels


@cache
def _style() -> Any:
    from pygal.style import Style

    return Style(font_family=_FONT, background="white", plot_background="white", colors=("#1565c0",),
                 title_font_size=15, label_font_size=12, major_label_font_size=12, value_font_size=11)


def chart_svg(data: ChartData) -> str:
    """The chart as a standalone SVG document (no script: pygal's tooltips are left out)."""
    import pygal

    # A CJK character is about as wide as the font is high (pygal reckons it narrower): labels that would not fit
    # under their bars are slanted, with the room below the chart that slanted labels take.
    longest = max(len(label) for label in data.labels) * _LABEL_PX
    slanted = longest > _PLOT_PX / len(data.labels)
    chart = pygal.Bar(style=_style(), js=[], disable_xml_declaration=False, show_legend=False, print_values=True,
                      title=data.title, y_title=data.unit, width=720, height=420 + (longest // 2 if slanted else 0),
                      truncate_label=-1, x_label_rotation=25 if slanted else 0, value_formatter=_number,
                      margin_bottom=longest // 2 if slanted else None)
    chart.x_labels = list(data.labels)
    chart.add(data.unit, list(data.values))
    # The same chart for the same figures: an id from them (not a random one), no dated comment, no script.
    chart.uuid = hashlib.sha1(repr(data).encode("utf-8")).hexdigest()[:16]
    return _LEFT_OUT.sub("", str(chart.render(is_unicode=True)))


def chart_png(data: ChartData) -> bytes | None:
    """The chart as PNG (for Telegram), or None where cairo cannot be loaded on this machine."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # cairocffi raises OSError when libcairo is missing
        log.warning("无法生成图表图片（%s），只发送文字", exc)
        return None
    png = cairosvg.svg2png(bytestring=chart_svg(data).encode("utf-8"), output_width=1080)
    return bytes(png) if png else None


def chart_data_uri(data: ChartData) -> str:
    """The SVG as a data: address for an <img> (the page's CSP allows data: images, not inline styles)."""
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(data).encode("utf-8")).decode("ascii")


def chart_words(data: ChartData) -> str:
    """What the chart shows, in words (an image's alternative text): 标题：2019年 23件；2020年 21件."""
    bars = "；".join(f"{label} {_number(value)}{data.unit}" for label, value in zip(data.labels, data.values,
                                                                                  strict=True))
    return f"{data.title}：{bars}"


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
