"""What the staff pages ask of the knowledge base: reports, one report, uploads, what the bot could not answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from knowledge.ingest.files import IngestResult
from knowledge.ingest.uploads import Upload, UploadLimits, result_line, store_uploads
from knowledge.model import FeedbackRow
from knowledge.normalize import normalize
from knowledge.staff.corrections import CorrectionDone, correct_cell, parse_value, undo_cell
from knowledge.staff.report_view import ReportView, report_view
from knowledge.store import ReportReader, StoredReport
from xxgk_errors import CorrectionError

# Staff read times in Beijing time (China has no daylight saving, so a fixed offset is exact).
BEIJING = timezone(timedelta(hours=8), "北京时间")


# What the staff pages read the feedback from: the service's `feedback`, votes and questions not answered.
FeedbackSource = Callable[[], list[FeedbackRow]]


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


@dataclass
class Missed:
    """A question the bot could not answer or answered wrongly, with how often and when it was last asked."""

    question: str
    count: int
    not_found: int
    voted_wrong: int
    chats: int
    last_at: float

    @property
    def last_text(self) -> str:
        return datetime.fromtimestamp(self.last_at, UTC).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


class StaffService:
    """The one object the staff routes call; every call opens the base afresh (it may have been swapped)."""

    def __init__(self, db_path: str | Path, feedback: FeedbackSource, reports_dir: str | Path,
                 limits: UploadLimits | None = None) -> None:
        self.db_path = Path(db_path)
        self.feedback = feedback
        self.reports_dir = Path(reports_dir)
        self.limits = limits or UploadLimits()

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

    def correct(self, report_id: int, key: str, value: str, reason: str, who: str) -> CorrectionDone:
        """Correct a cell of the report with this id (value as typed: a number, or 空白)."""
        report = self._stored(report_id)
        return correct_cell(self.db_path, report.issuer, report.year, key, parse_value(value), reason, who)

    def undo(self, report_id: int, key: str, who: str) -> CorrectionDone:
        """Set aside the standing correction of a cell of the report with this id."""
        report = self._stored(report_id)
        return undo_cell(self.db_path, report.issuer, report.year, key, who)

    def _stored(self, report_id: int) -> StoredReport:
        found = None
        if self.db_path.exists():
            with ReportReader(self.db_path) as base:
                found = base.report(report_id)
        if found is None:
            raise CorrectionError("没有这份报告（知识库可能刚更新，请回到报告列表）")
        return found

    def upload(self, uploads: list[Upload]) -> list[UploadLine]:
        """Store the files (each gets its line) and swap the rebuilt base in."""
        results = store_uploads(self.db_path, self.reports_dir, uploads, self.limits)
        ids = {(r.issuer, r.year): r.id for r in self.reports()}
        return [self._line(r, n, len(results), ids) for n, r in enumerate(results, 1)]

    @staticmethod
    def _line(result: IngestResult, number: int, total: int, ids: dict[tuple[str, int], int]) -> UploadLine:
        report_id = ids.get((result.issuer, result.year or 0)) if not result.failed else None
        return UploadLine(result.path, result.status, result_line(result, number, total), result.detail, report_id)

    def missed(self) -> list[Missed]:
        """Questions answered not_found or voted wrong (👎), grouped by question, most asked first."""
        return group_missed(self.feedback())


def _question_key(question: str) -> str:
    return re.sub(r"[\s。？?！!，,、.]+", "", normalize(question))


def group_missed(rows: list[FeedbackRow]) -> list[Missed]:
    """Feedback rows (chat, question, answer_key, status, vote, at) → one entry per question asked."""
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        wrong = int(row.vote or 0) < 0
        missed = row.status == "not_found" and int(row.vote or 0) == 0
        question = str(row.question or "").strip()
        if not (wrong or missed) or not question:
            continue
        group = groups.setdefault(_question_key(question), {"question": question, "count": 0, "not_found": 0,
                                                             "wrong": 0, "chats": set(), "last": 0.0})
        group["count"] += 1
        group["not_found"] += int(missed)
        group["wrong"] += int(wrong)
        group["chats"].add(row.chat)
        if float(row.at or 0) >= group["last"]:
            group["last"], group["question"] = float(row.at or 0), question
    found = [Missed(g["question"], g["count"], g["not_found"], g["wrong"], len(g["chats"]), g["last"])
             for g in groups.values()]
    return sorted(found, key=lambda m: (-m.count, -m.last_at))
