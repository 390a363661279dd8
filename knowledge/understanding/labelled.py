"""Which words of a question the template's labels explain: a word printed in the label of the row read, and
a negation that is the label's own (没给公开的 says （三）不予公开 in other words)."""

from __future__ import annotations

import re

from knowledge.understanding.compose import Measure
from knowledge.understanding.labels import negative_parts, row_labels
from knowledge.understanding.lexicon import CONTENT_ROLES, Lexicon, Meaning, lexicon
from knowledge.understanding.marks import Span
from knowledge.understanding.words import NEGATING


def is_content(span: Span) -> bool:
    """A span a reading must explain: a concept, an operation, or words nothing knows."""
    if not span.meanings:
        return any("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in span.text)  # a number too (5个小项)
    roles = {m.role for m in span.meanings}
    if roles & {"filler", "topic", "year", "rel_year", "bad_year", "place", "department", "small_talk"}:
        return False
    return bool(roles & set(CONTENT_ROLES))


def in_labels(spans: list[Span], used: set[int], measure: Measure | None, lex: Lexicon | None) -> set[int]:
    """A word of the template printed in the label of the row read (办理 of 结转下年度继续办理), or in the words of
    the kind of section read (存在 of 存在的主要问题), is explained."""
    if measure is None:
        return set()
    kinds = {Meaning("section", v) for s in spans for v in s.values("section")}
    # A group of rows by its own heading: 合法权益 of its row 4.保护第三方合法权益 names that row, not （三）不予公开
    labels = row_labels(measure) if measure.table != "section" else (lex or lexicon()).phrases_of(kinds)
    negated = {i for i, s in enumerate(spans) if s.has("op") and set(s.values("op")) <= {"negation"}}
    words = {i for i, s in enumerate(spans) if i not in used | negated and len(s.text) >= 2 and is_content(s)
             and any(s.text in label for label in labels)}
    # A negation is the label's own when it says a negative part of the label with the word after it (没给公开的,
    # 没提供的: （三）不予公开, （四）无法提供), never as a piece of a label (没有 of 2.没有现成信息), nor when the word
    # after it says something else (没有不予公开的 negates it again; 没有重复申请的 negates a row of （五）不予处理).
    parts = negative_parts(measure)
    owned = {i for i in negated if parts and _says_negative(_next_content(spans, i), parts)}
    return words | owned


def _says_negative(after: Span | None, parts: tuple[str, ...]) -> bool:
    """Whether a negation followed by `after` says a negative part of the label: with no word of the tables after
    it (没给的), or with a word the part negates (没给公开的: 不予公开)."""
    if after is None or not (after.has("topic") or any(after.has(r) for r in CONTENT_ROLES if r != "unit")):
        return True
    return not NEGATING & set(after.text) and any(_negated_in(after.text, part) for part in parts)


def _negated_in(word: str, part: str) -> bool:
    """Whether the label's part negates the word (公开 in 不予公开, 处理了 in 不再处理, not 申请人 in 申请人…不补正)."""
    core = word.rstrip("了的过着")
    return bool(core) and re.search(f"[{''.join(sorted(NEGATING))}].{{0,2}}{re.escape(core)}", part) is not None


def _next_content(spans: list[Span], at: int) -> Span | None:
    return next((s for s in spans[at + 1:] if (is_content(s) and not s.has("unit")) or s.has("topic")), None)
