"""What a question about change asks, and which units a cell may be asked in.

增加了多少 / 比上一年 is a difference between two reports, unless the question asks for the change the 2019 form
prints itself (本年增/减, a count of 事项 in 项); a count asked in 项 is never a count of 件, nor the reverse.
"""

from __future__ import annotations

from dataclasses import replace

from knowledge.understanding.marks import CHANGE_OPS
from knowledge.understanding.query import Query
from knowledge.understanding.roles import asks_number
from knowledge.understanding.units import pointed

# A count of items (事项, 项目) is said in 项; decisions, applications and cases in 件 and its kin.
# A sum of money (元, 块钱) is no count of anything, and no count is a sum of money.
_MONEY = frozenset({"元", "万元", "亿元"})
_COUNTS = frozenset({"件", "项", "次", "起", "宗", "家", "场", "人", "个"})
_CLASHES = {"项": frozenset({"件"}) | _MONEY, "件": frozenset({"项"}) | _MONEY, "宗": frozenset({"项"}) | _MONEY,
            "起": frozenset({"项"}) | _MONEY, **{money: _COUNTS for money in _MONEY}}


def read_change(query: Query) -> Query:
    """增加 read as the operation unless the printed 本年增/减 is asked for; one year compared with the one before."""
    measure = query.measure
    # 本年增减 carried from the chat (行政强制呢 after 行政处罚本年增减) was read as asked by the turn that named it
    carried = not any("items_change" in s.values("active_col") for s in query.spans)
    if measure is not None and "items_change" in measure.columns and not carried and not asks_printed_change(query):
        columns = tuple(c for c in measure.columns if c != "items_change")
        named = measure.named if columns else measure.named - {"columns"}
        query = replace(query, measure=replace(measure, columns=columns, named=named))
    measure = query.measure
    if measure is not None and "items_change" in measure.columns and len(measure.columns) > 1 \
            and not {"and", "list"} & query.ops:
        # 上一年项目数量增减了多少: the change is asked, last year's count names what changed; unless the columns
        # are asked side by side (上一年项目数量和本年增减各是多少)
        query = replace(query, measure=replace(measure, columns=("items_change",)))
    if _one_year_change(query):
        query = replace(query, ops=query.ops | {"previous"})  # 2022年增加了多少: against 2021
    return query


def asks_printed_change(query: Query) -> bool:
    """增减 / 本年增减 named as such, or a change in the count of 事项 (项, 项目, 上一年项目数量)."""
    for span in query.spans:
        if "items_change" in span.values("active_col") and not span.change_word():
            return True  # 本年增减, 增减, 增加还是减少: the printed column's own words
    measure = query.measure
    columns = set(measure.columns) if measure is not None else set()
    # 事项 named as what is counted (行政许可的事项比上一年增加了几个) asks of the items, whatever unit follows
    items = any("项" in s.values("unit") for s in query.spans)
    return query.unit == "项" or items or bool(columns & {"items_last_year", "projects"})


def _one_year_change(query: Query) -> bool:
    """增加了多少 about one year of one body, with nothing else to compare with: a change from the year before."""
    measure = query.measure
    if measure is None or measure.table == "section" or measure.members != 1 or len(query.years) != 1 \
            or len(query.bodies) > 1 or "previous" in query.ops or asks_printed_change(query):
        return False
    return any(len(s.text) >= 2 and set(s.values("op")) & CHANGE_OPS for s in query.spans)


def counted_in(query: Query) -> frozenset[str]:
    """The units the answer is asked in (多少项, 几件, 件数), not those of nouns (事项 names the items) nor of a
    count that another 多少 follows (那几项合起来是多少: the rows summed, not the sum's unit) nor of things pointed
    at (表里那几项加一下)."""
    spans = query.spans
    return frozenset(v for i, s in enumerate(spans) for v in s.values("unit")
                     if (len(s.text) == 1 or _counts_it(s.text, spans[i + 1].text if i + 1 < len(spans) else "")
                         or v in _MONEY)
                     and not any(asks_number(t.text) for t in spans[i + 1:]) and not pointed(spans, i))


def _counts_it(word: str, after: str) -> bool:
    """件数, 项目数量, 事项 + 数量: a unit's noun with 数 / 数量 asks a count in that unit."""
    return word.endswith(("数", "数量")) or after in ("数", "数量", "个数", "总数")


def unit_clash(query: Query, unit: str) -> str:
    """The unit asked that contradicts a cell counted in `unit` (项 for a count of 件), or ''."""
    return next((u for u in sorted(counted_in(query)) if unit in _CLASHES.get(u, ())), "")


def carried_year(query: Query) -> Query:
    """从2021年结转过来 names the year a carried-over application came from, not a second report."""
    measure = query.measure
    # only two years named (从2021年结转到2022年), never a range (2022年以来, 两年里) that holds two
    if measure is None or measure.table != "applications" or len(query.years) != 2 or len(query.year_at) != 2 or \
            query.year_range or abs(query.years[0] - query.years[1]) != 1:
        return query
    if measure.rows == ("carried_over",):
        return replace(query, years=(max(query.years),))
    if measure.rows == ("carried_forward",):
        return replace(query, years=(min(query.years),))
    return query


def printed_change(query: Query) -> bool:
    """本年增/减 is printed in the 2019 tables of 第二十条: 比上一年 asks for that column, not a difference."""
    return query.measure is not None and bool({"items_change", "items_last_year"} & set(query.measure.columns))


__all__ = ["asks_printed_change", "carried_year", "counted_in", "printed_change", "read_change", "unit_clash"]
