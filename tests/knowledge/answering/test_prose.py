"""A text's character pairs are looked for in the text instead of being made (prose.holds)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from knowledge.answering.prose import bigrams, holds

# Word characters and others, upper case and the characters lowering lengthens (İ) among them.
_TEXT = st.text(alphabet="平潭申请公开aAbZ09İ，、 “”\n-", max_size=12)


@given(_TEXT, _TEXT)
def test_a_gram_is_held_exactly_when_it_is_among_the_pairs(text: str, other: str) -> None:
    grams = bigrams(text)
    for gram in bigrams(other) | grams:
        assert holds(text.lower(), gram) == (gram in grams)


def test_a_lone_character_is_held_only_alone() -> None:
    assert holds("其中 a 件", "a") and holds("平，潭", "潭")
    assert not holds("平潭", "潭") and not holds("ab", "a")
