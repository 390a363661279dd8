"""The teaching pages as HTML: the form from an unanswered question, the preview of what would change, the list of
phrases taught (with undo), and why a phrase was refused."""

from __future__ import annotations

from urllib.parse import urlencode

from bot.markup import Markup, element, join
from bot.staff.pages import FILES, layout
from knowledge.staff import Changed, FeedbackEntry, Lesson, TaughtPhrase, concept_label, concepts

# What each kind of concept is, as staff read it.
ROLE_LABELS = {"app_row": "依申请公开 · 办理情况（行）", "app_col": "依申请公开 · 申请人（列）",
               "review_group": "行政复议和行政诉讼 · 类别", "review_part": "行政复议和行政诉讼 · 结果",
               "active_row": "主动公开 · 事项（行）", "active_col": "主动公开 · 数字（列）", "section": "报告的章节"}


def _concept_options(chosen: str = "") -> Markup:
    """Every concept a phrase may be taught for, grouped by kind, each by its label."""
    groups: dict[str, list[Markup]] = {}
    for meaning, label in concepts():
        key = f"{meaning.role}:{meaning.value}"
        groups.setdefault(meaning.role, []).append(
            element("option", label, value=key, selected="selected" if key == chosen else None))
    return join(element("optgroup", join(options), label=ROLE_LABELS.get(role, role))
                for role, options in groups.items())


def teach_page(nonce: str, entry: FeedbackEntry, unexplained: tuple[str, ...]) -> Markup:
    """The form: what the question meant (a concept, or not in the reports) and which of its words said it."""
    previous = element("p", f"接着上一问：{entry.previous}", class_="previous") if entry.previous else ""
    words = element("p", join(["没有理解的词语：", "、".join(unexplained)]), id="unexplained", class_="muted") \
        if unexplained else ""
    body = FILES.render("teach.html", previous=previous, question=entry.question, previous_text=entry.previous,
                        unexplained=words, options=_concept_options(), key=entry.key,
                        phrase=unexplained[0] if unexplained else entry.question)
    return layout("教机器人理解一个问题", body, nonce)


def preview_page(nonce: str, taught: Lesson, changes: list[Changed], confirmed: bool) -> Markup:
    """What teaching the phrase would change, and the form that saves it."""
    rows = join(element("tr", join([
        element("td", join([element("div", f"接着上一问：{c.previous}", class_="previous") if c.previous else "",
                            element("div", c.question)]), class_="question"),
        element("td", c.before, class_="before"), element("td", c.after, class_="after")])) for c in changes)
    table = FILES.render("changes.html", rows=rows) if changes else element(
        "p", "已记录的问题中没有回答会变的。", id="no-changes", class_="muted")
    concept = f"{taught.role}:{taught.value}"
    back = f"/staff/teach?{urlencode({'key': taught.key})}"
    body = FILES.render("teach_preview.html", phrase=taught.phrase, label=concept_label(taught.role, taught.value),
                        concept=concept, question=taught.question, previous=taught.previous, count=len(changes),
                        changes=table, confirm="1" if confirmed else "", back=back)
    return layout("预览：教会后回答会变的问题", body, nonce)


def taught_page(nonce: str, taught: list[TaughtPhrase]) -> Markup:
    """Every phrase taught, newest first, with an undo button on each standing one."""
    rows = join(element("tr", join([
        element("td", t.phrase, class_="phrase"), element("td", concept_label(t.role, t.value) or t.value),
        element("td", f"{t.previous} → {t.question}" if t.previous else t.question), element("td", t.who),
        element("td", t.at.replace("T", " ")),
        element("td", f"已撤销（{t.undone_by}）" if t.undone_at else FILES.render("untaught.html", id=t.id))]),
        id=f"taught-{t.id}") for t in taught)
    table = FILES.render("taught_table.html", rows=rows) if taught else element(
        "p", "还没有教过说法。", id="taught-empty", class_="muted")
    return layout("教过的说法", FILES.render("taught.html", table=table), nonce)


def teach_refused_page(nonce: str, message: str, key: str = "") -> Markup:
    """Why a phrase was not taught, with the way back to the form (or to the list)."""
    back = f"/staff/teach?{urlencode({'key': key})}" if key else "/staff/feedback"
    body = join([element("p", message, class_="error", id="teach-error"), element("a", "返回", href=back)])
    return layout("没有教", body, nonce)
