"""The held names most alike to a name not held, found through the characters they share.

Scoring every body's name with rapidfuzz's WRatio costs about 55 ms at 20,000 bodies. A name can only reach the
cutoff if it shares enough of the asked name's characters: WRatio is the largest of an Indel ratio
(2·LCS / (a + b)), a partial ratio over windows of the longer name (at most 2·C / (short + C), scaled by 0.9 or
0.6) and token ratios, which equal those two for names without spaces; LCS and the windows' matches are at most C,
the characters the two names share (counted with repeats). So the names are indexed by length and character,
only those sharing enough characters are scored, highest possible score first, and scoring stops when no name
left can score as high as the last of the `limit` kept; the names found, in their order, are those of scoring
every name (tests/knowledge/names/test_similar.py compares the two on a generated base). At 20,000 bodies a
name of 15 characters costs about 3 ms for the 3 closest at 50, 5 ms for 20 at 25 (was 20 and 85 ms).

The names are also indexed by the pairs of adjacent characters they hold, for the stretches of held names one
character off a text (`variants`, `holding`): what a slip of a pinyin keyboard may have typed for them (names/sounds.py).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

_SLACK = 1e-6  # the bound is compared with the cutoff with room for rounding
_PROBE = 60  # the score names are first looked for at (see extract)
_RARE = 50  # characters held by at most this many names of a length are counted, to bound scores closer


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
        pairs: dict[str, list[int]] = {}
        for at, name in enumerate(self.names):
            for pair in {name[k:k + 2] for k in range(len(name) - 1)}:
                pairs.setdefault(pair, []).append(at)
        self._pairs = {pair: array("i", ids) for pair, ids in pairs.items()}
        self._after: dict[str, set[str]] = {}  # a character → those following it in a held name
        self._before: dict[str, set[str]] = {}  # a character → those before it in a held name
        for pair in self._pairs:
            self._after.setdefault(pair[0], set()).add(pair[1])
            self._before.setdefault(pair[1], set()).add(pair[0])
        # The last names found (text, limit, cutoff, (score, index) pairs): a question's name not held is looked
        # up for its sound (20 at 25) and then for the closest (3 at 50), which the first finding holds.
        self._last: tuple[str, int, float, list[tuple[float, int]]] = ("", 0, 0.0, [])

    def extract(self, text: str, limit: int, cutoff: float) -> list[str]:
        """The `limit` names scoring highest against the text (at least `cutoff`), best first; ties in the
        names' order. The same as `process.extract` over every name."""
        if not text:
            return []
        if any(ch.isspace() for ch in text):
            alike = process.extract(text, self.names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
            return [name for name, _, _ in alike]
        last_text, last_limit, last_cutoff, found = self._last
        if last_text == text and last_cutoff <= cutoff and (limit <= last_limit or len(found) < last_limit):
            return [self.names[at] for score, at in found if score >= cutoff][:limit]
        # First only the names that may score _PROBE: when `limit` of them do, no name scoring less is among
        # the best, and the many names sharing a character or two with the text are never counted.
        for floor in sorted({max(cutoff, _PROBE), cutoff}, reverse=True):
            kept = self._best(text, limit, floor)
            if len(kept) >= limit:
                break
        self._last = (text, limit, cutoff, kept)
        return [self.names[at] for _, at in kept]

    def _best(self, text: str, limit: int, cutoff: float) -> list[tuple[float, int]]:
        """The `limit` best (score, index) pairs of at least `cutoff`, best first, ties by index."""
        scored = [(score, at) for at in self.spaced
                  if (score := fuzz.WRatio(text, self.names[at], score_cutoff=cutoff)) >= cutoff]
        kept = sorted(scored, key=lambda item: (-item[0], item[1]))[:limit]
        for most, ids in self._candidates(text, cutoff):
            # names are taken by their highest possible score: once it is below the last kept score, no name
            # left can be kept (a tie may still be, by its place among the names)
            if len(kept) >= limit and most < kept[-1][0] - _SLACK:
                break
            floor = max(cutoff, kept[-1][0]) if len(kept) >= limit else cutoff
            kept += [(score, at) for at in ids
                     if (score := fuzz.WRatio(text, self.names[at], score_cutoff=floor - _SLACK)) >= cutoff]
            kept = sorted(kept, key=lambda item: (-item[0], item[1]))[:limit]
        return kept

    def _candidates(self, text: str, cutoff: float) -> list[tuple[float, list[int]]]:
        """The names that may reach the cutoff, grouped by the highest score they can reach, highest first.

        Within a length, the text's characters are counted in the names holding them, rarest first, until the
        characters left uncounted could not reach the cutoff by themselves (and while they are rare): a name
        holding none of the counted ones cannot reach it, and a name's count plus the characters left bounds
        what it shares."""
        counts = Counter(text)
        groups: dict[float, list[int]] = {}
        for length, by_char in self.by_length.items():
            need = needed(len(text), length, cutoff)
            if not need:
                continue
            hits: Counter[int] = Counter()
            left = len(text)
            for ch in sorted(counts, key=lambda ch: (len(by_char.get(ch, ())), ch)):
                posting = by_char.get(ch, ())
                if left < need and len(posting) > _RARE:
                    break
                for _ in range(counts[ch]):  # a character the text repeats may be shared as often
                    hits.update(posting)
                left -= counts[ch]
            least = need - left
            by_count: dict[int, list[int]] = {}
            for at, count in [item for item in hits.items() if item[1] >= least]:
                by_count.setdefault(count, []).append(at)
            for count, ids in by_count.items():
                groups.setdefault(bound(count + left, len(text), length), []).extend(ids)
        return sorted(((most, sorted(ids)) for most, ids in groups.items()), reverse=True)

    def variants(self, text: str) -> list[tuple[int, str]]:
        """The text with one character changed, (where, the text so changed), for each character the held
        names' pairs allow there: every stretch of a held name one character off the text is among them."""
        return [(at, variant) for at in range(len(text)) for variant in self._variants(text, at)]

    def _variants(self, text: str, at: int) -> list[str]:
        """The text with its character at `at` changed, for each character the held names' pairs allow there."""
        if any(text[k:k + 2] not in self._pairs for k in range(len(text) - 1) if k + 1 < at or k > at):
            return []  # a pair the change does not touch is in no held name
        options = self._after.get(text[at - 1], set()) if at else None
        if at + 1 < len(text):
            before = self._before.get(text[at + 1], set())
            options = before if options is None else options & before
        return [text[:at] + ch + text[at + 1:] for ch in sorted(options or ()) if ch != text[at]]

    def holding(self, stretch: str) -> list[str]:
        """The names holding the stretch (of two characters or more), looked up by its rarest pair."""
        postings = [self._pairs.get(stretch[k:k + 2], array("i")) for k in range(len(stretch) - 1)]
        return [self.names[at] for at in min(postings, key=len) if stretch in self.names[at]]
