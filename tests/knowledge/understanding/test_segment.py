"""Segmentation: exact, same-sound and one-character-off phrases, and the slips that are no slips."""

from __future__ import annotations

from knowledge.normalize import normalize
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.segment import segment


def _meanings(text: str) -> dict[str, set[str]]:
    return {s.text: {m.value for m in s.meanings} for s in segment(normalize(text), [], lexicon())}


def test_a_slip_of_one_character_reads_as_the_phrase() -> None:
    assert "partially_granted" in _meanings("平潭2023年部分公凯的有几件")["部分公凯"]


def test_a_slip_that_makes_a_word_of_another_concept_is_no_slip() -> None:
    # 补正 begins 补正后 (无法提供's third item): 结果补正 is not 结果纠正
    assert all("corrected" not in values for values in _meanings("申请结果补正了材料以后").values())


def test_a_span_never_begins_inside_a_word_it_leaves_unknown() -> None:
    # 文件数 is 文件 + 数 (jieba's words), not 文 + the unit 件数
    meanings = _meanings("2018年主动公开文件数历年累计")
    assert "文件" in meanings and "件数" not in meanings and "文" not in meanings
