"""The page of one feedback entry: its question answered now (with the chart of a series or a comparison, the
figures and sources beside it as text), and the printed cells behind that answer, each a link to its report's
correction form that marks the entry corrected when the correction is saved."""

from __future__ import annotations

from urllib.parse import urlencode

from bot.markup import Markup, element, join
from bot.render import answer_html
from bot.staff.pages import FILES, layout
from knowledge.model import Answer
from knowledge.staff import CellTarget, FeedbackEntry


def correct_link(target: CellTarget, entry_key: str) -> str:
    """The report page with the correction form set on the cell, carrying the entry it is corrected from."""
    aim = {"fact": target.label} if target.is_fact else {"cell": target.key}
    query = urlencode({**aim, "entry": entry_key})
    form = "correct-fact-form" if target.is_fact else "correct-form"
    return f"/staff/report/{int(target.report_id)}?{query}#{form}"


def _targets(targets: list[CellTarget], entry_key: str) -> Markup:
    if not targets:
        return element("p", "这个回答不依据年报表格中的单元格或正文里的数字（没有理解，或报告中没有）。",
                       id="no-targets", class_="muted")
    rows = join(element("tr", join([
        element("td", f"{t.issuer} {t.year}年"), element("td", t.label),
        element("td", "正文" if t.is_fact else t.key, class_="key"),
        element("td", t.shown + ("（读取不确定，未作回答）" if t.unread else ""), class_="shown"),
        element("td", element("a", "去更正", href=correct_link(t, entry_key), class_="correct-cell"))]),
        class_="unread" if t.unread else None) for t in targets)
    head = element("tr", join(element("th", h) for h in ("报告", "项目或原句", "单元格", "回答中的数字", "")))
    return element("table", join([element("thead", head), element("tbody", rows)]), id="targets")


def entry_page(nonce: str, entry: FeedbackEntry, answer: Answer, targets: list[CellTarget]) -> Markup:
    """What the bot answers now to the entry's question, and the cells staff may correct from here."""
    previous = element("p", f"接着上一问：{entry.previous}", class_="previous") if entry.previous else ""
    body = FILES.render("entry.html", previous=previous, question=entry.question,
                        answer=Markup(answer_html(answer)), targets=_targets(targets, entry.key),
                        teach=f"/staff/teach?{urlencode({'key': entry.key})}")
    return layout("这条反馈现在的回答", body, nonce)
