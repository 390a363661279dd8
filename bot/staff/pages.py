"""The staff pages as HTML: every value escaped, style and script inline (with the response's nonce)."""

from __future__ import annotations

from html import escape
from typing import Any

from bot.staff.assets import STAFF_CSS, UPLOAD_JS
from knowledge.staff.report_view import CellView, ReportView, TableView
from knowledge.staff.service import Missed, UploadLine

TOKEN_ENV = "XXGK_STAFF_TOKEN"


def e(value: Any) -> str:
    """The value as HTML text (None as nothing), quotes escaped for attributes too."""
    return escape("" if value is None else str(value), quote=True)


def layout(title: str, body: str, nonce: str, nav: bool = True) -> str:
    """A whole staff page: menu (with the log-out button), title and body."""
    menu = ('<nav><a href="/staff">报告</a><a href="/staff#add">添加报告</a><a href="/staff/feedback">未能回答的问题</a>'
            '<a href="/">公开查询页</a><form method="post" action="/staff/logout">'
            '<button type="submit" id="logout">退出登录</button></form></nav>') if nav else ""
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title>'
            f'<style nonce="{nonce}">{STAFF_CSS}</style></head><body>{menu}<h1>{e(title)}</h1>{body}</body></html>')


def off_page(nonce: str, reason: str) -> str:
    """What the staff pages say while no usable token is set: why, and how to turn them on."""
    body = (f"<p>{e(reason)}</p><p>开启方法：在运行 <code>python -m bot serve</code> 的环境中设置环境变量 "
            f"<code>{TOKEN_ENV}</code>（至少 16 个字符的随机字符串，例如 "
            "<code>python -c \"import secrets; print(secrets.token_urlsafe(32))\"</code> 的输出），然后重启服务。"
            "令牌不要写进代码仓库或 config.toml。公开的查询页与 /api/ask 不受影响。</p>")
    return layout("工作人员页面未开启", body, nonce, nav=False)


def login_page(nonce: str, error: str = "") -> str:
    """The log-in form (the token is posted, never put in a URL)."""
    message = f'<p class="error" id="login-error">{e(error)}</p>' if error else ""
    body = (f'{message}<form method="post" action="/staff/login" id="login">'
            '<label>工作人员令牌 <input type="password" name="token" id="token" autocomplete="current-password" '
            'required autofocus></label> <button type="submit">登录</button></form>')
    return layout("工作人员登录", body, nonce, nav=False)


def home_page(nonce: str, reports: list[dict[str, Any]], limits_text: str) -> str:
    """The list of reports, each linking to its page, and the upload form."""
    rows = "".join(
        f'<tr><td><a href="/staff/report/{int(r["id"])}">{e(r["issuer"])}</a></td><td>{e(r["year"])}</td>'
        f'<td>{e(r["template"])}</td><td>{e(r["format"])}</td><td>{e(r["cells"])}</td><td>{e(r["facts"])}</td>'
        f'<td>{e(r["checks_failed"])}</td><td>{e(r["warnings"])}</td></tr>' for r in reports)
    table = ('<table id="reports"><thead><tr><th>机关</th><th>年度</th><th>模板</th><th>格式</th><th>单元格</th>'
             f'<th>正文数字</th><th>核对未通过</th><th>警告</th></tr></thead><tbody>{rows}</tbody></table>'
             if reports else '<p class="muted">知识库中还没有报告。</p>')
    upload = (f'<h2 id="add">添加报告</h2><p class="muted">{e(limits_text)}。每个文件解析后存入知识库，'
              '结果与 <code>python -m bot ingest</code> 的一行相同；运行中的机器人随即使用新的知识库。</p>'
              '<form id="upload" method="post" action="/staff/upload" enctype="multipart/form-data">'
              '<div id="drop">把报告文件拖到这里，或 <input type="file" id="files" name="files" multiple> '
              '<button type="submit">上传</button></div></form>'
              '<progress id="progress" hidden></progress> <span id="upload-state" aria-live="polite"></span>'
              '<div id="lines"></div>'
              f'<script nonce="{nonce}">{UPLOAD_JS}</script>')
    return layout("政府信息公开年报 · 工作人员", f"<h2>收录的报告（{len(reports)}）</h2>{table}{upload}", nonce)


def upload_result_page(nonce: str, lines: list[UploadLine]) -> str:
    """The page a browser without JavaScript gets after submitting the upload form."""
    items = "".join(f'<div class="line {e(x.status)}">{e(x.line)}</div>' for x in lines)
    return layout("上传结果", f'<div id="lines">{items}</div><p><a href="/staff">返回</a></p>', nonce)


def feedback_page(nonce: str, missed: list[Missed]) -> str:
    """The questions the bot could not answer, most asked first."""
    rows = "".join(
        f'<tr><td class="question">{e(m.question)}</td><td>{m.count}</td><td>{m.not_found}</td>'
        f'<td>{m.voted_wrong}</td><td>{m.chats}</td><td>{e(m.last_text)}</td></tr>' for m in missed)
    body = ('<p class="muted">机器人答不出（未找到）或被用户点了“不对”的问题，按问题归并，问得多的在前；'
            '时间为北京时间。</p>')
    body += ('<table id="missed"><thead><tr><th>问题</th><th>次数</th><th>未找到</th><th>点了不对</th>'
             f'<th>会话数</th><th>最近一次</th></tr></thead><tbody>{rows}</tbody></table>'
             if missed else '<p id="missed-empty">还没有未能回答的问题。</p>')
    return layout("未能回答的问题", body, nonce)


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


def _cell(cell: CellView | None, view: ReportView) -> str:
    """A table cell: blank, uncertain (with its warning) or failing (with its explanation and a link to it)."""
    if cell is None:
        return '<td class="cell absent" title="报告中未读到这一格">·</td>'
    classes, notes, attrs = ["cell"], [], [f'data-key="{e(cell.key)}"']
    if cell.blank:
        classes.append("blank")
        notes.append("报告中此格为空白")
    if cell.uncertain:
        classes.append("uncertain")
        notes.append(cell.warning)
        attrs += [f'data-warning="{e(cell.warning)}"', 'tabindex="0"']
    if cell.page:
        notes.append(f"原件第{cell.page}页")
        attrs.append(f'data-page="{cell.page}"')
    text = e(cell.text)
    if cell.failing:
        classes.append("failing")
        notes += [view.problems[i].text for i in cell.problems]
        text = f'<a href="#problem-{cell.problems[0]}" aria-label="看核对说明">{text}</a>'
    title = e("；".join(n for n in notes if n))
    return f'<td class="{" ".join(classes)}" title="{title}" {" ".join(attrs)}>{text}</td>'


def table_html(table: TableView, view: ReportView) -> str:
    """One template table with nested row and column headings, as the template prints it."""
    row_depth = max((len(r.label) for r in table.rows), default=1) or 1
    col_depth = max(len(c) for c in table.columns)
    head_rows: list[list[str]] = [[] for _ in range(col_depth)]
    head_rows[0].append(f'<th rowspan="{col_depth}" colspan="{row_depth}"></th>')
    for column in spans(table.columns):
        for level, text, along, across in column:
            head_rows[level].append(f'<th colspan="{along}" rowspan="{across}">{e(text)}</th>')
    head = "".join(f"<tr>{''.join(r)}</tr>" for r in head_rows)
    body = ""
    for row, labels in zip(table.rows, spans([r.label for r in table.rows]), strict=True):
        ths = "".join(f'<th rowspan="{along}" colspan="{across}">{e(text)}</th>' for _, text, along, across in labels)
        body += f'<tr data-row="{e(row.key)}">{ths}{"".join(_cell(c, view) for c in row.cells)}</tr>'
    pages = "、".join(str(p) for p in table.pages)
    where = f'<p class="pages">原件第{pages}页</p>' if pages else ""
    # The review table's title is its section's own heading; say it once.
    heading = e(table.section) if table.title in table.section else f"{e(table.section)} · {e(table.title)}"
    return (f'<h3>{heading}</h3>{where}'
            f'<table class="report-table" id="table-{e(table.id)}"><thead>{head}</thead><tbody>{body}</tbody></table>')



def report_page(nonce: str, view: ReportView) -> str:
    """One report: files, failing checks in words, warnings, tables, prose figures, sections."""
    files = "".join(f"<li>{e(f.name)}（{e(f.format)}）<span class=\"muted\"> 存入 {e(f.ingested_at)}</span></li>"
                    for f in view.files)
    body = (f'<p>{e(view.issuer)} · {e(view.year)}年 · 模板 {e(view.template)} · 格式 {e(view.format)}</p>'
            f'<h2>读取的文件</h2><ul id="files">{files}</ul>')
    if view.problems:
        items = "".join(f'<li id="problem-{i}">{e(p.text)}</li>' for i, p in enumerate(view.problems))
        body += f'<h2>核对未通过（{len(view.problems)}）</h2><ul class="problems" id="problems">{items}</ul>'
    if view.warnings:
        body += ('<h2>读取时的警告</h2><ul class="warnings">'
                 + "".join(f"<li>{e(w)}</li>" for w in view.warnings) + "</ul>")
    body += ('<h2>表格</h2><p class="muted">空白格照原样留空；虚线黄框为读取不确定的格（悬停或点按看原因）；'
             '红框为未通过核对的格（点按看说明）；“·”为报告中未读到的格。</p>')
    body += "".join(table_html(t, view) for t in view.tables) or '<p class="muted">这份报告没有模板表格。</p>'
    if view.other_cells:
        body += ('<h2>其他读到的数字</h2><ul>' + "".join(
            f"<li>{e(c.key)}：{e(c.text)}</li>" for c in view.other_cells) + "</ul>")
    body += _facts(view) + _sections(view)
    return layout(view.title or f"{view.issuer} {view.year}年报告", body, nonce)


def _facts(view: ReportView) -> str:
    if not view.facts:
        return ""
    rows = "".join(f"<tr><td>{e(f['section'])}</td><td>{e(f['text'])}</td><td>{e(_number(f['value']))}{e(f['unit'])}"
                   f"</td><td>{e(f['page'] or '')}</td></tr>" for f in view.facts)
    return (f'<h2>正文中的数字（{len(view.facts)}）</h2><table id="facts"><thead><tr><th>章节</th><th>原文</th>'
            f'<th>数字</th><th>页</th></tr></thead><tbody>{rows}</tbody></table>')


def _sections(view: ReportView) -> str:
    items = "".join(f"<details><summary>{e(s['path'])}</summary><p>{e(s['text'])}</p></details>"
                    for s in view.sections)
    return f'<h2>章节（{len(view.sections)}）</h2><div id="sections">{items}</div>' if items else ""


def _number(value: Any) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)
