"""What staff work with: the reports and one report's view, uploads, the feedback list, export.

The staff pages (bot/staff/) and the command line import these names from here, never from the modules.
"""

from knowledge.staff.answer_now import CellTarget
from knowledge.staff.corrections import (
    CorrectionDone,
    correct_cell,
    correct_fact,
    corrections_of,
    find_report,
    parse_value,
    undo_cell,
    undo_fact,
)
from knowledge.staff.export import csv_chunks, export_rows, json_chunks, write_csv, write_json
from knowledge.staff.feedback import FeedbackEntry, FeedbackSource, group_feedback
from knowledge.staff.preview import Changed, changed_answers, short_line
from knowledge.staff.report_view import CellView, Problem, ReportView, RowView, SourceFile, TableView
from knowledge.staff.reports import ReportFilter, explain_failed, list_reports
from knowledge.staff.service import StaffService, UploadLine
from knowledge.staff.teaching import (
    Lesson,
    check_lesson,
    concept_label,
    lesson,
    taught_phrases,
    teach,
    untaught,
)
from knowledge.store import StoredReport, TaughtPhrase
from knowledge.understanding.lexicon import concepts

__all__ = ["CellTarget", "CellView", "Changed", "CorrectionDone", "FeedbackEntry", "FeedbackSource", "Lesson", "Problem",
           "ReportFilter", "ReportView", "RowView", "SourceFile", "StaffService", "StoredReport", "TableView",
           "TaughtPhrase", "UploadLine", "changed_answers", "check_lesson", "concept_label", "concepts",
           "correct_cell", "correct_fact", "corrections_of", "csv_chunks", "explain_failed", "export_rows",
           "find_report", "group_feedback", "json_chunks", "lesson", "list_reports", "parse_value", "short_line", "taught_phrases",
           "teach", "undo_cell", "undo_fact", "untaught", "write_csv", "write_json"]
