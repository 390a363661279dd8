"""Questions over several bodies: which the base holds, whether they are added, compared, or asked which."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.store.read import Catalog, ReportInfo
from knowledge.understanding.query import COMPARING, Query
from knowledge.understanding.words import TABLE_ROLES


def held_years(catalog: Catalog, bodies: list[str]) -> tuple[str, ...]:
    """What the base holds of these bodies: each with its years."""
    return tuple(f"{name}：{'、'.join(str(y) for y in catalog.years(name))}年" for name in bodies
                 if name in catalog.by_issuer)


def more_bodies_than(reports: Sequence[ReportInfo], limit: int) -> bool:
    seen: set[str] = set()
    for report in reports:
        seen.add(report.issuer)
        if len(seen) > limit:
            return True
    return False


def adds_bodies(query: Query) -> bool:
    """加起来 / 一共 said of several bodies' one figure: a sum word that names no column of the table asked (总计 of
    行政复议总计 is the column asked of each body), or a second sum word beside one that does (总计合计)."""
    measure = query.measure
    if len(query.bodies) < 2 or measure is None or measure.members != 1:
        return False
    sums = [s for s in query.spans if "sum" in s.values("op")]
    column = TABLE_ROLES.get(measure.table, ("", ""))[-1]
    return len(sums) >= 2 or any(not s.has(column) for s in sums)


def between_bodies(query: Query) -> bool:
    """哪个 / 谁 asks which of several bodies: those named, compared; or, none named, every body's highest or lowest."""
    if len(query.bodies) >= 2:
        return bool(query.ops & (COMPARING | {"max", "min"}))
    return not query.bodies and not query.place and bool(query.ops & {"max", "min"})


__all__ = ["COMPARING", "adds_bodies", "between_bodies", "held_years", "more_bodies_than"]
