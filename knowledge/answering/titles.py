"""Titles (《…》) in a prose sentence: a word printed only inside one names the document, not what the figure
counts, unless the figure counts the titles themselves or the question names the title."""

from __future__ import annotations

import re

from knowledge.answering.cells import fmt
from knowledge.answering.kin import EXPLAINED
from knowledge.store.read import FactRow

_BOOK_TITLE = re.compile(r"《[^《》]*》")


def counts_titles(lead: str, fact: FactRow) -> bool:
    """The figure follows the titles it counts, nothing named between (《…标准目录》（2025版）3份清单)."""
    at = lead.rfind(fmt(fact.value)) if fact.value is not None else -1
    between = lead[lead.rfind("》", 0, at) + 1:at] if "》" in lead[:max(at, 0)] else "x"
    return at >= 0 and not re.search(r"[\u4e00-\u9fff]", re.sub(r"[（(][^）)]*[）)]", "", between))


def without_titles(word: str, lead: str, asked: str, issuer: str = "") -> str:
    """The lead text without the titles inside which a word asked is only a part (《…政协提案办理工作总体情况》及…建议
    50件: the document's name, not what is counted); a title the question names (组织了多少期《问政平潭有事你说》) or
    one that the word begins (《问政平潭之有事你说》 of 问政平潭) stays."""
    def kept(title: re.Match[str]) -> bool:
        inside = title.group().strip("《》").removeprefix(issuer.removesuffix("人民政府"))  # the body's own name
        return inside.startswith(word) or sum(ch in asked for ch in inside) >= EXPLAINED * max(len(inside), 1)
    return _BOOK_TITLE.sub(lambda t: t.group() if kept(t) else "《》", lead) if "《" in lead else lead
