"""Every held body answered by every name people use for it, with its own figure; bodies not held get none.

The bases are real corpus reports re-issued under invented bodies of every kind and under real departments
(tests/knowledge/names/cases.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.model import Answer
from knowledge.store.read import Catalog
from tests.knowledge.names import cases
from tests.knowledge.names.reissue import build_base

TODAY = date(2026, 11, 28)
ASKED = "applications|new_received|total"


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return Answerer(Catalog(build_base(tmp_path_factory.mktemp("invented"), [b for b, _ in cases.INVENTED])))


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return Answerer(Catalog(build_base(tmp_path_factory.mktemp("real"), [b for b, _ in cases.REAL])))


def _asked(bodies: list) -> list[tuple[str, str, int]]:
    return [(issuer, name, cases.year_of(seed)) for (seed, issuer, _), names in bodies for name in names]


def _stated(answer: Answer) -> list:
    return [f for f in answer.figures if f.value is not None] if answer.status == "answered" else []


@pytest.mark.parametrize(("issuer", "name", "year"), _asked(cases.INVENTED))
def test_invented_bodies_by_every_name(invented: Answerer, issuer: str, name: str, year: int) -> None:
    answer = invented.ask(cases.ASK.format(name=name, year=year), today=TODAY)
    assert [(f.issuer, f.key) for f in _stated(answer)] == [(issuer, ASKED)], (answer.status, answer.reason)


@pytest.mark.parametrize(("issuer", "name", "year"), _asked(cases.REAL))
def test_real_departments_by_every_name(real: Answerer, issuer: str, name: str, year: int) -> None:
    answer = real.ask(cases.ASK.format(name=name, year=year), today=TODAY)
    assert [(f.issuer, f.key) for f in _stated(answer)] == [(issuer, ASKED)], (answer.status, answer.reason)


@pytest.mark.parametrize(("name", "year"), cases.INVENTED_NOT_HELD)
def test_invented_bodies_not_held_get_no_figure(invented: Answerer, name: str, year: int) -> None:
    answer = invented.ask(cases.ASK.format(name=name, year=year), today=TODAY)
    assert not _stated(answer) and answer.status in ("not_found", "ambiguous")


@pytest.mark.parametrize(("name", "year"), cases.REAL_NOT_HELD)
def test_real_bodies_not_held_get_no_figure(real: Answerer, name: str, year: int) -> None:
    answer = real.ask(cases.ASK.format(name=name, year=year), today=TODAY)
    assert not _stated(answer) and answer.status in ("not_found", "ambiguous")


def test_a_department_not_held_names_the_closest_held_bodies(invented: Answerer) -> None:
    answer = invented.ask("青禾市教育局2023年收到多少政府信息公开申请", today=TODAY)
    assert answer.status == "not_found" and "青禾市教育局" in answer.reason
    assert "青禾市交通运输局" in answer.reason and any(h.startswith("青禾市交通运输局") for h in answer.held)


def test_a_government_not_held_offers_its_departments(real: Answerer) -> None:
    answer = real.ask("淮安市政府2022年收到多少政府信息公开申请", today=TODAY)
    assert answer.status == "ambiguous" and not _stated(answer)
    assert "淮安市交通运输局" in {c.figure.issuer for c in answer.choices if c.figure}


def test_a_place_no_gazetteer_knows_offers_the_bodies_within(invented: Answerer) -> None:
    """江北省 is known only as the province of held bodies: asked for itself, it offers them."""
    answer = invented.ask("江北省2020年收到多少政府信息公开申请", today=TODAY)
    assert answer.status == "ambiguous" and not _stated(answer)
    assert [c.figure.issuer for c in answer.choices if c.figure] == ["江北省青禾市人民政府"]


def test_the_government_never_answers_for_its_department(invented: Answerer) -> None:
    """青禾市 holds its government; its 教育局 is not held: no figure of the government answers for it."""
    answer = invented.ask("青禾市教育局2020年收到多少政府信息公开申请", today=TODAY)
    assert not _stated(answer)


def test_a_short_name_never_takes_a_prose_figure_that_names_it(tmp_path: Path) -> None:
    """The seed's prose says 利用“平安青禾”官方微博…3327条: the body asked is 青禾, the figure its table's."""
    answerer = Answerer(Catalog(build_base(tmp_path, [("jizhou-2020.txt", "江北省青禾市人民政府", "青禾")])))
    for name in ("青禾", "青禾市政府", "青禾市"):
        answer = answerer.ask(cases.ASK.format(name=name, year=2020).replace("政府信息公开", ""), today=TODAY)
        assert [(f.key, f.value) for f in _stated(answer)] == [(ASKED, 191)]


def test_a_place_one_character_off_a_division_answers_for_itself_only(tmp_path: Path) -> None:
    """云梦市 and 澜石区 are one character off 云浮市 and 离石区: each is answered by its own names, and the division
    asked is offered it, never answered with its figure."""
    answerer = Answerer(Catalog(build_base(tmp_path, [("pingtan-2020.txt", "云梦市交通运输局", "云梦"),
                                                      ("pingtan-2023.txt", "澜石区人民政府", "澜石")])))
    for name, year, issuer in [("云梦市交通运输局", 2020, "云梦市交通运输局"), ("云梦交通局", 2020, "云梦市交通运输局"),
                               ("澜石区", 2023, "澜石区人民政府"), ("澜石", 2023, "澜石区人民政府")]:
        answer = answerer.ask(cases.ASK.format(name=name, year=year), today=TODAY)
        assert [(f.issuer, f.key) for f in _stated(answer)] == [(issuer, ASKED)], (name, answer.reason)
    for name, year, issuer in [("云浮市交通运输局", 2020, "云梦市交通运输局"), ("云浮交通局", 2020, "云梦市交通运输局"),
                               ("离石区", 2023, "澜石区人民政府"), ("吕梁市离石区", 2023, "澜石区人民政府")]:
        answer = answerer.ask(cases.ASK.format(name=name, year=year), today=TODAY)
        assert answer.status == "ambiguous" and not answer.figures, (name, answer.status, answer.reason)
        assert [c.figure.issuer for c in answer.choices if c.figure] == [issuer]


@pytest.mark.parametrize(("name", "issuer", "year"), [
    ("澜石县", "天津市澜石区人民政府", 2020), ("青禾县", "江北省青禾市人民政府", 2020),
])
def test_a_government_asked_with_another_level_no_division_has_is_the_one_held(invented: Answerer, name: str,
                                                                             issuer: str, year: int) -> None:
    # A county made a district keeps its old name in people's mouths (洪泽县 for 洪泽区): read so, and said.
    answer = invented.ask(cases.ASK.format(name=name, year=year), today=TODAY)
    assert [(f.issuer, f.key) for f in _stated(answer)] == [(issuer, ASKED)]
    assert any(name in note for note in answer.notes)


# 云溪区 is a division of its own; a town or a province never keeps a county's name
@pytest.mark.parametrize("name", ["澜石县教育局", "松岭县", "桐川县", "云溪区", "澜石镇", "青禾省"])
def test_another_level_never_reads_a_department_or_a_place_not_held(invented: Answerer, name: str) -> None:
    answer = invented.ask(cases.ASK.format(name=name, year=2020), today=TODAY)
    assert not _stated(answer)
