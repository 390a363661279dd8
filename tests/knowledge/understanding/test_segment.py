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


def test_a_span_never_ends_inside_a_word_it_leaves_unknown() -> None:
    # 怎么改进 is 怎么 + 改进 (jieba's words), not the phrase 怎么改 + an unknown 进
    meanings = _meanings("平潭2023年怎么改进的")
    assert "improvements" in meanings["改进"] and "进" not in meanings


def test_a_word_is_not_made_whole_at_the_cost_of_what_a_span_meant() -> None:
    # 节转到下年 (结转 typed as 节转, read by its sound) ends inside 年度: it keeps its meaning
    assert any("carried_forward" in v for v in _meanings("2024年节转到下年度继续办理的有几件").values())


def test_an_operation_is_never_read_one_character_off() -> None:
    # 各个部门 (every department) is no slip of 哪个部门 (which department): a question word turned round
    spans = segment("平潭2018年各个部门一共开了多少个新媒体", [], lexicon())
    assert not [s for s in spans if s.match == "near" and any(m.role == "op" for m in s.meanings)]
