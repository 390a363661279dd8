"""The reports answering may use, one per body and year (`body_reports`), read by index when asked.

`BodyReports` is the body → its reports mapping and `ReportList` the reports of some years: both
read the base on demand, so neither costs memory or start-up time in proportion to the base.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

_REPORT = ("SELECT r.id, h.name, r.year, r.title, r.template, r.files, r.issuer "
           "FROM body_reports h JOIN reports r ON r.id = h.report_id")
# Reports kept per catalog: a body's reports are asked for several times in one answer.
_CACHED_BODIES = 4096


@dataclass(frozen=True)
class ReportInfo:
    """One report in the knowledge base; `issuer` is its body's name, `printed` the name the report prints."""

    id: int
    issuer: str
    year: int
    title: str
    template: str
    files: tuple[str, ...]
    printed: str = ""


def file_names(files: str | None) -> tuple[str, ...]:
    """The names of a report's files, stored as a JSON list (text that is not one is one name)."""
    try:
        return tuple(json.loads(files or "[]"))
    except (TypeError, ValueError):
        return (str(files),)


def _info(row: tuple) -> ReportInfo:
    rid, name, year, title, template, files, printed = row
    return ReportInfo(rid, name, year, title, template, file_names(files), printed)


class BodyReports(Mapping[str, list[ReportInfo]]):
    """Each body's reports, earliest year first, by the body's name."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._read = lru_cache(maxsize=_CACHED_BODIES)(self._reports)

    def _reports(self, name: str) -> tuple[ReportInfo, ...]:
        return tuple(_info(row) for row in self.conn.execute(f"{_REPORT} WHERE h.name = ? ORDER BY h.year", [name]))

    def __getitem__(self, name: str) -> list[ReportInfo]:
        found = self._read(name) if isinstance(name, str) else ()
        if not found:
            raise KeyError(name)
        return list(found)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self._read(name))

    def __iter__(self) -> Iterator[str]:
        """Every body (a scan of the base: for listings), earliest first report first, then by name."""
        rows = self.conn.execute("SELECT name FROM body_reports GROUP BY name ORDER BY min(year), name")
        return (name for (name,) in rows)

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(DISTINCT name) FROM body_reports").fetchone()[0])


class ReportList(Sequence[ReportInfo]):
    """The reports of the years in the order given (every year, latest first, when none is given), each year's
    bodies in name order. Counted and read year by year, by index, as far as they are read."""

    def __init__(self, conn: sqlite3.Connection, years: Sequence[int]) -> None:
        self.conn = conn
        self._years = tuple(years) or None
        self._counts: dict[int, int] = {}

    @property
    def years(self) -> tuple[int, ...]:
        if self._years is None:
            found: list[int] = []
            while True:
                (year,) = self.conn.execute("SELECT max(year) FROM body_reports WHERE year < ?",
                                            [found[-1] if found else 1 << 31]).fetchone()
                if year is None:
                    break
                found.append(year)
            self._years = tuple(found)
        return self._years

    def _count(self, year: int) -> int:
        if year not in self._counts:
            self._counts[year] = int(self.conn.execute("SELECT count(*) FROM body_reports WHERE year = ?",
                                                       [year]).fetchone()[0])
        return self._counts[year]

    def _rows(self, limit: int = -1, offset: int = 0) -> Iterator[ReportInfo]:
        for year in self.years:
            if offset >= self._count(year):
                offset -= self._count(year)
                continue
            rows = self.conn.execute(f"{_REPORT} WHERE h.year = ? ORDER BY h.name LIMIT ? OFFSET ?",
                                     [year, limit, offset])
            for row in rows:
                yield _info(row)
                limit -= 1
                if limit == 0:
                    return
            offset = 0

    def __iter__(self) -> Iterator[ReportInfo]:
        return self._rows()

    def __len__(self) -> int:
        return sum(self._count(year) for year in self.years)

    @overload
    def __getitem__(self, index: int) -> ReportInfo: ...

    @overload
    def __getitem__(self, index: slice) -> list[ReportInfo]: ...

    def __getitem__(self, index: int | slice) -> ReportInfo | list[ReportInfo]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return list(self)[index]
            return list(self._rows(stop - start, start)) if stop > start else []
        position = index + len(self) if index < 0 else index
        found = list(self._rows(1, position)) if position >= 0 else []
        if not found:
            raise IndexError(index)
        return found[0]


def bodies_with_years(conn: sqlite3.Connection, years: Sequence[int], limit: int = -1) -> list[str]:
    """The bodies with a report of every one of the years, in name order."""
    if not years:
        return [name for (name,) in conn.execute("SELECT DISTINCT name FROM body_reports ORDER BY name LIMIT ?",
                                                 [limit])]
    rows = conn.execute(
        "SELECT a.name FROM body_reports a WHERE a.year = ? AND NOT EXISTS (SELECT 1 FROM json_each(?) j "
        "WHERE NOT EXISTS (SELECT 1 FROM body_reports b WHERE b.name = a.name AND b.year = j.value)) "
        "ORDER BY a.name LIMIT ?", [years[0], json.dumps(list(years)), limit])
    return [name for (name,) in rows]


def latest_bodies(conn: sqlite3.Connection, limit: int) -> list[str]:
    """Bodies whose latest report is latest first (those with earlier first reports first, then by name)."""
    rows = conn.execute("SELECT name FROM body_reports GROUP BY name ORDER BY max(year) DESC, min(year), name "
                        "LIMIT ?", [limit])
    return [name for (name,) in rows]
