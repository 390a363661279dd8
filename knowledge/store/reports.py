"""The reports of a base as the staff read them: the report list and one report's rows, on one connection."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from knowledge.model import StoredReport
from knowledge.store.corrections import Correction, correction_history
from knowledge.store.held import file_names
from knowledge.store.read import (
    CellRow,
    CheckRow,
    FactRow,
    SectionRow,
    read_cells,
    read_facts,
    read_failed_checks,
    read_sections,
    read_warnings,
)
from knowledge.store.schema import open_db
from knowledge.store.sources import SourceRow, sources_of

_COLUMNS = "id, issuer, year, title, template, format, files, cells, facts, checks_failed, warnings"


class ReportReader:
    """Reads one base for the staff: every report, one report and its cells, figures, checks and files.

    A context manager: the connection is closed on leaving the block.
    """

    def __init__(self, db_path: str | Path) -> None:
        self.db = open_db(db_path)

    def __enter__(self) -> ReportReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def reports(self) -> list[StoredReport]:
        """Every report, by issuer and year."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM reports ORDER BY issuer, year")
        return [_stored(row) for row in rows]

    def report(self, report_id: int) -> StoredReport | None:
        """The report with this id, or None."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM reports WHERE id = ?", [report_id]).fetchone()
        return _stored(row) if row else None

    def cells(self, report_id: int) -> dict[str, CellRow]:
        return read_cells(self.db.conn, report_id)

    def facts(self, report_id: int) -> list[FactRow]:
        return read_facts(self.db.conn, report_id)

    def sections(self, report_id: int) -> list[SectionRow]:
        return read_sections(self.db.conn, report_id)

    def failed_checks(self, report_id: int) -> list[CheckRow]:
        return read_failed_checks(self.db.conn, report_id)

    def warnings(self, report_id: int) -> list[str]:
        return read_warnings(self.db.conn, report_id)

    def corrections(self, report: StoredReport) -> list[Correction]:
        """Every staff correction of the report, standing or set aside, newest first."""
        return correction_history(self.db.conn, report.issuer, report.year)

    def sources(self, report: StoredReport) -> list[SourceRow]:
        """The files the report was built from, by path."""
        return sources_of(self.db, report.issuer, report.year)


def _stored(row: tuple) -> StoredReport:
    rid, issuer, year, title, template, fmt, files, cells, facts, checks_failed, warnings = row
    return StoredReport(rid, issuer, year, title, template, fmt, file_names(files), cells, facts, checks_failed,
                        warnings)
