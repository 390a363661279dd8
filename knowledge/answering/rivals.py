"""A prose figure the question echoes beside the figure the table gives: when they differ, two readings the asker
chooses between (the prose's 受理749件 counts what the form's 本年新收713件 does not)."""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import lru_cache

from knowledge.model import Figure
from knowledge.store.read import Catalog, ReportInfo
from knowledge.understanding.query import Query
from knowledge.understanding.words import shared_phrases, weight


def prose_rival(catalog: Catalog, report: ReportInfo, query: Query, result: list[Figure],
                prose_of: Callable[[], tuple[Figure, ...]]) -> Figure | None:
    """A prose figure the question echoes, differing from what the table gives: the question says again four or
    more characters of the prose sentence in a row, two of them (or a joining of two rows) no label of the form
    holds; the words every question shares, numbers and names aside (全县全年共受理 of 全县全年共受理政府信息公开申请
    749件, beside the form's 本年新收713件; 予以公开及部分公开 of 予以公开及部分公开258件): two readings to choose from."""
    names = [s.text for s in query.spans if any(s.has(r) for r in ("place", "department", "year", "rel_year"))]
    asked = _unshared(query.text, names)
    grams = _prose_grams(catalog, report.id)
    if not any(asked[i:i + _ECHO] in grams for i in range(len(asked) - _ECHO + 1)):
        return None  # no run of the question is printed in the prose: nothing to weigh (most questions)
    prose = prose_of()
    total = sum(f.value or 0 for f in result)
    if len(prose) != 1 or prose[0].value in {f.value for f in result} | {total} or prose[0].unit != result[0].unit:
        return None
    clause = _unshared(prose[0].clause or "", names)
    match = SequenceMatcher(None, asked, clause, autojunk=False).find_longest_match(0, len(asked), 0, len(clause))
    echo = asked[match.a:match.a + match.size].strip("|")
    labels = "".join(f.label for f in result)
    # the words of the echo that no label holds must say something (其中 of 其中予以公开 says nothing)
    new = "".join(ch for ch in echo if ch not in labels and ch != "|")
    said = len(new) >= 2 and weight(new, frozenset()) == "heavy"
    return prose[0] if len(echo) >= _ECHO and echo not in labels and (said or len(result) > 1) else None


_ECHO = 4


@lru_cache(maxsize=64)
def _prose_grams(catalog: Catalog, report_id: int) -> frozenset[str]:
    """The runs of four characters the report's prose figures print, read as the question is (`_unshared`)."""
    texts = [_unshared(fact.text, []) for fact in catalog.facts(report_id)]
    return frozenset(text[i:i + _ECHO] for text in texts for i in range(len(text) - _ECHO + 1))


def _unshared(text: str, names: list[str]) -> str:
    """The text without the words every question shares (政府信息公开申请, 信息公开), numbers and the names asked."""
    for phrase in (*shared_phrases(), *names):
        text = text.replace(phrase, "|")
    return re.sub(r"[\d.]+", "|", text)
