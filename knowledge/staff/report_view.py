"""One report of the knowledge base as data for the staff pages: its tables as the template prints them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from knowledge.staff.reports import explain_failed
from knowledge.store import (
    CellRow,
    CheckRow,
    Correction,
    FactRow,
    ReportReader,
    SectionRow,
    StoredReport,
    template_of,
)
from parsers.identities import identity
from parsers.pipeline import format_by_name
from parsers.template import TEMPLATES, CellKey, Template


@dataclass
class CellView:
    """One printed cell: what it says, and whether it is blank, uncertain or part of a failing identity."""

    key: str
    text: str
    blank: bool
    uncertain: bool
    warning: str = ""
    page: int | None = None
    file: str = ""
    problems: list[int] = field(default_factory=list)  # indexes into ReportView.problems
    correction: str = ""  # the staff's correction in words (the value shown is theirs), when corrected

    @property
    def failing(self) -> bool:
        return bool(self.problems)


@dataclass
class RowView:
    """A table row: its label as levels (三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密) and its cells."""

    key: str
    label: list[str]
    cells: list[CellView | None]  # None: the report does not print this cell


@dataclass
class TableView:
    """One fixed table of the template, with the pages of the original it was read from."""

    id: str
    title: str
    section: str
    columns: list[list[str]]  # each column's label as levels (行政诉讼 / 未经复议直接起诉 / 结果维持)
    rows: list[RowView]
    pages: list[int]


@dataclass
class Problem:
    """A failing check explained in words, with the cells it covers."""

    check_id: str
    scope: str
    detail: str
    text: str
    cells: list[str]


@dataclass
class SourceFile:
    """A file the report was read from."""

    name: str
    path: str
    format: str
    ingested_at: str


@dataclass
class ReportView:
    """Everything the report page shows."""

    id: int
    issuer: str
    year: int
    title: str
    template: str
    format: str
    files: list[SourceFile]
    tables: list[TableView]
    other_cells: list[CellView]  # cells of tables the template does not have (older reports)
    problems: list[Problem]
    facts: list[FactRow]
    sections: list[SectionRow]
    warnings: list[str]
    corrections: list[Correction] = field(default_factory=list)  # newest first, standing or set aside

    def cell_choices(self) -> list[tuple[str, str]]:
        """(key, label) of every template cell the report prints, uncertain ones first: what staff may correct."""
        found = [(c, " / ".join([*r.label, *t.columns[i]])) for t in self.tables for r in t.rows
                 for i, c in enumerate(r.cells) if c is not None]
        ordered = sorted(found, key=lambda pair: not pair[0].uncertain)
        return [(cell.key, label) for cell, label in ordered]


def report_view(db_path: str | Path, report_id: int) -> ReportView | None:
    """The report with this id, or None when the knowledge base has no such report."""
    with ReportReader(db_path) as base:
        report = base.report(report_id)
        return _build(base, report) if report else None


def _build(base: ReportReader, report: StoredReport) -> ReportView:
    rid = report.id
    cells = base.cells(rid)
    warnings = base.warnings(rid)
    facts = base.facts(rid)
    problems = _problems(base.failed_checks(rid), cells, report.template, facts)
    views = {key: _cell_view(key, c, warnings) for key, c in cells.items()}
    for index, problem in enumerate(problems):
        for key in problem.cells:
            if key in views:
                views[key].problems.append(index)
    template = TEMPLATES.get(report.template or "")
    tables = _tables(template, views) if template else []
    shown = {c.key for t in tables for r in t.rows for c in r.cells if c}
    return ReportView(
        id=rid, issuer=report.issuer, year=report.year, title=report.title or "",
        template=report.template or "", format=report.format or "",
        files=_sources(base, report),
        tables=tables,
        other_cells=[v for k, v in sorted(views.items()) if k not in shown],
        problems=problems,
        facts=facts,
        sections=base.sections(rid),
        warnings=warnings,
        corrections=base.corrections(report),
    )


def _problems(failed: list[CheckRow], cells: dict[str, CellRow], template: str,
              facts: list[FactRow]) -> list[Problem]:
    tpl = template_of(template, cells)
    problems = []
    for check in failed:
        ident = identity(check.check_id, check.scope, tpl)
        covered = [k for k in ident.cells if k in cells] if ident else []
        problems.append(Problem(check.check_id, check.scope, check.detail or "",
                                explain_failed(check, cells, template, facts), covered))
    return problems


def _cell_view(key: str, cell: CellRow, warnings: list[str]) -> CellView:
    if cell.correction:
        printed = f"原文印作“{cell.raw}”" if (cell.raw or "").strip() else "原文此格空白"
        shown = "" if cell.blank or cell.value is None else f"{cell.value:g}"
        return CellView(key=key, text=shown, blank=cell.blank, uncertain=False, page=cell.page,
                        file=cell.file or "", correction=f"经工作人员更正，{printed}（理由：{cell.correction}）")
    return CellView(key=key, text="" if cell.blank else str(cell.raw or ""), blank=cell.blank,
                    uncertain=cell.uncertain, warning=_warning_for(cell, warnings) if cell.uncertain else "",
                    page=cell.page, file=cell.file or "")


def _warning_for(cell: CellRow, warnings: list[str]) -> str:
    """The warning about an uncertain cell: warnings name the row they are about ("行政许可：数字粘连…")."""
    label = str(cell.label or "")
    for warning in warnings:
        subject = warning.split("：", 1)[0]
        if subject and "：" in warning and label.startswith(subject):
            return warning
    return "这一格读取不确定，请对照原件核对"


def _tables(template: Template, views: dict[str, CellView]) -> list[TableView]:
    tables = []
    for table in template.tables:
        rows = []
        for row in table.rows:
            cells = [views.get(CellKey.text(table.id, row.key, col.key)) for col in table.columns]
            rows.append(RowView(row.key, row.label.split("/") if row.signatures else [], cells))
        if not any(c for r in rows for c in r.cells):
            continue  # the report does not print this table
        pages = sorted({c.page for r in rows for c in r.cells if c and c.page})
        columns = [col.label.split("/") for col in table.columns]
        tables.append(TableView(table.id, table.title, table.section, columns, rows, pages))
    return tables


def _format_of(name: str, report: StoredReport) -> str:
    """The format the file's name says (by the parsers' one map of formats), else the report's."""
    return format_by_name(name) or Path(name).suffix.lower().lstrip(".") or (report.format or "")


def _sources(base: ReportReader, report: StoredReport) -> list[SourceFile]:
    # A source's parsed record is stored packed; its format is the one its file name and the report say.
    found = [SourceFile(s.file or Path(s.path).name, s.path, _format_of(s.file or s.path, report),
                        s.ingested_at or "") for s in base.sources(report)]
    if found:
        return found
    return [SourceFile(n, "", report.format or "", "") for n in report.files]
