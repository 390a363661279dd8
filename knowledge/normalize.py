"""Normalise questions as people type them: width, script, numerals, spaces and quotes."""

from __future__ import annotations

import re
import unicodedata

from parsers.decode import to_simplified

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})(?=年)")
# 二零二三 平潭…: a year of this century read out digit by digit needs no 年 after it
_CN_YEAR_ALONE = re.compile(r"(?<![〇零○一二三四五六七八九十百千万])(二[〇零○][一二三][〇零○一二三四五六七八九])"
                            r"(?![〇零○一二三四五六七八九十百千万])")
# 23年, and a year of such years before another (21到24年, 二一至二四年, 22和23年, 22、23年)
RANGE_WORDS = ("一直到", "直到", "到", "至", "-", "—", "－", "~", "～")
_BETWEEN_YEARS = "(?:" + "|".join(map(re.escape, (*RANGE_WORDS, "和", "与", "及", "、", ","))) + ")"

_CN_SHORT_YEAR = re.compile(r"(?<![\d〇零○一二三四五六七八九十])([〇零○一二三四五六七八九]{2})"
                            rf"(?=年|{_BETWEEN_YEARS}[〇零○一二三四五六七八九]{{2}}年)")
_SHORT_YEAR = re.compile(rf"(?<![\d.])(\d{{2}})(?=\s*年|\s*{_BETWEEN_YEARS}\s*\d{{2}}\s*年)")
# 两千零二十二年, 二千零五年: a year read out in words
_CN_THOUSANDS = re.compile(r"[两二]千零?((?:[一二三四五六七八九]?十)?[一二三四五六七八九]?)(?=年)")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”\"‘’「」『』")


def _cn_year(match: re.Match[str]) -> str:
    return "".join(_CN_DIGITS[ch] for ch in match.group(1))


def _cn_thousands(match: re.Match[str]) -> str:
    words = match.group(1)
    tens, _, ones = words.rpartition("十")
    value = (int(_CN_DIGITS.get(tens, "1")) * 10 if "十" in words else 0) + int(_CN_DIGITS.get(ones, "0"))
    return str(2000 + value)


def clean_text(text: str) -> str:
    """Drop what cannot be text: lone surrogates, control and format characters (keep newlines and tabs)."""
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def normalize(text: str) -> str:
    """NFKC, traditional → simplified, Chinese-numeral and two-digit years → 4 digits, no spaces or quotes."""
    text = unicodedata.normalize("NFKC", clean_text(text))
    text = _SPACES.sub("", to_simplified(text).translate(_QUOTES))
    text = _CN_THOUSANDS.sub(_cn_thousands, text)
    text = _CN_YEAR.sub(_cn_year, text)
    text = _CN_YEAR_ALONE.sub(_cn_year, text)
    text = _CN_SHORT_YEAR.sub(lambda m: "20" + _cn_year(m), text)
    text = _SHORT_YEAR.sub(lambda m: "20" + m.group(1), text)
    return text.lower()
