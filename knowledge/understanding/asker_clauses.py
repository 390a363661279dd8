"""The clauses of a question and what each names: the pieces the rules of the asker's own words share (speaker.py,
story.py)."""

from __future__ import annotations

from knowledge.names.directory import GOVERNMENT_FORMS
from knowledge.understanding.marks import Span

# Where a clause ends: the comma and colon as normalised, and the marks that end a sentence or a thought.
BREAKS = frozenset({",", "，", ":", "：", ";", "；", "。", "?", "？", "!", "！", "…"})
FIRST_PERSON = ("我", "咱", "本人")
_SENTENCE_ENDS = frozenset({"。", "?", "？", "!", "！"})
# What a question asks of: a body, a year. A clause naming one is part of the question.
WHERE = ("place", "department", "year", "rel_year")


# Words of asking, or of passing a question on (律师咨询：, 做小生意的想问问，, 公众号读者留言：, 替读者转个问题：),
# and of wanting (我想知道…, 我要问…): what follows them is what is asked.
ASKING = ("问", "咨询", "请教", "了解", "知道", "打听", "留言", "提问", "转", "查", "说", "看", "找", "指")
WANTING = ("想", "要", "需要", "希望")
# What a word of asking takes, said with it: 问下, 了解一下, 转个问题.
ASKED_THING = ("问题", "一下", "下", "个")


def split_clauses(spans: list[Span]) -> list[list[int]]:
    """The indices of the spans of each clause, the marks between them left out."""
    clauses: list[list[int]] = [[]]
    for i, span in enumerate(spans):
        if span.text in BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(i)
    return [c for c in clauses if c]


def ends_sentence(spans: list[Span], clause: list[int]) -> bool:
    """Whether the clause closes a sentence (or the question)."""
    after = clause[-1] + 1
    return after >= len(spans) or spans[after].text in _SENTENCE_ENDS


def asks_in(spans: list[Span], clause: list[int]) -> bool:
    """A clause naming a body, a year or a part of what is asked."""
    return names_where(spans, clause) or any(asked_part(spans[i]) for i in clause)


def names_where(spans: list[Span], clause: list[int]) -> bool:
    """Whether the clause names a body or a year."""
    # 政府 alone (关于政府透明度的论文) names no body: the government of no place
    return any(spans[i].has(role) and spans[i].text not in GOVERNMENT_FORMS for i in clause for role in WHERE)


def asked_part(span: Span) -> bool:
    """A span naming a part of what is asked: a concept or a year (not a filler, topic or operation)."""
    return any(m.role not in ("filler", "topic", "op", "unit", "small_talk")
               and not (m.role == "department" and span.text in GOVERNMENT_FORMS) for m in span.meanings)


def kind_of(span: Span) -> str:
    """What part of the question a span names: its first such meaning's role (app_col, review_group, year …)."""
    return next(m.role for m in span.meanings if m.role not in ("filler", "topic", "op", "unit", "small_talk"))


