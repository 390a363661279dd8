"""A chat's turn that names no figure of its own: a column of the chat's table, or the chat's last two figures
added or set against each other (这两项合计, 合计, 差几件), when they stand side by side."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from knowledge.understanding.compose import Measure
from knowledge.understanding.query import COMPARING, Query
from knowledge.understanding.roles import count_in


def chats_measure(query: Query, previous: Query, last: Measure, column: Measure | None) -> tuple[Measure | None, bool]:
    """The measure of a turn that names none: a column of the chat's table it names (其他结果呢, 总计), the chat's
    last two figures added or set against each other (这两项合计, 合计 when the chat is on a total already), or
    the chat's own."""
    refined = last.refined(column) if column is not None else last
    if _cells(refined) != _cells(last):
        return refined, True
    bare = _joins_bare(query) and _joinable(previous.earlier, last, "sum" in query.ops)
    both = _both(previous.earlier, last) if adds_two(query) or bare else None
    if both is not None:
        return both, True
    pair = previous.earlier or previous.earlier_years or previous.earlier_bodies or len(previous.years) > 1 \
        or len(previous.bodies) > 1
    if adds_two(query) and not pair:
        return None, False  # 俩加一起 when the chat holds one figure: no two to add
    return last, column is not None


def _cells(measure: Measure) -> tuple[tuple[str, ...], ...]:
    return measure.rows, measure.columns, measure.groups, measure.parts


def adds_two(query: Query) -> bool:
    """这两项合计 / 两个加一块多少 / 俩加一起: a sum of two, naming nothing else."""
    counts = [count_in(s.text) for s in query.spans]
    two = any(c is not None and c[0] == 2 for c in counts) or any("both" in s.values("topic") for s in query.spans)
    return "sum" in query.ops and two \
        and set(query.unexplained) <= {s.text for s, c in zip(query.spans, counts, strict=True) if c is not None}


def _joins_bare(query: Query) -> bool:
    """合计 / 差几件 alone, after a turn that changed only the figure: the chat's last two figures added or set
    against each other (the turn names nothing of its own)."""
    return bool(query.ops & ({"sum"} | COMPARING)) and not (query.bodies or query.place or query.years
                                                            or query.unexplained or query.last_years)


# The rows of the applications table a chat's two figures may be added across (第一项加第二项): the year's
# input; any other sum of one of them with a result (新收 + 予以公开) counts nothing.
_INPUTS = frozenset({"new_received", "carried_over"})
_CONTEXT = frozenset({"new_received", "carried_over", "total_processed", "carried_forward"})


def _joinable(earlier: Measure | None, last: Measure, summing: bool) -> bool:
    """Whether the chat's last two figures stand side by side: neither holds the other (总计 and 予以公开, 不予公开
    and its row, 行政诉讼 and 直接起诉, 总计 and 自然人), and a sum of rows is of the year's input or of results."""
    if earlier is None or earlier.table != last.table or _holds(earlier, last) or _holds(last, earlier):
        return False
    rows = set(earlier.rows) | set(last.rows)
    return not (summing and last.table == "applications" and rows & _CONTEXT and not rows <= _INPUTS)


def _holds(whole: Measure, part: Measure) -> bool:
    """Whether one measure's cells are a total of the other's."""
    totals = "total" in (*whole.columns, *whole.parts) and "total" not in (*part.columns, *part.parts)
    if totals and (whole.rows, whole.groups) == (part.rows, part.groups):
        return True
    rows = any(w.endswith(".") and any(p.startswith(w) and p != w for p in part.rows) for w in whole.rows) or \
        ("total_processed" in whole.rows and bool(set(part.rows) - _CONTEXT))
    suits = "litigation" in whole.groups and bool({"litigation_direct", "litigation_after_review"} & set(part.groups))
    return rows or suits


def _both(earlier: Measure | None, last: Measure) -> Measure | None:
    """The last two turns' measures as one sum, when they differ in one dimension of one table."""
    if earlier is None or earlier.table != last.table or last.table == "section":
        return None
    pairs = (("groups", "parts"), ("parts", "groups")) if last.table == "review_litigation" else \
        (("rows", "columns"), ("columns", "rows"))
    for joined, kept in pairs:
        if getattr(earlier, kept) == getattr(last, kept) and getattr(earlier, joined) != getattr(last, joined):
            members = tuple(dict.fromkeys(getattr(earlier, joined) + getattr(last, joined)))
            change: dict[str, Any] = {joined: members}
            return replace(last, **change, listing=False, named=last.named | {joined})
    return None
