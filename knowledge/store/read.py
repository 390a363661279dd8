"""Read access to the knowledge base for answering: reports, issuers and their short names."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.names.directory import Directory
from knowledge.store.body_index import stored_names
from knowledge.store.schema import open_db
from xxgk_errors import DatabaseUnreadable


@dataclass(frozen=True)
class ReportInfo:
    """One report in the knowledge base; `issuer` is its body's name, `printed` the name the report prints."""

    id: int
    issuer: str
    year: int
    title: str
    template: str
    files: str
    printed: str = ""


class Catalog:
    """Reports and issuers held in memory; cells and facts read on demand."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        self.file_id = _file_id(self.path)
        db = open_db(self.path)
        try:
            rows = list(db.query("SELECT id, issuer, year, title, template, files, cells FROM reports"))
            names = list(db.query("SELECT * FROM issuer_names")) if "issuer_names" in db.table_names() else []
        except sqlite3.DatabaseError as exc:
            raise DatabaseUnreadable(f"知识库无法读取：{exc}") from exc
        finally:
            db.close()
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.directory = Directory.build(sorted({r["issuer"] for r in rows}), stored_names(names))
        self.reports = self._reports(rows)
        self.by_issuer: dict[str, list[ReportInfo]] = {}
        self.by_year: dict[int, list[ReportInfo]] = {}
        for report in sorted(self.reports, key=lambda r: (r.year, r.issuer)):
            self.by_issuer.setdefault(report.issuer, []).append(report)
            self.by_year.setdefault(report.year, []).append(report)
        self.latest_first = [r for y in sorted(self.by_year, reverse=True) for r in self.by_year[y]]

    def _reports(self, rows: list[dict]) -> list[ReportInfo]:
        """One report per body and year; two names of one body in one year keep the report with more cells."""
        chosen: dict[tuple[str, int], ReportInfo] = {}
        for row in sorted(rows, key=lambda r: -(r.get("cells") or 0)):
            body = self.directory.body_of(row["issuer"])
            name = body.name if body else row["issuer"]
            info = ReportInfo(row["id"], name, row["year"], row["title"], row["template"], row["files"],
                              row["issuer"])
            chosen.setdefault((name, info.year), info)
        return list(chosen.values())

    def changed(self) -> bool:
        """Whether the file was rebuilt (swapped in) or written since this catalog read it."""
        return _file_id(self.path) != self.file_id

    def count_reports(self) -> int:
        """Reports in the base now (reads the file, so a broken base shows)."""
        return int(self.conn.execute("SELECT count(*) FROM reports").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

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

    def sections(self, report_id: int) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT path, heading, text FROM sections WHERE report_id = ? ORDER BY id",
                                      [report_id]))

    def failed_checks(self, report_id: int) -> list[sqlite3.Row]:
        return _failed_checks(self, report_id)


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


@lru_cache(maxsize=256)
def _failed_checks(catalog: Catalog, report_id: int) -> list[sqlite3.Row]:
    return list(catalog.conn.execute("SELECT check_id, scope, detail FROM checks WHERE report_id = ? AND ok = 0",
                                     [report_id]))
