"""A report whose place is misprinted (沐阳县 for 沭阳县, an OCR slip the corpus holds) answers for that place's
government only: a department of the place asked is never answered with the government's figure."""

from __future__ import annotations

import pytest

from knowledge import Service


@pytest.mark.parametrize("department", ["公安局", "教育局", "交通运输局", "人社局", "政府办"])
def test_a_department_of_the_misprinted_place_gets_no_figure(service: Service, department: str) -> None:
    answer = service.ask(f"沭阳县{department}2025年收到多少申请")
    assert answer.status == "not_found" and not answer.figures


@pytest.mark.parametrize("name", ["沭阳县", "沭阳", "沭阳县政府", "沭阳县人民政府", "宿迁市沭阳县"])
def test_the_place_itself_is_still_answered_from_its_misprinted_report(service: Service, name: str) -> None:
    answer = service.ask(f"{name}2025年收到多少申请")
    assert [f.value for f in answer.figures] == [713] and answer.figures[0].issuer == "沐阳县人民政府"
