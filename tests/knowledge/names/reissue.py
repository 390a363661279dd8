"""Bases of real report files re-issued under other bodies' names (invented, or real departments)."""

from __future__ import annotations

from pathlib import Path

from knowledge.ingest import rebuild
from tests.conftest import CORPUS

# Seed report → the body it names as printed in its title, and that body's short name in its prose.
SEEDS = {"jizhou-2020.txt": ("天津市蓟州区", "蓟州"), "pingtan-2020.txt": ("平潭综合实验区", "平潭"),
         "pingtan-2021.txt": ("平潭综合实验区", "平潭"), "pingtan-2022.txt": ("平潭综合实验区", "平潭"),
         "pingtan-2023.txt": ("平潭综合实验区", "平潭"), "pingtan-2024.txt": ("平潭综合实验区", "平潭")}


def reissued(seed: str, issuer: str, short: str) -> str:
    """The seed report's text with `issuer` in its title and `short` wherever its prose named its own place."""
    printed, own = SEEDS[seed]
    text = (CORPUS / seed).read_text(encoding="utf-8")
    year = seed.rsplit("-", 1)[1][:4]
    assert printed + year in text
    text = text.replace(printed + year, issuer + year)
    return text.replace(printed, short).replace(own, short)


def build_base(folder: Path, bodies: list[tuple[str, str, str]]) -> Path:
    """A knowledge base of one re-issued report per (seed, issuer, short name)."""
    files = folder / "reports"
    files.mkdir(parents=True)
    for n, (seed, issuer, short) in enumerate(bodies):
        (files / f"{n:02d}.txt").write_text(reissued(seed, issuer, short), encoding="utf-8")
    db = folder / "kb.db"
    results = rebuild(db, [files])
    assert [r.issuer for r in results if not r.failed] == [b[1] for b in bodies], results
    return db
