"""A report whose place is printed one character off a division (沐阳县 for 沭阳县, an OCR slip the corpus holds)
is offered, never answered, when that division is asked: 沐阳县 is one character off 泗阳县 as well, and nothing
in a name tells a misprint from another place. A department of the place asked is never offered the
government's report."""

from __future__ import annotations

import pytest

from knowledge import Service


@pytest.mark.parametrize("department", ["公安局", "教育局", "交通运输局", "人社局", "政府办"])
def test_a_department_of_the_misprinted_place_gets_no_figure(service: Service, department: str) -> None:
    answer = service.ask(f"沭阳县{department}2025年收到多少申请")
    assert answer.status == "not_found" and not answer.figures and not answer.choices


@pytest.mark.parametrize("name", ["沭阳县", "沭阳", "沭阳县政府", "沭阳县人民政府", "宿迁市沭阳县", "泗阳县", "泗阳"])
def test_a_division_one_character_off_is_offered_the_printed_body(service: Service, name: str) -> None:
    answer = service.ask(f"{name}2025年收到多少申请", chat="near")
    assert answer.status == "ambiguous" and not answer.figures and "只差一个字" in answer.reason
    assert [(c.figure.issuer, c.figure.value) for c in answer.choices if c.figure] == [("沐阳县人民政府", 713)]
    picked = service.pick("near", 1)
    assert picked is not None and [(f.issuer, f.value) for f in picked.figures] == [("沐阳县人民政府", 713)]


@pytest.mark.parametrize("name", ["沐阳县", "沐阳", "沐阳县人民政府"])
def test_the_printed_name_is_answered(service: Service, name: str) -> None:
    answer = service.ask(f"{name}2025年收到多少申请")
    assert [(f.issuer, f.value) for f in answer.figures] == [("沐阳县人民政府", 713)]
