"""The report list narrowed by the staff's filter, and downloads of one report, the list or the whole base."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from bot.web.app import create_app
from knowledge.staff import ReportFilter, StoredReport
from knowledge.store import ReportReader
from tests.bot.staff.test_routes import TOKEN, staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_app import client_for
from tests.conftest import service_over


def _listed(page: str) -> list[str]:
    return re.findall(r'<td><a href="/staff/report/\d+">([^<]+)</a></td><td>(\d+)</td>', page)


def _reports(db: Path) -> list[StoredReport]:
    with ReportReader(db) as base:
        return base.reports()


@pytest.mark.usefixtures("staff_env")
async def test_the_list_is_narrowed_by_name_year_template_and_failing_checks(corpus_db: Path, tmp_path: Path) -> None:
    reports = _reports(corpus_db)
    async with client_for(create_app(service_over(corpus_db, tmp_path / "state.db"))) as client:
        await client.post("/staff/login", data={"token": TOKEN})
        everything = _listed((await client.get("/staff")).text)
        for params, keeps in (({"q": "平潭"}, lambda r: "平潭" in r.issuer),
                              ({"year": "2019"}, lambda r: r.year == 2019),
                              ({"template": "2021", "failing": "1"}, lambda r: r.template == "2021"
                               and r.checks_failed > 0),
                              ({"q": "ｐｉｎｇ潭"}, lambda r: False)):
            page = (await client.get("/staff", params=params)).text
            want = sorted((r.issuer, str(r.year)) for r in reports if keeps(r))
            assert sorted(_listed(page)) == want, params
            assert f"（<span id=\"report-count\">{len(want)}/{len(reports)}</span>）" in page
            assert "清除筛选" in page
        assert len(everything) == len(reports)
        assert "没有符合筛选条件的报告" in (await client.get("/staff", params={"q": "不存在的机关"})).text
        assert _listed((await client.get("/staff", params={"year": "二〇一九"})).text) == everything  # not a year


def test_a_filter_from_a_query_string_as_typed() -> None:
    only = ReportFilter.of({"q": " 洪泽 ", "year": "2023", "template": "2021", "failing": "1"})
    assert (only.name, only.year, only.template, only.failing, only.active) == ("洪泽", 2023, "2021", True, True)
    assert not ReportFilter.of({"year": "23x"}).active


@pytest.mark.usefixtures("staff_env")
async def test_exports_of_a_report_of_the_filtered_list_and_of_the_whole_base(corpus_db: Path,
                                                                               tmp_path: Path) -> None:
    reports = _reports(corpus_db)
    pingtan = next(r for r in reports if r.issuer == "平潭综合实验区" and r.year == 2022)
    async with client_for(create_app(service_over(corpus_db, tmp_path / "state.db"))) as client:
        assert (await client.get("/staff/export")).status_code == 303  # not logged in: to the login page
        await client.post("/staff/login", data={"token": TOKEN})
        page = (await client.get(f"/staff/report/{pingtan.id}")).text
        assert f'href="/staff/export?report={pingtan.id}&amp;format=csv"' in page
        one = await client.get("/staff/export", params={"report": pingtan.id, "format": "csv"})
        whole = await client.get("/staff/export", params={"format": "json"})
        gone = await client.get("/staff/export", params={"report": 99999, "format": "csv"})
        listed = await client.get("/staff/export", params={"q": "平潭", "year": "2022", "format": "csv"})
    assert gone.status_code == 404  # not an empty file for a report the base no longer holds
    assert one.headers["content-disposition"] == f'attachment; filename="xxgk-report-{pingtan.id}.csv"'
    assert one.text.startswith("\ufeffkind,issuer,year")  # a BOM, so that Excel reads the Chinese
    rows = list(csv.DictReader(io.StringIO(one.text.lstrip("\ufeff"))))
    assert {(r["issuer"], r["year"]) for r in rows} == {("平潭综合实验区", "2022")}
    assert sum(r["kind"] == "cell" for r in rows) == pingtan.cells
    assert rows == list(csv.DictReader(io.StringIO(listed.text.lstrip("\ufeff"))))
    data = json.loads(whole.text)
    assert {(c["issuer"], c["year"]) for c in data["cells"]} == {(r.issuer, r.year) for r in reports if r.cells}
    assert len(data["facts"]) == sum(r.facts for r in reports)
