"""The clauses of a question and what each names."""

from __future__ import annotations

from knowledge.understanding.asker_clauses import names_where, split_clauses
from knowledge.understanding.lexicon import Meaning
from knowledge.understanding.marks import Span


def _spans(*words: tuple[str, tuple[Meaning, ...]]) -> list[Span]:
    out, at = [], 0
    for text, meanings in words:
        out.append(Span(at, at + len(text), text, meanings))
        at += len(text)
    return out


def test_clauses_are_split_at_their_marks_and_name_what_they_name() -> None:
    spans = _spans(("我朋友", ()), ("，", ()), ("平潭", (Meaning("place", "平潭"),)), ("多少", (Meaning("filler", ""),)))
    clauses = split_clauses(spans)
    assert clauses == [[0], [2, 3]]
    assert not names_where(spans, clauses[0]) and names_where(spans, clauses[1])
