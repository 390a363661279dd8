"""Spans found by their shape, not by the lexicon: years (2023年, 去年, 两年前) and the form's numbering
((四), 第三部分, 3.), and the Span every stage of reading a question passes on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.understanding.lexicon import Meaning

_YEAR = re.compile(r"(?<!\d)(\d+)(?=年)|(?<!\d)((?:19|20)\d{2})(?!\d)")
# Only words relative to today; 上年度 and 上一年 are relative to the report's year (上年度结转).
_RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0}
# The numerals of one digit in words (and 十), as counts are said: 两年, 三类, 十年前.
NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_YEARS_AGO = re.compile(rf"(?<![\d{''.join(NUMERALS)}])([{''.join(NUMERALS)}]|[1-9])年(?:以)?前")


# Operations that compare two figures by their change.
CHANGE_OPS = frozenset({"more", "less", "change"})


@dataclass(frozen=True)
class Span:
    """A stretch of the question and what it may mean; no meanings = not understood."""

    start: int
    end: int
    text: str
    meanings: tuple[Meaning, ...]
    match: str = "exact"  # exact | pinyin | near | name | short | gapped
    heard: str = ""  # the phrase a slip of sound or spelling was read as (申请 of 申清)

    def has(self, role: str) -> bool:
        return any(m.role == role for m in self.meanings)

    def values(self, role: str) -> list[str]:
        return [m.value for m in self.meanings if m.role == role]

    def change_word(self) -> bool:
        """增加 / 少了: a word that names the 2019 form's 本年增减 column and also a change between two figures; the
        column's own words (本年增减, 增减) name only the column."""
        return "items_change" in self.values("active_col") and bool(set(self.values("op")) & CHANGE_OPS) \
            and not {"增", "减"} <= set(self.text)


# The template's own numbering (（四）, 第二十条第（五）项, 第3项, 八种, 二、, 3., 表三, 第三部分) says where in the
# form, not what is asked.
# 部分 counts only after 第 (第三部分): （二）部分公开 is a row of the template, not its part two.
_NUMBERING = re.compile(r"第[一二三四五六七八九十\d]{1,3}部分|第?[（(]?[一二三四五六七八九十\d]{1,3}[）)]?(?:项|种|类|条|款|栏|列)"
                        r"|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                        r"|第[一二三四五六七八九十]{1,3}(?=[（(])|(?<![\d.一二三四五六七八九十])[一二三四五六七八九十]{1,3}、"
                        r"|(?<![\d.])\d{1,2}[.、](?!\d)|表[一二三四五六七八九十\d]{1,2}(?![\d一二三四五六七八九十])")


def numbering_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(), (Meaning("topic", "numbering"),)) for m in _NUMBERING.finditer(text)]


def year_spans(text: str) -> list[Span]:
    """Four-digit years (any other number before 年 is a year no report covers), and 去年 / 前年 / 大前年 / 今年."""
    spans = []
    for match in _YEAR.finditer(text):
        digits = match.group(1) or match.group(2)
        start, end = match.start(), match.end()
        if text[end:end + 2] == "年度":
            end += 2
        elif text[end:end + 1] == "年":
            end += 1
        good = len(digits) == 4 and 1950 <= int(digits) <= 2099
        spans.append(Span(start, end, text[start:end], (Meaning("year" if good else "bad_year", digits),)))
    for word, offset in _RELATIVE.items():
        for match in re.finditer(word, text):
            spans.append(Span(match.start(), match.end(), word, (Meaning("rel_year", str(offset)),)))
    for match in _YEARS_AGO.finditer(text):  # 两年前: two years before (this one, or the year the question names)
        count = NUMERALS.get(match.group(1)) or int(match.group(1))
        spans.append(Span(match.start(), match.end(), match.group(), (Meaning("rel_year", f"ago:{count}"),)))
    return spans


__all__ = ["NUMERALS", "Span", "numbering_spans", "year_spans"]
