"""Parsers: turn annual-report files into records (pure stages, no database)."""

from parsers.pipeline import REPORT_SUFFIXES, parse_bytes, parse_file
from parsers.records import Cell, Check, Fact, ParsedReport, Section
from xxgk_errors import ParseError, XxgkError

__all__ = ["REPORT_SUFFIXES", "Cell", "Check", "Fact", "ParseError", "ParsedReport", "Section", "XxgkError",
           "parse_bytes", "parse_file"]
