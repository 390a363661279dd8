"""Which characters are measure words (量词), the units a count is printed or asked in: jieba's dictionary reads
几 and the character as one word of number (几通, 几轮, 几处)."""

from __future__ import annotations

from functools import cache

# Units of time and age measure a stretch or a date; 号 / 级 / 版 / 层 name an item (7号楼14层); 本 is more often
# "this" (本年度) than a count of books; numerals are no unit: none counts things done.
_NOT_COUNTS = frozenset("年月日天周时分秒岁号级版点层本") | frozenset("〇零一二三四五六七八九十百千万亿两")
_NUMBER_TAGS = ("m", "mq")


@cache
def is_measure(ch: str) -> bool:
    """Whether the character is a measure word of counts (通, 轮, 处; not 年 nor 号)."""
    if len(ch) != 1 or ch in _NOT_COUNTS or not "\u4e00" <= ch <= "\u9fff":
        return False
    import rjieba  # MIT; jieba's dictionary compiled in, loaded on first use

    words = rjieba.tag("几" + ch)
    return len(words) == 1 and words[0][1] in _NUMBER_TAGS
