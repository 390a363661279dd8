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
    joiner = _review_apart(spans, groups)
    if joiner is not None:  # 行政复议加上没经过复议就起诉的: the review, and the suits the words after say
        keys, extra = review_groups(spans, [(i, v) for i, v in groups if i > joiner])
        return tuple(dict.fromkeys(("review", *keys))), extra | {joiner}
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


def results_apart(spans: list[Span], groups: list[tuple[int, str]], parts: list[tuple[int, str]]) -> bool:
    """Groups joined as members, each closing with results of its own that differ (行政复议维持的加上直接起诉的): no
    one result is asked of them all, and the form has no figure for such a sum. Results said once after members
    joined by 和 / 、 (行政复议和直接起诉维持的), or the same for each, are asked of every member."""
    results = [(i, v) for i, v in parts if v != "total"]
    if len(groups) < 2 or not results:
        return False
    first, last = min(g for g, _ in groups), max(g for g, _ in groups)
    adding = set(has_op(spans, "sum"))
    joined = _joining(spans)
    cuts = sorted(j for j in joined if first < j < last)
    # 行政复议加上直接起诉维持的: after 加上, what closes the last member is its own
    if not cuts or (not set(cuts) & adding and all(i > last for i, _ in results)):
        return False
    members = [{v for i, v in results if lo < i <= hi} for lo, hi in zip([-1, *cuts], [*cuts, len(spans)], strict=True)]
    return len({frozenset(m) for m in members}) > 1


def _review_apart(spans: list[Span], groups: list[tuple[int, str]]) -> int | None:
    """The joining word after a first member that is the review alone, when suits are named after it (行政复议加上
    不服复议又起诉的): the words after it, 复议 among them, say which suits."""
    if len(groups) < 2 or groups[0][1] != "review":
        return None
    joined = _joining(spans)
    first = groups[0][0]
    if first and _saying_which(spans[first - 1]) and not spans[first - 1].has("filler"):
        return None  # 未经行政复议、直接向法院起诉: the review not made, one kind of suit
    joiner = next((j for j in range(first + 1, len(spans)) if j in joined or not _closing(spans[j])), None)
    if joiner is None or joiner not in joined:
        return None
    return joiner if any(v != "review" and i > joiner for i, v in groups) else None


def _listed(spans: list[Span], groups: list[tuple[int, str]]) -> set[int]:
    """The groups joined to another group by 和 / 、 / 及 / 加上: each a member of a list or sum; a member may
    close with the result it is asked of (行政复议维持的加上…) and open with the words that say which group it is
    (加上没经过复议直接起诉的)."""
    at = {i for i, _ in groups}
    joined = _joining(spans)
    members: set[int] = set()
    for j in joined:
        before = next((i for i in range(j - 1, -1, -1) if i in at or not _closing(spans[i])), None)
        after = next((i for i in range(j + 1, len(spans)) if i in at or not _saying_which(spans[i])), None)
        if before in at and after in at:
            members |= {before, after}
    return members


def _joining(spans: list[Span]) -> set[int]:
    """The words that join members of a list or sum: 和 / 、 / 及 and 加上 (never a comma)."""
    return {j for j in has_op(spans, "and") if spans[j].text in JOINERS} | set(has_op(spans, "sum"))


def _closing(span: Span) -> bool:
    return span.has("review_part") or span.has("filler")


def _saying_which(span: Span) -> bool:
    return bool(set(span.values("op")) & {"direct", "after", "negation"}) or span.has("filler")


def _of_review(spans: list[Span], at: int) -> bool:
    """Whether the negation at `at` stands right before the review (没复议就起诉, 没有经过复议: the review not made)."""
    after = next((s for s in spans[at + 1:] if not s.has("filler")), None)
    return after is not None and "review" in after.values("review_group")
