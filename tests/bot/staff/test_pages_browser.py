"""The staff list and report pages in a real browser: filter, download, the list after an upload, and an
uncertain cell's explanation on screens of every width."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from knowledge.ingest.files import rebuild
from tests.bot.staff.test_routes import staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_browser import CHROMIUM, _report_id, staff_browser
from tests.conftest import CORPUS, service_over

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")


@pytest.mark.usefixtures("staff_env")
async def test_filter_the_list_and_download_a_report(corpus_db: Path, tmp_path: Path) -> None:
    async with staff_browser(service_over(corpus_db, tmp_path / "state.db")) as (_, page):
        await page.fill("#filter input[name=q]", "平潭")
        await page.fill("#filter input[name=year]", "2022")
        await page.click("#filter button[type=submit]")
        await page.wait_for_selector("text=清除筛选")
        assert await page.locator("#reports tbody tr").count() == 1
        assert (await page.inner_text("#reports tbody tr")).startswith("平潭综合实验区\t2022\t")
        await page.click("#reports a:has-text('平潭综合实验区')")
        async with page.expect_download() as info:
            await page.click(".exports a.csv")
        download = await info.value
        saved = tmp_path / download.suggested_filename
        await download.save_as(saved)
        await page.screenshot(path=str(tmp_path / "report-with-exports.png"), full_page=True)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert saved.name.startswith("xxgk-report-") and rows
    assert {(r["issuer"], r["year"]) for r in rows} == {("平潭综合实验区", "2022")}


@pytest.mark.usefixtures("staff_env")
async def test_the_list_shows_an_uploaded_report_without_reloading(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "small.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    upload = tmp_path / "kewei-2024.md"
    upload.write_bytes((CORPUS / "kewei-2024.md").read_bytes())
    async with staff_browser(service_over(db, tmp_path / "state.db")) as (_, page):
        assert await page.inner_text("#report-count") == "1"
        await page.evaluate("window.notReloaded = true")
        await page.set_input_files("#files", [str(upload)])
        await page.click("#upload button[type=submit]")
        await page.locator("#report-count", has_text="2").wait_for()
        assert await page.evaluate("window.notReloaded") is True
        assert await page.locator("#reports tbody tr").count() == 2


@pytest.mark.usefixtures("staff_env")
@pytest.mark.parametrize("width", [360, 768, 1024, 1440])
async def test_an_uncertain_cells_explanation_stays_on_screen(corpus_db: Path, tmp_path: Path, width: int) -> None:
    async with staff_browser(service_over(corpus_db, tmp_path / "state.db")) as (base, page):
        await page.set_viewport_size({"width": width, "height": 800})
        await page.goto(f"{base}/staff/report/{_report_id(corpus_db, '平潭综合实验区', 2019)}")
        cells = await page.locator("td.uncertain").all()
        assert len(cells) >= 10  # every cell glued by the crawler
        for cell in cells:
            await cell.scroll_into_view_if_needed()
            await cell.hover()
            box = await cell.evaluate("""c => {
                const s = getComputedStyle(c, '::after'), r = c.getBoundingClientRect();
                const width = parseFloat(s.width);
                const left = s.position === 'fixed' ? parseFloat(s.left) : r.right - width;
                return {left, right: left + width, content: s.content, view: innerWidth};
            }""")
            assert "数字粘连" in box["content"]
            assert box["left"] >= 0 and box["right"] <= box["view"], (width, box)
        await page.screenshot(path=str(tmp_path / f"uncertain-{width}.png"))
