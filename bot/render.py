"""Renderers: one structured answer → the text of each channel. They read the structure only, never prose.

Plain text (terminal, `ask`), Telegram HTML (figure in bold, source in italics), the ask page's HTML (the same
lines as paragraphs), WeChat text (choices as numbered lines, within the passive reply's length) and JSON (the
API) share the sentences built here.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from bot.charts import chart_data_uri, chart_of, chart_words
from knowledge.model import Answer, Figure

Style = Callable[[str], str]
SECTION_PLAIN = 600
SECTION_WECHAT = 300
_BOLD_OPEN, _BOLD_CLOSE = "\x00", "\x01"  # control characters: never in a question (bot.conversation.clean_text)


def _plain(text: str) -> str:
    return text


def source_line(figure: Figure) -> str:
    """Where a figure is printed: report, section, row and column (or the prose clause), page."""
    page = f" · 第{figure.page}页" if figure.page else ""
    where = figure.section if figure.kind == "fact" else f"{figure.section} · {figure.label}"
    return f"出处：《{figure.report_title}》{where}{page}"


def figure_sentence(figure: Figure, bold: Style = _plain) -> str:
    """One sentence stating the figure; a sum says what it adds."""
    years = {p.year for p in figure.parts} or {figure.year}
    who = f"{figure.issuer}{figure.year}年" if len(years) == 1 else figure.issuer
    value = bold(figure.display)
    if figure.kind == "fact":
        return f"据{who}报告：“{figure.clause or figure.label}”（{value}）。"
    if figure.kind == "sum":
        parts = "、".join(f"{p.short or p.label} {p.display}" for p in figure.parts)
        if "相加" in figure.label:
            return f"{who}{figure.label}为{value}（{parts}）。"
        return f"{who}{figure.label}为{value}，由{parts}相加得出。"
    return f"{who}“{figure.label}”为{value}。"


def _difference_lines(answer: Answer, bold: Style) -> list[str]:
    diff, first, second = answer.figures[0], answer.figures[1], answer.figures[2]
    value = float(diff.value or 0)
    word = "多" if value > 0 else "少" if value < 0 else "相同，相差"
    size = diff.display.lstrip("-")
    if first.issuer == second.issuer and first.year == second.year:
        head = f"{first.issuer}{first.year}年“{first.label}”为{first.display}，“{second.label}”为{second.display}，"
        return [head + f"前者比后者{word}{bold(size)}。"]
    if first.issuer == second.issuer:
        head = f"{first.issuer}“{first.label}”：{first.year}年为{first.display}，{second.year}年为{second.display}，"
        return [head + f"{first.year}年比{second.year}年{word}{bold(size)}。"]
    return [f"{first.issuer}{first.year}年为{first.display}，{second.issuer}{second.year}年为{second.display}，"
            f"前者比后者{word}{bold(size)}。"]


def body_lines(answer: Answer, bold: Style = _plain, limit: int = SECTION_PLAIN) -> list[str]:
    """The lines that state what the answer holds (without sources)."""
    if answer.status != "answered":
        lines = [answer.reason] if answer.reason else []
        if answer.related:
            lines += [figure_sentence(f, bold) for f in answer.related]
        return lines
    if answer.kind == "section" and answer.section is not None:
        text = answer.section.text
        cut = f"{text[:limit]}……（全文较长，已截取；回复“全文”或在工作人员页面查看）" if len(text) > limit else text
        return [f"{answer.section.issuer}{answer.section.year}年报告“{answer.section.heading}”：", cut]
    if answer.kind == "difference":
        return _difference_lines(answer, bold)
    if answer.kind == "series":
        head = _named_by(answer.figures)
        return [f"{head.issuer}历年“{head.label}”："] + [f"{f.year}年：{bold(f.display)}{_from_prose(f, head)}"
                                                       for f in answer.figures]
    if answer.kind == "superlative":
        chosen, series = answer.figures[0], answer.figures[1:]
        head = _named_by(answer.figures)
        end = "少" if answer.order == "min" else "多"
        said = _from_prose(chosen, head)
        if len({f.issuer for f in series}) > 1:  # across bodies
            listed = "，".join(f"{f.issuer}{f.year}年{f.display}" for f in series)
            return [f"“{head.label}”最{end}的是{chosen.issuer}（{chosen.year}年）：{bold(chosen.display)}"
                    f"（各机关：{listed}）。{said}"]
        listed = "，".join(f"{f.year}年{f.display}" for f in series)
        return [f"{chosen.issuer}“{head.label}”最{end}的是{chosen.year}年：{bold(chosen.display)}（各年：{listed}）。"
                f"{said}"]
    return [figure_sentence(f, bold) for f in answer.figures]


def _named_by(figures: tuple[Figure, ...]) -> Figure:
    """The figure whose label names a series: a table cell's, not the sentence an older report says it in."""
    return next((f for f in figures if f.kind != "fact"), figures[0])


def _from_prose(figure: Figure, head: Figure) -> str:
    """A year of a table's series that only the report's text gives (2018, before the form): which sentence."""
    return f"（据报告正文：“{figure.clause or figure.label}”）" if figure.kind == "fact" and head.kind != "fact" else ""


def note_lines(answer: Answer) -> list[str]:
    notes = list(answer.notes)
    for figure in answer.figures:
        notes += [n for n in figure.notes if n not in notes]
    return [f"说明：{n}" for n in notes]


def source_lines(answer: Answer) -> list[str]:
    figures = answer.figures if answer.status == "answered" else answer.related
    if answer.kind == "difference":
        figures = answer.figures[1:]
    seen: list[str] = []
    for figure in figures:
        for line in [source_line(p) for p in figure.parts] if figure.kind == "sum" else [source_line(figure)]:
            if line not in seen:
                seen.append(line)
    if answer.kind == "section" and answer.section is not None:
        seen.append(f"出处：《{answer.section.report_title}》{answer.section.path}")
    return seen


def choice_lines(answer: Answer) -> list[str]:
    lines = [f"{i}. {c.label}" for i, c in enumerate(answer.choices, 1)]
    if answer.choices_total > len(answer.choices):
        lines.append(f"（共{answer.choices_total}项符合，这里列出{len(answer.choices)}项；请把问题说得更具体）")
    if answer.choices:
        lines.append("回复序号即可选择。")
    return lines


def held_lines(answer: Answer) -> list[str]:
    if answer.status != "not_found" or not answer.held:
        return []
    return ["知识库中有：" + "；".join(answer.held)]


def plain_text(answer: Answer) -> str:
    """The reply for the terminal and `ask`: figure, notes, sources, choices."""
    lines = body_lines(answer) + note_lines(answer) + choice_lines(answer) + source_lines(answer) + \
        held_lines(answer)
    return "\n".join(lines)


def telegram_html(answer: Answer, limit: int = 4096) -> str:
    """Telegram HTML: every value escaped, the figure in bold, sources in italics, within one message."""
    esc = html.escape
    # The figure is marked while the sentence is built and becomes <b> only after the whole line is escaped,
    # so that labels and issuers (text from the reports) never pass through as markup.
    lines = [esc(line).replace(_BOLD_OPEN, "<b>").replace(_BOLD_CLOSE, "</b>")
             for line in body_lines(answer, lambda t: f"{_BOLD_OPEN}{t}{_BOLD_CLOSE}", limit=SECTION_PLAIN)]
    lines += [esc(n) for n in note_lines(answer)]
    if answer.choices_total > len(answer.choices):
        lines.append(esc(f"（共{answer.choices_total}项符合，这里列出{len(answer.choices)}项）"))
    lines += [f"<i>{esc(s)}</i>" for s in source_lines(answer)]
    lines += [esc(h) for h in held_lines(answer)]
    text = "\n".join(lines)
    while len(text) > limit and "\n" in text:
        text = text.rsplit("\n", 1)[0]  # drop whole lines, so that no tag is cut in two
    return text if len(text) <= limit else html.escape(answer.reason or "回答过长，请把问题问得更具体一些。")


def answer_html(answer: Answer, limit: int | None = None) -> str:
    """The ask page's HTML: the lines of plain_text as paragraphs, every value escaped, the figure in bold.

    Choices are left to the page, which draws them as buttons (only the line saying the list was cut is here);
    a section's text is whole unless `limit` cuts it.
    """
    esc = html.escape
    whole = len(answer.section.text) if answer.section is not None else SECTION_PLAIN
    body = [esc(line).replace(_BOLD_OPEN, "<b>").replace(_BOLD_CLOSE, "</b>")
            for line in body_lines(answer, lambda t: f"{_BOLD_OPEN}{t}{_BOLD_CLOSE}", limit=limit or whole)]
    cut = [line for line in choice_lines(answer)[len(answer.choices):] if line.startswith("（共")]
    paragraphs = [("statement", line) for line in body] + [("note", esc(n)) for n in note_lines(answer)]
    paragraphs += [("cut", esc(c)) for c in cut] + [("source", esc(s)) for s in source_lines(answer)]
    paragraphs += [("held", esc(h)) for h in held_lines(answer)]
    return "".join(f'<p class="{kind}">{line}</p>' for kind, line in paragraphs) + chart_html(answer)


def chart_html(answer: Answer) -> str:
    """A series or comparison's chart as an image (SVG, no script), its figures in words as the alternative text;
    the statement above it says them too, with their sources."""
    data = chart_of(answer)
    if data is None:
        return ""
    alt = html.escape(chart_words(data), quote=True)
    return f'<figure class="chart"><img src="{chart_data_uri(data)}" alt="{alt}"></figure>'


def wechat_text(answer: Answer) -> str:
    """WeChat: plain text, section text shorter; choices as numbered lines answered by sending the number."""
    lines = body_lines(answer, limit=SECTION_WECHAT) + note_lines(answer) + choice_lines(answer) + \
        source_lines(answer) + held_lines(answer)
    return "\n".join(lines)


def json_object(answer: Answer) -> dict[str, Any]:
    """The API's object: the structure, plus the plain text for scripts that print it."""
    return {**answer.to_dict(), "text": plain_text(answer)}


def json_line(answer: Answer) -> str:
    return json.dumps(json_object(answer), ensure_ascii=False)
