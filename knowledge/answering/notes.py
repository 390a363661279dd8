"""Failing identities (勾稽关系) of the original table that touch a figure, said in words."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from knowledge.staff.checks_text import explain, identity
from parsers.template import TEMPLATES


def check_notes(failed: Iterable[sqlite3.Row], cells: Mapping[str, sqlite3.Row], key: str,
                template: str) -> tuple[str, ...]:
    """A note for each failing identity that covers a cell of `key` (one cell, or a sum's cells)."""
    if not key or key == "narrative" or template not in TEMPLATES:
        return ()
    keys = {k.strip() for part in key.split("−") for k in part.split("+")}
    notes = []
    for check in failed:
        covered = identity(check["check_id"], check["scope"], TEMPLATES[template])
        if covered is not None and keys & set(covered.cells):
            # Only the cells of this identity: turning all 200 cells into records cost a fifth of a question.
            records = {k: dict(cells[k]) for k in covered.cells if k in cells}
            notes.append(f"原表数字对不上（{explain(dict(check), records, template)}），照原表照录")
    return tuple(dict.fromkeys(notes))[:3]
