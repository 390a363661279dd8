"""The teaching routes over HTTP: behind the login, the form for an entry of the feedback list (or 404), refusals
as 400 pages with the reason, "not in the reports" from the form, saving and undoing by POST only."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from bot.web.app import create_app
from knowledge.ingest.files import rebuild
from tests.bot.staff.test_routes import _login, staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_app import client_for
from tests.conftest import CORPUS, service_over

QUESTION = "蓟州区2020年收件多少"
FIELDS = {"question": QUESTION, "previous": "", "phrase": "收件", "concept": "app_row:new_received"}


async def _key(client: httpx.AsyncClient) -> str:
    page = (await client.get("/staff/feedback")).text
    link = html.unescape(re.findall(r'href="/staff/teach\?([^"]+)"', page)[0])
    return parse_qs(link)["key"][0]


@pytest.mark.usefixtures("staff_env")
async def test_teaching_routes_refuse_in_words_and_keep_only_on_post(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    service = service_over(db, tmp_path / "state.db")
    async with client_for(create_app(service)) as client:
        anonymous = await client.post("/staff/teach/save", data=FIELDS)
        await _login(client)
        await client.post("/api/ask", json={"question": QUESTION, "chat": "a"})
        form = await client.get("/staff/teach", params={"key": await _key(client)})
        missing = await client.get("/staff/teach", params={"key": "没有这一条"})
        year = await client.get("/staff/teach/preview", params={**FIELDS, "phrase": "2020年收件"})
        place = await client.post("/staff/teach/save", data={**FIELDS, "phrase": "蓟州区"})
        preview = await client.get("/staff/teach/preview", params=FIELDS)
        kept_by_preview = service.ask(QUESTION).status
        saved = await client.post("/staff/teach/save", data={**FIELDS, "who": "张三"})
        answered = [f.value for f in service.ask(QUESTION).figures]
        no_id = await client.post("/staff/teach/undo", data={"id": "x"})
        undone = await client.post("/staff/teach/undo", data={"id": "1"})
        twice = await client.post("/staff/teach/undo", data={"id": "1"})
    assert anonymous.status_code == 401 and missing.status_code == 404
    assert form.status_code == 200 and 'value="收件"' in form.text and 'value="not_in_reports"' in form.text
    assert year.status_code == 400 and "年份或数字" in year.text
    assert place.status_code == 400 and "机关或地方的名称" in place.text
    assert preview.status_code == 200 and "191件" in preview.text and kept_by_preview == "not_found"
    assert saved.status_code == 303 and saved.headers["location"] == "/staff/taught#taught-1"
    assert answered == [191]
    assert no_id.status_code == 400 and undone.status_code == 303
    assert twice.status_code == 400 and "没有编号为 1 的" in twice.text
    assert service.ask(QUESTION).status == "not_found"
