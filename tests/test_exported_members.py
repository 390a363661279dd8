"""What each package exports is pinned: a change to a room's public names is a decision, made here too.

The channels see the core only through `knowledge`, `knowledge.model`, `knowledge.config`, `knowledge.ingest` and
`knowledge.staff`; the other rooms' exports are what the rooms above them use.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import knowledge

EXPORTS = {
    "parsers": ["REPORT_SUFFIXES", "Cell", "Check", "Fact", "ParseError", "ParsedReport", "Section",
        "XxgkError", "parse_bytes", "parse_file"],
    "knowledge": ["MAX_QUESTION", "Answer", "CellKey", "Choice", "FeedbackRow", "Figure", "ReportRow",
        "ReportSummary", "SectionText", "Service", "SpanRole", "Understood", "check_openable",
        "feedback_rows", "open_service", "report_rows", "set_feedback_state"],
    "knowledge.model": ["FEEDBACK_STATES", "Answer", "CellKey", "Choice", "FeedbackMark", "FeedbackRow",
        "FeedbackState", "Figure", "ReportRow", "SectionText", "SpanRole", "StoredReport", "Understood"],
    "knowledge.config": ["PROJECT_ROOT", "STATE_BACKENDS", "STATE_SCHEMES", "Settings", "config_path", "load_settings",
        "read_config"],
    "knowledge.names": ["GOVERNMENT_FORMS", "Body", "BodyName", "Directory", "Mention", "Place",
        "Resolution", "gazetteer", "read_issuer"],
    "knowledge.store": ["MIGRATIONS", "NARRATIVE", "BaseCopy", "Catalog", "CellRow", "CheckRow", "Correction", "ExportedCell", "ExportedFact",
        "FactRow", "ReportInfo", "ReportReader", "SectionRow", "SourceRow", "StoredCell", "StoredCheck", "StoredReport",
        "Taught", "TaughtPhrase", "Waiting", "add_file", "carry_corrections", "carry_taught", "certain_values",
        "copy_base", "correction_history", "count_reports", "delete_report", "delete_source", "exported_rows", "fact_key",
        "failed_check", "index_bodies", "open_db", "other_contents", "outdated", "rebuild_report", "record_correction",
        "record_taught", "report_id", "save_source", "source_paths", "source_with", "sources_at", "sources_of",
        "taught_history", "template_of", "undo_correction", "undo_taught", "write_report", "write_turn", "writer_lock"],
    "knowledge.understanding": ["CONTENT_ROLES", "ORGANISATIONS", "STRUCTURAL", "Meaning", "Measure",
        "Query", "is_followup", "merge_followup", "understand", "warm"],
    "knowledge.chat": ["ChatState", "StateStore", "open_store"],
    "knowledge.chat.stores": ["FEEDBACK_FIELDS", "FEEDBACK_KEEP_SECONDS", "MIN_KEEP_SECONDS", "PENDING",
        "Reply", "StateStore", "feedback_json", "feedback_row", "open_store", "safe_text"],
    "knowledge.answering": ["MAX_QUESTION", "Answerer"],
    "knowledge.ingest": ["REPORT_SUFFIXES", "Given", "IngestResult", "Upload", "UploadLimits",
        "ingest_paths", "read_manifest", "rebuild", "result_line", "to_update", "upgrade", "walk"],
    "knowledge.staff": ["CellTarget", "CellView", "Changed", "CorrectionDone", "FeedbackEntry", "FeedbackSource", "Lesson", "Problem", "ReportFilter",
        "ReportView", "RowView", "SourceFile", "StaffService", "StoredReport", "TableView", "TaughtPhrase",
        "UploadLine", "changed_answers", "check_lesson", "concept_label", "concepts", "correct_cell", "correct_fact", "corrections_of",
        "csv_chunks", "explain_failed", "export_rows", "find_report", "group_feedback", "json_chunks", "lesson",
        "list_reports", "parse_value", "short_line", "taught_phrases", "teach", "undo_cell", "undo_fact", "untaught", "write_csv",
        "write_json"],
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_exports_are_pinned(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__ == EXPORTS[name]
    assert all(hasattr(module, member) for member in module.__all__)


def test_every_room_of_the_core_says_what_it_exports() -> None:
    rooms = {f"knowledge.{info.name}" for info in pkgutil.iter_modules(knowledge.__path__) if info.ispkg}
    assert rooms <= set(EXPORTS)

