"""Follow-ups: whether a question goes on from the previous one in the chat, and the question they make together."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from knowledge.understanding.chat_pairs import chats_measure
from knowledge.understanding.compose import Measure
from knowledge.understanding.marks import CHANGE_OPS, Span
from knowledge.understanding.printed import printed_words
from knowledge.understanding.query import COMPARING, Query
from knowledge.understanding.roles import asks_number, count_in

_TURNING = frozenset({"negation", "except"})  # ops that turn what is asked round


def merge_followup(query: Query, previous: Query) -> Query:
    """A follow-up changes one slot of the previous question (year, body, row, column, result); keeps the rest."""
    both = _two_bodies(query, previous)
    if both:  # 两个加起来 / 两者差多少 after 测试市呢: the chat's last two bodies
        query = replace(query, bodies=both,
                        unexplained=tuple(w for w in query.unexplained if count_in(w) != (2, "个")))
    merged = query
    if not query.bodies and not query.place:
        merged = replace(merged, bodies=previous.bodies, place=previous.place, inside=previous.inside,
                         alike=previous.alike)
    merged, chat_years = _years_of(query, previous, merged)
    measure, settled = _measure_of(query, previous)
    if chat_years and measure is not None and "sum" in query.ops:
        measure = replace(measure, listing=False)  # 这两年加起来: the chat's years' figures added
    if settled:
        merged = replace(merged, unexplained=(), unknown=())  # the chat explains the words left over
    if measure is not query.measure:
        merged = replace(merged, ops=merged.ops | (previous.ops & {"rate", "average"}))  # 每月 … 那2024年的呢
    carried = measure is not query.measure or (measure is None and bool(previous.unknown))  # 2022年呢 after prose
    if carried and previous.unexplained and not query.unknown:
        # The turn asked back over words no reading explains, or was answered by the text for them: its reading
        # still leaves them out (unless this turn names words of its own in their place: 政务微博呢).
        # Its 除了 / 不 go with them: the reading left out is never offered turned round (with the words' ops).
        merged = replace(merged, unexplained=tuple(dict.fromkeys(query.unexplained + previous.unexplained)),
                         unknown=tuple(dict.fromkeys(query.unknown + previous.unknown)),
                         ops=merged.ops | (previous.ops & _TURNING))
    if measure is not None and measure == previous.measure and measure is not query.measure:
        # 最少的是哪年 after 哪年收到的申请最多: a report before the 2019 form states it in prose, in those words
        merged = replace(merged, carried=printed_words(previous.spans) or previous.carried)
    return _remembered(replace(merged, measure=measure, unit=query.unit or previous.unit), query, previous)


def _years_of(query: Query, previous: Query, merged: Query) -> tuple[Query, bool]:
    """The turn's years with the chat's, and whether they are the chat's own two or more (这两年, 两年差了多少)."""
    walked = _walked_years(previous)
    if _two_years_asked(query, previous):  # 两年差了多少 / 这两年加起来 after 前一年呢: the chat's last two years
        return replace(merged, years=walked[-2:], last_years=0,
                       unexplained=tuple(w for w in query.unexplained if count_in(w) != (2, "年"))), True
    if query.last_years and query.last_years == len(previous.years):  # 这三年 after 2020年到2022年: those three
        return replace(merged, years=previous.years, year_range=previous.year_range, last_years=0,
                       open_range=previous.open_range), True
    if 1 < query.last_years <= len(walked) and len(previous.years) == 1:
        # 这三年 after 2021年…, 2022年呢, 2023年呢: the three years the chat went through, one by one
        return replace(merged, years=tuple(sorted(walked[-query.last_years:])), last_years=0), True
    if not query.years and not query.bad_years and not query.latest and not query.last_years \
            and not _over_years(query, previous):
        return replace(merged, years=previous.years, latest=previous.latest, year_range=previous.year_range,
                       last_years=previous.last_years, open_range=previous.open_range, ops=merged.ops | (previous.ops & COMPARING)), False
    if _with_the_year_before(query, previous):
        # 去年…, 前年呢, 比前年多了几件: the year the chat is on is the one compared with; the other is the one before
        return replace(merged, years=(previous.earlier_years[-1], *query.years)), False
    if _compared_with(query, previous):
        # 和2023年比少了多少: the chat's year too; 比22年呢 after 2024比2023: the year compared with is changed
        return replace(merged, years=(*previous.years[:1], *query.years),
                       ops=merged.ops | (previous.ops & (COMPARING - {"compare"}))), False
    return merged, False


def _remembered(merged: Query, query: Query, previous: Query) -> Query:
    """What the chat keeps of the turn before for the next: its measure when only the measure changed (这两项合计),
    its year when only the year changed (那前一年呢), its body when only the body changed (测试市呢)."""
    measure = merged.measure
    same_slots = (merged.bodies, merged.years) == (previous.bodies, previous.years)
    earlier = previous.measure if same_slots and measure != previous.measure else None
    moved = (merged.bodies, measure) == (previous.bodies, previous.measure) and len(merged.years) == 1 \
        and len(previous.years) == 1 and (merged.years != previous.years or query.ops & {"previous", "next"})
    swapped = (merged.years, measure) == (previous.years, previous.measure) and len(merged.bodies) == 1 \
        and len(previous.bodies) == 1 and merged.bodies != previous.bodies
    return replace(merged, earlier=earlier, earlier_years=_walked_years(previous)[-MAX_WALKED:] if moved else (),
                   earlier_bodies=previous.bodies if swapped else ())


MAX_WALKED = 10  # the years a chat went through one by one that it keeps


def _walked_years(query: Query) -> tuple[int, ...]:
    """The years a chat went through one turn at a time (2021年…, 2022年呢, 2023年呢), each once, the last last."""
    years = (*query.earlier_years, *query.years)
    return tuple(reversed(dict.fromkeys(reversed(years))))


def _names_two(span: Span) -> bool:
    """两者 / 两个: the two the chat holds."""
    return "both" in span.values("topic") or count_in(span.text) == (2, "个")


def _two_bodies(query: Query, previous: Query) -> tuple[str, ...]:
    """The chat's last two bodies, when the turn adds or compares "the two" after a turn that only changed the
    body (两个加起来多少 after 测试市呢), naming no body, year or figure of its own."""
    joining = query.ops & (COMPARING | {"sum"})
    # 哪个多 asks which of the two, as 两个加起来 adds them
    two = any(_names_two(s) for s in query.spans) or ("which_body" in query.ops and query.ops & {"more", "less"})
    if not (joining and two and previous.earlier_bodies) or query.bodies or query.place or query.years \
            or query.measure is not None:
        return ()
    return (*previous.earlier_bodies, *previous.bodies)


def _two_years_asked(query: Query, previous: Query) -> bool:
    """A comparison or a sum naming no year of its own (两年差了多少, 这两年加起来), after a turn that only changed
    the year."""
    joining = query.ops & (COMPARING | {"sum"}) or query.last_years == 2
    return query.last_years in (0, 2) and bool(joining and previous.earlier_years and not query.years and query.measure is None
                and not query.bodies and not query.place)


def _measure_of(query: Query, previous: Query) -> tuple[Measure | None, bool]:
    """The measure the turn asks with the chat's, and whether the chat explains the words the turn left over."""
    measure, last = query.measure, previous.measure
    if measure is None and last is not None:
        return chats_measure(query, previous, last, _column_named(query, last))
    if measure is None or last is None:
        return measure or last, False
    if measure.table == last.table and _refines(query, measure):
        change = _within(measure, last)
        return _new_group_total(last.refined(change), change, last), False
    return measure, False


def _refines(query: Query, measure: Measure) -> bool:
    """Whether the turn's measure changes the last one rather than replacing it: a column or result alone
    (自然人呢), or any turn worded as going on (那结转的呢); a question of its own (结转到下一年的有几件) is asked
    whole, with its columns as it names them."""
    return measure.partial or _asks_within(query.text) or (_asks_on(query.text) and not _asks_whole(query))


# Words that point inside what the last turn counted: 其中予以公开的有几件 asks among those applications.
_WITHIN_WORDS = ("其中", "这些", "这里面", "那里面", "这当中", "当中", "里边", "这其中")


def _asks_within(text: str) -> bool:
    """Whether the turn asks within the figure just given (其中 / 这些 / 当中 …) rather than a question of its own."""
    return any(word in text for word in _WITHIN_WORDS)


def _asks_whole(query: Query) -> bool:
    """那申请人逾期不补正的有几件: a row named with a question word of its own is asked whole (its 总计), where
    那结转的呢 goes on within the last turn's columns."""
    bare = query.text.strip().rstrip("？?。!！ ")
    return bool(query.measure and "rows" in query.measure.named) and not bare.endswith("呢") \
        and any(span.has("filler") and asks_number(span.text) for span in query.spans)


def _within(change: Measure, previous: Measure) -> Measure:
    """那里面法院维持的: a group named that holds the last turn's groups (行政诉讼 holds 复议后起诉) asks within them."""
    if change.table != "review_litigation" or change.groups != ("litigation",):
        return change
    if not previous.groups or not all(g.startswith("litigation_") for g in previous.groups):
        return change
    return replace(change, groups=previous.groups)


# Each table's role for its columns (review: its results) and the measure's dimension they fill.
_COLUMN_ROLES = {"applications": ("app_col", "columns"), "review_litigation": ("review_part", "parts"),
                 "active": ("active_col", "columns")}


def _column_named(query: Query, previous: Measure) -> Measure | None:
    """总计 after 其他结果呢: a word naming a column of the chat's table (alone it names no table) changes it."""
    role, dim = _COLUMN_ROLES.get(previous.table, ("", ""))
    # 比2023年少了多少: 少了 is the comparison, not the 本年增减 column
    naming = [span for span in query.spans if role and span.has(role) and not (
        span.change_word() and query.ops & CHANGE_OPS)]
    values = tuple(dict.fromkeys(v for span in naming for v in span.values(role)))
    if not values or set(query.unexplained) - {span.text for span in naming}:
        return None
    if dim == "parts":
        return Measure(previous.table, parts=values, named=frozenset({dim}))
    return Measure(previous.table, columns=values, named=frozenset({dim}))


def _compared_with(query: Query, previous: Query) -> bool:
    """Whether the turn compares the chat's year with the one year it names: 和2023年比呢 after one year, 比22年呢
    after a comparison of two (the chat's first year with the turn's)."""
    comparing = query.ops & COMPARING
    if not comparing or len(query.years) != 1 or query.bodies or query.place or not previous.years:
        return False
    if len(previous.years) == 2:
        return bool(previous.ops & COMPARING) and query.years[0] not in previous.years
    return len(previous.years) == 1 and previous.years != query.years


def _with_the_year_before(query: Query, previous: Query) -> bool:
    """A comparison naming the year the chat is on, after a turn that moved to it from another year."""
    return bool(query.ops & COMPARING) and "previous" not in query.ops and len(query.years) == 1 \
        and previous.years == query.years \
        and bool(previous.earlier_years) and previous.earlier_years[-1] != query.years[0] \
        and not (query.bodies or query.place)


def _over_years(query: Query, previous: Query) -> bool:
    """历年呢 / 哪年最多 after a question about one year (or a year not held): the years are what is asked now, so
    the one year of the turn before is not kept; a range or several years asked before stay the span."""
    over = query.ops & {"series", "max", "min"} and "which_body" not in query.ops
    return bool(over) and len(previous.years) <= 1 and not previous.year_range


def _new_group_total(merged: Measure, change: Measure, previous: Measure) -> Measure:
    """那直接起诉的呢 after a result of 行政复议: the new group's total, for a court's 维持 is not a review's; between
    the two groups of 行政诉讼 (直接起诉, 复议后起诉) the result asked stays."""
    if merged.table != "review_litigation" or "groups" not in change.named or "parts" in change.named:
        return merged
    if {_group_block(g) for g in change.groups} == {_group_block(g) for g in previous.groups} \
            or len(previous.parts) > 1:
        return merged  # 维持和纠正各多少, then 复议后起诉的呢: the results the chat lists, of the suits
    return replace(merged, parts=("total",), named=merged.named - {"parts"})


def _group_block(group: str) -> str:
    return "review" if group == "review" else "litigation"


def is_followup(query: Query, previous: Query | None) -> bool:
    """Whether the question leaves out a part the previous one had, and names at most one new part."""
    if previous is None or query.small_talk:
        return False
    has_body = bool(query.bodies or query.place)
    has_year = bool(query.years or query.bad_years or query.latest) and "that_year" not in query.ops
    has_measure = query.measure is not None and not query.measure.partial
    if not has_measure and not query.unexplained:
        if query.measure is None and not (has_body or has_year) and any(
                s.has("topic") and not _names_two(s) for s in query.spans):
            return False  # "公开了多少" names no new slot but asks of something: not the figure just given
        # "洪泽区2023年呢": a new body and year for the same figure, or the same words of the prose (2022年呢)
        return previous.measure is not None or bool(previous.unknown)
    if not has_body and (previous.bodies or previous.place) and (_asks_on(query.text) or (
            previous.measure is None and "which_body" not in query.ops)):
        # 那2025年的行政强制决定呢: the year and the figure change, the body stays; 我想问下洪泽区的情况 named
        # the body alone, and the chat goes on about it
        return True
    return not (has_body and has_year and has_measure) and (has_body + has_year + has_measure) <= 1


def _asks_on(text: str) -> bool:
    """Whether the question is worded as going on from the last one: 那……(呢), ……呢, 还有……, 再……, 换成……."""
    bare = text.strip().rstrip("？?。!！ ")
    return bare.startswith(("那", "还有", "再", "换成", "改成", "换到", "改问")) or bare.endswith("呢")


def year_before(query: Query, today: date) -> Query:
    """上一年 / 上一年度 in a question that follows no turn, with no year and nothing to compare: the year before
    today's, as 去年, and the reply says so (洪泽区上一年新收申请多少); after a turn it is the year before the chat's
    (merge_followup)."""
    measure = query.measure
    words = [s.text for s in query.spans if s.text in _YEAR_BEFORE]
    if not words or query.years or measure is None or query.ops & (COMPARING | CHANGE_OPS) \
            or len(query.bodies) > 1 or "items_last_year" in measure.columns:  # 上一年项目数量: a column
        return query
    year = today.year - 1
    return replace(query, years=(year,), ops=query.ops - {"previous"},
                   read_as=(*query.read_as, (words[0], f"{year}年")))


# The words of the year before that mean last year when nothing else is said (not 同期 or 往年, which do not).
_YEAR_BEFORE = frozenset({"上一年", "上一年度", "上年", "前一年"})
