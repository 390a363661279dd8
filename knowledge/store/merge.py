"""Merge several files of one report (issuer and year) into one record."""

from __future__ import annotations

from dataclasses import replace

from parsers.checks import prose_checks, table_checks
from parsers.records import Cell, ParsedReport
from parsers.template import TEMPLATES


def _quality(report: ParsedReport) -> tuple[int, int, int]:
    """Tables that pass more checks win; then fewer failures, then more cells read."""
    passed = sum(1 for c in report.checks if c.ok)
    readable = sum(1 for c in report.cells if not c.uncertain)
    return passed, -report.failed_checks, readable


def merge_reports(reports: list[ParsedReport]) -> ParsedReport:
    """One report from several files of it; disagreements become warnings."""
    ranked = sorted(reports, key=_quality, reverse=True)
    primary = ranked[0]
    if len(ranked) == 1:
        return primary
    merged = replace(primary, cells=list(primary.cells), facts=list(primary.facts),
                     sections=list(primary.sections), warnings=[f"{primary.file}：{w}" for w in primary.warnings])
    for other in ranked[1:]:
        merged.warnings += [f"{other.file}：{w}" for w in other.warnings]
        _merge_cells(merged, other)
        seen = {(f.text, f.value) for f in merged.facts}
        merged.facts += [f for f in other.facts if (f.text, f.value) not in seen]
        paths = {s.path for s in merged.sections}
        merged.sections += [s for s in other.sections if s.path not in paths]
    if merged.template in TEMPLATES:
        merged.checks = table_checks(merged.cells, TEMPLATES[merged.template]) + prose_checks(
            merged.facts, merged.cells)
    return merged


def _merge_cells(merged: ParsedReport, other: ParsedReport) -> None:
    index = {c.key: i for i, c in enumerate(merged.cells)}
    for cell in other.cells:
        at = index.get(cell.key)
        if at is None:
            merged.cells.append(cell)
            continue
        mine = merged.cells[at]
        if mine.uncertain and not cell.uncertain:
            merged.cells[at] = cell
        elif not cell.uncertain and not _same(mine, cell):
            merged.warnings.append(
                f"两份文件不一致：{mine.label} 在 {merged.file} 为“{mine.raw}”，在 {other.file} 为“{cell.raw}”，采用前者")


def _same(a: Cell, b: Cell) -> bool:
    return a.blank == b.blank and a.value == b.value
