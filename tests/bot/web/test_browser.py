"""The public and staff pages in a real headless browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.web.app import create_app
from knowledge.ingest.files import rebuild
from knowledge.service import Service
from tests.bot.staff.test_routes import TOKEN, staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_app import DIFFERENCE_OF_ZERO, real_server
from tests.conftest import CORPUS, service_over

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


async def test_ask_page_question_and_choice(corpus_db: Path, tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    answerer = service_over(corpus_db, tmp_path / "state.db")
    async with real_server(create_app(answerer)) as base, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page()
            await page.goto(base + "/")
            await page.wait_for_selector("#reports tbody tr")
            assert "洪泽区人民政府" in await page.inner_text("#reports")
            await page.fill("#question", "蓟州区2020年收到多少政府信息公开申请")
            await page.click("button[type=submit]")
            await page.locator("#answer-text", has_text="191件").wait_for()  # (the CSP forbids string predicates)
            assert "出处：《天津市蓟州区2020年政府信息公开工作年度报告》" in await page.inner_text("#answer-text")
            await page.fill("#question", "19年信息公开行政复议有几件")
            await page.click("button[type=submit]")
            await page.wait_for_selector("a.choice")
            await page.click("a.choice:has-text('上海市人民政府办公厅')")
            await page.locator("#answer-text", has_text="7件").wait_for()
            assert await page.locator("a.choice").count() == 0
        finally:
            await browser.close()


@contextlib.asynccontextmanager
async def staff_browser(answerer: Service) -> AsyncIterator[tuple[str, Any]]:
    """The real app on loopback and a Chromium page already logged in to the staff pages."""
    from playwright.async_api import async_playwright

    async with real_server(create_app(answerer)) as base, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            await page.goto(base + "/staff")
            await page.fill("#token", TOKEN)
            await page.click("#login button[type=submit]")
            await page.wait_for_selector("#reports")
            yield base, page
        finally:
            await browser.close()


def _report_id(db: Path, issuer: str, year: int) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT id FROM reports WHERE issuer = ? AND year = ?", [issuer, year]).fetchone()[0])


@pytest.mark.usefixtures("staff_env")
async def test_report_page_highlights_a_failing_cell_and_explains_it(corpus_db: Path, tmp_path: Path) -> None:
    answerer = service_over(corpus_db, tmp_path / "state.db")
    async with staff_browser(answerer) as (base, page):
        await page.click("#reports a:has-text('上海市人民政府办公厅')")
        cell = page.locator('td[data-key="applications|total_processed|total"]')
        await cell.wait_for()
        assert "failing" in (await cell.get_attribute("class") or "")
        assert await cell.evaluate("c => getComputedStyle(c).backgroundColor") != await page.locator(
            'td[data-key="applications|new_received|total"]').evaluate("c => getComputedStyle(c).backgroundColor")
        assert "办理结果各项均为空白，总计栏为805件" in (await cell.get_attribute("title") or "")
        await cell.locator("a").click()
        target = page.locator("li:target")
        assert await target.inner_text() == "“总计”列：办理结果各项均为空白，总计栏为805件"
        assert await page.locator('td[data-key="applications|granted|total"]').inner_text() == ""
        await page.screenshot(path=str(tmp_path / "report-page.png"), full_page=True)
        await page.goto(f"{base}/staff/report/{_report_id(corpus_db, '洪泽区人民政府', 2023)}")
        review = page.locator('td[data-key="review_litigation|count|review.total"]')
        assert "failing" in (await review.get_attribute("class") or "")
        assert await review.get_attribute("data-page") and "原件第" in (await review.get_attribute("title") or "")
        assert "hongze-2023.pdf（pdf）" in await page.inner_text("#files")
    assert (tmp_path / "report-page.png").stat().st_size > 10_000


@pytest.mark.usefixtures("staff_env")
async def test_upload_a_good_and_a_bad_file_and_see_both_lines(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "small.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    good, bad = tmp_path / "pingtan-2022.txt", tmp_path / "scan.pdf"
    good.write_bytes((CORPUS / "pingtan-2022.txt").read_bytes())
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    answerer = service_over(db, tmp_path / "state.db")
    async with staff_browser(answerer) as (_, page):
        await page.set_input_files("#files", [str(good), str(bad)])
        await page.click("#upload button[type=submit]")
        await page.locator("#lines .line").nth(1).wait_for()  # (the page's CSP forbids string predicates)
        lines = await page.locator("#lines .line").all_inner_texts()
        assert lines[0].startswith("stored    pingtan-2022.txt  平潭综合实验区 2022") and "查看报告" in lines[0]
        assert lines[1].startswith("failed    scan.pdf：")
        assert await page.inner_text("#upload-state") == "完成：共 2 个文件"
        # Dropping a file onto the zone sends it the same way.
        await page.evaluate("""async (text) => {
            const data = new DataTransfer();
            data.items.add(new File([text], "pingtan-2022.txt", {type: "text/plain"}));
            document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: data}));
        }""", good.read_text(encoding="utf-8"))
        await page.locator("#lines .line").nth(2).wait_for()
        assert (await page.locator("#lines .line").nth(2).inner_text()).startswith("unchanged pingtan-2022.txt")
        await page.click("#lines .line a")
        await page.wait_for_selector("#files")
        assert "pingtan-2022.txt（txt）" in await page.inner_text("#files")
    assert service_over(db).ask("平潭2022年收到多少申请").status == "answered"


@pytest.mark.usefixtures("staff_env")
async def test_log_in_and_out(corpus_db: Path, tmp_path: Path) -> None:
    answerer = service_over(corpus_db, tmp_path / "state.db")
    async with staff_browser(answerer) as (base, page):
        cookies = await page.context.cookies()
        session = next(c for c in cookies if c["name"] == "xxgk_staff")
        assert session["httpOnly"] and session["sameSite"] == "Strict"
        assert await page.evaluate("document.cookie") == ""  # scripts cannot read it
        await page.click("#logout")
        await page.wait_for_selector("#login")
        await page.goto(base + "/staff/feedback")
        await page.wait_for_selector("#login")
        await page.fill("#token", "not-the-token-at-all")
        await page.click("#login button[type=submit]")
        assert "令牌不对" in await page.inner_text("#login-error")
        await page.fill("#token", TOKEN)
        await page.click("#login button[type=submit]")
        await page.wait_for_selector("#reports")


@pytest.mark.usefixtures("staff_env")
async def test_feedback_list_shows_a_question_asked_through_the_api(corpus_db: Path, tmp_path: Path) -> None:
    answerer = service_over(corpus_db, tmp_path / "state.db")
    async with staff_browser(answerer) as (base, page):
        async with httpx.AsyncClient(base_url=base) as client:
            for chat in ("web-1", "web-2"):
                asked = await client.post("/api/ask", json={"question": "政务大厅几点开门", "chat": chat})
                assert asked.json()["status"] == "not_found"
        await page.click("nav a:has-text('未能回答的问题')")
        row = page.locator("#feedback tbody tr", has_text="政务大厅几点开门")
        cells = await row.locator("td").all_inner_texts()
        assert cells[:6] == ["政务大厅几点开门", "2", "2", "0", "0", "2"]
        await page.screenshot(path=str(tmp_path / "feedback-page.png"), full_page=True)
    assert (tmp_path / "feedback-page.png").stat().st_size > 5_000


STRUCTURED = ["沐阳县2025年自然人和企业各申请了几件", "蓟州区2020年行政复议和行政诉讼一共几件",
              "平潭2021年政务公开工作存在哪些问题", "蓟州区2020年申请的公开率是多少", "平潭2021年财政收入多少"]


@contextlib.asynccontextmanager
async def ask_page(service: Service) -> AsyncIterator[tuple[Any, Callable[[str], Awaitable[dict]]]]:
    """The ask page in a browser over a real server, and a call that asks a question on it (after the same
    question went through /api/ask, whose JSON it returns)."""
    from playwright.async_api import async_playwright

    async with real_server(create_app(service)) as base, async_playwright() as playwright, \
            httpx.AsyncClient(base_url=base) as client:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page()
            await page.goto(base + "/")

            async def ask(question: str) -> dict:
                data = (await client.post("/api/ask", json={"question": question})).json()
                await page.fill("#question", question)
                await page.evaluate("document.getElementById('answer').textContent = ''")  # no earlier answer
                await page.click("button[type=submit]")
                await page.locator("#answer-text").wait_for()
                return data

            yield page, ask
        finally:
            await browser.close()


async def test_ask_page_renders_the_structure(corpus_db: Path, tmp_path: Path) -> None:
    """Figures in bold, every source line, notes, the reason and the section text, as the API's JSON holds them."""
    from bot.render import source_line
    from knowledge.model import Figure

    async with ask_page(service_over(corpus_db, tmp_path / "state.db")) as (page, ask):
        for question in STRUCTURED:
            data = await ask(question)
            shown = await page.inner_text("#answer-text")
            bold = await page.locator("#answer-text b").all_inner_texts()
            figures = [Figure.from_dict(f) for f in data["figures"] + data["related"]]
            for figure in figures:
                assert figure.display in bold, (question, figure.display, bold)
                for source in figure.parts if figure.kind == "sum" else (figure,):
                    assert source_line(source) in shown, (question, source_line(source))
            assert data["reason"] in shown
            assert all(n in shown for f in data["figures"] for n in f["notes"])
            if data["section"]:
                section = data["section"]
                assert section["heading"] in shown and section["text"][:40] in shown
                assert f"出处：《{section['report_title']}》{section['path']}" in shown
            assert all(h in shown for h in data["held"])
            assert figures or data["section"] or data["reason"], question


async def test_the_ask_page_shows_what_render_renders(corpus_db: Path, tmp_path: Path) -> None:
    """The page shows bot.render's lines, not a rendering of its own: a difference of zero reads 相同，相差."""
    async with ask_page(service_over(corpus_db, tmp_path / "state.db")) as (page, ask):
        for question in (DIFFERENCE_OF_ZERO, "19年行政复议有几件", "蓟州区2020年申请的公开率是多少"):
            data = await ask(question)
            shown = [p.strip() for p in await page.locator("#answer-text p").all_inner_texts()]
            choices = [f"{i}. {c['label']}" for i, c in enumerate(data["choices"], 1)]
            assert shown == [line for line in data["text"].split("\n")
                             if line not in choices and line != "回复序号即可选择。"], question
            assert await page.locator("a.choice").all_inner_texts() == choices
        await page.fill("#question", DIFFERENCE_OF_ZERO)
        await page.click("button[type=submit]")
        await page.locator("#answer-text", has_text="相同，相差").wait_for()
        assert "一样多" not in await page.inner_text("#answer-text")
        assert await page.locator("#answer-text b").all_inner_texts() == ["0件"]
