"""Correcting a cell from the report page, in a real browser: the answer changes and says so; undo brings the
parsed value back."""

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


@pytest.mark.usefixtures("staff_env")
async def test_correct_an_uncertain_cell_see_the_answer_change_then_undo(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    service = service_over(db, tmp_path / "state.db")
    assert service.ask(QUESTION).figures == ()
    async with staff_browser(service) as (base, page):
        await page.click("#reports a:has-text('平潭综合实验区')")
        cell = page.locator(f'td[data-key="{GLUED}"]')
        assert "uncertain" in (await cell.get_attribute("class") or "")
        assert await page.inner_text("#corrections-empty") == "这份报告还没有更正。"
        await page.select_option("#correct-form select[name=cell]", GLUED)
        await page.fill("#correct-form input[name=value]", "89")
        await page.fill("#correct-form input[name=reason]", "原文三栏粘连，按网站原文")
        await page.fill("#correct-form input[name=who]", "张三")
        await page.click("#correct-form button[type=submit]")
        await page.wait_for_selector("#corrections-table")
        cell = page.locator(f'td[data-key="{GLUED}"]')
        assert await cell.inner_text() == "89" and "corrected" in (await cell.get_attribute("class") or "")
        assert "原文印作“898989”" in (await cell.get_attribute("title") or "")
        row = await page.inner_text("#corrections-table tbody tr")
        assert "张三" in row and "原文三栏粘连，按网站原文" in row and "撤销" in row
        await page.screenshot(path=str(tmp_path / "corrected-report.png"), full_page=True)

        answer = await (await page.request.post(base + "/api/ask", data={"question": QUESTION})).json()
        assert [f["value"] for f in answer["figures"]] == [89]
        assert any("经工作人员更正，原文印作“898989”" in n for n in answer["figures"][0]["notes"])

        await page.click("#corrections-table form.undo button")
        await page.wait_for_selector("#corrections-table")
        assert "已撤销" in await page.inner_text("#corrections-table tbody tr")
        assert "uncertain" in (await page.locator(f'td[data-key="{GLUED}"]').get_attribute("class") or "")
        again = await (await page.request.post(base + "/api/ask", data={"question": QUESTION})).json()
        assert again["figures"] == []
    assert (tmp_path / "corrected-report.png").stat().st_size > 10_000


@pytest.mark.usefixtures("staff_env")
async def test_a_correction_without_a_reason_is_refused_in_words(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    async with staff_browser(service_over(db, tmp_path / "state.db")) as (_, page):
        await page.click("#reports a:has-text('平潭综合实验区')")
        await page.select_option("#correct-form select[name=cell]", GLUED)
        await page.fill("#correct-form input[name=value]", "89")
        await page.evaluate("document.querySelector('#correct-form input[name=reason]').required = false")
        await page.click("#correct-form button[type=submit]")
        assert "理由" in await page.inner_text("#correction-error")
        await page.click("a:has-text('返回报告')")
        assert "这份报告还没有更正" in await page.inner_text("#corrections-empty")
