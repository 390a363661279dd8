"""The template's labels of a measure: a row's group heading, negative labels, words of another row."""

from __future__ import annotations

import pytest

from knowledge.understanding.compose import Measure
from knowledge.understanding.labels import concept_chars, labels_of, names_another, negative_parts, row_labels


def test_a_row_is_labelled_with_its_group_heading() -> None:
    labels = labels_of(Measure("applications", rows=("denied.enforcement_files",), columns=("total",)))
    assert any("不予公开" in label for label in labels) and any("行政执法案卷" in label for label in labels)


@pytest.mark.parametrize(("rows", "parts"), [
    (("denied.enforcement_files",), ["(三)不予公开"]), (("not_processed.duplicate",), ["(五)不予处理"]),
    (("unavailable.not_held",), ["(四)无法提供", "1.本机关不掌握相关政府信息"]),  # labels normalised
    (("other.",), []),  # （六）其他处理: its rows' 不补正 is not the group's own
    (("granted",), []), (("new_received",), []),
])
def test_the_negative_parts_of_a_label_are_its_own(rows: tuple[str, ...], parts: list[str]) -> None:
    assert list(negative_parts(Measure("applications", rows=rows, columns=("total",)))) == parts


@pytest.mark.parametrize(("word", "rows", "other"), [
    ("结转", ("new_received",), True),       # 上年结转 and 结转下年度 are other rows
    ("结转", ("carried_over",), False),      # its own label prints it
    ("新收", ("new_received",), False),
    ("的", ("new_received",), False),        # one character names no row
])
def test_a_word_of_another_row_of_the_table(word: str, rows: tuple[str, ...], other: bool) -> None:
    assert names_another(word, Measure("applications", rows=rows, columns=("total",))) is other


def test_a_group_of_rows_is_labelled_by_its_heading_not_its_rows() -> None:
    # 秘密 of the row 1.属于国家秘密 names that row: no word of it is said again by the group （三）不予公开
    group = Measure("applications", rows=("denied.",), columns=("total",))
    assert not any("秘密" in label for label in row_labels(group))
    assert "秘" not in concept_chars(group) and "予" in concept_chars(group)
