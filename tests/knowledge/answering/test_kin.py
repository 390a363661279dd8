"""The words of a question's concepts in a fact's text: by half their characters, or by another word of their
concept."""

from __future__ import annotations

from knowledge.answering.kin import cell_kin, covers, kin


def test_a_concept_word_is_covered_by_another_word_of_its_concept() -> None:
    assert "群众" in kin("老百姓")
    assert covers(["老百姓"], "收到群众来信")
    assert not covers(["老百姓"], "收到企业来函")


def test_an_unknown_word_has_no_kin() -> None:
    assert kin("智慧蓟州") == ()


def test_only_a_table_row_is_printed_by_its_kin() -> None:
    assert "收到" in cell_kin("有人申请")  # a row of the applications' table
    assert cell_kin("区直部门") == ()  # a part of the body, never printed by 我区 or 全区
    assert cell_kin("处理决定") == ()  # a column's words (案件, 办理) are any figure's
