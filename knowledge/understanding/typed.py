"""A question as it was typed: on a phone, or spoken into one, a space between words parts clauses as a comma
does (我是律师 想查一下平潭…). Kept apart from the normalising of names (knowledge/normalize.py), which keeps no
space at all."""

from __future__ import annotations

import re
import unicodedata

from knowledge.normalize import normalize

_WORD_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# A short quoted stretch without figures is a name (“上海科技”微信公众号), marked as a title is, 《上海科技》: the
# normalising drops quotation marks, and a place inside a name is no body asked.
_QUOTED_NAME = re.compile(r"[“\"「『]([^“”\"「」『』\d]{2,12})[”\"」』]")


def question_text(text: str) -> str:
    """A question normalised, a space between its words read as the comma it stands for; spaces between most
    single characters (蓟 州 区 …) part nothing."""
    text = _QUOTED_NAME.sub(r"《\1》", unicodedata.normalize("NFKC", text))
    pieces = text.split()
    if sum(len(p) == 1 for p in pieces) * 2 > len(pieces):
        return normalize(text)
    return normalize(_WORD_SPACE.sub("，", text))
