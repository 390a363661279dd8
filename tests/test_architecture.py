"""The rooms and the one way imports run between them, and the seam channels use to reach the core.

Each sub-package is a room with one job. A room may import its own modules and the rooms before it in `ORDER`,
never one after it; bot/ reaches the core only through `SEAM`, and never touches storage or fuzzy matching.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

# Lowest first. Leaves of knowledge/ (model, normalize, config) import nothing of knowledge/.
ORDER = (
    "xxgk_errors",
    "parsers",
    "knowledge.model", "knowledge.normalize", "knowledge.config",
    "knowledge.names",
    "knowledge.store",
    "knowledge.understanding",
    "knowledge.chat",
    "knowledge.answering",
    "knowledge.ingest",
    "knowledge.staff",
    "knowledge.service",
    "knowledge",
    "bot",
    "bot.charts",
    "bot.conversation", "bot.render", "bot.markup", "bot.settings",
    "bot.channels",
    "bot.staff",
    "bot.web",
    "bot.cli",
    "bot.__main__",
)
# Rooms of one rank: none imports another (leaves side by side).
SIDE_BY_SIDE = ({"knowledge.model", "knowledge.normalize", "knowledge.config"},
                {"bot.conversation", "bot.render", "bot.markup", "bot.settings"})
# What bot/ may import of the core: the facade, the answer model, config, ingest and staff (package level only).
SEAM = {"knowledge", "knowledge.model", "knowledge.config", "knowledge.ingest", "knowledge.staff"}
NOT_IN_CHANNELS = ("sqlite3", "sqlite_utils", "rapidfuzz")
PROJECT = ("xxgk_errors", "parsers", "knowledge", "bot")
RELATIVE = "<relative import>"


def room_of(module: str) -> str:
    """The room a module belongs to: the longest entry of ORDER that is the module or a package above it."""
    rooms = [r for r in ORDER if module == r or module.startswith(r + ".")]
    if not rooms:
        raise AssertionError(f"{module} is in no room: add it to ORDER")
    return max(rooms, key=len)


def imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an import statement anywhere in the tree names (in a function too), with its line.

    `from knowledge import context` names knowledge.context, so each imported name counts as a module as well.
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.append((node.lineno, RELATIVE))  # the walk cannot place it: the project imports absolutely
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _rank(room: str) -> int:
    for group in SIDE_BY_SIDE:
        if room in group:
            return min(ORDER.index(r) for r in group)
    return ORDER.index(room)


def _is_module(name: str, root: Path) -> bool:
    """True when `name` is a project module or package (not a function or class imported from one)."""
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def violations(root: Path) -> list[str]:
    """Every import that runs against the order of the rooms or around the seam, as `file:line: name`."""
    out = []
    for folder in ("parsers", "knowledge", "bot"):
        for path in sorted((root / folder).rglob("*.py")):
            here = room_of(module_name(path, root))
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, name in imported_names(tree):
                if _breaks_rule(here, name, root):
                    out.append(f"{path.relative_to(root)}:{line}: {name}")
    return out


def _breaks_rule(here: str, name: str, root: Path) -> bool:
    if name == RELATIVE:
        return True
    if here.startswith("bot") and name.split(".")[0] in NOT_IN_CHANNELS:
        return True
    if name.split(".")[0] not in PROJECT or not _is_module(name, root):
        return False
    if here.startswith("bot") and name.startswith("knowledge") and name not in SEAM:
        return True
    there = room_of(name)
    return there != here and _rank(there) >= _rank(here)


def test_imports_follow_the_rooms_and_the_seam() -> None:
    assert violations(ROOT) == []


def test_every_module_is_in_a_room() -> None:
    """Only the packages' own __init__ modules fall back to the packages' rooms: a new room must be placed."""
    for folder in ("knowledge", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            module = module_name(path, ROOT)
            assert room_of(module) != folder or module == folder, f"{module}: add its room to ORDER"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_the_walk_sees_every_kind_of_breach(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "parsers/__init__.py": "", "parsers/a.py": "import knowledge.model\n",
        "knowledge/__init__.py": "", "knowledge/model.py": "",
        "knowledge/store/__init__.py": "", "knowledge/store/read.py": "from knowledge.answering import x\n",
        "knowledge/answering/__init__.py": "",
        "knowledge/answering/ok.py": "import json\nfrom knowledge.store import read\nfrom knowledge.model import A\n",
        "knowledge/answering/near.py": "from ..store import read\n",
        "knowledge/chat/__init__.py": "",
        "bot/__init__.py": "",
        "bot/render.py": "from knowledge.model import Answer\nimport sqlite3x\n",
        "bot/cli.py": "import sqlite3\nimport rapidfuzz.fuzz as fuzz\n"
                      "def late():\n    from knowledge.chat import state\n"
                      "class C:\n    def m(self):\n        from knowledge.store import read\n",
    })
    found = sorted(violations(root))
    assert found == sorted([
        "parsers/a.py:1: knowledge.model",
        "knowledge/store/read.py:1: knowledge.answering",
        "knowledge/answering/near.py:1: <relative import>",
        "bot/cli.py:1: sqlite3", "bot/cli.py:2: rapidfuzz.fuzz",
        "bot/cli.py:4: knowledge.chat", "bot/cli.py:7: knowledge.store", "bot/cli.py:7: knowledge.store.read",
    ])


# SQL as code writes it (upper case), not the English words: the statements that read or change a database.
SQL = re.compile(r"\b(SELECT|INSERT (OR \w+ )?INTO|UPDATE \w+ SET|DELETE FROM|(CREATE|DROP) (TABLE|INDEX|VIEW|TRIGGER)|"
                 r"ALTER TABLE|PRAGMA)\b")
# The only rooms that write SQL: the knowledge base's store, and the chat state's stores (a database of its own).
SQL_ROOMS = ("knowledge/store", "knowledge/chat/stores")


def sql_outside_the_stores(root: Path) -> list[str]:
    """Every string literal (f-strings and docstrings too) that holds SQL in a module of parsers/, knowledge/ or
    bot/ outside SQL_ROOMS, as `file:line: statement`."""
    out = []
    for folder in ("parsers", "knowledge", "bot"):
        for path in sorted((root / folder).rglob("*.py")):
            relative = path.relative_to(root)
            if any(relative.is_relative_to(room) for room in SQL_ROOMS):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found = SQL.search(node.value)
                    if found:
                        out.append(f"{relative.as_posix()}:{node.lineno}: {found.group(0)}")
    return out


def test_only_the_stores_write_sql() -> None:
    assert sql_outside_the_stores(ROOT) == []


def test_the_sql_walk_sees_sql_in_every_room_but_the_stores(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "parsers/p.py": 'QUERY = ("UPDATE reports "\n         "SET title = ?")\n',
        "knowledge/staff/reports.py": '"""Reports, selected and listed."""\nROWS = "SELECT id FROM reports"\n',
        "knowledge/ingest/files.py": "def drop(db, t):\n    db.execute(f\"DELETE FROM {t} WHERE id = 1\")\n",
        "knowledge/chat/state.py": "SCHEMA = 'CREATE TABLE IF NOT EXISTS turns (chat TEXT)'\n",
        "knowledge/store/read.py": "ROWS = 'SELECT * FROM cells'\n",
        "knowledge/chat/stores/sqlite.py": "SCHEMA = 'CREATE TABLE turns (chat TEXT)'\nUP = 'INSERT OR REPLACE INTO t'\n",
        "bot/cli.py": "HELP = 'Select a report; SELECTED reports are updated'\nQ = 'INSERT OR IGNORE INTO votes'\n",
    })
    assert sorted(sql_outside_the_stores(root)) == sorted([
        "parsers/p.py:1: UPDATE reports SET",
        "knowledge/staff/reports.py:2: SELECT",
        "knowledge/ingest/files.py:2: DELETE FROM",
        "knowledge/chat/state.py:1: CREATE TABLE",
        "bot/cli.py:2: INSERT OR IGNORE INTO",
    ])
