"""A prose figure the question echoes beside the table's: offered as a second reading when they differ; a question
in everyday words gets the table. Figures come from the truth files."""

from __future__ import annotations

from knowledge.answering.answerer import Answerer
from tests.conftest import TRUTH, load_truth
from tests.knowledge.answering.chats import ask


def test_a_question_echoing_a_prose_sentence_is_offered_it_beside_the_table(answerer: Answerer) -> None:
    # 全县全年共受理…749件 (new and carried over) beside the form's 本年新收713件: the question says the prose's words
    truth = load_truth(TRUTH / "shuyang-2025.json")
    prose = next(n["value"] for n in truth["narrative"] if "全县全年共受理" in n["text"])
    answer = ask(answerer, "沭阳县2025年全县全年共受理了政府信息公开申请多少件")
    offered = {c.figure.value for c in answer.choices if c.figure}
    assert answer.status == "ambiguous" and offered == {prose, truth["cells"]["applications|new_received|total"]}


def test_a_question_in_everyday_words_gets_the_table(answerer: Answerer) -> None:
    # 收到 alone echoes no prose sentence: the form's row answers, as printed
    truth = load_truth(TRUTH / "pingtan-2022.json")
    answer = ask(answerer, "平潭2022年收到了多少申请")
    assert answer.answer is not None and answer.answer.value == truth["cells"]["applications|new_received|total"]
