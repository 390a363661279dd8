"""The staff page in a real headless browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.web import create_app
from knowledge.answer import Answerer
from knowledge.catalog import Catalog
from knowledge.context import ChatState

from .test_web import real_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


async def test_staff_page_question_and_choice(corpus_db: Path, tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    answerer = Answerer(Catalog(corpus_db), ChatState(tmp_path / "state.db"))
    async with real_server(create_app(answerer)) as base, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page()
            await page.goto(base + "/")
            await page.wait_for_selector("#reports tbody tr")
            assert "洪泽区人民政府" in await page.inner_text("#reports")
            await page.fill("#question", "蓟州区2020年收到多少政府信息公开申请")
            await page.click("button[type=submit]")
            await page.wait_for_function("document.querySelector('#answer-text') && "
                                         "document.querySelector('#answer-text').textContent.includes('191件')")
            assert "出处：《天津市蓟州区2020年政府信息公开工作年度报告》" in await page.inner_text("#answer-text")
            await page.fill("#question", "19年信息公开行政复议有几件")
            await page.click("button[type=submit]")
            await page.wait_for_selector("a.choice")
            await page.click("a.choice:has-text('上海市人民政府办公厅')")
            await page.wait_for_function("document.querySelector('#answer-text') && "
                                         "document.querySelector('#answer-text').textContent.includes('7件')")
            assert await page.locator("a.choice").count() == 0
        finally:
            await browser.close()
