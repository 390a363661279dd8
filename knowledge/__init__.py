"""The knowledge base and the answering core; channels use only what this package exports (and knowledge.model,
knowledge.config, knowledge.ingest, knowledge.staff)."""

from knowledge.answering.answerer import MAX_QUESTION
from knowledge.model import (
    Answer,
    CellKey,
    Choice,
    FeedbackRow,
    Figure,
    ReportRow,
    SectionText,
    SpanRole,
    Understood,
)
from knowledge.service import (
    ReportSummary,
    Service,
    check_openable,
    feedback_rows,
    open_service,
    report_rows,
    set_feedback_state,
)

__all__ = ["MAX_QUESTION", "Answer", "CellKey", "Choice", "FeedbackRow", "Figure", "ReportRow", "ReportSummary",
           "SectionText", "Service", "SpanRole", "Understood", "check_openable", "feedback_rows", "open_service",
           "report_rows", "set_feedback_state"]
