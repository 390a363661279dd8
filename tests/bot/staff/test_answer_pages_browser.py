"""From the feedback list to the report's cell, in a real browser: an entry's page shows what the bot answers now
(a series with its chart, the figures and sources beside it as text) and the cells that answer rests on or could
not read; correcting one from there marks the entry corrected, and the answer changes with its note."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.ingest.files import rebuild
from tests.bot.staff.test_routes import staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_browser import CHROMIUM, staff_browser
from tests.conftest import CORPUS, service_over

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")
GLUED = "active.art20_1|normative_documents|made"  # printed glued with its neighbours: "898989"
QUESTION = "平潭2019年规范性文件本年新制作数量"
SERIES = "平潭历年收到多少申请"


@pytest.mark.usefixtures("staff_env")
async def test_correct_from_a_feedback_entry_marks_it_corrected(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    service = service_over(db, tmp_path / "state.db")
    assert service.ask(QUESTION, chat="c1").status == "not_found"  # logged as not answered
    async with staff_browser(service) as (base, page):
        await page.goto(base + "/staff/feedback")
        await page.locator("#feedback tr", has_text=QUESTION).locator("a.answer-now").click()
        assert "无法可靠读出" in await page.inner_text("#answer-now")
        target = page.locator("#targets tbody tr.unread")
        assert await target.count() == 1 and GLUED in await target.inner_text()
        assert "898989" in await target.inner_text()
        await target.locator("a.correct-cell").click()

        assert await page.input_value("#correct-form select[name=cell]") == GLUED  # the form is set on the cell
        assert QUESTION in await page.inner_text("#correct-entry")
        await page.fill("#correct-form input[name=value]", "89")
        await page.fill("#correct-form input[name=reason]", "原文三栏粘连，按网站原文")
        await page.click("#correct-form button[type=submit]")
        await page.wait_for_selector("#corrections-table")
        answer = await (await page.request.post(base + "/api/ask", data={"question": QUESTION})).json()
        assert [f["value"] for f in answer["figures"]] == [89]
        assert any("经工作人员更正，原文印作“898989”" in n for n in answer["figures"][0]["notes"])

        await page.goto(base + "/staff/feedback?state=corrected")
        row = page.locator("#feedback tr", has_text=QUESTION)
        assert await row.get_attribute("class") == "corrected"
        assert "已更正" in await row.locator(".state-label").inner_text()
        await row.locator("a.answer-now").click()
        now = await page.inner_text("#answer-now")
        assert "89件" in now and "经工作人员更正" in now and "原文三栏粘连" in now
        assert await page.locator("#targets tbody tr.unread").count() == 0
        await page.screenshot(path=str(tmp_path / "entry-corrected.png"), full_page=True)
    assert (tmp_path / "entry-corrected.png").stat().st_size > 10_000


@pytest.mark.usefixtures("staff_env")
async def test_an_entry_with_a_series_answer_shows_its_chart(corpus_db: Path, tmp_path: Path) -> None:
    service = service_over(corpus_db, tmp_path / "state.db")
    series = service.ask(SERIES, chat="v")
    assert series.kind == "series" and len(series.figures) >= 2
    assert service.vote("v", -1, SERIES) is not None  # voted wrong: an entry of the list
    async with staff_browser(service) as (base, page):
        await page.goto(base + "/staff/feedback")
        await page.locator("#feedback tr", has_text=SERIES).locator("a.answer-now").click()
        chart = page.locator("#answer-now figure.chart img")
        await chart.wait_for()
        drawn = await chart.evaluate("i => [i.complete, i.naturalWidth, i.getBoundingClientRect().width]")
        assert drawn[0] and drawn[1] > 0 and drawn[2] > 0  # the browser drew the SVG under the staff pages' CSP
        alt, text = await chart.get_attribute("alt") or "", await page.inner_text("#answer-now")
        for figure in series.figures:
            assert f"{figure.year}年 {figure.value}件" in alt and figure.display in text  # figures beside as text
        assert "出处" in text
        keys = await page.locator("#targets td.key").all_inner_texts()
        cells = [f for f in series.figures if f.kind == "cell"]  # a year's figure from prose has no cell
        assert cells and len(keys) == len(cells) and set(keys) == {"applications|new_received|total"}
        await page.screenshot(path=str(tmp_path / "entry-series-chart.png"), full_page=True)
    assert (tmp_path / "entry-series-chart.png").stat().st_size > 10_000
