"""A feedback entry's question answered now (a follow-up after its turn before) and the printed cells behind the
answer: those it states (a sum's and a difference's parts each), and those it needed but could not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.ingest import rebuild
from knowledge.staff.answer_now import answer_now, cell_targets
from knowledge.store import ReportReader
from tests.conftest import CORPUS

NEW = "applications|new_received|total"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / name for name in ("pingtan-2019.txt", "pingtan-2020.txt", "jizhou-2020.txt")])
    return db


def _ids(db: Path) -> dict[tuple[str, int], int]:
    with ReportReader(db) as reader:
        return {(r.issuer, r.year): r.id for r in reader.reports()}


def test_a_follow_up_is_answered_after_its_turn_before(base: Path) -> None:
    answer = answer_now(base, "那2019年呢", "平潭2020年收到多少申请")
    assert [f.value for f in answer.figures] == [23]
    [target] = cell_targets(base, answer)
    assert (target.report_id, target.key, target.shown, target.unread) == (
        _ids(base)[("平潭综合实验区", 2019)], NEW, "23件", False)


def test_the_parts_of_a_difference_and_of_a_sum_are_each_a_cell(base: Path) -> None:
    difference = answer_now(base, "平潭2020年比2019年多收到多少申请")
    assert [(t.year, t.key) for t in cell_targets(base, difference)] == [(2020, NEW), (2019, NEW)]
    total = answer_now(base, "除了自然人以外的申请有多少", "蓟州区2020年收到多少申请")
    keys = [t.key for t in cell_targets(base, total)]
    assert total.kind == "sum" and len(keys) == len(total.figures[0].parts) == 5
    assert all(k.startswith("applications|new_received|") and not k.endswith("natural_person") for k in keys)


def test_a_cell_not_read_for_sure_is_named_and_not_stated(base: Path) -> None:
    answer = answer_now(base, "平潭2019年规范性文件本年新制作数量")
    assert answer.status == "not_found" and answer.figures == ()
    [target] = cell_targets(base, answer)
    assert target.unread and target.key == "active.art20_1|normative_documents|made"
    assert target.shown == "印作“898989”" and target.report_id == _ids(base)[("平潭综合实验区", 2019)]


def test_a_question_no_cell_answers_has_no_cell_to_correct(base: Path) -> None:
    answer = answer_now(base, "平潭2019年财政收入多少")
    assert answer.status == "not_found" and cell_targets(base, answer) == []
