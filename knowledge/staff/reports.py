"""What the knowledge base holds, report by report, with each report's failing checks said in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from knowledge.model import ReportRow
from knowledge.normalize import normalize
from knowledge.store import (
    FactRow,
    ReportReader,
    StoredCell,
    StoredCheck,
    StoredReport,
    certain_values,
    failed_check,
    template_of,
)
from parsers.checks import PROSE_CHECK, explain
from parsers.records import Fact


def list_reports(db_path: str | Path) -> list[ReportRow]:
    """Issuer, year, template, format, counts of cells, facts, failed checks (explained) and warnings."""
    with ReportReader(db_path) as base:
        return [_row(base, report) for report in base.reports()]


def _row(base: ReportReader, report: StoredReport) -> ReportRow:
    # In words ("“总计”列：办理结果各项均为空白，总计栏为805件"), not as internal check ids.
    return ReportRow.of(report, tuple(_failed_in_words(base, report)))


def _failed_in_words(base: ReportReader, report: StoredReport) -> list[str]:
    failed = base.failed_checks(report.id)
    if not failed:
        return []
    cells = base.cells(report.id)
    # Only a check of the prose against the tables needs the report's prose figures.
    facts = base.facts(report.id) if any(c.check_id == PROSE_CHECK for c in failed) else []
    return [explain_failed(c, cells, report.template, facts) for c in failed]


def explain_failed(check: StoredCheck, cells: Mapping[str, StoredCell], template: str | None,
                   facts: Iterable[FactRow] = ()) -> str:
    """A stored failed check in words, e.g. “总计”列：办理结果各项均为空白，总计栏为805件."""
    said = [Fact(f.section, f.text, f.value, f.unit, f.page, f.context or "") for f in facts]
    return explain(failed_check(check), certain_values(cells), template_of(template, cells), said)


@dataclass(frozen=True)
class ReportFilter:
    """What staff narrowed the report list to: part of a body's name, a year, a template, failing checks only."""

    name: str = ""
    year: int | None = None
    template: str = ""
    failing: bool = False

    @classmethod
    def of(cls, params: Mapping[str, str]) -> ReportFilter:
        """From a query string as typed; a year that is not one is left out rather than refused."""
        year = params.get("year", "").strip()
        return cls(name=params.get("q", "").strip()[:50], year=int(year) if year.isdigit() and len(year) == 4
                   else None, template=params.get("template", "").strip()[:10], failing=bool(params.get("failing")))

    @property
    def active(self) -> bool:
        return bool(self.name or self.year or self.template or self.failing)

    def keeps(self, report: StoredReport) -> bool:
        """Whether the report is one the filter lets through (names compared as people type them)."""
        return ((not self.name or normalize(self.name) in normalize(report.issuer))
                and (self.year is None or report.year == self.year)
                and (not self.template or report.template == self.template)
                and (not self.failing or bool(report.checks_failed)))
