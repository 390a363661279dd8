"""Teaching from the list of unanswered questions, in a real browser: the form offers the words not understood and
the concepts by their labels, the preview lists the logged questions whose answers change, saving makes the bot
answer the question, undoing makes it unanswered again; a phrase that breaks the rules is refused in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.ingest.files import rebuild
from tests.bot.staff.test_routes import staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_browser import CHROMIUM, staff_browser
from tests.conftest import CORPUS, service_over

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")
# 收件 (items received) is an everyday word for the applications received that the lexicon does not hold.
QUESTION = "蓟州区2020年收件多少"
OTHER_USE = "平潭2019年收件数"  # another body's question using the same words
UNRELATED = "蓟州区2020年的电话是多少"


async def _ask(page, base: str, question: str) -> dict:  # type: ignore[no-untyped-def]
    return await (await page.request.post(base + "/api/ask", data={"question": question})).json()


@pytest.mark.usefixtures("staff_env")
async def test_teach_from_the_unanswered_list_preview_save_ask_and_undo(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt", CORPUS / "pingtan-2019.txt"])
    service = service_over(db, tmp_path / "state.db")
    for n, question in enumerate((QUESTION, OTHER_USE, UNRELATED)):
        assert service.ask(question, chat=f"c{n}").status == "not_found"
    async with staff_browser(service) as (base, page):
        await page.goto(base + "/staff/feedback")
        await page.locator("#feedback tr", has_text=QUESTION).locator("a.teach").click()
        assert await page.inner_text("#teach-question .question") == QUESTION
        assert "收件" in await page.inner_text("#unexplained")
        assert await page.input_value("#teach-form input[name=phrase]") == "收件"
        assert await page.locator("#teach-form option[value='app_row:new_received']").inner_text() == \
            "本年新收政府信息公开申请数量"
        await page.select_option("#teach-form select[name=concept]", "app_row:new_received")
        await page.click("#teach-form button[type=submit]")

        await page.wait_for_selector("#changes")
        questions = await page.locator("#changes td.question").all_inner_texts()
        assert questions == [QUESTION, OTHER_USE]  # the question taught from first; the unrelated one not listed
        assert (await page.inner_text("#changes td.before")).startswith("未回答")
        assert await page.locator("#changes td.after").first.inner_text() == \
            "天津市蓟州区 2020年 一、本年新收政府信息公开申请数量（总计）：191件"
        await page.screenshot(path=str(tmp_path / "teach-preview.png"), full_page=True)
        assert (await _ask(page, base, QUESTION))["status"] == "not_found"  # a preview keeps nothing

        await page.fill("#save-form input[name=who]", "张三")
        await page.click("#save-form button[type=submit]")
        await page.wait_for_selector("#taught")
        row = await page.inner_text("#taught tbody tr")
        assert "收件" in row and "本年新收政府信息公开申请数量" in row and "张三" in row and "撤销" in row
        answer = await _ask(page, base, QUESTION)
        assert [f["value"] for f in answer["figures"]] == [191]
        assert answer["figures"][0]["label"] == "一、本年新收政府信息公开申请数量（总计）"
        await page.goto(base + "/staff/feedback?state=taught")
        assert QUESTION in await page.inner_text("#feedback")

        await page.goto(base + "/staff/taught")
        await page.click("#taught form.undo button")
        await page.wait_for_selector("#taught")
        assert "已撤销" in await page.inner_text("#taught tbody tr")
        await page.screenshot(path=str(tmp_path / "taught-undone.png"), full_page=True)
        assert (await _ask(page, base, QUESTION))["status"] == "not_found"
    assert (tmp_path / "teach-preview.png").stat().st_size > 10_000


@pytest.mark.usefixtures("staff_env")
async def test_a_phrase_with_a_year_is_refused_in_words(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    service = service_over(db, tmp_path / "state.db")
    service.ask(QUESTION, chat="c")
    async with staff_browser(service) as (base, page):
        await page.goto(base + "/staff/feedback")
        await page.locator("#feedback tr", has_text=QUESTION).locator("a.teach").click()
        await page.fill("#teach-form input[name=phrase]", "2020年收件")
        async with page.expect_response(lambda r: "/staff/teach/preview" in r.url) as refused:
            await page.click("#teach-form button[type=submit]")
        assert (await refused.value).status == 400
        assert "年份或数字" in await page.inner_text("#teach-error")
        await page.click("a:has-text('返回')")
        assert await page.inner_text("#teach-question .question") == QUESTION
