"""Before a phrase is taught: which logged questions (the feedback list's, each after its turn before, for a
follow-up) would be answered differently with it, each answer in one short line before and after."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState
from knowledge.model import Answer
from knowledge.staff.teaching import Lesson
from knowledge.store import Catalog

MAX_LINE = 60


@dataclass(frozen=True)
class Changed:
    """A logged question whose answer the phrase changes: the answer before and after, one short line each."""

    question: str
    previous: str
    before: str
    after: str


def short_line(answer: Answer) -> str:
    """An answer in one short line: the first figure with its body and year, or why there is none."""
    first = answer.answer
    if answer.status == "answered" and first is not None:
        more = f"（等{len(answer.figures)}项）" if len(answer.figures) > 1 else ""
        return _cut(f"{first.issuer} {first.year}年 {first.label}：{first.display}{more}")
    if answer.status == "answered" and answer.section is not None:
        return _cut(f"{answer.section.issuer} {answer.section.year}年 引用“{answer.section.heading}”")
    if answer.status == "ambiguous":
        return _cut(f"问回：{len(answer.choices)} 种理解" + (f"（{answer.reason}）" if answer.reason else ""))
    return _cut(f"未回答：{answer.reason}" if answer.reason else "未回答")


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LINE else text[:MAX_LINE - 1] + "…"


def changed_answers(db_path: str | Path, taught: Lesson, logged: Iterable[tuple[str, str]],
            default_issuer: str = "") -> list[Changed]:
    """The logged questions (question, turn before) answered without and with the phrase, those that change."""
    # The question taught from first (logged or not), then the others in the order given.
    asked = list(dict.fromkeys([(taught.question, taught.previous),
                                *((q.strip(), p.strip()) for q, p in logged if q.strip())]))
    before, after = Catalog(db_path), Catalog(db_path)
    after.taught = (*after.taught, taught.entry)
    try:
        with tempfile.TemporaryDirectory(prefix="xxgk-preview-") as folder:
            old = _answers(before, Path(folder) / "before.db", asked, default_issuer)
            new = _answers(after, Path(folder) / "after.db", asked, default_issuer)
    finally:
        before.close()
        after.close()
    return [Changed(q, p, a, b) for (q, p), a, b in zip(asked, old, new, strict=True) if a != b]


def _answers(catalog: Catalog, state_file: Path, asked: list[tuple[str, str]], default_issuer: str) -> list[str]:
    """Each question answered in a chat of its own, after its turn before when it has one."""
    state = ChatState(state_file)
    try:
        answerer = Answerer(catalog, state, default_issuer)
        lines = []
        for n, (question, previous) in enumerate(asked):
            chat = f"preview-{n}"
            if previous:
                answerer.ask(previous, chat)
            lines.append(short_line(answerer.ask(question, chat)))
        return lines
    finally:
        state.close()
