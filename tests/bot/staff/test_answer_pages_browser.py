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

        await page.locator("#targets a.correct-cell").click()  # back to the report, the correction undone there
        await page.click("#corrections-table form.undo button")
        await page.wait_for_selector("#corrections-table")
        await page.goto(base + "/staff/feedback")
        row = page.locator("#feedback tr", has_text=QUESTION)
        assert await row.get_attribute("class") == "open"  # its answer rests on the cell undone: open again
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
        # Each year's cell, and a year whose figure the prose states, as 正文 (its clause, to correct there).
        assert keys == ["正文" if f.kind == "fact" else f.key for f in series.figures]
        assert "applications|new_received|total" in keys
        await page.screenshot(path=str(tmp_path / "entry-series-chart.png"), full_page=True)
    assert (tmp_path / "entry-series-chart.png").stat().st_size > 10_000


PROSE = "平潭2019年中介超市入驻了多少家中介机构"
CLAUSE = "推进“中介超市”建设，已入驻中介机构868家"


@pytest.mark.usefixtures("staff_env")
async def test_correct_a_prose_figure_from_a_feedback_entry_then_undo(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    service = service_over(db, tmp_path / "state.db")
    service.ask(PROSE, chat="p")
    assert service.vote("p", -1, PROSE) is not None
    async with staff_browser(service) as (base, page):
        await page.goto(base + "/staff/feedback")
        await page.locator("#feedback tr", has_text=PROSE).locator("a.answer-now").click()
        target = page.locator("#targets tbody tr", has_text=CLAUSE)
        assert await target.locator("td.key").inner_text() == "正文"
        await target.locator("a.correct-cell").click()

        assert await page.input_value("#correct-fact-form select[name=fact]") == CLAUSE
        assert PROSE in await page.inner_text("#correct-fact-entry")
        assert await page.locator("#correct-entry").count() == 0  # the entry goes with the prose figure's form
        await page.fill("#correct-fact-form input[name=value]", "886")
        await page.fill("#correct-fact-form input[name=reason]", "与网站原文核对")
        await page.click("#correct-fact-form button[type=submit]")
        await page.wait_for_selector("#corrections-table")
        assert f"正文：{CLAUSE}" in await page.inner_text("#corrections-table tbody tr")
        fact = page.locator("#facts tr.corrected")
        assert CLAUSE in await fact.inner_text() and "886家" in await fact.inner_text()
        assert "原文印作“868家”" in (await fact.get_attribute("title") or "")
        await page.screenshot(path=str(tmp_path / "prose-corrected.png"), full_page=True)
        answer = await (await page.request.post(base + "/api/ask", data={"question": PROSE})).json()
        assert [f["value"] for f in answer["figures"]] == [886]
        assert answer["figures"][0]["notes"] == ["经工作人员更正，原文印作“868家”（理由：与网站原文核对）"]
        assert [m.state for m in service.feedback_marks().values()] == ["corrected"]

        await page.click("#corrections-table form.undo button")
        await page.wait_for_selector("#corrections-table")
        assert "已撤销" in await page.inner_text("#corrections-table tbody tr")
        again = await (await page.request.post(base + "/api/ask", data={"question": PROSE})).json()
        assert [f["value"] for f in again["figures"]] == [868] and again["figures"][0]["notes"] == []
        assert [m.state for m in service.feedback_marks().values()] == ["open"]  # the entry is open again
    assert (tmp_path / "prose-corrected.png").stat().st_size > 10_000
