"""The staff pages as HTML: templates/ filled with escaped values, style and script from static/ with the nonce.

Each page is a template under templates/; rows and table cells, which repeat, are built with `element`, which
escapes their text and every attribute value.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from bot.markup import Markup, Templates, element, join
from bot.settings import STAFF_TOKEN_ENV
from bot.staff.auth import MIN_TOKEN
from bot.staff.correction_forms import Aim, corrections_block
from knowledge.staff import (
    CellView,
    FeedbackEntry,
    ReportFilter,
    ReportView,
    StoredReport,
    TableView,
    UploadLine,
)

FILES = Templates("bot.staff")
REPORT_COLUMNS = ("year", "template", "format", "cells", "facts", "checks_failed", "warnings")


def layout(title: str, body: Markup, nonce: str, nav: bool = True) -> Markup:
    """A whole staff page: menu (with the log-out button), title and body."""
    return FILES.render("layout.html", title=title, nonce=nonce, style=FILES.static("staff.css"),
                        menu=FILES.render("menu.html") if nav else "", body=body)


def off_page(nonce: str, reason: str) -> Markup:
    """What the staff pages say while no usable token is set: why, and how to turn them on."""
    body = FILES.render("off.html", reason=reason, token_env=STAFF_TOKEN_ENV, min_token=MIN_TOKEN)
    return layout("工作人员页面未开启", body, nonce, nav=False)


def login_page(nonce: str, error: str = "") -> Markup:
    """The log-in form (the token is posted, never put in a URL)."""
    message = element("p", error, class_="error", id="login-error") if error else ""
    return layout("工作人员登录", FILES.render("login.html", message=message), nonce, nav=False)


def home_page(nonce: str, reports: list[StoredReport], only: ReportFilter, limits_text: str,
              suffixes: frozenset[str]) -> Markup:
    """The list of reports (narrowed by the filter), each linking to its page; export links for what is listed;
    the upload form taking the report types only."""
    shown = [r for r in reports if only.keeps(r)]
    rows = join(element("tr", join(element("td", v) for v in [
        element("a", r.issuer, href=f"/staff/report/{int(r.id)}"), *(getattr(r, k) for k in REPORT_COLUMNS)]))
        for r in shown)
    empty = "没有符合筛选条件的报告。" if reports else "知识库中还没有报告。"
    table = FILES.render("reports.html", rows=rows) if shown else element("p", empty, class_="muted",
                                                                          id="reports-empty")
    body = FILES.render("home.html", count=f"{len(shown)}/{len(reports)}" if only.active else len(reports),
                        filter=_filter_form(only, sorted({r.template or "" for r in reports} - {""})),
                        exports=_export_links(only), reports=table, limits=limits_text,
                        accept=",".join(sorted(suffixes)), nonce=nonce, script=FILES.static("upload.js"))
    return layout("政府信息公开年报 · 工作人员", body, nonce)


def _filter_form(only: ReportFilter, templates: list[str]) -> Markup:
    options = join(element("option", f"{t}年版" if t.isdigit() else t, value=t,
                           selected="selected" if t == only.template else None) for t in templates)
    return FILES.render("filter.html", q=only.name, year=only.year or "", templates=options,
                        failing=Markup(" checked") if only.failing else "",
                        clear=element("a", "清除筛选", href="/staff") if only.active else "")


def _export_links(only: ReportFilter, report_id: int | None = None) -> Markup:
    """Links that download what is shown: one report, the filtered list, or the whole base."""
    base: dict[str, str | int] = {"report": report_id} if report_id is not None else {
        k: v for k, v in (("q", only.name), ("year", only.year or ""), ("template", only.template),
                          ("failing", "1" if only.failing else "")) if v}
    scope = "这份报告" if report_id is not None else "筛选出的报告" if only.active else "全部报告"
    links = join([element("a", "CSV", href="/staff/export?" + urlencode({**base, "format": "csv"}),
                          download="", class_="export csv"), " · ",
                  element("a", "JSON", href="/staff/export?" + urlencode({**base, "format": "json"}),
                          download="", class_="export json")])
    return element("p", join([f"导出{scope}的单元格与正文数字：", links]), class_="exports")


def upload_result_page(nonce: str, lines: list[UploadLine]) -> Markup:
    """The page a browser without JavaScript gets after submitting the upload form."""
    items = join(element("div", x.line, class_=f"line {x.status}") for x in lines)
    return layout("上传结果", FILES.render("upload_result.html", lines=items), nonce)


# The states of a feedback entry as staff read them (knowledge.model.FEEDBACK_STATES).
STATE_LABELS = {"open": "待处理", "taught": "已教会", "corrected": "已更正", "not_in_reports": "报告中没有"}


def feedback_page(nonce: str, entries: list[FeedbackEntry], shown: str = "") -> Markup:
    """Every vote and unanswered question, one row per question, with the turn before a follow-up and a state;
    only the entries of state `shown` when it is one."""
    shown = shown if shown in STATE_LABELS else ""
    listed = [e for e in entries if not shown or e.state == shown]
    rows = join(_feedback_row(n, e, shown) for n, e in enumerate(listed, 1))
    table = (FILES.render("entries.html", rows=rows) if listed
             else element("p", "还没有反馈，也没有未能回答的问题。" if not shown else "没有这个状态的条目。",
                          id="feedback-empty"))
    return layout("未能回答的问题与反馈", FILES.render("feedback.html", states=_state_links(entries, shown),
                                                       entries=table), nonce)


def _state_links(entries: list[FeedbackEntry], shown: str) -> Markup:
    """Links showing all entries or those of one state, each with how many there are."""
    counts = {state: sum(e.state == state for e in entries) for state in STATE_LABELS}
    links = [("", f"全部（{len(entries)}）")] + [(s, f"{label}（{counts[s]}）") for s, label in STATE_LABELS.items()]
    return join(element("a", text, href=f"/staff/feedback?state={state}" if state else "/staff/feedback",
                        aria_current="page" if state == shown else None) for state, text in links)


def _feedback_row(number: int, entry: FeedbackEntry, shown: str) -> Markup:
    previous = element("div", f"接着上一问：{entry.previous}", class_="previous") if entry.previous else ""
    question = element("td", join([previous, element("div", entry.question)]), class_="question")
    counts = (element("td", v) for v in (entry.count, entry.not_found, entry.voted_wrong, entry.voted_right,
                                         entry.chats, entry.last_text))
    options = join(element("option", label, value=state, selected="selected" if state == entry.state else None)
                   for state, label in STATE_LABELS.items())
    label = element("span", STATE_LABELS[entry.state] + ("（处理后又出现）" if entry.reopened else ""),
                    class_="state-label")
    ways = [element("a", "教", href=f"/staff/teach?{urlencode({'key': entry.key})}", class_="teach"),
            element("a", "回答·更正", href=f"/staff/entry?{urlencode({'key': entry.key})}", class_="answer-now")]
    state = element("td", join([label, FILES.render("mark.html", key=entry.key, options=options, shown=shown), *ways]),
                    class_="state", data_state=entry.state)
    return element("tr", join([question, *counts, state]), id=f"entry-{number}", class_=entry.state)


def spans(labels: list[list[str]]) -> list[list[tuple[int, str, int, int]]]:
    """Merged header cells for label paths: per item, (level, text, span along, span across) of each cell it opens.

    Rows 三、本年度办理结果/（三）不予公开/1.属于国家秘密 … share their first two levels, as the template prints them.
    """
    depth = max((len(p) for p in labels), default=1) or 1
    out = []
    for j, path in enumerate(labels):
        path = path or [""]
        cells = []
        for i, text in enumerate(path):
            if j > 0 and (labels[j - 1] or [""])[:i + 1] == path[:i + 1]:
                continue
            span = 1
            while j + span < len(labels) and (labels[j + span] or [""])[:i + 1] == path[:i + 1]:
                span += 1
            cells.append((i, text, span, depth - i if i == len(path) - 1 else 1))
        out.append(cells)
    return out


def _cell(cell: CellView | None, view: ReportView) -> Markup:
    """A table cell: blank, uncertain (with its warning) or failing (with its explanation and a link to it)."""
    if cell is None:
        return element("td", "·", class_="cell absent", title="报告中未读到这一格")
    classes, notes = ["cell"], []
    if cell.blank:
        classes.append("blank")
        notes.append("报告中此格为空白")
    if cell.uncertain:
        classes.append("uncertain")
        notes.append(cell.warning)
    if cell.correction:
        classes.append("corrected")
        notes.append(cell.correction)
    if cell.page:
        notes.append(f"原件第{cell.page}页")
    content: Any = cell.text
    if cell.failing:
        classes.append("failing")
        notes += [view.problems[i].text for i in cell.problems]
        content = element("a", cell.text, href=f"#problem-{cell.problems[0]}", aria_label="看核对说明")
    return element("td", content, class_=" ".join(classes), title="；".join(n for n in notes if n),
                   data_key=cell.key, data_warning=cell.warning if cell.uncertain else None,
                   tabindex="0" if cell.uncertain else None, data_page=cell.page or None)


def table_html(table: TableView, view: ReportView) -> Markup:
    """One template table with nested row and column headings, as the template prints it."""
    row_depth = max((len(r.label) for r in table.rows), default=1) or 1
    col_depth = max(len(c) for c in table.columns)
    head_rows: list[list[Markup]] = [[] for _ in range(col_depth)]
    head_rows[0].append(element("th", rowspan=col_depth, colspan=row_depth))
    for column in spans(table.columns):
        for level, text, along, across in column:
            head_rows[level].append(element("th", text, colspan=along, rowspan=across))
    body = join(element("tr", join([*(element("th", text, rowspan=along, colspan=across)
                                      for _, text, along, across in labels),
                                    *(_cell(c, view) for c in row.cells)]), data_row=row.key)
                for row, labels in zip(table.rows, spans([r.label for r in table.rows]), strict=True))
    pages = "、".join(str(p) for p in table.pages)
    # The review table's title is its section's own heading; say it once.
    heading = table.section if table.title in table.section else f"{table.section} · {table.title}"
    return FILES.render("table.html", heading=heading, id=table.id, body=body,
                        pages=element("p", f"原件第{pages}页", class_="pages") if pages else "",
                        head=join(element("tr", join(r)) for r in head_rows))


def report_page(nonce: str, view: ReportView, aim: Aim | None = None) -> Markup:
    """One report: files, failing checks in words, warnings, tables, prose figures, sections; the correction forms
    set on what `aim` names, and saving one marks its feedback entry corrected."""
    files = join(element("li", join([f"{f.name}（{f.format}）", element("span", f" 存入 {f.ingested_at}",
                                                                         class_="muted")])) for f in view.files)
    problems = join([element("h2", f"核对未通过（{len(view.problems)}）"), element("ul", join(
        element("li", p.text, id=f"problem-{i}") for i, p in enumerate(view.problems)),
        class_="problems", id="problems")]) if view.problems else ""
    warnings = join([element("h2", "读取时的警告"), element("ul", join(element("li", w) for w in view.warnings),
                                                          class_="warnings")]) if view.warnings else ""
    tables = (join(table_html(t, view) for t in view.tables)
              or element("p", "这份报告没有模板表格。", class_="muted"))
    other = join([element("h2", "其他读到的数字"), element("ul", join(
        element("li", f"{c.key}：{c.text}") for c in view.other_cells))]) if view.other_cells else ""
    body = FILES.render("report.html", exports=_export_links(ReportFilter(), view.id), issuer=view.issuer, year=view.year, template=view.template,
                        format=view.format, files=files, problems=problems, warnings=warnings, tables=tables,
                        other_cells=other, facts=_facts(view), sections=_sections(view),
                        corrections=corrections_block(view, aim or Aim()))
    return layout(view.title or f"{view.issuer} {view.year}年报告", body, nonce)


def correction_refused_page(nonce: str, message: str, report_id: int) -> Markup:
    """Why a correction was not kept, with the way back to the report."""
    body = join([element("p", message, class_="error", id="correction-error"),
                 element("a", "返回报告", href=f"/staff/report/{int(report_id)}#corrections")])
    return layout("更正未保存", body, nonce)


def _facts(view: ReportView) -> Markup | str:
    if not view.facts:
        return ""
    rows = join(element("tr", join(element("td", v) for v in (
        f.section, f.text, f"{_number(f.value)}{f.unit or ''}", f.page or "")),
        class_="corrected" if f.correction else None,
        title=f"经工作人员更正，原文印作“{f.printed}{f.unit}”（理由：{f.correction}）" if f.correction else None)
        for f in view.facts)
    return FILES.render("facts.html", count=len(view.facts), rows=rows)


def _sections(view: ReportView) -> Markup | str:
    if not view.sections:
        return ""
    items = join(element("details", join([element("summary", s.path), element("p", s.text)]))
                 for s in view.sections)
    return join([element("h2", f"章节（{len(view.sections)}）"), element("div", items, id="sections")])


def _number(value: Any) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)
