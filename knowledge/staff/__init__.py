"""What staff work with: the reports and one report's view, uploads, what the bot could not answer, export.

The staff pages (bot/staff/) and the command line import these names from here, never from the modules.
"""

from knowledge.staff.corrections import (
    CorrectionDone,
    correct_cell,
    corrections_of,
    find_report,
    parse_value,
    undo_cell,
)
from knowledge.staff.export import export_rows, write_csv, write_json
from knowledge.staff.report_view import CellView, Problem, ReportView, RowView, SourceFile, TableView
from knowledge.staff.reports import explain_failed, list_reports
from knowledge.staff.service import FeedbackSource, Missed, StaffService, UploadLine, group_missed
from knowledge.store import StoredReport

__all__ = ["CellView", "CorrectionDone", "FeedbackSource", "Missed", "Problem", "ReportView", "RowView",
           "SourceFile", "StaffService", "StoredReport", "TableView", "UploadLine", "correct_cell", "corrections_of",
           "explain_failed", "export_rows", "find_report", "group_missed", "list_reports", "parse_value", "undo_cell", "write_csv",
           "write_json"]
