"""Exceptions the parsers raise; each message is one line a person can act on."""

from __future__ import annotations


class XxgkError(Exception):
    """Base of every error this project raises on purpose."""


class ParseError(XxgkError):
    """A file could not be read as an annual report."""


class EmptyFile(ParseError):
    """The file has no content."""


class BinaryFile(ParseError):
    """The file is binary data, not a document we can read."""


class UnknownEncoding(ParseError):
    """The text is neither UTF-8 nor GBK/GB18030."""


class FileTooLarge(ParseError):
    """The file is larger than any annual report could be."""


class UnsupportedFormat(ParseError):
    """The file's kind is not one we read (or needs converting first)."""


class NotAReport(ParseError):
    """The file reads fine but holds no annual report."""
