"""Where a question's spans carry a role: the concepts found and the operations named, by span index."""

from __future__ import annotations

from knowledge.understanding.segment import Span

# The words that join two members of a list (公开和部分公开, 行政复议、复议后起诉).
JOINERS = {"和", "与", "及", "以及", "、", "跟", "同", "还有"}


def found(spans: list[Span], role: str) -> list[tuple[int, str]]:
    """Each (span index, value) of the role in the question."""
    return [(i, v) for i, s in enumerate(spans) for v in s.values(role)]


def has_op(spans: list[Span], *names: str) -> list[int]:
    """The indices of the spans naming any of the operations."""
    return [i for i, s in enumerate(spans) if set(s.values("op")) & set(names)]
