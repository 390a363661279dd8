"""The words of a question's concepts in a fact's text: each by half of its characters or by another word of its
concept (老百姓 by 群众)."""

from __future__ import annotations

from functools import lru_cache

from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.words import asking_chars

SOFT_SHARE = 0.5
EXPLAINED = 0.6  # share of a word's character pairs (or a title's characters) a text must print to explain it


def covers(soft: list[str], hay: str) -> bool:
    """The words a table concept explains must stand in the fact too: each by half of its characters (those of
    asking aside: 收了多少钱 asks of a sum that 收 and 钱 name) or by another word of its concept (老百姓 by 群众).
    One character left says too little to require (发 of 主动发了多少条)."""
    asking = asking_chars()
    return all(_covered(w, hay, asking) for w in soft if w in hay or sum(ch not in asking for ch in w) >= 2)


def _covered(word: str, hay: str, asking: frozenset[str]) -> bool:
    if word in hay:
        return True
    chars = [ch for ch in word if ch not in asking]
    return sum(ch in hay for ch in chars) / len(chars) >= SOFT_SHARE or any(k in hay for k in kin(word))


@lru_cache(maxsize=512)
def kin(word: str) -> tuple[str, ...]:
    """The other words of the concepts a word names (群众 and 百姓 of 老百姓), of two or more characters."""
    lex = lexicon()
    return tuple(p for p in lex.phrases_of(set(lex.meanings(word))) if len(p) >= 2 and p != word)


_ROW_ROLES = ("app_row", "review_group", "active_row")


def cell_kin(word: str) -> tuple[str, ...]:
    """The other words of a table's row the word names (收到 of 有人申请): a fact printing one of them prints the
    row; none for other words (区直部门 is no 我区), nor for a column's, whose words are any figure's (处理决定: 案件)."""
    return kin(word) if any(m.role in _ROW_ROLES for m in lexicon().meanings(word)) else ()
