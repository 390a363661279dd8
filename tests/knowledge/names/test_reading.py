"""An issuer read as place parts + kind of body, whether or not the gazetteer knows the place; the names it gives."""

from __future__ import annotations

import pytest

from knowledge.names import Directory, read_issuer
from knowledge.names.bodies import department_forms, level_of, names_a_body, place_forms
from knowledge.names.forms import group_bodies
from knowledge.names.kinds import department_kind, kinds


@pytest.mark.parametrize(("issuer", "chain", "department"), [
    ("江北省青禾市人民政府", ("江北省", "青禾市"), ""),
    ("天津市澜石区人民政府", ("天津市", "澜石区"), ""),
    ("江北省青禾市云溪县人民政府", ("江北省", "青禾市", "云溪县"), ""),
    ("青禾市市场监督管理局", ("青禾市",), "市场监督管理局"),
    ("青禾市住房和城乡建设局", ("青禾市",), "住房和城乡建设局"),  # 城乡 is no township before 建设局
    ("青禾市人民政府办公室", ("青禾市",), "办公室"),
    ("鹤鸣高新技术产业开发区管理委员会", ("鹤鸣高新技术产业开发区",), ""),
    ("淮安市交通运输局", ("江苏省", "淮安市"), "交通运输局"),
    ("苏州工业园区管理委员会", ("江苏省", "苏州工业园区"), ""),
    # one character off a division (云浮市, 离石区): a place of its own, never taken for that division
    ("云梦市交通运输局", ("云梦市",), "交通运输局"),
    ("澜石区人民政府", ("澜石区",), ""),
    # a zone named by the division before it, or by a division's long name, is a zone, not a department
    ("古县高新技术产业开发区管理委员会", ("山西省", "临汾市", "古县高新技术产业开发区"), ""),
    ("靖州苗族侗族经济技术开发区管委会", ("湖南省", "怀化市", "靖州苗族侗族经济技术开发区"), ""),
])
def test_places_are_read_by_their_level_when_no_gazetteer_knows_them(issuer: str, chain: tuple[str, ...],
                                                                       department: str) -> None:
    read = read_issuer(issuer)
    assert (read.chain, read.department) == (chain, department)


@pytest.mark.parametrize(("printed", "said"), [
    ("交通运输局", "交通局"), ("人力资源和社会保障局", "人社局"), ("市场监督管理局", "市监局"),
    ("发展和改革委员会", "发改委"), ("住房和城乡建设局", "住建局"), ("卫生健康委员会", "卫健委"),
    ("自然资源和规划局", "自然资源局"), ("生态环境局", "环保局"), ("办公室", "政府办"), ("公安局", "市公安局"),
])
def test_a_department_is_named_by_the_everyday_names_of_its_kind(printed: str, said: str) -> None:
    assert said in department_forms(printed)
    assert department_kind(printed) and department_kind(said) == department_kind(printed)


def test_kinds_do_not_share_a_name() -> None:
    """One name is one kind: a name under two kinds would make one department answer for another."""
    seen: dict[str, str] = {}
    for kind, names in kinds().names.items():
        for name in names:
            assert seen.setdefault(name, kind) == kind, f"{name}: {seen[name]} and {kind}"


def test_a_zone_is_named_by_its_short_forms() -> None:
    forms = place_forms(("鹤鸣高新技术产业开发区",))
    assert {"鹤鸣高新区", "鹤鸣高新", "鹤鸣"} <= forms


def test_names_of_no_division_read_as_bodies() -> None:
    assert names_a_body("松岭区") and names_a_body("江北省青禾市") and names_a_body("鹤鸣经济开发区")
    assert not names_a_body("区政府办代表") and not names_a_body("官方微博")


def test_a_place_printed_without_its_province_is_the_same_place() -> None:
    bodies = group_bodies({i: read_issuer(i) for i in ["江北省青禾市人民政府", "青禾市交通运输局", "青禾市人民政府"]})
    governments = [b for b in bodies if not b.department]
    assert [b.names for b in governments] == [("江北省青禾市人民政府", "青禾市人民政府")]
    transport = next(b for b in bodies if b.department)
    assert transport.chain == ("江北省", "青禾市")


def test_closest_held_bodies_are_named() -> None:
    directory = Directory.build(["江北省青禾市人民政府", "青禾市交通运输局", "天津市澜石区人民政府"])
    assert directory.closest("青禾市教育局")[0].startswith(("青禾市", "江北省青禾市"))


@pytest.mark.parametrize(("word", "level"), [
    ("市教育局", "市"), ("县交通局", "县"), ("区政府", "区"), ("市人民政府", "市"), ("省教育厅", "省"),
    ("市场监督管理局", ""), ("教育局", ""), ("市公共资源交易中心", "市"), ("市民服务中心", ""),
])
def test_the_level_a_department_word_begins_with(word: str, level: str) -> None:
    assert level_of(word) == level
