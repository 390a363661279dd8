"""Channels are thin: nothing under bot/ reaches into storage, fuzzy matching or the core's internals."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

FORBIDDEN = ("sqlite3", "sqlite_utils", "rapidfuzz", "knowledge.store", "knowledge.chat")


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an import statement anywhere in the tree names (in a function too), with its line.

    `from knowledge import context` names knowledge.chat.state, so each imported name counts as a module as well.
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def violations(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        out += [f"{path.relative_to(folder.parent)}:{line}: {name}" for line, name in imported_names(tree)
                if _forbidden(name)]
    return out


def test_bot_imports_no_storage_or_core_internals() -> None:
    assert violations(ROOT / "bot") == []


def test_the_walk_sees_every_kind_of_import(tmp_path: Path) -> None:
    folder = tmp_path / "bot"
    folder.mkdir()
    (folder / "ok.py").write_text("import json\nfrom knowledge import Service\nfrom knowledge.model import Answer\n"
                                  "from . import render\nimport sqlite3x\n", encoding="utf-8")
    (folder / "bad.py").write_text(
        "import sqlite3\nimport rapidfuzz.fuzz as fuzz\nfrom sqlite_utils import Database\n"
        "def late():\n    from knowledge.chat.state import ChatState\n    return ChatState\n"
        "class C:\n    def m(self):\n        from knowledge.store import read\n"
        "        from knowledge.chat.stores import redis\n"
        "        import knowledge.chat.stores.sqlite\n", encoding="utf-8")
    found = violations(folder)
    assert [v.split(": ")[1] for v in found] == [
        "sqlite3", "rapidfuzz.fuzz", "sqlite_utils", "sqlite_utils.Database", "knowledge.chat.state",
        "knowledge.chat.state.ChatState", "knowledge.store", "knowledge.store.read",
        "knowledge.chat.stores", "knowledge.chat.stores.redis", "knowledge.chat.stores.sqlite"]
    assert all(v.startswith("bot/bad.py:") for v in found)
