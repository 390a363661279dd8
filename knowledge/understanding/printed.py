"""The words of a question that a prose figure answering it must print."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.understanding.marks import Span
from knowledge.understanding.words import weight

# The concepts whose words a prose figure must print (直接起诉 of a suit: never a sentence that only says 公开);
# a review's or a suit's in the word the reports print for it, whatever the question calls it (打官司: 诉讼).
_PRINTED_ROLES = ("topic", "app_row", "active_col")
_WHERE_IN_THE_REPORT = {"report", "prose_text", "form", "amount"}  # and 个数 / 数字: what any figure is
_PRINTED_GROUPS = {"review": "复议", "litigation": "诉讼", "litigation_direct": "直接起诉",
                   "litigation_after_review": "复议后"}


def printed_words(spans: Iterable[Span]) -> tuple[str, ...]:
    """The words of the question's concepts that a prose figure must print (主动公开, 政府信息)."""
    return tuple(w for s in spans for w in _printed(s))


def _printed(span: Span) -> list[str]:
    """The words of a heavy concept word that a prose figure must print; none for a word of the whole (一共)."""
    groups = [_PRINTED_GROUPS[g] for g in span.values("review_group") if g in _PRINTED_GROUPS]
    if groups:
        return groups[:1]
    if not any(span.has(r) for r in _PRINTED_ROLES) or weight(span.text, frozenset()) == "light":
        return []
    if set(span.values("topic")) & _WHERE_IN_THE_REPORT:
        return []  # 正文里说, 报告中: where the figure is printed, not what it counts
    if span.values("topic") == ["government"] and span.text.startswith("全"):
        return []  # 全区 / 全县: the whole body, as 我区 says it; a part of it (区直部门) must be printed
    return [span.text]
