"""Phrases heard: a wrong character of the same sound, over words that name no concept of their own."""

from __future__ import annotations

import pytest

from knowledge.normalize import normalize
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.segment import segment


def _spans(text: str) -> list[tuple[str, set[str], str]]:
    return [(s.text, {m.value for m in s.meanings}, s.heard) for s in segment(normalize(text), [], lexicon())]


@pytest.mark.parametrize(("text", "typed", "phrase"), [
    ("2025年不与公开的有几件", "不与公开", "不予公开"),  # 不 + 与 + 公开: a negation, a joining word, a topic word
    ("2025年部分公幵的有几件", "部分公幵", "部分公开"),
])
def test_a_phrase_of_the_form_is_heard_over_words_of_no_concept(text: str, typed: str, phrase: str) -> None:
    heard = [(t, h) for t, meanings, h in _spans(text) if meanings and h]
    assert heard == [(typed, phrase)]


def test_words_of_a_concept_are_never_heard_as_another() -> None:
    # 予以公开 is a concept as typed: no phrase of another concept is heard over it
    assert all(not heard for _, _, heard in _spans("2025年予以公开的有几件"))



@pytest.mark.parametrize(("text", "word"), [("平潭2019年行政执法公示", "执法"), ("2024年收费多少", "收费")])
def test_a_dictionary_word_is_never_heard_as_another(text: str, word: str) -> None:
    # 执法 (law enforcement) is a word of its own, no slip of 制发 (issued)
    assert not [s for s in segment(text, [], lexicon()) if s.text == word and s.match == "pinyin"]
