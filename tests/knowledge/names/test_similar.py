"""Names alike to a name not held, found through the character index, are those of scoring every held name."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from bench.bodies import synthetic_bodies
from knowledge.names import Directory
from knowledge.names.directory import ALIKE
from knowledge.names.similar import SimilarNames, bound, needed
from knowledge.names.sounds import SOUND_CANDIDATES, SOUND_CUTOFF


@pytest.fixture(scope="module")
def directory() -> Directory:
    """A generated base of 3,000 bodies of every kind (bench/bodies.py), with the names their reports print."""
    return Directory.build(name for body in synthetic_bodies(3000) for name in body.names)


def _asked(names: list[str], rng: random.Random) -> list[str]:
    """Names as people might ask for what is not held: misspelt, cut short, lengthened, mixed, spaced, invented."""
    chars = "".join(names)
    asked = ["青禾县", "云梦市", "淮安", "局", "市政府", "鹤鸣高新区", "北京市朝阳区教育局", "江北省青禾市云溪县卫健委"]
    for name in rng.sample(names, 60):
        at = rng.randrange(len(name))
        other = rng.choice(names)
        asked += [name, name[:at] + rng.choice(chars) + name[at + 1:], name[: rng.randint(1, len(name))],
                  name[at:], name + rng.choice(names)[:4], other[:3] + name[3:], name[:at] + " " + name[at:],
                  "".join(rng.sample(name, len(name)))]
    return asked


def test_the_index_finds_what_scoring_every_name_finds(directory: Directory) -> None:
    names = directory.held.names()
    similar = directory.held.similar()
    for text in _asked(names, random.Random(19)):
        # in this order, each is found afresh; then again from the widest first, the others from what it found
        asks = [(3, ALIKE), (8, ALIKE), (SOUND_CANDIDATES, SOUND_CUTOFF)]
        for limit, cutoff in asks + asks[::-1] + [(SOUND_CANDIDATES, 70), (2, 90)]:
            every = process.extract(text, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
            assert similar.extract(text, limit, cutoff) == [name for name, _, _ in every], (text, limit)


def test_closest_is_unchanged_by_the_index(directory: Directory) -> None:
    """The closest held bodies, as named before the index: those of the place asked, then the most alike."""
    names = directory.held.names()
    for text in _asked(names, random.Random(23))[:200]:
        local = {b.name for b in directory.held.named([text[:end] for end in range(2, len(text) + 1)], "place")}
        near = sorted(local, key=lambda name: (-fuzz.ratio(text, name), name))
        alike = process.extract(text, names, scorer=fuzz.WRatio, limit=3 + len(near), score_cutoff=ALIKE)
        expected = list(dict.fromkeys([*near, *(name for name, _, _ in alike)]))[:3] if text else []
        assert directory.closest(text) == expected, text


def test_the_bound_is_never_below_a_score() -> None:
    """Every pair of names scores at most the bound of their lengths and shared characters."""
    rng = random.Random(5)
    alphabet = "淮安市区县局人民政府教育交通"
    for _ in range(5000):
        first = "".join(rng.choices(alphabet, k=rng.randint(1, 12)))
        second = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        shared = sum(min(first.count(ch), second.count(ch)) for ch in set(first))
        assert fuzz.WRatio(first, second) <= bound(shared, len(first), len(second)) + 1e-6, (first, second)


def test_names_that_cannot_reach_the_cutoff_need_no_scoring() -> None:
    """泗阳县 against a name of seven characters needs two of its characters in it: 淮安市人民政府 has only 市."""
    assert needed(3, 7, ALIKE) == 2 and SimilarNames(["淮安市人民政府"]).extract("泗阳县", 3, ALIKE) == []


def test_the_pairs_find_every_stretch_one_character_off(directory: Directory) -> None:
    """Every stretch of a held name one character off a text is among the variants the character pairs allow,
    and `holding` finds the names holding it: the same names as looking through every name."""
    names = directory.held.names()
    similar = directory.held.similar()
    for text in [t for t in _asked(names, random.Random(29)) if len(t) >= 2][:300]:
        found = {name for _, stretch in similar.variants(text) for name in similar.holding(stretch)}
        every = {name for name in names for start in range(len(name) - len(text) + 1)
                 if sum(a != b for a, b in zip(name[start:start + len(text)], text, strict=True)) == 1}
        assert found == every, text
