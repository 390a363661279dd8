"""A place printed one character off divisions is read as one of them only when the report's file name or a web
address it prints spells exactly one of them in pinyin; the names it then has."""

from __future__ import annotations

import pytest

from knowledge.names import read_issuer
from knowledge.names.bodies import misprinted_place
from knowledge.names.forms import PLACE, forms_of, group_bodies
from knowledge.names.misprints import Evidence, near_divisions, read_misprint, web_addresses


def test_near_divisions_are_of_the_same_level_and_within_the_places_printed_before() -> None:
    names = {p.name for p in near_divisions("沐阳县")}
    assert {"沭阳县", "泗阳县"} <= names and all(n.endswith("县") for n in names)
    assert {p.name for p in near_divisions("沐阳县", ("江苏省", "宿迁市"))} == {"沭阳县", "泗阳县"}
    assert near_divisions("沭阳县") == [] and near_divisions("青禾") == []


@pytest.mark.parametrize(("evidence", "division"), [
    (Evidence(files=("shuyang-2025.txt",)), "沭阳县"),
    (Evidence(files=("/srv/reports/shuyangxian_2025.pdf",)), "沭阳县"),
    (Evidence(files=("C:\\reports\\SiYang-2025.docx",)), "泗阳县"),
    (Evidence(addresses=("www.shuyang.gov.cn",)), "沭阳县"),
    (Evidence(files=("report.pdf",), addresses=("www.siyang.gov.cn",)), "泗阳县"),
])
def test_evidence_spelling_one_division_reads_the_place_as_it(evidence: Evidence, division: str) -> None:
    reading = read_misprint("沐阳县", ("江苏省",), evidence)
    assert reading is not None and reading.place.name == division
    assert reading.note.startswith("报告印作“沐阳县”，按") and reading.note.endswith(f"读作“{division}”")


@pytest.mark.parametrize("evidence", [
    Evidence(),
    Evidence(files=("2025年报.pdf", "report.txt")),
    Evidence(files=("muyang-2025.txt",)),  # the name as printed spells no division
    Evidence(files=("shuyang-2025.txt", "siyang-2025.txt")),  # two divisions
    Evidence(files=("shuyang-2025.txt",), addresses=("www.siyang.gov.cn",)),
    Evidence(files=("yang-2025.txt",)),  # too short to tell
])
def test_evidence_spelling_none_or_several_leaves_the_place_as_printed(evidence: Evidence) -> None:
    assert read_misprint("沐阳县", (), evidence) is None
    assert read_issuer("沐阳县人民政府", evidence).chain == ("沐阳县",)


def test_a_reading_of_two_sounds_counts_every_division_it_spells() -> None:
    """盐都 may be read yandou or yandu, 殷都 yindu or yandu: yandu names two divisions one character off 扬都区."""
    assert read_misprint("扬都区", (), Evidence(files=("yandu.txt",))) is None
    reading = read_misprint("扬都区", (), Evidence(files=("jiangdu.txt",)))
    assert reading is not None and reading.place.chain == ("江苏省", "扬州市", "江都区")


def test_a_real_division_or_a_place_printed_in_full_is_never_read_again() -> None:
    assert read_issuer("泗阳县人民政府", Evidence(files=("shuyang.txt",))).chain == ("江苏省", "宿迁市", "泗阳县")
    assert read_misprint("沭阳县", (), Evidence(files=("siyang.txt",))) is None


def test_a_department_of_a_misprinted_place_keeps_its_department() -> None:
    read = read_issuer("江苏省沐阳县公安局", Evidence(files=("shuyang-gaj-2025.pdf",)))
    assert (read.chain, read.department) == (("江苏省", "宿迁市", "沭阳县"), "公安局")
    assert misprinted_place(("沐阳县",)) and not misprinted_place(read.chain)


def test_the_body_is_named_by_the_division_and_by_the_place_as_printed() -> None:
    read = read_issuer("沐阳县人民政府", Evidence(files=("shuyang-2025.txt",)))
    [body] = group_bodies({"沐阳县人民政府": read})
    places = {form for form, role in forms_of(body) if role == PLACE}
    assert {"沭阳县", "沭阳", "宿迁沭阳", "沐阳县", "沐阳"} <= places and "泗阳县" not in places
    assert body.note == "报告印作“沐阳县”，按文件名“shuyang-2025.txt”读作“沭阳县”"


def test_web_addresses_are_the_hosts_a_text_prints() -> None:
    text = "网址：http://www.shuyang.gov.cn/col/1.html，邮箱 sy@163.com，见 WWW.SuQian.GOV.cn 与 www.shuyang.gov.cn。"
    assert web_addresses(text) == ("www.shuyang.gov.cn", "www.suqian.gov.cn")  # not a mail address
