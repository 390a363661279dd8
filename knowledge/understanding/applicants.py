"""The applicant columns a question asks (自然人, 商业企业, 法人或其他组织 …): those named, less those an exception
sets apart (除了…以外, 不含) or the asker denies (不是企业)."""

from __future__ import annotations

from knowledge.understanding.roles import each_asked, has_op
from knowledge.understanding.segment import Span

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org")
ORGANISATIONS = APPLICANTS[1:]
_REST = ("其他", "其它", "别的", "其余")
# Words that name an applicant column only inside a question about applications.
GENERIC_COLUMN_WORDS = {"其他", "其它", "单位", "机构", "组织", "全部", "所有", "总计", "合计", "总数", "总量", "别的"}


def columns_asked(spans: list[Span], cols: list[tuple[int, str]],
                  rows: tuple[str, ...]) -> tuple[tuple[str, ...], set[int]]:
    """The applicant columns asked (the 总计 column when none) and the spans the reading used beyond them."""
    denied = _denied(spans, cols)
    if denied:  # 我说的是个人不是企业: the column denied is set apart from the one asked
        kept, extra = columns_asked(spans, [(i, v) for i, v in cols if i not in denied], rows)
        return kept, extra | denied | {i - 1 for i in denied} | {i - 2 for i in denied if spans[i - 1].text == "是"}
    values = list(dict.fromkeys(v for _, v in cols if v != "total"))
    if each_asked(spans) and not values and any("各类" in spans[i].text for i, _ in cols):
        return APPLICANTS, set()  # 各类申请人分别多少: each applicant column
    excepting = has_op(spans, "except")
    asked = _after_exception(spans, cols, excepting)
    if asked:  # 除了个人和企业以外，科研机构呢: the column named after the exception is the one asked
        return asked, set(excepting)
    kept = _named_before_exception(spans, cols, excepting)
    if kept:  # 法人或其他组织（不含自然人）: what the exception takes out is not in what is asked; it restates it
        return kept, set(excepting) | {i for i, v in cols if v not in kept}
    if excepting and values:
        inside = [v for i, v in cols if v != "total" and _excepted(spans, i, excepting)] or values
        named = {c for v in inside for c in (ORGANISATIONS if v == "organisations" else (v,))}
        return (*tuple(c for c in APPLICANTS if c not in named), "except"), set(excepting)
    if "organisations" in values and set(values) & set(ORGANISATIONS) and not each_asked(spans):
        values.remove("organisations")  # 法人或其他组织-其他: the group's header above the column asked
    return (tuple(values) or ("total",)), set()


# Exception words that follow what they take out (个人以外的): the others precede it (不含自然人, 除了自然人).
_AFTER_WHAT_THEY_EXCEPT = ("以外", "之外", "外的")


def _named_before_exception(spans: list[Span], cols: list[tuple[int, str]], excepting: list[int]) -> tuple[str, ...]:
    """The columns named before one exception word that precedes what it takes out: themselves when it takes out
    no part of them (法人或其他组织，不含自然人), else their other parts (法人或其他组织不含商业企业: the four)."""
    if len(excepting) != 1 or spans[excepting[0]].text.startswith(_AFTER_WHAT_THEY_EXCEPT):
        return ()
    before = tuple(dict.fromkeys(v for i, v in cols if i < excepting[0] and v != "total"))
    taken = {c for i, v in cols if i > excepting[0] for c in (ORGANISATIONS if v == "organisations" else (v,))}
    whole = [c for v in before for c in (ORGANISATIONS if v == "organisations" else (v,))]
    if not before or not taken:
        return ()
    left = tuple(c for c in whole if c not in taken)
    return before if len(left) == len(whole) else (*left, "except")  # ("except",) alone: nothing left, no figure


def _excepted(spans: list[Span], at: int, excepting: list[int]) -> bool:
    """Whether the column at `at` is one set apart: before the exception's closing word (除了A以外), and never
    the rest named after it (除了自然人以外的其他申请人, 除了自然人，别的单位)."""
    if at < max(excepting):
        return True
    return len(excepting) < 2 and not spans[at].text.startswith(_REST)


def _after_exception(spans: list[Span], cols: list[tuple[int, str]], excepting: list[int]) -> tuple[str, ...]:
    """The specific columns named after an exception closed by its second word (除了…以外), none else."""
    if len(excepting) < 2:
        return ()
    # 除了个人以外，别的单位组织: a word of the organisations' group names them all, after the exception too;
    # 以外的其他申请人 names the rest, not the column 其他.
    after = [v for i, v in cols if i > max(excepting) and v != "total" and not spans[i].text.startswith(_REST)
             and (spans[i].text not in GENERIC_COLUMN_WORDS or v == "organisations")]
    return tuple(dict.fromkeys(after))


def _denied(spans: list[Span], cols: list[tuple[int, str]]) -> set[int]:
    """The columns said not to be asked (不是企业), when another column is asked beside them."""
    def negated(i: int) -> bool:
        j = i - 2 if i >= 2 and spans[i - 1].text == "是" else i - 1
        # 不是企业 / 非企业 sets the column apart; 没有 (have not) and 未 (not yet) deny no column
        return j >= 0 and spans[j].values("op") == ["negation"] and bool(set(spans[j].text) & set("不非"))
    denied = {i for i, _ in cols if negated(i)}
    asked = {v for i, v in cols if i not in denied}
    return denied if asked - {v for i, v in cols if i in denied} else set()
