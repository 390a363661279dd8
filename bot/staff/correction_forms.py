"""The corrections part of a report page: the report's corrections (who, when, why; an undo button on each standing
one), the form correcting a cell and the form correcting a prose figure, either set on what a feedback entry's
answer rests on and carrying that entry, so that saving the correction marks it corrected."""

from __future__ import annotations

from dataclasses import dataclass

from bot.markup import Markup, Templates, element, join
from bot.markup import text as escaped
from knowledge.staff import FeedbackEntry, ReportView

FILES = Templates("bot.staff")


@dataclass(frozen=True)
class Aim:
    """What the forms are set on: a cell key, a prose figure's clause, and the feedback entry it comes from."""

    cell: str = ""
    fact: str = ""
    entry: FeedbackEntry | None = None


def corrections_block(view: ReportView, aim: Aim) -> Markup:
    """The history of corrections, then the form for a cell and (when the report has prose figures) the one for a
    prose figure; the entry is carried by the form that `aim` is set on (by the cell's form when it names none)."""
    rows = join(element("tr", join([
        element("td", f"正文：{c.row}" if c.is_fact else c.key), element("td", c.shown), element("td", c.reason),
        element("td", c.who), element("td", c.at.replace("T", " ")),
        element("td", f"已撤销（{c.undone_by}）" if c.undone_at else _undo_button(view.id, c.key))]))
        for c in view.corrections)
    history = (FILES.render("corrections.html", rows=rows) if view.corrections
               else element("p", "这份报告还没有更正。", class_="muted", id="corrections-empty"))
    on_fact = bool(aim.fact)
    options = join(element("option", f"{label}（{key}）", value=key, selected="selected" if key == aim.cell else None)
                   for key, label in view.cell_choices())
    cell_form = FILES.render("correct_form.html", id=view.id, options=options,
                             entry=_entry_field(None if on_fact else aim.entry, "correct-entry"))
    return join([history, cell_form, _fact_form(view, aim) if view.facts else ""])


def _fact_form(view: ReportView, aim: Aim) -> Markup:
    clauses = list(dict.fromkeys(f.text for f in view.facts))
    figures = {f.text: f for f in view.facts}
    options = join(element("option", f"{text}（{figures[text].printed or _number(figures[text].value)}"
                                     f"{figures[text].unit}）", value=text,
                           selected="selected" if text == aim.fact else None) for text in clauses)
    return FILES.render("correct_fact_form.html", id=view.id, options=options,
                        entry=_entry_field(aim.entry if aim.fact else None, "correct-fact-entry"))


def _entry_field(entry: FeedbackEntry | None, id_: str) -> Markup | str:
    """The feedback entry a correction is made from: carried by the form, and said above it."""
    if entry is None:
        return ""
    asked = f"{entry.previous} → {entry.question}" if entry.previous else entry.question
    return join([Markup(f'<input type="hidden" name="entry" value="{escaped(entry.key)}">'),
                 element("p", f"来自反馈：“{asked}”。保存更正后，这一条标为“已更正”。", class_="entry-note", id=id_)])


def _undo_button(report_id: int, key: str) -> Markup:
    return FILES.render("undo.html", id=int(report_id), key=key)


def _number(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
