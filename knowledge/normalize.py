"""Normalise questions as people type them: width, script, numerals, common slips."""

from __future__ import annotations

import re
import unicodedata

import zhconv

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})(?=年)")
_CN_SHORT_YEAR = re.compile(r"(?<![\d〇零○一二三四五六七八九十])([〇零○一二三四五六七八九]{2})(?=年)")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})(?=\s*年)")
# Slips of the pinyin keyboard and near-homophones seen in how people type these terms.
HOMOPHONES = {
    "申清": "申请", "申情": "申请", "复意": "复议", "复仪": "复议", "附议": "复议", "行证": "行政", "行正": "行政",
    "工开": "公开", "功开": "公开", "处里": "处理", "诉松": "诉讼", "起述": "起诉", "信息公看": "信息公开",
    "予以工开": "予以公开", "规范行文件": "规范性文件", "结专": "结转", "纠证": "纠正",
}
_SPACES = re.compile(r"\s+")


def _cn_year(match: re.Match[str]) -> str:
    return "".join(_CN_DIGITS[ch] for ch in match.group(1))


def normalize(text: str) -> str:
    """NFKC, traditional → simplified, Chinese-numeral and two-digit years → 4 digits, slips fixed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = zhconv.convert(text, "zh-hans")
    text = _CN_YEAR.sub(_cn_year, text)
    text = _CN_SHORT_YEAR.sub(lambda m: "20" + _cn_year(m), text)
    text = _SHORT_YEAR.sub(lambda m: "20" + m.group(1), text)
    for wrong, right in HOMOPHONES.items():
        text = text.replace(wrong, right)
    text = text.replace("“", "").replace("”", "").replace('"', "").replace("‘", "").replace("’", "")
    return _SPACES.sub("", text).lower()
