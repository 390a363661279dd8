"""Exceptions of the knowledge base and the answering core."""

from __future__ import annotations

from parsers.errors import XxgkError


class KnowledgeError(XxgkError):
    """The knowledge base cannot do what was asked."""


class DatabaseMissing(KnowledgeError):
    """No knowledge base at the configured path."""


class DatabaseUnreadable(KnowledgeError):
    """The file at the path is not a knowledge base we can read."""


class ConfigError(KnowledgeError):
    """config.toml is malformed."""


class StateError(KnowledgeError):
    """The chat-state store (SQLite file or Redis server) cannot be used."""
