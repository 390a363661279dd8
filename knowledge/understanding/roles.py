"""Where a question's spans carry a role: the concepts found and the operations named, by span index."""

from __future__ import annotations

import re
from itertools import pairwise

from knowledge.understanding.marks import NUMERALS, Span

# 这/那 + a numeral (in words or digits) + a measure word, and no noun after it but 项 / 类 themselves (三个小项):
# 两个部门 counts something else.
_COUNT = re.compile(rf"^[这那]?([{''.join(n for n in NUMERALS if n != '一')}几]|[2-9])([个项类种年组栏样件份]|(?=[小大][项类]))"
                    r"((?:[小大]?[项类])?)$")  # 三小项: the measure word left out before 小项

# The words that join two members of a list (公开和部分公开, 行政复议、复议后起诉).
JOINERS = {"和", "与", "及", "以及", "、", "跟", "同", "还有"}


def found(spans: list[Span], role: str) -> list[tuple[int, str]]:
    """Each (span index, value) of the role in the question."""
    return [(i, v) for i, s in enumerate(spans) for v in s.values(role)]


def has_op(spans: list[Span], *names: str) -> list[int]:
    """The indices of the spans naming any of the operations."""
    return [i for i, s in enumerate(spans) if set(s.values("op")) & set(names)]


def count_in(text: str) -> tuple[int, str] | None:
    """The number a count word says and its measure word (三年 → (3, 年); 几种 → (0, 种): some number), or None."""
    match = _COUNT.match(text)
    if match is None:
        return None
    numeral, measure, _ = match.groups()
    return int(numeral) if numeral.isdigit() else NUMERALS.get(numeral, 0), measure


def asks_number(text: str) -> bool:
    """Whether `text` holds a question word of quantity (多少, 几); 好几 (several) asks none."""
    return "多少" in text or "几" in text.replace("好几", "")


def each_asked(spans: list[Span]) -> list[int]:
    """The words asking each member apart (各多少, 分别); 各 before the thing it goes through (各栏合计, 各情形合计)
    says every one of them, for a sum as for a list."""
    return [i for i in has_op(spans, "list") if not (spans[i].text == "各" and i + 1 < len(spans)
                                                     and spans[i + 1].has("topic") and not asks_number(spans[i + 1].text))]


def asks_each(spans: list[Span]) -> bool:
    """Whether the question asks two numbers in clauses of their own: 收到多少申请，予以公开多少."""
    asking = [i for i, s in enumerate(spans) if s.has("filler") and asks_number(s.text)]
    return any(any(spans[j].text in _CLAUSE_BREAKS for j in range(a + 1, b)) for a, b in pairwise(asking))


_CLAUSE_BREAKS = {",", "，", ";", "；", "然后", "还有", "另外", "以及"}
