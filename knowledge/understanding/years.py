"""The years a question names: four-digit years, 前年 / 去年 / 今年 resolved against today, and ranges."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from knowledge.normalize import RANGE_WORDS
from knowledge.understanding.lexicon import Meaning
from knowledge.understanding.marks import NUMERALS, Span
from knowledge.understanding.words import word_bounds

# What stands between the two ends of a range of years (2019年到2021年, 2019—2021年, 前年至今年).
_RANGE_WORDS = frozenset(RANGE_WORDS)
MAX_RANGE = 20
# 近三年 / 最近两年 / 这两年 / 过去三年来: the latest years of the reports, a count of them said with a word of nearness.
_NEAR = ("最近", "近来", "近", "这", "过去")
_WITHIN = ("来", "里", "间", "内", "以来", "中", "当中", "里面")
_LAST_YEARS = re.compile(rf"^(?:{'|'.join(_NEAR)})?([{''.join(NUMERALS)}]|[2-9])年(?:{'|'.join(_WITHIN)})?$")


def years_named(spans: list[Span], today: date) -> tuple[list[tuple[int, int]], tuple[str, ...]]:
    """Each year named (前年 and 去年 resolved against today) with the index of its span, and the bad years."""
    years: list[tuple[int, int]] = []
    bad: list[str] = []
    # 2023年比两年前: 两年前 counts back from the year the question names (2021), else from today
    named = next((int(m.value) for s in spans for m in s.meanings if m.role == "year"), today.year)
    for i, span in enumerate(spans):
        for meaning in span.meanings:
            if meaning.role == "year":
                years.append((i, int(meaning.value)))
            elif meaning.role == "rel_year" and meaning.value.startswith("ago:"):
                years.append((i, named - int(meaning.value.removeprefix("ago:"))))
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


# A year followed by one of these opens a range that runs to the latest report (2021年以来, 2022年起, 2020年至今);
# 之后 / 后 start after the year (2020年之后: 2021 on). 2023年开始的时候 is a time in that year, not a start.
_SINCE = frozenset({"以来", "以后", "起", "开始", "往后"})
_AFTER = frozenset({"之后", "后"})
_UNTIL_NOW = ("到现在", "到目前", "到如今", "至今", "迄今")
_AT_THE_TIME = ("的时候", "时", "的时", "那会")


def open_range(spans: list[Span], year_at: list[tuple[int, int]], today: date) -> tuple[tuple[int, ...], frozenset[int]]:
    """The ends of a range that one year opens (2021年以来: 2021 to this year, trimmed to the reports held when
    answered) and the indices of the spans saying since; ((), ∅) when no year opens one."""
    if len(year_at) != 1:
        return (), frozenset()
    at, first = year_at[0]
    after = "".join(s.text for s in spans[at + 1:at + 5])
    bounds = word_bounds(after)
    word = next((w for w in _UNTIL_NOW if after.startswith(w)), after[:bounds[0][1]] if bounds else "")
    rest = after[len(word):]
    # 2023年开始的时候 is a time in 2023; 2022年之后一年 / 之后两年 counts years from it: neither opens a range
    if (word not in _SINCE | _AFTER and word not in _UNTIL_NOW) or rest.startswith(_AT_THE_TIME) \
            or re.match(rf"[{''.join(NUMERALS)}\d]+年", rest):
        return (), frozenset()
    first += word in _AFTER
    if first > today.year:
        return (), frozenset()
    covered: set[int] = set()
    length = 0
    for k in range(at + 1, len(spans)):
        if length >= len(word):
            break
        covered.add(k)
        length += len(spans[k].text)
    return (first, today.year), frozenset(covered) if length == len(word) else frozenset()


def report_year(spans: list[Span], year_at: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(span index, year) of the report asked of, when the question names it as the report's year and names
    other years inside it: the first year named, followed by 年报 / 报告, and no later year so followed
    (平潭2023年报里2024年打算…: the 2024 of the plans is what the 2023 report says, not a second report)."""
    if len(year_at) < 2:
        return None
    marked = [(i, year) for i, year in year_at if _names_report(spans[i + 1: i + 3])]
    if len(marked) != 1 or marked[0] != year_at[0]:
        return None
    return marked[0]


def reports_years(spans: list[Span], year_at: list[tuple[int, int]], ends: tuple[int, ...],
                  figures: bool) -> list[tuple[int, int]]:
    """The years of the reports asked of: of a question about what a report says (not a table's `figures`) that
    names the report's year (2023年报) and, inside it, a later one (2024年打算…), the report's year alone."""
    if ends or figures:
        return year_at
    named = report_year(spans, year_at)
    return [named] if named is not None else year_at


def _names_report(after: list[Span]) -> bool:
    """A report word right after a year (or after its 的): 报告, 年度报告, or 报 making 年报 with the year's 年."""
    if after and after[0].text == "的":
        after = after[1:]
    if not after:
        return False
    span = after[0]
    return "report" in span.values("topic") or (span.text.startswith("报") and bool(span.meanings))




def last_years(spans: list[Span]) -> tuple[int, frozenset[int]]:
    """How many of the latest years a question asks about (近三年: 3; 0 when none) and the indices of the spans
    that say it: a count of years with a word of nearness in it or just before it (过去 may come as 过 + 去)."""
    for i, span in enumerate(spans):
        match = _LAST_YEARS.match(span.text)
        if match is None or (span.meanings and not span.has("filler") and not span.has("bad_year")):
            continue
        before = next((k for k in range(max(i - 2, 0), i)
                       if "".join(s.text for s in spans[k:i]) in _NEAR
                       and all(not s.meanings or s.has("filler") or "latest" in s.values("op")
                               for s in spans[k:i])), None)
        # 两年里 / 三年来: a count of years said as a stretch of time, near by itself
        within = i + 1 < len(spans) and spans[i + 1].text in _WITHIN and not span.text.endswith(_WITHIN)
        if span.text.startswith(_NEAR) or before is not None or within:
            numeral = match.group(1)
            count = int(numeral) if numeral.isdigit() else NUMERALS[numeral]
            return count, frozenset(range(i if before is None else before, i + 1 + within))
    return 0, frozenset()


__all__ = ["MAX_RANGE", "last_years", "open_range", "report_year", "reports_years", "year_range", "years_named"]


def short_years(spans: list[Span]) -> list[Span]:
    """Two digits right after the body's name (洪泽24复议几件, 沭阳县25), or after such a year and a word of range
    (平潭21到24), with no measure word after them: a year typed short, as 24年 is."""
    out = list(spans)
    for i, span in enumerate(spans):
        if not (len(span.text) == 2 and span.text.isdigit() and not span.meanings and i):
            continue
        before = out[i - 1]
        ranged = i >= 2 and before.text in _RANGE_WORDS and out[i - 2].has("year")
        after = spans[i + 1] if i + 1 < len(spans) else None
        if (before.has("place") or before.has("department") or ranged) and not (after and after.has("unit")):
            out[i] = Span(span.start, span.end, span.text, (Meaning("year", "20" + span.text),), heard=f"20{span.text}年")
    return out
