"""What people send, made safe before it reaches the core: broken characters, control characters, deep JSON."""

from __future__ import annotations

import json
import re
from typing import Any

MAX_JSON_DEPTH = 20
MAX_QUESTION = 1000  # characters of a question a channel passes on (the core reads fewer)
REPLACEMENT = "\ufffd"
# Lone surrogates (from "\ud800" in JSON, or bytes that were not UTF-8) cannot be encoded; control
# characters other than tab and newline, and the other line breaks (NEL, U+2028, U+2029, which
# would split a line of `ask -` output for some readers), have no place in a question.
_BROKEN = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class BadJson(ValueError):
    """A request body that is not JSON we accept (malformed, or nested too deeply)."""


def clean_text(text: str, limit: int | None = None) -> str:
    """The text with each broken character replaced by U+FFFD and control characters by spaces, cut to limit."""
    text = text[:limit] if limit is not None else text
    text = _BROKEN.sub(REPLACEMENT, text)
    return _CONTROL.sub(" ", text)


def decode_line(raw: bytes) -> str:
    """A line of bytes as text: UTF-8, each invalid byte replaced by U+FFFD (the rest of the line kept)."""
    return raw.decode("utf-8", errors="replace")


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in the JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def load_json(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parsed JSON, refusing (BadJson) what is malformed or nested deeper than max_depth."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise BadJson("不是 UTF-8 编码的 JSON") from exc
    if json_depth(text) > max_depth:
        raise BadJson(f"JSON 嵌套超过 {max_depth} 层")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadJson("不是有效的 JSON") from exc
