"""The knowledge base and the answering core; channels use only what this package exports."""

from knowledge.model import Answer, CellKey, Choice, Figure, SectionText, SpanRole, Understood
from knowledge.service import ReportSummary, Service, open_service

__all__ = ["Answer", "CellKey", "Choice", "Figure", "ReportSummary", "SectionText", "Service", "SpanRole",
           "Understood", "open_service"]
