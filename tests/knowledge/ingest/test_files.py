"""The knowledge base: idempotent ingest, one report per issuer and year, safe rebuilds, migrations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils

import knowledge.ingest.files as ingest_module
from knowledge.ingest.files import ingest_paths, rebuild
from knowledge.store.schema import MIGRATIONS, open_db
from parsers import parse_file
from parsers.html_reader import html_to_document
from parsers.template import template_cells
from tests.conftest import CORPUS
from xxgk_errors import DatabaseUnreadable


def counts(db_path: Path) -> dict[str, int]:
    db = sqlite_utils.Database(db_path)
    return {t: db[t].count for t in ("reports", "cells", "facts", "sections", "checks", "warnings", "sources")}


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

    def crash_halfway(kb, path, *given):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("power cut")
        return real(kb, path, *given)

    monkeypatch.setattr(ingest_module, "ingest_file", crash_halfway)
    with pytest.raises(KeyboardInterrupt):
        rebuild(db, [folder])
    assert counts(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.db", "kb.db.lock", "new"]


def test_base_holds_every_report_as_parsed(corpus_db: Path) -> None:
    """Without the full-text index the base still holds each report's cells, prose and figures, by report."""
    db = open_db(corpus_db)
    assert not {"search", "search_fts"} & set(db.table_names())
    assert not [m.name for m in MIGRATIONS.pending(db)]
    report = parse_file(CORPUS / "jizhou-2020.txt")
    rid = next(db.query("SELECT id FROM reports WHERE issuer = ? AND year = ?", [report.issuer, report.year]))["id"]
    cells = {(r["table_id"], r["row"], r["col"]): r for r in db.query("SELECT * FROM cells WHERE report_id = ?", [rid])}
    assert len(cells) == len(report.cells)
    amount = cells[("active.art20_9", "central_procurement", "amount")]
    assert (amount["value"], amount["raw"], amount["unit"]) == (1203000000, "12.03亿", "元")
    sections = {r["path"]: r["text"] for r in db.query("SELECT path, text FROM sections WHERE report_id = ?", [rid])}
    assert sections == {s.path: s.text for s in report.sections}
    facts = [(r["text"], r["value"]) for r in db.query("SELECT text, value FROM facts WHERE report_id = ? ORDER BY id",
                                                       [rid])]
    assert facts == [(f.text, f.value) for f in report.facts]
    # Cells are read by report; nothing indexes them by key any more.
    plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN SELECT * FROM cells WHERE report_id = 1"))
    assert "cell_values_report" in plan
    # The template's words stand once per key, not once per report.
    assert db["cell_keys"].count == len(template_cells()) < db["cell_values"].count


def test_copies_of_one_report_add_their_names_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = (CORPUS / "pingtan-2021.txt").read_bytes()
    for n in range(3):
        (folder / f"copy{n}.txt").write_bytes(data + b"\n" * n)
    db = tmp_path / "kb.db"
    assert [r.status for r in ingest_paths(db, [folder])] == ["stored"] * 3
    kb = sqlite_utils.Database(db)
    assert [r["files"] for r in kb.query("SELECT files FROM reports")] == ['["copy0.txt", "copy1.txt", "copy2.txt"]']
    report = parse_file(CORPUS / "pingtan-2021.txt")
    assert kb["cells"].count == len(report.cells)
    assert kb["warnings"].count == len(report.warnings)


def old_base(path: Path) -> None:
    """A base as the program wrote it before its migrations: schema_version 1, a search index, cells rows,
    and the parsed file kept as to_dict JSON."""
    kb = sqlite_utils.Database(path)
    MIGRATIONS.apply(kb, stop_before="m002_lean_indexes")
    kb.execute("DROP TABLE _sqlite_migrations")
    kb.executescript("""
        CREATE INDEX cells_report_key ON cells(report_id, table_id, row, col);
        CREATE TABLE search (id INTEGER PRIMARY KEY, report_id INTEGER, kind TEXT, ref_id INTEGER, body TEXT);
        INSERT INTO meta VALUES ('schema_version', '1');
    """)
    report = parse_file(CORPUS / "jizhou-2020.txt")
    kb["sources"].insert({"sha256": report.sha256, "path": "/old/jizhou-2020.txt", "file": report.file,
                          "issuer": report.issuer, "year": report.year,
                          "parsed": json.dumps(report.to_dict(), ensure_ascii=False)})
    rid = kb["reports"].insert({"issuer": report.issuer, "year": report.year, "title": report.title,
                                "template": report.template, "file": report.file,
                                "files": json.dumps([report.file])}).last_pk
    kb["cells"].insert_all({"report_id": rid, "table_id": c.table, "row": c.row, "col": c.column, "value": c.value,
                            "raw": c.raw, "blank": int(c.blank), "uncertain": int(c.uncertain), "unit": c.unit,
                            "label": c.label, "section": c.section, "page": c.page, "file": report.file}
                           for c in report.cells)
    kb.close()


def test_old_base_is_migrated_on_ingest_and_refused_before(tmp_path: Path) -> None:
    db_path = tmp_path / "old.db"
    old_base(db_path)
    with pytest.raises(DatabaseUnreadable, match="旧版知识库"):
        open_db(db_path)
    # One more file of the old report (its copy with other bytes) and a new report.
    copy = tmp_path / "jizhou-copy.txt"
    copy.write_bytes((CORPUS / "jizhou-2020.txt").read_bytes() + b"\n")
    results = ingest_paths(db_path, [copy, CORPUS / "kewei-2024.md"])
    assert [r.status for r in results] == ["stored", "stored"]
    kb = open_db(db_path)
    assert not {"search", "search_fts"} & set(kb.table_names())
    assert kb["reports"].count == 2
    cells = {(r["table_id"], r["row"], r["col"]): r["value"] for r in kb.query(
        "SELECT cells.* FROM cells JOIN reports ON reports.id = cells.report_id WHERE reports.file = ?",
        ["jizhou-2020.txt"])}
    assert cells[("applications", "new_received", "total")] == 191 and len(cells) == 198
    files = next(kb.query("SELECT files FROM reports WHERE file = 'jizhou-2020.txt'"))["files"]
    assert json.loads(files) == ["jizhou-2020.txt", "jizhou-copy.txt"]


def test_base_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "kb.db"
    rebuild(db_path, [CORPUS / "jizhou-2020.txt"])
    kb = sqlite_utils.Database(db_path)
    kb["_sqlite_migrations"].insert({"migration_set": MIGRATIONS.name, "name": "m999_future",
                                     "applied_at": "2030-01-01"})
    kb.close()
    with pytest.raises(DatabaseUnreadable, match="更新版本"):
        open_db(db_path)


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
