"""The held names most alike to a name not held, found through the characters they share.

Scoring every body's name with rapidfuzz's WRatio costs about 55 ms at 20,000 bodies. A name can only reach the
cutoff if it shares enough of the asked name's characters: WRatio is the largest of an Indel ratio
(2·LCS / (a + b)), a partial ratio over windows of the longer name (at most 2·C / (short + C), scaled by 0.9 or
0.6) and token ratios, which equal those two for names without spaces; LCS and the windows' matches are at most C,
the characters the two names share (counted with repeats). So the names are indexed by length and character,
only those sharing enough characters are scored, and the names found, in their order, are those of scoring every
name (tests/knowledge/names/test_similar.py compares the two on a generated base).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

_SLACK = 1e-6  # the bound is compared with the cutoff with room for rounding


def bound(shared: int, first: int, second: int) -> float:
    """The highest WRatio two names without spaces of these lengths sharing `shared` characters can score."""
    short, long_ = min(first, second), max(first, second)
    whole = 200 * shared / (first + second)
    if long_ / short < 1.5:
        return whole
    scale = 0.9 if long_ / short <= 8 else 0.6
    return max(whole, scale * 200 * shared / (short + shared))


def needed(length: int, other: int, cutoff: float) -> int:
    """The fewest shared characters with which names of these lengths can reach the cutoff (0: they cannot)."""
    return next((c for c in range(1, min(length, other) + 1) if bound(c, length, other) >= cutoff - _SLACK), 0)


class SimilarNames:
    """Names (display names of held bodies, in their order) indexed by length and by the characters they hold."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        postings: dict[int, dict[str, list[int]]] = {}
        self.spaced: list[int] = []  # names with spaces: token ratios differ, so they are always scored
        for at, name in enumerate(self.names):
            if any(ch.isspace() for ch in name):
                self.spaced.append(at)
                continue
            by_char = postings.setdefault(len(name), {})
            for ch in set(name):
                by_char.setdefault(ch, []).append(at)
        self.by_length = {length: {ch: array("i", ids) for ch, ids in by_char.items()}
                          for length, by_char in postings.items()}

    def extract(self, text: str, limit: int, cutoff: float) -> list[str]:
        """The `limit` names scoring highest against the text (at least `cutoff`), best first; ties in the
        names' order. The same as `process.extract` over every name."""
        if not text:
            return []
        if any(ch.isspace() for ch in text):
            chosen = list(range(len(self.names)))
        else:
            chosen = sorted(self._candidates(text, cutoff) | set(self.spaced))
        alike = process.extract(text, [self.names[at] for at in chosen], scorer=fuzz.WRatio, limit=limit,
                                score_cutoff=cutoff)
        return [name for name, _, _ in alike]

    def _candidates(self, text: str, cutoff: float) -> set[int]:
        """The names sharing enough of the text's characters to reach the cutoff."""
        counts = Counter(text)
        found: set[int] = set()
        for length, by_char in self.by_length.items():
            need = needed(len(text), length, cutoff)
            if not need:
                continue
            # A name sharing `need` of the text's characters holds one of its len - need + 1 rarest.
            rarest = sorted(text, key=lambda ch: (len(by_char.get(ch, ())), ch))[: len(text) - need + 1]
            ids = {at for ch in set(rarest) for at in by_char.get(ch, ())}
            found |= {at for at in ids if _shared(counts, self.names[at]) >= need}
        return found


def _shared(counts: Counter[str], name: str) -> int:
    """How many characters the name shares with the counted text, with repeats."""
    return sum(min(times, name.count(ch)) for ch, times in counts.items())
