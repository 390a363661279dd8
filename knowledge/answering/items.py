"""The title of an enumerated item a prose figure stands in: 三是做好惠企纾困政策公开。在网站…设立专栏，发布政策
文件20件 — the title's sentence sets the topic of the sentences after it, as a heading does."""

from __future__ import annotations

import re

from knowledge.store.read import FactRow, SectionRow

# 一是 / 二是 …, （一） …, 1. / 1、: where an item of a section's enumeration begins
_ITEM = re.compile(r"[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\(?[一二三四五六七八九十]+\)|(?<!\d)\d{1,2}[.、．](?!\d)")
_TITLE_MAX = 40  # a title is a short sentence; a longer one tells its own facts
_DIGIT = re.compile(r"\d")


def item_titles(sections: list[SectionRow]) -> dict[str, str]:
    """Each section's text by its path, to look titles up in."""
    return {row.path: row.text for row in sections}


def item_title(fact: FactRow, texts: dict[str, str]) -> str:
    """The first sentence of the item the fact's sentence stands in, when it is a short title printing no
    figure and the fact's sentence is not it."""
    text = texts.get(fact.section, "")
    at = text.find(fact.context or fact.text)
    if at <= 0:
        return ""
    marks = list(_ITEM.finditer(text, 0, at))
    if not marks:
        return ""
    start = marks[-1].end()
    end = text.find("。", start)
    if end < 0 or end >= at:
        return ""
    title = text[start:end]
    return title if len(title) <= _TITLE_MAX and not _DIGIT.search(title) and "\n" not in title else ""
