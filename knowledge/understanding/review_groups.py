"""Which groups of the review table a question names: 复议, 直接起诉, 复议后起诉, or the two suits together."""

from __future__ import annotations

from knowledge.understanding.roles import JOINERS, has_op
from knowledge.understanding.segment import Span


def review_groups(spans: list[Span], groups: list[tuple[int, str]]) -> tuple[tuple[str, ...], set[int]]:
    """复议…后…起诉 is 复议后起诉; 没经过/直接…起诉 is 未经复议直接起诉; 复议和诉讼 are two groups."""
    complaint = {i for i, v in groups if v == "complaint"}
    named = [(i, v) for i, v in groups if v != "complaint"]
    if complaint and named:
        # 告政府的，就是复议的: the group named says which complaint the broad word meant.
        keys, extra = review_groups(spans, named)
        return keys, extra | complaint
    groups = [(i, "litigation" if v == "complaint" else v) for i, v in groups]
    values = list(dict.fromkeys(v for _, v in groups))
    if any(v.startswith("litigation_") for v in values):
        # 没经过复议直接去法院: the words around the specific phrase say the same thing again, unless listed
        # beside it as a member of their own (行政复议、复议后起诉).
        members = _listed(spans, groups)
        kept = [v for i, v in groups if v.startswith("litigation_") or i in members]
        # A negation says so only of the review (没经过复议); 不是直接起诉的 negates the group asked.
        negating = {i for i in has_op(spans, "negation") if _of_review(spans, i)}
        extra = set(has_op(spans, "direct", "after")) | negating | {i for i, v in groups if v in ("review", "litigation")}
        return tuple(dict.fromkeys(kept)), extra
    review_at = [i for i, v in groups if v == "review"]
    litigation_at = [i for i, v in groups if v == "litigation"]
    direct = has_op(spans, "direct")
    negated = has_op(spans, "negation")
    if litigation_at and direct and not (review_at and [i for i in negated if i > min(review_at)]):
        return ("litigation_direct",), set(direct)
    if review_at and litigation_at:
        first, last = min(review_at), max(litigation_at)
        after = [i for i in has_op(spans, "after") if first < i < last]
        if [i for i in negated if first < i < last]:
            return (), set()  # 复议后没有起诉: what did not happen is printed nowhere
        if after:
            return ("litigation_after_review",), set(after)
        before = {i for i in negated if i < first and _of_review(spans, i)}
        if before:
            return ("litigation_direct",), before  # 没有复议就起诉
        return ("review", "litigation"), set(has_op(spans, "and"))
    return tuple(values), set()


def _listed(spans: list[Span], groups: list[tuple[int, str]]) -> set[int]:
    """The groups joined to another group by 和 / 、 / 及 / 加上: each a member of a list or sum; the member after
    the joining word may open with the words that say which group it is (加上没经过复议直接起诉的)."""
    at = {i for i, _ in groups}
    joined = {j for j in has_op(spans, "and") if spans[j].text in JOINERS} | set(has_op(spans, "sum"))
    members: set[int] = set()
    for j in (j for j in joined if j - 1 in at):
        after = next((i for i in range(j + 1, len(spans)) if i in at or not _saying_which(spans[i])), None)
        members |= {j - 1, after} if after in at else set()
    return members


def _saying_which(span: Span) -> bool:
    return bool(set(span.values("op")) & {"direct", "after", "negation"}) or span.has("filler")


def _of_review(spans: list[Span], at: int) -> bool:
    """Whether the negation at `at` stands right before the review (没复议就起诉, 没有经过复议: the review not made)."""
    after = next((s for s in spans[at + 1:] if not s.has("filler")), None)
    return after is not None and "review" in after.values("review_group")
