"""Counts a question says again: 三年 after three years, 两类 of the two kinds of suit, 三个小项 of a row's items.

A count word (a numeral with its measure word, 这两项) carries meaning: it may ask for a number of things the
reading does not cover. It says nothing new when it counts what the reading already names: the years listed, the
members summed or listed, the items under a row group the question names.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.understanding.compose import Measure
from parsers.template import TEMPLATE_2019, TEMPLATE_2021

_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# 这/那 + a numeral (in words or digits) + a measure word, and no noun after it but 项 / 类 themselves (三个小项):
# 两个部门 counts something else.
_COUNT = re.compile(r"^[这那]?([两二三四五六七八九十几]|[2-9])([个项类种年组栏样件])((?:[小大]?[项类])?)$")
# A review group that holds others (行政诉讼: 直接起诉 and 复议后起诉).
_REVIEW_LEAVES = {"litigation": 2}


def count_in(text: str) -> tuple[int, str] | None:
    """The number a count word says and its measure word (三年 → (3, 年); 几种 → (0, 种): some number), or None."""
    match = _COUNT.match(text)
    if match is None:
        return None
    numeral, measure, _ = match.groups()
    return int(numeral) if numeral.isdigit() else _NUMBERS.get(numeral, 0), measure


def restates(text: str, measure: Measure | None, years: tuple[int, ...], asked_after: bool = False) -> bool:
    """Whether the count word counts what the question already names; 几种 / 几项 before a number asked of them
    (不予处理的几种情况合计多少件) points at the items the measure sums, where alone it asks how many there are."""
    count = count_in(text)
    if count is None:
        return False
    number, word = count
    if number == 0:
        return asked_after and measure is not None and word != "年" and max(_counts(measure)) >= 2
    if word == "年":
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
