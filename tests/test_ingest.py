"""The knowledge base: idempotent ingest, one report per issuer and year, safe rebuilds, search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils

import knowledge.ingest as ingest_module
from knowledge.ingest import ingest_paths, rebuild
from knowledge.store import open_db, search_text
from parsers.html_reader import html_to_document

from .conftest import CORPUS


def counts(db_path: Path) -> dict[str, int]:
    db = sqlite_utils.Database(db_path)
    return {t: db[t].count for t in ("reports", "cells", "facts", "sections", "checks", "warnings", "search")}


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    first = ingest_paths(db, [CORPUS / "jizhou-2020.txt", CORPUS / "kewei-2024.md"])
    before = counts(db)
    second = ingest_paths(db, [CORPUS / "jizhou-2020.txt", CORPUS / "kewei-2024.md"])
    assert [r.status for r in first] == ["stored", "stored"]
    assert [r.status for r in second] == ["unchanged", "unchanged"]
    assert counts(db) == before
    assert before["reports"] == 2 and before["cells"] == 398


def test_changed_file_is_replaced(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    path = tmp_path / "jizhou.txt"
    text = (CORPUS / "jizhou-2020.txt").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    ingest_paths(db, [path])
    path.write_text(text.replace("全年发布政策解读材料50篇", "全年发布政策解读材料51篇"), encoding="utf-8")
    assert ingest_paths(db, [path])[0].status == "replaced"
    kb = sqlite_utils.Database(db)
    assert kb["reports"].count == 1
    assert [r["value"] for r in kb.query("SELECT value FROM facts WHERE text LIKE '%政策解读材料%'")] == [51]


def flatten(html: str) -> str:
    """The page as crawler text with one table cell per line (the seed report's shape)."""
    lines = []
    for line in html_to_document(html).lines:
        lines.extend(line.cells if line.cells is not None else [line.text])
    return "\n".join(lines)


def test_two_files_of_one_report_merge(tmp_path: Path) -> None:
    """The same report as HTML and as flattened text: one report, disagreements noted."""
    html = (CORPUS / "shanghai-office-2019.html").read_text(encoding="utf-8")
    text = flatten(html).replace("\n524\n", "\n525\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(html, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "kb.db"
    results = ingest_paths(db, [folder])
    assert [r.status for r in results] == ["stored", "stored"]
    kb = sqlite_utils.Database(db)
    assert kb["reports"].count == 1
    report = next(kb.query("SELECT * FROM reports"))
    assert report["files"] == '["a.html", "b.txt"]'
    warnings = [r["message"] for r in kb.query("SELECT message FROM warnings")]
    assert any("不一致" in w and "524" in w and "525" in w for w in warnings)
    assert kb["cells"].count == 198


def test_rebuild_interrupted_leaves_old_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    before = counts(db)
    folder = tmp_path / "new"
    folder.mkdir()
    for name in ("kewei-2024.md", "pingtan-2019.txt", "pingtan-2021.txt"):
        shutil.copy(CORPUS / name, folder / name)
    real = ingest_module.ingest_file
    calls = {"n": 0}

    def crash_halfway(kb, path):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("power cut")
        return real(kb, path)

    monkeypatch.setattr(ingest_module, "ingest_file", crash_halfway)
    with pytest.raises(KeyboardInterrupt):
        rebuild(db, [folder])
    assert counts(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.db", "new"]


def test_search_finds_one_and_two_character_terms(corpus_db: Path) -> None:
    db = open_db(corpus_db)
    assert search_text(db, "蓟州")
    assert search_text(db, "州")
    assert search_text(db, "政策解读")
    assert not search_text(db, "火星基地")


def test_database_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge.config import load_settings

    config = tmp_path / "config.toml"
    config.write_text('[knowledge]\ndb = "from-config.db"\n', encoding="utf-8")
    monkeypatch.setenv("XXGK_CONFIG", str(config))
    monkeypatch.delenv("XXGK_DB", raising=False)
    assert load_settings().db == tmp_path / "from-config.db"
    monkeypatch.setenv("XXGK_DB", str(tmp_path / "from-env.db"))
    assert load_settings().db == tmp_path / "from-env.db"
    assert load_settings(str(tmp_path / "flag.db")).db == tmp_path / "flag.db"
