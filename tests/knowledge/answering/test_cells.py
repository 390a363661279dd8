"""Cells and sums of cells: the short labels that tell summed cells apart."""

from __future__ import annotations

from knowledge.answering.cells import short_labels


def test_short_labels_keep_a_bracketed_number_whole() -> None:
    labels = ["三、本年度办理结果（一）予以公开（总计）", "三、本年度办理结果（二）部分公开（总计）"]
    assert short_labels(labels) == ["（一）予以公开", "（二）部分公开"]


def test_short_labels_cut_after_a_dot_of_the_group() -> None:
    assert short_labels(["行政复议·结果维持", "行政复议·结果纠正"]) == ["结果维持", "结果纠正"]
