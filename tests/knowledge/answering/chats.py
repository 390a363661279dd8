"""What the tests of chats over the real corpus share: the day asked, printed cells read from the truth files,
and chats of several turns."""

from __future__ import annotations

from datetime import date
from itertools import count

from knowledge.answering.answerer import Answerer
from knowledge.model import Answer
from tests.conftest import TRUTH, load_truth

TODAY = date(2026, 11, 28)
NEW = "applications|new_received|total"
_CHATS = count()


def cell(report: str, key: str) -> int:
    """The value printed in a corpus report (its truth file)."""
    value = load_truth(TRUTH / f"{report}.json")["cells"][key]
    assert isinstance(value, int)
    return value


def review(report: str, group: str, part: str) -> int:
    return cell(report, f"review_litigation|count|{group}.{part}")


def ask(answerer: Answerer, question: str, chat: str | None = None) -> Answer:
    return answerer.ask(question, chat=chat, today=TODAY)


def chat(answerer: Answerer, *questions: str) -> list[Answer]:
    """The answers to the turns of one new chat."""
    name = f"chat-{next(_CHATS)}"
    return [ask(answerer, q, name) for q in questions]
