"""Words saying that the figure asked is the one the report's prose prints: 正文里说, or a part of the report
named as where it is said (总体情况里提到). Such a question asks the prose's figure, never a table's, which may
count otherwise (the prose's 受理749件 beside the table's 新收713件)."""

from __future__ import annotations

from dataclasses import replace

from knowledge.understanding.lexicon import Lexicon, Meaning
from knowledge.understanding.marks import Span
from knowledge.understanding.words import locative

PROSE = Meaning("topic", "prose_text")


def where_said(spans: list[Span], lex: Lexicon) -> list[Span]:
    """A part of the report named as where something is said (总体情况 + 里 / 中 / 部分) is the prose it holds."""
    out = list(spans)
    for i, span in enumerate(spans[:-1]):
        after = spans[i + 1]
        if span.has("section") and _locative(after.text, lex):
            out[i] = replace(span, meanings=(PROSE,))
            if not after.meanings:  # 部分 of 总体情况部分: where, as 里 is
                out[i + 1] = replace(after, meanings=(Meaning("topic", "report"),))
    return out


def asks_prose(spans: tuple[Span, ...]) -> bool:
    """Whether the question names the prose as where its figure is printed."""
    return any(PROSE in s.meanings for s in spans)


def _locative(word: str, lex: Lexicon) -> bool:
    """里 / 中 / 里面 / 部分 (a word of place jieba tags f, or 部分 itself) after a part of the report, alone or
    beginning the span (里说)."""
    return word.startswith("部分") or any(locative(word[:n], lex) for n in (1, 2))
