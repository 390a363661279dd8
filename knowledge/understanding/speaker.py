"""The asker's own words: who asks and why, not what is asked (我是律师，…; 写稿需要：…; 想核实一下洪泽区…;
参照上海市科委2024年年报：…; …，我们县在对标). They are set aside, and the reply says how the question was read."""

from __future__ import annotations

from knowledge.understanding.marks import Span

# Where a clause ends: the comma and colon as normalised, and the marks that end a sentence or a thought.
_BREAKS = frozenset({",", "，", ":", "：", ";", "；", "。", "?", "？", "!", "！", "…"})
_FIRST_PERSON = ("我", "咱", "本人")
# What a question asks of: a body, a year. A clause naming one is part of the question.
_WHERE = ("place", "department", "year", "rel_year")


def speaker_words(spans: list[Span]) -> set[int]:
    """The spans of the asker's own words; never all that names a body, a year or a concept."""
    clauses = _clauses(spans)
    out: set[int] = set()
    for n, clause in enumerate(clauses):
        if (n == 0 and _introduces(spans, clause)) or _about_the_asker(spans, clause):
            out |= set(clause)
    out |= _acts_on_the_report(spans)
    rest = [s for i, s in enumerate(spans) if i not in out and s.meanings and not s.has("filler")]
    return out if rest else set()


def _clauses(spans: list[Span]) -> list[list[int]]:
    clauses: list[list[int]] = [[]]
    for i, span in enumerate(spans):
        if span.text in _BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(i)
    return [c for c in clauses if c]


def _names_where(spans: list[Span], clause: list[int]) -> bool:
    return any(spans[i].has(role) for i in clause for role in _WHERE)


def _introduces(spans: list[Span], clause: list[int]) -> bool:
    """我是律师 / 本人是记者 before a comma: the asker says who they are (律师 is no applicant asked)."""
    words = [spans[i].text for i in clause]
    return len(clause) >= 3 and words[0].startswith(_FIRST_PERSON) and words[1] in ("是", "作为") \
        and not _names_where(spans, clause) and len(spans) > clause[-1] + 2


def _about_the_asker(spans: list[Span], clause: list[int]) -> bool:
    """A clause of the asker (我们县在对标, 我们单位要写总结) that names no body, year or concept but what the asker
    says is theirs (单位 right after 我们)."""
    mine = [i for i in clause if spans[i].text.startswith(_FIRST_PERSON) and not spans[i].meanings]
    concepts = any(spans[i].meanings and not spans[i].has("filler") and i - 1 not in mine for i in clause)
    return bool(mine) and not concepts and not _names_where(spans, clause)


def _acts_on_the_report(spans: list[Span]) -> set[int]:
    """Words before the body or year asked that act on the asking or the report (想核实一下, 写稿需要：, 参照…年报：):
    followed by 一下 or a clause's end, or taking the body's report as their object."""
    start = next((i for i, s in enumerate(spans) if s.meanings and not s.has("filler")), len(spans))
    if start == len(spans) or not any(spans[start].has(role) for role in _WHERE):
        return set()
    words = [i for i in range(start) if not spans[i].meanings]
    if not words:
        return set()
    last = words[-1]
    after = spans[last + 1].text if last + 1 < len(spans) else ""
    if after in ("一下", "下") or after in _BREAKS:
        return set(words)
    # 参照 上海市科委 2024年 年报 ：: the body's report is what the verb takes
    end = next((i for i in range(start, len(spans)) if spans[i].text in _BREAKS), len(spans))
    named = [spans[i] for i in range(start, end) if not spans[i].has("filler")]
    if named and "report" in named[-1].values("topic") and all(
            any(s.has(role) for role in _WHERE) for s in named[:-1]):
        return set(words)
    return set()
