"""Two readings of one question (老百姓 the 自然人 column, 一共 the total): answered when both print the same
figure, saying so; asked back with both when they differ. Expected figures come from the truth files."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import TRUTH, load_truth, service_over
from tests.knowledge.answering.chats import ask


@pytest.fixture(scope="module")
def answerer(corpus_db: Path) -> Answerer:
    return service_over(corpus_db).answerer


def _new_received() -> list[tuple[str, int, int, int]]:
    """(issuer, year, 自然人, 总计) of the newly received applications of every report that prints both."""
    out = []
    for path in sorted(TRUTH.glob("*.json")):
        truth = load_truth(path)
        person, total = (truth["cells"].get(f"applications|new_received|{c}") for c in ("natural_person", "total"))
        if isinstance(person, int) and isinstance(total, int) and "docx" not in path.stem:
            out.append((truth["issuer"], truth["year"], person, total))
    return out


@pytest.mark.parametrize(("issuer", "year", "person", "total"), _new_received())
def test_two_readings_that_print_one_figure_are_answered(answerer: Answerer, issuer: str, year: int, person: int,
                                                         total: int) -> None:
    # 老百姓 is the 自然人 column, 一共 the total: asked back only when the two print different figures
    answer = ask(answerer, f"{issuer}{year}年老百姓一共申请了多少件")
    if person == total:
        assert answer.status == "answered" and answer.answer is not None and answer.answer.value == total
        assert any("同为" in note for note in answer.notes)
    else:
        assert answer.status == "ambiguous" and {c.figure.value for c in answer.choices if c.figure} == {person, total}
