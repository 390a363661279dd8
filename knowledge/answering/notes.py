"""Failing identities (勾稽关系) of the original table that touch a figure, said in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from knowledge.store.checks import StoredCell, StoredCheck, certain_values, failed_check
from parsers.identities import evaluate, identity
from parsers.template import TEMPLATES


def check_notes(failed: Iterable[StoredCheck], cells: Mapping[str, StoredCell], key: str,
                template: str) -> tuple[str, ...]:
    """A note for each failing identity that covers a cell of `key` (one cell, or a sum's cells).

    `failed` and `cells` are the report's stored failed checks and its cells keyed `table|row|column`.
    """
    if not key or key == "narrative" or template not in TEMPLATES:
        return ()
    keys = {k.strip() for part in key.split("−") for k in part.split("+")}
    notes = []
    for check in map(failed_check, failed):
        covered = identity(check.id, check.scope, TEMPLATES[template])
        if covered is not None and keys & set(covered.cells):
            # Only the cells of this identity: reading all 200 cells cost a fifth of a question.
            words = evaluate(covered, certain_values(cells, covered.cells)).words
            notes.append(f"原表数字对不上（{words}），照原表照录")
    return tuple(dict.fromkeys(notes))[:3]
