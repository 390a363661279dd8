"""Shared fixtures: the corpus in ../shared, and knowledge bases built from real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.ingest import rebuild

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
TRUTH = CORPUS / "truth"
REPORTS = ROOT / "reports"


def truth_files() -> list[Path]:
    return sorted(TRUTH.glob("*.json"))


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of every report of ../shared/corpus, the test fixture included."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the project")
    db = tmp_path_factory.mktemp("kb") / "corpus.db"
    results = rebuild(db, [CORPUS])
    assert not [r for r in results if r.failed and r.path.endswith((".txt", ".html", ".md"))]
    return db
