"""Match printed row labels to template rows, by what they say."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from parsers.rows import RawRow
from parsers.template import Row, Table

_SPACE = re.compile(r"\s+")
# A label may carry header text before the row's own words; what follows the
# matched words must be short (the rest of the row's label, a bracketed note).
MAX_TAIL = 40
FUZZY_MIN = 80


def normalize_label(text: str) -> str:
    """Remove spaces and unify brackets and dots, so variants compare equal."""
    text = _SPACE.sub("", text)
    return (text.replace("(", "（").replace(")", "）").replace("．", ".").replace("“", "\"")
            .replace("”", "\"").replace("\"", ""))


@lru_cache(maxsize=1024)
def _signatures(row: Row) -> list[str]:
    return [normalize_label(s) for s in row.signatures]


def match_row(label: str, tables: list[Table]) -> tuple[Table, Row] | None:
    """The template row whose words stand last (and longest) in the label."""
    text = normalize_label(label)
    if not text:
        return None
    best: tuple[tuple[int, int], Table, Row] | None = None
    for table in tables:
        for row in table.rows:
            for sig in _signatures(row):
                at = text.rfind(sig)
                if at < 0:
                    continue
                end = at + len(sig)
                if len(text) - end > MAX_TAIL:
                    continue
                score = (end, len(sig))
                if best is None or score > best[0]:
                    best = (score, table, row)
    if best:
        return best[1], best[2]
    return _fuzzy_match(text, tables)


def _fuzzy_match(text: str, tables: list[Table]) -> tuple[Table, Row] | None:
    """For typos inside labels (其他法律行政止公开): one clear fuzzy winner or nothing."""
    scored: list[tuple[float, Table, Row]] = []
    for table in tables:
        for row in table.rows:
            sigs = [s for s in _signatures(row) if len(s) >= 5]
            if not sigs:
                continue
            score = max(fuzz.partial_ratio(s, text[-(len(s) + MAX_TAIL):]) for s in sigs)
            scored.append((score, table, row))
    scored.sort(key=lambda item: -item[0])
    if not scored or scored[0][0] < FUZZY_MIN:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 5:
        return None
    return scored[0][1], scored[0][2]


# The applicant columns by the words a header prints for them.
_COLUMN_WORDS = {"自然人": "natural_person", "商业企业": "commercial", "科研机构": "research",
                 "社会公益组织": "social_welfare", "社会公益": "social_welfare", "法律服务机构": "legal_services",
                 "法律服务": "legal_services", "其他": "other_org", "总计": "total", "合计": "total"}


def column_order(raw: RawRow, table: Table) -> list[int] | None:
    """Where each template column stands in the row, when the header above it names every column once.

    Headers that name them otherwise (数据1…数据6, or a spurious header of other words) say nothing:
    then the columns stand in the template's order, which the sums check.
    """
    width = len(table.columns)
    if len(raw.values) != width or len(raw.header) < width:
        return None
    keys = [_COLUMN_WORDS.get(normalize_label(h)) for h in raw.header[-width:]]
    wanted = [c.key for c in table.columns]
    if sorted(k for k in keys if k) != sorted(wanted) or keys == wanted:
        return None
    return [keys.index(key) for key in wanted]
