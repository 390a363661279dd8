"""Which held bodies a question's place and department words name: a place one character off a held body's
place is offered, never answered; a zone's own name gives way to the division of that name."""

from __future__ import annotations

import pytest

from knowledge.names import Directory
from knowledge.names.directory import Resolution

NEAR = Directory.build(["云梦市交通运输局", "澜石区人民政府"])


@pytest.mark.parametrize(("places", "departments", "body"), [
    (["云梦市"], ["交通运输局"], "云梦市交通运输局"), (["云梦"], ["交通局"], "云梦市交通运输局"),
    (["澜石区"], [], "澜石区人民政府"), (["澜石"], ["政府"], "澜石区人民政府"),
])
def test_a_place_one_character_off_a_division_is_found_by_its_own_name(places: list[str], departments: list[str],
                                                                       body: str) -> None:
    assert NEAR.resolve(places, departments) == Resolution(bodies=(body,))


@pytest.mark.parametrize(("places", "departments", "offered"), [
    (["云浮市"], ["交通运输局"], Resolution(place="云浮市交通运输局", inside=("云梦市交通运输局",), alike=True)),
    (["离石区"], [], Resolution(place="离石区", inside=("澜石区人民政府",), alike=True)),
    (["离石区"], ["教育局"], Resolution(place="离石区教育局")),  # the government is never offered for a department
])
def test_a_division_one_character_off_a_held_place_is_offered_never_answered(
        places: list[str], departments: list[str], offered: Resolution) -> None:
    assert NEAR.resolve(places, departments) == offered


def test_a_zone_named_by_its_own_name_gives_way_to_the_division_held() -> None:
    both = Directory.build(["武威市人民政府", "武威经济技术开发区管理委员会", "新华区人民政府", "新华经济开发区管理委员会"])
    assert both.resolve(["武威"], []).bodies == ("武威市人民政府",)
    assert both.resolve(["新华"], []).bodies == ("新华区人民政府",)
    assert both.resolve(["武威经开区"], []).bodies == ("武威经济技术开发区管理委员会",)
    alone = Directory.build(["武威经济技术开发区管理委员会"])
    assert alone.resolve(["武威"], []).bodies == ("武威经济技术开发区管理委员会",)  # as 平潭 for its 综合实验区


def test_a_level_before_a_department_names_a_place_of_that_level() -> None:
    """大安 is 大安市 (吉林) and 大安区 (自贡); 淮安 is 淮安市 and its 淮安区: 市教育局 or 市政府 asks for the city's."""
    both = Directory.build(["大安区教育局", "自贡市大安区人民政府", "淮安市交通运输局", "淮安市淮安区人民政府"])
    assert both.resolve(["大安"], ["市教育局"]) == Resolution(place="大安市教育局")
    assert both.resolve(["大安"], ["县教育局"]) == Resolution(place="大安县教育局")
    assert both.resolve(["大安"], ["区教育局"]).bodies == ("大安区教育局",)
    assert both.resolve(["大安"], ["教育局"]).bodies == ("大安区教育局",)
    assert not both.resolve(["淮安"], ["市政府"]).bodies  # the city's government is not held: not its district's
    assert both.resolve(["淮安"], ["区政府"]).bodies == ("淮安市淮安区人民政府",)
    assert both.resolve(["淮安"], ["市交通局"]).bodies == ("淮安市交通运输局",)


def test_only_stretches_where_a_name_may_begin_are_looked_up_and_none_named_is_missed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """mentions looks up the stretches that begin where a division's, a department's or a held name begins: the
    same mentions as looking up every stretch of the question."""
    held = Directory.build(["云梦市交通运输局", "澜石区人民政府", "苏州工业园区管理委员会", "上海市人民政府办公厅"])
    questions = ["云梦交通局2020年收到多少申请", "澜石区政府和苏州工业园区哪个多", "中国上海门户网站发布了多少条",
                 "洪泽区2024年区政府办代表区政府受理了多少件", "青禾市松岭区教育局", "", "市"]
    found = [held.mentions(q) for q in questions]
    monkeypatch.setattr(Directory, "_starts", lambda self, text: list(range(len(text))))
    assert found == [held.mentions(q) for q in questions]
    assert any(found)


def test_a_short_name_shared_by_divisions_answers_the_held_one_and_names_the_others() -> None:
    held = Directory.build(["自贡市大安区教育局", "自贡市大安区人民政府"])
    found = held.resolve(["大安"], ["教育局"])
    assert found.bodies == ("自贡市大安区教育局",) and found.also == ("吉林省白城市大安市",)
    assert held.resolve(["大安区"], ["教育局"]).also == ()  # the division named in full names no other
    assert held.resolve(["自贡大安"], []).also == ()
    assert NEAR.resolve(["云梦"], ["交通局"]).also == ()  # a place no gazetteer holds may be that division's
