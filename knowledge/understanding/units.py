"""The unit a question asks: the measure word right after its question word (多少条, 有几通), or the first named."""

from __future__ import annotations

from knowledge.understanding.roles import asks_number
from knowledge.understanding.segment import Span
from parsers.measures import is_measure


def asked_unit(spans: list[Span]) -> str:
    """The unit asked: the one right after the question word (文件数…是多少条 asks 条), else the first named, never
    one counting things pointed at (那几个查阅场所接待了多少: no unit asked)."""
    units = [(i, s.values("unit")[0]) for i, s in enumerate(spans) if s.has("unit")]
    asked = [u for i, u in units if i and spans[i - 1].has("filler") and asks_number(spans[i - 1].text)
             and not pointed(spans, i)]
    return (asked or [u for i, u in units if not pointed(spans, i)] or [""])[0]


def pointed(spans: list[Span] | tuple[Span, ...], at: int) -> bool:
    """The measure word at `at` counts things pointed at (那几个查阅场所: those; 好几个: several), not a number asked."""
    return (at > 0 and spans[at - 1].text == "好几") or (
        at > 1 and spans[at - 1].text == "几" and spans[at - 2].text[-1:] in _NOT_ASKING_FEW)


_NOT_ASKING_FEW = "那这好"


def heard_unit(spans: tuple[Span, ...]) -> str:
    """A measure word the lexicon lacks, asked (有几通, 几轮): the unit a prose figure must be printed in (calls,
    never 件); a table's cells, counted in the lexicon's units, leave it aside (几张 of applications)."""
    for i, span in enumerate(spans):
        if span.meanings:
            continue
        if is_measure(span.text) and i and spans[i - 1].has("filler") and asks_number(spans[i - 1].text):
            return span.text
        if len(span.text) == 2 and span.text[0] == "几" and is_measure(span.text[1]):  # 几轮, read as one word
            return span.text[1]
    return ""


def counted_noun(spans: list[Span], at: int) -> bool:
    """The word right after a number asked and its measure word (办理了多少件提案): the thing counted, whatever
    its tag says (jieba calls 提案 a verb); never a word that says nothing."""
    return at > 1 and len(spans[at].text) >= 2 and spans[at - 1].has("unit") and asks_number(spans[at - 2].text) \
        and not pointed(spans, at - 1)
