"""A series answer on the ask page carries its chart, drawn by the browser from SVG, with the figures as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.web.test_browser import CHROMIUM, ask_page
from tests.conftest import service_over

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")


async def test_a_series_answer_shows_a_chart_beside_its_figures(corpus_db: Path, tmp_path: Path) -> None:
    async with ask_page(service_over(corpus_db, tmp_path / "state.db")) as (page, ask):
        data = await ask("平潭历年收到多少申请")
        chart = page.locator("#answer-text figure.chart img")
        await chart.wait_for()
        size = await chart.evaluate("i => [i.complete, i.naturalWidth, i.getBoundingClientRect().width]")
        assert size[0] and size[1] > 0 and size[2] > 0  # the browser drew the SVG (the page's CSP allowed it)
        alt = await chart.get_attribute("alt") or ""
        for figure in data["figures"]:
            assert f"{figure['year']}年 {figure['value']}件" in alt
        text = await page.inner_text("#answer-text")
        assert "出处" in text and "218件" in text
        await page.screenshot(path=str(tmp_path / "series-chart.png"), full_page=True)
        await ask("平潭2020年收到多少申请")
        assert await page.locator("#answer-text figure.chart").count() == 0
    assert (tmp_path / "series-chart.png").stat().st_size > 10_000
