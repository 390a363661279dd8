"""Readings with several cells: two readings of one question (老百姓 the 自然人 column, 一共 the total) answered
when both print the same figure, saying so, and asked back with both when they differ; columns or rows named side
by side each answered. Expected figures come from the truth files."""

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


def test_columns_named_side_by_side_are_each_answered(answerer: Answerer) -> None:
    answer = ask(answerer, "蓟州区2020年规范性文件本年新制作数量、对外公开总数量各是多少")
    truth = load_truth(TRUTH / "jizhou-2020.json")["cells"]
    assert sorted(f.value for f in answer.figures) == sorted(
        truth[f"active.art20_1|normative_documents|{c}"] for c in ("made", "total_published"))


def test_rows_side_by_side_asked_each_are_each_answered(answerer: Answerer) -> None:
    answer = ask(answerer, "平潭2022年的申请 新收 上年结转 分别几件")
    truth = load_truth(TRUTH / "pingtan-2022.json")["cells"]
    assert sorted(f.value for f in answer.figures) == sorted(
        truth[f"applications|{row}|total"] for row in ("new_received", "carried_over"))
