"""The years a question names: four-digit years, 前年 / 去年 / 今年 resolved against today, and ranges."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from knowledge.understanding.segment import Span

# What stands between the two ends of a range of years (2019年到2021年, 2019—2021年, 前年至今年).
_RANGE_WORDS = frozenset({"到", "至", "~", "～", "-", "—", "－", "一直到", "直到"})
MAX_RANGE = 20


def years_named(spans: list[Span], today: date) -> tuple[list[tuple[int, int]], tuple[str, ...]]:
    """Each year named (前年 and 去年 resolved against today) with the index of its span, and the bad years."""
    years: list[tuple[int, int]] = []
    bad: list[str] = []
    for i, span in enumerate(spans):
        for meaning in span.meanings:
            if meaning.role == "year":
                years.append((i, int(meaning.value)))
            elif meaning.role == "rel_year":
                years.append((i, today.year + int(meaning.value)))
            elif meaning.role == "bad_year":
                bad.append(meaning.value)
    return years, tuple(bad)


def year_range(spans: list[Span], year_at: list[tuple[int, int]]) -> tuple[int, ...]:
    """The two ends of a range of years: two years with only 到 / 至 / — between them, the earlier first."""
    for (i, first), (j, last) in pairwise(year_at):
        between = [s.text for s in spans[i + 1:j]]
        if len(between) == 1 and between[0] in _RANGE_WORDS and 0 < last - first <= MAX_RANGE:
            return first, last
    return ()


__all__ = ["MAX_RANGE", "year_range", "years_named"]
