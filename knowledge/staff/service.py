"""What the staff pages ask of the knowledge base: reports, one report, uploads, the feedback list."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.chat.state import feedback_key
from knowledge.ingest.files import IngestResult
from knowledge.ingest.uploads import Upload, UploadLimits, result_line, store_uploads
from knowledge.model import Answer
from knowledge.staff.answer_now import CellTarget, answer_now, cell_targets, rests_on
from knowledge.staff.corrections import CorrectionDone, correct_cell, correct_fact, parse_value, undo_cell
from knowledge.staff.export import csv_chunks, export_rows, json_chunks
from knowledge.staff.feedback import FeedbackEntry, FeedbackSource, group_feedback
from knowledge.staff.preview import Changed, changed_answers
from knowledge.staff.report_view import ReportView, report_view
from knowledge.staff.reports import ReportFilter
from knowledge.staff.teaching import (
    Lesson,
    check_lesson,
    lesson,
    taught_phrases,
    teach,
    untaught,
    words_not_understood,
)
from knowledge.store import Catalog, Correction, ReportReader, StoredReport, TaughtPhrase
from xxgk_errors import CorrectionError


@dataclass
class UploadLine:
    """One uploaded file's outcome, as `ingest` prints it, and the report it went into."""

    name: str
    status: str
    line: str
    detail: str = ""
    report_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "line": self.line, "detail": self.detail,
                "report_id": self.report_id}


class StaffService:
    """The one object the staff routes call; every call opens the base afresh (it may have been swapped)."""

    def __init__(self, db_path: str | Path, source: FeedbackSource, reports_dir: str | Path,
                 limits: UploadLimits | None = None, default_issuer: str = "") -> None:
        self.db_path = Path(db_path)
        self.source = source
        self.reports_dir = Path(reports_dir)
        self.limits = limits or UploadLimits()
        self.default_issuer = default_issuer  # the body the bot asks of when a question names none

    def reports(self) -> list[StoredReport]:
        """Every report: id, issuer, year, template, format, counts; empty when there is no base yet."""
        if not self.db_path.exists():
            return []
        with ReportReader(self.db_path) as base:
            return base.reports()

    def report(self, report_id: int) -> ReportView | None:
        """One report as the report page shows it, or None."""
        if not self.db_path.exists():
            return None
        return report_view(self.db_path, report_id)

    def correct(self, report_id: int, key: str, value: str, reason: str, who: str, entry: str = "") -> CorrectionDone:
        """Correct a cell of the report with this id (value as typed: a number, or 空白); the feedback entry
        `entry` the correction was made from, if any, becomes corrected."""
        report = self._stored(report_id)
        done = correct_cell(self.db_path, report.issuer, report.year, key, parse_value(value), reason, who)
        if entry:
            self.source.mark_feedback(entry, "corrected")
        return done

    def correct_fact(self, report_id: int, clause: str, value: str, reason: str, who: str,
                     entry: str = "") -> CorrectionDone:
        """Correct the prose figure of the report with this id whose clause is `clause`; the feedback entry
        `entry` the correction was made from, if any, becomes corrected."""
        report = self._stored(report_id)
        done = correct_fact(self.db_path, report.issuer, report.year, clause, parse_value(value), reason, who)
        if entry:
            self.source.mark_feedback(entry, "corrected")
        return done

    def undo(self, report_id: int, key: str, who: str) -> CorrectionDone:
        """Set aside the standing correction of a cell (or prose figure) of the report with this id; a feedback
        entry marked corrected whose answer rests on it is open again."""
        report = self._stored(report_id)
        done = undo_cell(self.db_path, report.issuer, report.year, key, who)
        self._reopen(done.correction)
        return done

    def _reopen(self, undone: Correction) -> None:
        """The entries marked corrected whose answer, now, rests on (or needs) what was undone are open again."""
        for entry in self.feedback():
            if entry.state != "corrected":
                continue
            answer = answer_now(self.db_path, entry.question, entry.previous, self.default_issuer)
            if rests_on(cell_targets(self.db_path, answer), undone):
                self.source.mark_feedback(entry.key, "open")

    def _stored(self, report_id: int) -> StoredReport:
        found = None
        if self.db_path.exists():
            with ReportReader(self.db_path) as base:
                found = base.report(report_id)
        if found is None:
            raise CorrectionError("没有这份报告（知识库可能刚更新，请回到报告列表）")
        return found

    def export(self, fmt: str, only: ReportFilter, report_id: int | None = None) -> Iterator[str]:
        """The cells and figures of one report, of the reports the filter keeps, or of the whole base, as CSV
        (with a BOM, for Excel) or JSON, in pieces."""
        rows = export_rows(self.db_path, year=only.year, report_id=report_id)
        if only.active and report_id is None:
            kept = {(r.issuer, r.year) for r in self.reports() if only.keeps(r)}
            rows = (row for row in rows if (row["issuer"], row["year"]) in kept)
        if fmt == "json":
            return json_chunks(rows)
        return itertools.chain(["\ufeff"], csv_chunks(rows))

    def upload(self, uploads: list[Upload]) -> list[UploadLine]:
        """Store the files (each gets its line) and swap the rebuilt base in."""
        results = store_uploads(self.db_path, self.reports_dir, uploads, self.limits)
        ids = {(r.issuer, r.year): r.id for r in self.reports()}
        return [self._line(r, n, len(results), ids) for n, r in enumerate(results, 1)]

    @staticmethod
    def _line(result: IngestResult, number: int, total: int, ids: dict[tuple[str, int], int]) -> UploadLine:
        report_id = ids.get((result.issuer, result.year or 0)) if not result.failed else None
        return UploadLine(result.path, result.status, result_line(result, number, total), result.detail, report_id)

    def feedback(self) -> list[FeedbackEntry]:
        """Every vote and unanswered question, one entry per question, open ones with problems first."""
        return group_feedback(self.source.feedback(), self.source.feedback_marks())

    def mark_feedback(self, key: str, state: str) -> None:
        """Give the entry `key` a state (open, taught, corrected, not_in_reports)."""
        self.source.mark_feedback(key, state)

    def lesson_preview(self, phrase: str, concept: str, question: str, previous: str = "",
                       confirmed: bool = False) -> tuple[Lesson, list[Changed]]:
        """The lesson checked against the lexicon's rules, and the logged questions it would answer differently."""
        taught = lesson(phrase, concept, question, previous)
        catalog = Catalog(self.db_path)
        try:
            check_lesson(catalog, taught, confirmed)
        finally:
            catalog.close()
        logged = [(e.question, e.previous) for e in self.feedback()]
        return taught, changed_answers(self.db_path, taught, logged, self.default_issuer)

    def teach(self, phrase: str, concept: str, question: str, previous: str, who: str,
              confirmed: bool = False) -> TaughtPhrase:
        """Keep the phrase for the concept; the entry of the question it came from becomes taught."""
        done = teach(self.db_path, lesson(phrase, concept, question, previous), who, confirmed)
        self.source.mark_feedback(feedback_key(done.question, done.previous), "taught")
        return done

    def untaught(self, taught_id: int, who: str) -> TaughtPhrase:
        """Set aside a taught phrase; the entry it came from is open again."""
        done = untaught(self.db_path, taught_id, who)
        self.source.mark_feedback(feedback_key(done.question, done.previous), "open")
        return done

    def taught(self) -> list[TaughtPhrase]:
        """Every phrase taught to the base, newest first; none when there is no base yet."""
        return taught_phrases(self.db_path) if self.db_path.exists() else []

    def entry(self, key: str) -> FeedbackEntry | None:
        """The feedback entry `key`, or None."""
        return next((e for e in self.feedback() if e.key == key), None)

    def answer_of(self, key: str) -> tuple[FeedbackEntry, Answer, list[CellTarget]] | None:
        """The feedback entry `key`, its question answered now, and the printed cells that answer rests on (or
        needed and could not read); None for an entry not in the list."""
        entry = self.entry(key)
        if entry is None:
            return None
        if not self.db_path.exists():
            return entry, Answer(entry.question, "not_found", reason="知识库中还没有报告"), []
        answer = answer_now(self.db_path, entry.question, entry.previous, self.default_issuer)
        return entry, answer, cell_targets(self.db_path, answer)

    def not_understood(self, question: str) -> tuple[str, ...]:
        """The words of the question no concept explains (what the teach form offers first)."""
        return words_not_understood(self.db_path, question) if self.db_path.exists() else ()
