"""What the knowledge base holds, report by report, with each report's failing checks said in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from knowledge.model import ReportRow
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
