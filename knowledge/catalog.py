"""Read access to the knowledge base for answering: reports, issuers and their short names."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.errors import DatabaseUnreadable
from knowledge.normalize import normalize
from knowledge.store import open_db

# Common short forms of government bodies (科学技术委员会 → 科委), not names of any one body.
_ABBREVIATIONS = (("科学技术委员会", "科委"), ("人民政府", "政府"), ("发展和改革委员会", "发改委"),
                  ("教育委员会", "教委"), ("卫生健康委员会", "卫健委"), ("经济和信息化委员会", "经信委"),
                  ("住房和城乡建设委员会", "住建委"), ("委员会", "委"), ("管理委员会", "管委会"))
_PREFIX = re.compile(r"^([\u4e00-\u9fff]{2,3}?(?:省|自治区))?([\u4e00-\u9fff]{2,4}?市)?")
_AREA_SUFFIX = ("综合实验区", "经济技术开发区", "高新技术产业开发区", "开发区", "新区", "自治县", "自治州", "区", "县", "市",
                "旗")
_GENERIC = {"政府", "人民政府", "政府办公厅", "人民政府办公厅", "办公厅", "科委", "委", "市", "区", "县"}


@dataclass(frozen=True)
class ReportInfo:
    """One report in the knowledge base."""

    id: int
    issuer: str
    year: int
    title: str
    template: str
    files: str


def issuer_aliases(issuer: str) -> set[str]:
    """The ways people name a body: with or without its city, 人民政府, area suffix; common short forms."""
    names = {issuer}
    for long, short in _ABBREVIATIONS:
        names |= {n.replace(long, short) for n in names if long in n}
        if len(short) >= 2:
            names |= {n.replace(short, long) for n in names if short in n and long not in n}
    match = _PREFIX.match(issuer)
    for name in list(names):
        if match and match.group(0) and name.startswith(match.group(0)):
            rest = name[len(match.group(0)):]
            city = (match.group(2) or match.group(1) or "")
            names |= {rest, city[:-1] + rest, "市" + rest if city.endswith("市") else rest}
    for name in list(names):
        core = name.removesuffix("人民政府").removesuffix("政府")
        names.add(core)
        for suffix in _AREA_SUFFIX:
            if core.endswith(suffix) and len(core) - len(suffix) >= 2:
                names.add(core[: -len(suffix)])
                break
    return {normalize(n) for n in names if len(n) >= 2 and n not in _GENERIC}


class Catalog:
    """Reports and issuers held in memory; cells and facts read on demand."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        self.file_id = _file_id(self.path)
        db = open_db(self.path)
        try:
            rows = list(db.query("SELECT id, issuer, year, title, template, files FROM reports"))
        except sqlite3.DatabaseError as exc:
            raise DatabaseUnreadable(f"知识库无法读取：{exc}") from exc
        finally:
            db.close()
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.reports = [ReportInfo(**r) for r in rows]
        self.by_issuer: dict[str, list[ReportInfo]] = {}
        self.by_year: dict[int, list[ReportInfo]] = {}
        for report in sorted(self.reports, key=lambda r: (r.year, r.issuer)):
            self.by_issuer.setdefault(report.issuer, []).append(report)
            self.by_year.setdefault(report.year, []).append(report)
        self.aliases: dict[str, set[str]] = {}
        for issuer in self.by_issuer:
            for alias in issuer_aliases(issuer):
                self.aliases.setdefault(alias, set()).add(issuer)
        self._longest = max((len(a) for a in self.aliases), default=0)

    def changed(self) -> bool:
        """Whether the file was rebuilt (swapped in) or written since this catalog read it."""
        return _file_id(self.path) != self.file_id

    def count_reports(self) -> int:
        """Reports in the base now (reads the file, so a broken base shows)."""
        return int(self.conn.execute("SELECT count(*) FROM reports").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def find_issuers(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Issuers named in the (normalised) text, longest names first; and where they stand."""
        found: list[str] = []
        spans: list[tuple[int, int]] = []
        # Look up every substring, longest first: fast however many issuers the base holds.
        for size in range(min(self._longest, len(text)), 1, -1):
            for at in range(len(text) - size + 1):
                alias = text[at:at + size]
                issuers = self.aliases.get(alias)
                if not issuers or any(s < at + size and at < e for s, e in spans):
                    continue
                new = [i for i in sorted(issuers) if i not in found]
                if not new:
                    continue  # a second mention ("智慧蓟州APP") is part of what is asked, not the issuer
                spans.append((at, at + size))
                found += new
        return found, sorted(spans)

    def report(self, issuer: str, year: int) -> ReportInfo | None:
        return next((r for r in self.by_issuer.get(issuer, []) if r.year == year), None)

    def years(self, issuer: str) -> list[int]:
        return [r.year for r in self.by_issuer.get(issuer, [])]

    def reports_of_year(self, year: int) -> list[ReportInfo]:
        return self.by_year.get(year, [])

    def cells(self, report_id: int) -> dict[str, sqlite3.Row]:
        return _cells(self, report_id)

    def facts(self, report_id: int) -> list[sqlite3.Row]:
        return _facts(self, report_id)

    def failed_checks(self, report_id: int) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT check_id, scope, detail FROM checks WHERE report_id = ? AND ok = 0",
                                      [report_id]))


def _file_id(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_ino, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _cells(catalog: Catalog, report_id: int) -> dict[str, sqlite3.Row]:
    rows = catalog.conn.execute("SELECT * FROM cells WHERE report_id = ?", [report_id])
    return {f"{r['table_id']}|{r['row']}|{r['col']}": r for r in rows}


@lru_cache(maxsize=256)
def _facts(catalog: Catalog, report_id: int) -> list[sqlite3.Row]:
    return list(catalog.conn.execute("SELECT * FROM facts WHERE report_id = ? ORDER BY id", [report_id]))
