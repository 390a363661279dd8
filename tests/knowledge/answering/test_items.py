"""An enumerated item's title (三是做好惠企纾困政策公开。) sets the topic of the sentences after it; what a figure
counts, its own sentence must still name. Sentences are read from the report files."""

from __future__ import annotations

import re

from knowledge.answering.answerer import Answerer
from tests.conftest import CORPUS
from tests.knowledge.answering.chats import ask


def _item() -> tuple[str, int]:
    """The title of the 2022 平潭 item about 惠企纾困 policies, and the count of its next sentence."""
    text = (CORPUS / "pingtan-2022.txt").read_text(encoding="utf-8")
    found = re.search(r"[一二三四五六七八九十]是(做好惠企纾困政策公开)。[^。]*?发布政策文件(\d+)件", text)
    assert found is not None
    return found.group(1), int(found.group(2))


def test_a_topic_set_by_the_items_title_explains_the_figure_its_sentence_names(answerer: Answerer) -> None:
    _, count = _item()
    answer = ask(answerer, "平潭2022年惠企纾困政策专栏发布了多少件政策文件？")
    assert [f.value for f in answer.figures] == [count]


def test_the_title_alone_never_names_what_a_figure_counts(answerer: Answerer) -> None:
    # the sentence counts 政策文件; 惠企纾困政策 alone is the item's topic, not the thing counted
    assert not ask(answerer, "平潭2022年惠企纾困政策发布了多少件").figures
