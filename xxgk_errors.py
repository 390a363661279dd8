"""Every exception this project raises on purpose; each message is one line a person can act on.

The tree (parsers, the knowledge base and the channels all import from here, and nothing else defines one):

    XxgkError                     status 503: what the servers answer when nothing more precise applies
    ├── ParseError                a file could not be read as an annual report
    │   ├── EmptyFile
    │   ├── BinaryFile
    │   ├── UnknownEncoding
    │   ├── FileTooLarge
    │   ├── UnsupportedFormat
    │   ├── NotAReport
    │   ├── ScannedPDF
    │   ├── UnreadablePDF
    │   └── UnreadableDocx
    ├── KnowledgeError            the knowledge base cannot do what was asked
    │   ├── DatabaseMissing
    │   ├── DatabaseUnreadable
    │   ├── ConfigError
    │   ├── StateError
    │   ├── ManifestError
    │   ├── CorrectionError       status 400: a staff correction that names no report or cell, or lacks a reason
    │   ├── FeedbackStateError    status 400: a state for feedback that is not one of the states
    │   ├── TeachingError         status 400: a phrase to teach that breaks the lexicon's rules (a year, a name…)
    │   └── Unwritable            a folder or file to be written is read-only (or no folder at all)
    ├── TelegramConfigError       the bot token is missing or malformed
    ├── PortInUse                 a server's port is taken (another server of ours may still be running)
    └── WeChatError               status 400: a request that does not follow the protocol
        └── WeChatForbidden       status 403: a bad signature, or a message for another account

`status` is the HTTP status a web route answers when the error reaches it; the classes say it, so no route has to
read a message to choose one.
"""

from __future__ import annotations


class XxgkError(Exception):
    """Base of every error this project raises on purpose."""

    status = 503


class ParseError(XxgkError):
    """A file could not be read as an annual report."""

    status = 400


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


class ScannedPDF(ParseError):
    """A PDF of page images without a text layer."""


class UnreadablePDF(ParseError):
    """A PDF that is encrypted, damaged, or whose text does not decode."""


class UnreadableDocx(ParseError):
    """A .docx file that is damaged or not a Word document."""


class KnowledgeError(XxgkError):
    """The knowledge base cannot do what was asked."""


class DatabaseMissing(KnowledgeError):
    """No knowledge base at the configured path."""


class DatabaseUnreadable(KnowledgeError):
    """The file at the path is not a knowledge base we can read."""


class ConfigError(KnowledgeError):
    """config.toml (or an environment variable that overrides it) is malformed."""


class StateError(KnowledgeError):
    """The chat-state store (SQLite file or Redis server) cannot be used."""


class ManifestError(KnowledgeError):
    """A manifest (file,issuer,year) that cannot be read."""


class CorrectionError(KnowledgeError):
    """A staff correction that names no held report or no cell of its template, or gives no reason."""

    status = 400


class FeedbackStateError(KnowledgeError):
    """A state for a feedback entry that is not open, taught, corrected or not_in_reports."""

    status = 400


class TeachingError(KnowledgeError):
    """A phrase staff would teach that is no phrase for a concept: not words of the question, a year, a number,
    a body's or place's name, the whole question, or a phrase meaning another concept (unless confirmed)."""

    status = 400


class Unwritable(KnowledgeError):
    """A place the command must write (the knowledge base's folder, an export file) cannot be written."""


class TelegramConfigError(XxgkError):
    """The bot token is missing or malformed."""


class PortInUse(XxgkError):
    """Another socket already listens on the port a server was told to serve on."""


class WeChatError(XxgkError):
    """A request that does not follow the WeChat protocol (bad XML, bad ciphertext)."""

    status = 400


class WeChatForbidden(WeChatError):
    """A WeChat request that is not WeChat's for this account: a bad signature or another AppID."""

    status = 403
