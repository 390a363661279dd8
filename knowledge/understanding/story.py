"""What the asker tells beside the question: their own story (我朋友之前跟平潭那边打过官司，…) and a judging of the
answer to come (…，是不是特别多), and a frame of asking opened by a first person (我在做个小调查想问下…). The
question is read without them; a concept told of the asker's own case is a second reading at most."""

from __future__ import annotations

import re

from knowledge.understanding.asker_clauses import (
    ASKED_THING,
    ASKING,
    BREAKS,
    FIRST_PERSON,
    WANTING,
    WHERE,
    asked_part,
    asks_in,
    kind_of,
    names_where,
)
from knowledge.understanding.marks import Span
from knowledge.understanding.roles import asks_number
from knowledge.understanding.words import tag


def beside_the_question(spans: list[Span], clauses: list[list[int]]) -> tuple[set[int], set[int]]:
    """Clauses told beside the clause that asks (the first asking a number, else the last naming what is asked):
    the asker's story (我朋友之前跟平潭那边打过官司, and the clauses before the question that go on with it:
    家里拆迁的事想去申请信息公开，但是听说很多都被拒) and a judging of the answer to come (是不是特别多, 有没有不予公开的).
    Returns the words set aside and the concepts told. A judging stands aside whole. Of a
    story, a body or year stands aside when the question names its own; a concept stands aside when it is of
    another table, or of a part the question names and does not narrow it (官司 beside 复议后起诉 or 行政复议); any
    other is told: it may narrow the question or be the asker's own case (我朋友以公司名义申请过…新收申请多少件)."""
    at = next((n for n, c in enumerate(clauses) if any(asks_number(spans[i].text) for i in c)),
              max((n for n, c in enumerate(clauses) if asks_in(spans, c) and not _told(spans, c)), default=None))
    if at is None:
        return set(), set()
    telling: list[bool] = []
    for n, clause in enumerate(clauses):
        going_on = bool(telling) and telling[-1] and n < at and not names_where(spans, clause)
        telling.append(n != at and (_told(spans, clause) or going_on))
    lead = [i for n, c in enumerate(clauses[:at + 1]) if not telling[n] for i in c]
    named = {(m.role, m.value) for i in lead if asked_part(spans[i]) for m in spans[i].meanings}
    tables = {role.split("_")[0] for role, _ in named if role not in WHERE}
    aside: set[int] = set()
    told: set[int] = set()
    for n, clause in enumerate(clauses):
        text = "".join(spans[i].text for i in clause)
        if n > at and _A_NOT_A.search(text) is not None and not _sets_against(spans, clause):
            aside |= set(clause)
        elif telling[n]:
            for i in clause:
                kind = kind_of(spans[i]) if asked_part(spans[i]) else ""
                if not kind or (kind in WHERE and kind in {r for r, _ in named}) or (
                        kind not in WHERE and (kind.split("_")[0] not in tables or _says_again(spans[i], named))):
                    aside.add(i)
                elif kind not in WHERE:
                    told.add(i)
    return aside, told


def _says_again(span: Span, named: set[tuple[str, str]]) -> bool:
    """The question names that part of it, and the concept does not narrow it: the same or broader (官司 of 复议后
    起诉, 不予公开 of 国家秘密), or another of its kind (官司 beside 行政复议); never a narrower (国家秘密 of 不予公开)."""
    return any(m.role == role and not (value and m.value != value and m.value.startswith(value.rstrip(".")))
               for m in span.meanings for role, value in named)


def _told(spans: list[Span], clause: list[int]) -> bool:
    """A clause of the asker's own story: a first person, no word of asking or wanting, no number asked."""
    text = "".join(spans[i].text for i in clause)
    # 我们沐阳县…: the first person owns the body asked, no story, when the clause tells of nothing else
    ours = any(spans[i].text.startswith(FIRST_PERSON) and i + 1 < len(spans)
               and (spans[i + 1].has("place") or spans[i + 1].has("department")) for i in clause) \
        and not any(asked_part(spans[i]) and not names_where(spans, [i]) for i in clause)  # 我们洪泽区去年复议被纠正了
    return any(spans[i].text.startswith(FIRST_PERSON) for i in clause) and not asks_number(text) and not ours \
        and not any(w.startswith(WANTING) or w.endswith(ASKING) for w, _ in tag(text))


def opening_frame(spans: list[Span]) -> set[int]:
    """我在做个小调查想问下沭阳… / 我是开饭店的想问问平潭…: the asker's words from a first person to a word of asking or
    wanting right before the body or year, in one clause; the concepts among them are still read."""
    where = next((i for i, s in enumerate(spans) if any(s.has(r) for r in WHERE) or s.text in BREAKS), 0)
    if where < 3 or spans[where].text in BREAKS or not spans[0].text.startswith(FIRST_PERSON):
        return set()
    end = where
    while end > 1 and spans[end - 1].has("filler") and (
            spans[end - 1].text in ASKED_THING or spans[end - 1].text.rstrip("个下").endswith(ASKING)
            or spans[end - 1].text.startswith(WANTING)):
        end -= 1
    if end == where:
        return set()
    # 我们公司 / 我们律所: the asker's own, no applicant asked (as 律师 before 咨询)
    return {i for i in range(end) if not asked_part(spans[i]) or (i == 1 and spans[i].has("app_col"))}


def _sets_against(spans: list[Span], clause: list[int]) -> bool:
    """是不是比去年多: the judging compares with another figure, a question of its own."""
    return names_where(spans, clause) or any(set(spans[i].values("op")) & _SETTING_AGAINST for i in clause)


_SETTING_AGAINST = frozenset({"compare", "change", "rate"})
# 是不是 / 多不多 / 有没有: a question of yes or no, never of a number.
_A_NOT_A = re.compile(r"(.)[不没]\1")


