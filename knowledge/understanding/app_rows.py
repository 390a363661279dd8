"""The rows of the applications table a question asks: rows named, joined, implied (公开了) or left as context."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.roles import JOINERS, each_asked, has_op
from knowledge.understanding.segment import Span
from parsers.template import TEMPLATE_2019, TEMPLATE_2021

# 申请了 / 办理了 alone say an application was made or handled, not which row: the rows of context.
CONTEXT_ROWS = ("new_received", "total_processed")


def ellipsis(spans: list[Span]) -> list[tuple[int, str]]:
    """公开和部分公开 / 公开、不予公开: a bare 公开 beside its sibling rows is the row 予以公开."""
    out = []
    for i, span in enumerate(spans[:-2]):
        joined = spans[i + 1].text in JOINERS or (i and spans[i - 1].text in JOINERS)
        siblings = {v for s in (spans[i + 2], spans[i - 2] if i >= 2 else spans[i]) for v in s.values("app_row")}
        if span.text == "公开" and joined and siblings & {"partially_granted", "denied."}:
            out.append((i, "granted"))
        elif not span.meanings or span.values("app_col") == ["total"]:
            out += [(i, row) for row in _shared_tail(span.text, spans[i + 1], spans[i + 2])]
    return out


def _shared_tail(head: str, joiner: Span, sibling: Span) -> list[str]:
    """全部 of 全部或部分公开: a word before 或 / 和 that, with the end of the row named after it, is a phrase of
    another row (全部公开: 予以公开)."""
    if not (joiner.text in JOINERS or joiner.text == "或") or not sibling.values("app_row"):
        return []
    lex = lexicon()
    for cut in range(1, len(sibling.text)):
        rows = [m.value for m in lex.meanings(head + sibling.text[cut:]) if m.role == "app_row"]
        if rows and not set(rows) & set(sibling.values("app_row")):
            return rows[:1]
    return []


def disclosed(spans: list[Span]) -> list[tuple[int, str]]:
    """公开 said of the applications as done (公开了, 被公开, 公开的申请): the row 予以公开, where 信息公开申请 names
    the applications themselves."""
    out = []
    for i, span in enumerate(spans):
        after = spans[i + 1] if i + 1 < len(spans) else None
        done = after is not None and (after.text == "了" or (after.text == "的" and i + 2 < len(spans)
                                                             and "application" in spans[i + 2].values("topic")))
        if span.text in ("公开", "依申请公开") and (done or (i and spans[i - 1].text == "被")):
            out.append((i, "granted"))
    return out


def joined_rows(spans: list[Span], rows: list[tuple[int, str]]) -> set[str]:
    """The rows joined by 和 / 与 / 加上 to another row (新收的和上年结转的): each is asked, not context of the other."""
    at = dict(rows)
    joined: set[str] = set()
    # 加上 joins as 和 does, and asks the sum; a comma parts clauses
    for k in (k for k in has_op(spans, "and", "sum") if spans[k].text not in "，,"):
        before = next((i for i in range(k - 1, -1, -1) if not _between(spans[i])), None)
        after = next((i for i in range(k + 1, len(spans)) if not _between(spans[i])), None)
        if before in at and after in at:
            joined |= {at[before], at[after]}
    listing, summing = bool(each_asked(spans)), bool(has_op(spans, "sum"))
    for i, j in pairwise(sorted(at)):  # 新收 上年结转 分别几件 / 新收申请，上年结转，一共多少: rows side by side
        side = all(_between(spans[k]) for k in range(i + 1, j))
        # a template line pasted in pieces (本年度办理结果 （三）不予公开 7.属于…) names one row under its headings
        apart = not (at[i].startswith(at[j]) or at[j].startswith(at[i]) or "total_processed" in (at[i], at[j]))
        if side and (listing or (summing and apart)):
            joined |= {at[i], at[j]}
    return joined


def _between(span: Span) -> bool:
    """的, the topic (申请), a word of the row's total (总数), 上年 that opens 上年结转过来 and a comma typed as a
    space between a row and 和: 新收的申请和上年结转的, 新收申请总数 和 结转下年度的, 新收的加上上年结转过来的."""
    return span.text in ("的", "，", ",") or (bool(span.meanings) and all(
        m.role == "topic" or m.value == "total" or (m.role, m.value) in (("op", "sum"), ("op", "previous"))
        for m in span.meanings))


def rows_asked(rows: list[tuple[int, str]], summing: bool, each: bool = False,
          joined: set[str] = frozenset(), counted: set[int] = frozenset()) -> tuple[str, ...]:  # type: ignore[assignment]
    # The 2019 form's single （六）其他处理 row is the 2021 form's group of three.
    values = list(dict.fromkeys("other." if v == "other" else v for _, v in rows))
    if "other.any" in values:
        values.remove("other.any")
        if "other." in values:
            values = [v for v in values if v != "other."] + ["other.other"]
    leaves = [v for v in values if (v not in CONTEXT_ROWS or v in joined) and not v.endswith(".")]
    named_groups = [v for v in values if v.endswith(".")]
    under = [sum(leaf.startswith(g) for leaf in leaves) for g in named_groups]
    if summing and any(n >= 2 and n not in counted for n in under):
        # "国家秘密、三安全一稳定这些不予公开的总数": the items are examples of the group whose total is asked;
        # 信访举报投诉类和重复申请这两项不予处理的 counts them: the two items are summed.
        leaves = [leaf for leaf in leaves if not any(leaf.startswith(g) for g in named_groups)]
    groups = [v for v in named_groups if not any(leaf.startswith(v) for leaf in leaves)]
    specific = leaves + groups
    if specific and each:  # 收到多少申请，予以公开多少: the row of context is asked too
        return tuple(v for v in values if v in CONTEXT_ROWS) + tuple(specific)
    if specific:
        return tuple(specific)
    return tuple(v for v in CONTEXT_ROWS[::-1] if v in values)[:1]


def described_rows(spans: list[Span], rows: list[tuple[int, str]], joined: set[str]) -> list[tuple[int, str]]:
    """The rows asked, less a row whose word, joined to no other, the form prints in another row asked whose own
    word its label does not print (没交费就不处理的: 不处理 is the 不再处理 of 其他处理2.…缴纳费用、行政机关不再处理…,
    and （五）不予处理 prints no 没交费)."""
    labels = _own_labels()
    words = {v: spans[i].text for i, v in rows}

    def describes(value: str) -> bool:
        return value not in joined and value in labels and any(
            other in labels and _printed(words[value], labels[other]) and not _printed(words[other], labels[value])
            for other in words if other != value)

    return [(i, v) for i, v in rows if not describes(v)]


_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d+\.|[一二三四五六七八九十]+、)")


def row_word(row: str) -> str:
    """A row's own words as the form prints them, without its numbering or note (予以公开, 属于国家秘密)."""
    label = _own_labels().get(row, "")
    return re.sub(r"[（(].*$", "", _NUMBERING.sub("", label))


def _printed(word: str, label: str) -> bool:
    """The label prints the word, a character or two of the form's between its characters (不处理: 不再处理)."""
    return len(word) >= 2 and re.search(".{0,2}".join(map(re.escape, word)), label) is not None


@cache
def _own_labels() -> dict[str, str]:
    """Each row's own words on the applications table (the last part of its label), and each group's (不予处理 of
    not_processed.), of both forms."""
    labels: dict[str, str] = {}
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        for table in (t for t in template.tables if t.id == "applications"):
            for row in table.rows:
                parts = row.label.split("/")
                labels.setdefault(row.key, parts[-1])
                if "." in row.key and len(parts) >= 2:
                    labels.setdefault(row.key.split(".")[0] + ".", parts[-2])
    return labels
