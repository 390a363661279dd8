"""Counts a question says again: 三年 or 两份 (reports) after as many years, 两类 of the two kinds of suit, 三个小项 of a row's items.

A count word (a numeral with its measure word, 这两项) carries meaning: it may ask for a number of things the
reading does not cover. It says nothing new when it counts what the reading already names: the years listed, the
members summed or listed, the items under a row group the question names.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.understanding.compose import Measure
from knowledge.understanding.marks import NUMERALS
from knowledge.understanding.roles import count_in
from knowledge.understanding.segment import Span
from parsers.measures import is_measure
from parsers.template import TEMPLATE_2019, TEMPLATE_2021

# A review group that holds others (行政诉讼: 直接起诉 and 复议后起诉).
_REVIEW_LEAVES = {"litigation": 2}


def restates(text: str, measure: Measure | None, years: tuple[int, ...], asked_after: bool = False) -> bool:
    """Whether the count word counts what the question already names; 几种 / 几项 before a number asked of them
    (不予处理的几种情况合计多少件) points at the items the measure sums, where alone it asks how many there are."""
    count = count_in(text)
    if count is None:
        return False
    number, word = count
    if number == 0:
        return asked_after and measure is not None and word != "年" and max(_counts(measure)) >= 2
    if word in ("年", "份"):  # 三年, 两份 (reports): the years named, one report each
        return len(years) >= 2 and number == len(years)
    return measure is not None and number >= 2 and number in _counts(measure)


def _counts(measure: Measure) -> set[int]:
    """The numbers of things the measure names: its members, and the items under each group it names."""
    out = {measure.members}
    if measure.table == "review_litigation":
        out |= {_REVIEW_LEAVES[g] for g in measure.groups if g in _REVIEW_LEAVES}
    out |= {_leaves(row) for row in measure.rows if row.endswith(".")}
    return out


@cache
def _leaves(group: str) -> int:
    """How many rows of the applications table stand under the group (无法提供 holds three)."""
    counts = [sum(r.key.startswith(group) for t in template.tables if t.id == "applications" for r in t.rows)
              for template in (TEMPLATE_2019, TEMPLATE_2021)]
    return max(counts)


_RANGE_WORDS = ("至", "到", "-", "~", "—", "－")
_ITEMS_TO = re.compile(r"^(\d{1,2})项$")


def item_range(spans: list[Span], measure: Measure | None) -> set[int]:
    """1至5项 / 1-3项 after a group of the form's rows: every item of the group, numbered as the form numbers them,
    when the range runs from the first to the last (a range of some of them is not the group's sum)."""
    groups = [r for r in measure.rows if r.endswith(".")] if measure is not None and measure.table == "applications" \
        else []
    out: set[int] = set()
    for i in range(len(spans) - 2):
        last = _ITEMS_TO.match(spans[i + 2].text)
        if len(groups) == 1 and spans[i].text == "1" and spans[i + 1].text in _RANGE_WORDS and last \
                and int(last.group(1)) == _leaves(groups[0]):
            out |= {i, i + 1, i + 2}
    return out


# A count of bodies (三家, 这两个单位, 三地) and where among them (里, 当中): 谁最多 among the bodies named.
_BODY_COUNT = re.compile(rf"^[这那]?([{''.join(NUMERALS)}]|[2-9])(?:家|个|地|方)(?:单位|部门|机关|地方|政府)?"
                         r"(?:里|中|当中|之中|里面|里头|之间)?$")


def counts_bodies(text: str, bodies: int) -> bool:
    """Whether the word counts the bodies the question names (三家里 after three bodies): it says nothing new."""
    match = _BODY_COUNT.match(text)
    if match is None or bodies < 2:
        return False
    numeral = match.group(1)
    return (int(numeral) if numeral.isdigit() else NUMERALS.get(numeral, 0)) == bodies


def count_text(spans: list[Span], at: int) -> str:
    """A number's words with the measure word after it, when jieba cut them apart (8 个 of 8个小项, 三 小项)."""
    text = spans[at].text
    after = spans[at + 1].text if at + 1 < len(spans) else ""
    number = text.isdigit() or (len(text) == 1 and text in NUMERALS)
    return text + after if number and (is_measure(after) or after in ("个", "小项", "大项")) else text


_ORDINAL = re.compile(r"^第[一二三四五六七八九十\d]{1,3}(?:小)?[项种类个]$")


def ordinals_asked(spans: list[Span]) -> list[Span]:
    """第2项 / 第八类 right before the question word: an item chosen by its place in the form, which no reading
    takes (the group's total is not it); read as words no concept knows."""
    out = list(spans)
    for i, span in enumerate(spans):
        after = spans[i + 1] if i + 1 < len(spans) else None
        if _ORDINAL.match(span.text) and (after is None or any(w in after.text for w in ("多少", "几"))):
            out[i] = Span(span.start, span.end, span.text, ())
    return out
