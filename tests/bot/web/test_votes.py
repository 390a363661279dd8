"""👍/👎 on the public ask page (with and without JavaScript) and the JSON API, seen on the staff feedback page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.web.app import create_app
from tests.bot.staff.test_routes import staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_app import client_for
from tests.bot.web.test_browser import CHROMIUM, staff_browser
from tests.conftest import service_over

QUESTION = "蓟州区2020年收到多少政府信息公开申请"
FOLLOW_UP = "那2030年呢"  # a year no report is held for: a miss that says nothing without the turn before


async def test_the_api_votes_on_the_chats_last_answer(corpus_db: Path, tmp_path: Path) -> None:
    service = service_over(corpus_db, tmp_path / "state.db")
    async with client_for(create_app(service)) as client:
        nothing = await client.post("/api/vote", json={"chat": "v", "vote": 1})
        asked = (await client.post("/api/ask", json={"question": QUESTION, "chat": "v"})).json()
        stale = await client.post("/api/vote", json={"chat": "v", "vote": -1, "question": "另一个问题"})
        voted = await client.post("/api/vote", json={"chat": "v", "vote": -1, "question": asked["question"]})
        bad = [await client.post("/api/vote", json=body) for body in (
            {"chat": "v", "vote": 2}, {"chat": "v", "vote": True}, {"vote": 1}, {"chat": "v", "vote": 1, "question": 5})]
    assert nothing.status_code == 409 and nothing.json()["error"]
    assert stale.status_code == 409
    assert voted.status_code == 200 and voted.json() == {
        "recorded": True, "question": QUESTION, "status": "answered", "vote": -1, "said": voted.json()["said"]}
    assert [b.status_code for b in bad] == [400] * 4
    rows = service.feedback()
    assert [(r.chat, r.question, r.vote, r.answer_key) for r in rows if r.vote] == [
        ("v", QUESTION, -1, asked["answer"]["key"])]


async def test_the_ask_page_works_without_javascript(corpus_db: Path, tmp_path: Path) -> None:
    """The form posts to /, the answer comes back in the page with its vote buttons; /vote records the vote."""
    service = service_over(corpus_db, tmp_path / "state.db")
    async with client_for(create_app(service)) as client:
        page = (await client.get("/")).text
        chat = re.search(r'name="chat" value="([^"]+)"', page)
        assert chat is not None
        answered = (await client.post("/", data={"chat": chat[1], "question": QUESTION})).text
        assert "191件" in answered and 'action="/vote"' in answered
        voted = (await client.post("/vote", data={"chat": chat[1], "question": QUESTION, "vote": "1"})).text
        choices = (await client.post("/", data={"chat": chat[1], "question": "19年行政复议有几件"})).text
        picked = (await client.post("/", data={"chat": chat[1], "pick": "2"})).text
        refused = await client.post("/vote", data={"chat": chat[1], "vote": "9"})
    assert 'id="vote-said"' in voted and "191件" in voted and 'action="/vote"' not in voted
    assert choices.count('name="pick"') >= 2 and "出处" in picked and refused.status_code == 400
    assert [(r.question, r.vote) for r in service.feedback() if r.vote] == [(QUESTION, 1)]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")
@pytest.mark.usefixtures("staff_env")
async def test_vote_on_the_ask_page_and_see_it_on_the_staff_feedback_page(corpus_db: Path, tmp_path: Path) -> None:
    service = service_over(corpus_db, tmp_path / "state.db")
    async with staff_browser(service) as (base, staff):
        browser = staff.context.browser
        public = await browser.new_page()
        await public.goto(base + "/")
        await public.fill("#question", QUESTION)
        await public.click("#ask button[type=submit]")
        await public.locator("#answer-text", has_text="191件").wait_for()
        await public.screenshot(path=str(tmp_path / "ask-vote.png"), full_page=True)
        await public.click("#vote button.down")
        await public.locator("#vote-said", has_text="不对").wait_for()
        await public.fill("#question", FOLLOW_UP)
        await public.click("#ask button[type=submit]")
        await public.locator("#answer .status", has_text="未找到").wait_for()
        # The same question and a 👍 from a browser without JavaScript: the form posts and the page comes back.
        plain = await (await browser.new_context(java_script_enabled=False)).new_page()
        await plain.goto(base + "/")
        await plain.fill("#question", QUESTION)
        await plain.click("#ask button[type=submit]")
        await plain.click("#vote button.up")
        await plain.locator("#vote-said", has_text="有用").wait_for()

        await staff.goto(base + "/staff/feedback")
        row = staff.locator("#feedback tbody tr", has_text=QUESTION).filter(has_not_text="接着上一问")
        assert (await row.locator("td").all_inner_texts())[1:5] == ["2", "0", "1", "1"]
        follow = staff.locator("#feedback tbody tr", has_text=FOLLOW_UP)
        assert f"接着上一问：{QUESTION}" in await follow.locator("td.question").inner_text()
        await row.locator("select[name=state]").select_option("corrected")
        await row.locator("button:has-text('保存')").click()
        await staff.locator("#feedback tr.corrected", has_text=QUESTION).wait_for()
        assert "已更正" in await staff.locator("#feedback tr.corrected td.state").inner_text()
        assert await staff.locator("#feedback tbody tr").first.get_attribute("class") == "open"
        await staff.screenshot(path=str(tmp_path / "feedback-votes.png"), full_page=True)
    assert (tmp_path / "feedback-votes.png").stat().st_size > 5_000 < (tmp_path / "ask-vote.png").stat().st_size
    marks = service.feedback_marks()
    assert [m.state for m in marks.values()] == ["corrected"]


async def test_a_pick_outside_the_list_gets_the_list_and_the_numbers(corpus_db: Path, tmp_path: Path) -> None:
    service = service_over(corpus_db, tmp_path / "state.db")
    async with client_for(create_app(service)) as client:
        offered = (await client.post("/api/ask", json={"question": "19年行政复议有几件", "chat": "p"})).json()
        again = (await client.post("/api/ask", json={"chat": "p", "pick": 9})).json()
    count = len(offered["choices"])
    assert again["status"] == "ambiguous" and again["choices"] == offered["choices"]
    assert f"1 到 {count}" in again["reason"] and "没有第9项" in again["reason"]
