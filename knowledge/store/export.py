"""Every cell and prose figure of a base with the report it belongs to, for export to spreadsheets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.store.schema import open_db

# A cell staff corrected carries their reason: its value is theirs, `raw` what the report printed.
_CELLS = ("SELECT r.issuer, r.year, r.title, r.template, c.section, c.table_id, c.row, c.col, c.label, c.value, "
          "c.raw, c.unit, c.blank, c.uncertain, c.page, c.file, k.reason FROM cells c JOIN reports r ON "
          "r.id = c.report_id LEFT JOIN corrections k ON k.issuer = r.issuer AND k.year = r.year AND "
          "k.table_id = c.table_id AND k.row = c.row AND k.col = c.col AND k.undone_at IS NULL")
_FACTS = ("SELECT r.issuer, r.year, r.title, r.template, f.section, f.text, f.value, f.unit, f.context, f.page, "
          "r.file, k.reason FROM facts f JOIN reports r ON r.id = f.report_id LEFT JOIN corrections k ON "
          "k.issuer = r.issuer AND k.year = r.year AND k.table_id = 'narrative' AND k.row = f.text AND "
          "k.value = f.value AND k.undone_at IS NULL")


@dataclass(frozen=True, slots=True)
class ExportedCell:
    """A printed cell with its report, named as the export names its columns."""

    issuer: str
    year: int
    report_title: str
    template: str
    section: str
    table: str
    row: str
    column: str
    label: str
    value: int | float | None
    raw: str | None
    unit: str
    blank: bool
    uncertain: bool
    page: int | None
    file: str | None
    correction: str | None = None  # the staff's reason, when they corrected the value


@dataclass(frozen=True, slots=True)
class ExportedFact:
    """A prose figure with its report (and the report's file), named as the export names its columns."""

    issuer: str
    year: int
    report_title: str
    template: str
    section: str
    text: str
    value: int | float
    unit: str
    context: str | None
    page: int | None
    file: str | None
    correction: str | None = None  # the staff's reason, when they corrected the value


def exported_rows(db_path: str | Path, issuer: str | None = None, year: int | None = None,
                  report_id: int | None = None) -> Iterator[ExportedCell | ExportedFact]:
    """Every cell, then every prose figure, report by report; only issuers whose name holds `issuer`, only the
    `year` and only the report `report_id`, when given. The base is opened when the first row is asked for."""
    where, params = _where(issuer, year, report_id)
    db = open_db(db_path)
    try:
        for row in db.execute(_CELLS + where + " ORDER BY r.issuer, r.year, c.table_id, c.row, c.col", params):
            yield _cell(row)
        for row in db.execute(_FACTS + where + " ORDER BY r.issuer, r.year, f.id", params):
            yield ExportedFact(*row)
    finally:
        db.close()


def _cell(row: tuple) -> ExportedCell:
    (issuer, year, title, template, section, table, table_row, column, label, value, raw, unit, blank, uncertain,
     page, file, correction) = row
    return ExportedCell(issuer, year, title, template, section, table, table_row, column, label, value, raw, unit,
                        bool(blank), bool(uncertain), page, file, correction)


def _where(issuer: str | None, year: int | None, report_id: int | None) -> tuple[str, list[str | int]]:
    clauses: list[str] = []
    params: list[str | int] = []
    if issuer:
        # Part of the name is enough ("洪泽" finds 洪泽区人民政府 and 淮安市洪泽区人民政府).
        clauses.append("r.issuer LIKE ? ESCAPE '\\'")
        params.append("%" + issuer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if year:
        clauses.append("r.year = ?")
        params.append(year)
    if report_id is not None:
        clauses.append("r.id = ?")
        params.append(report_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
