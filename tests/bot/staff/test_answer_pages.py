"""The page of one feedback entry through the real application: behind the login, 404 for an entry not in the
list, the cells linked to their reports' correction form, and a correction saved from an entry marking it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bot.web.app import create_app
from knowledge.ingest.files import rebuild
from knowledge.staff import group_feedback
from tests.bot.staff.test_routes import TOKEN, staff_env  # noqa: F401 (a fixture)
from tests.bot.web.test_app import client_for
from tests.conftest import CORPUS, service_over

GLUED = "active.art20_1|normative_documents|made"
QUESTION = "平潭2019年规范性文件本年新制作数量"


def _key(page: str) -> str:
    return html.unescape(re.findall(r'name="key" value="([^"]+)"', page)[0])


@pytest.mark.usefixtures("staff_env")
async def test_an_entrys_cells_link_to_the_form_and_a_correction_marks_it(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    service = service_over(db, tmp_path / "state.db")
    service.ask(QUESTION, chat="c1")
    async with client_for(create_app(service)) as client:
        anonymous = await client.get("/staff/entry", params={"key": "x"})
        await client.post("/staff/login", data={"token": TOKEN})
        key = _key((await client.get("/staff/feedback")).text)
        missing = await client.get("/staff/entry", params={"key": "no such entry"})
        page = (await client.get("/staff/entry", params={"key": key})).text
        link = html.unescape(re.findall(r'href="(/staff/report/[^"]+)" class="correct-cell"', page)[0])
        form = (await client.get(link)).text
        report = link.split("?")[0]
        saved = await client.post(report + "/correct", data={"cell": GLUED, "value": "89", "reason": "按网站原文",
                                                             "entry": key})
        plain = (await client.get(report)).text
    assert anonymous.status_code == 303 and missing.status_code == 404
    assert "无法可靠读出" in page and "印作“898989”" in page and 'id="answer-now"' in page
    assert f'<option value="{html.escape(GLUED)}" selected="selected">' in form
    assert f'name="entry" value="{html.escape(key)}"' in form and QUESTION in form
    assert saved.status_code == 303 and 'name="entry"' not in plain  # a report page reached otherwise: no entry
    assert [(k, m.state) for k, m in service.feedback_marks().items()] == [(key, "corrected")]


@pytest.mark.usefixtures("staff_env")
async def test_a_correction_made_without_an_entry_marks_none(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    service = service_over(db, tmp_path / "state.db")
    service.ask(QUESTION, chat="c1")
    async with client_for(create_app(service)) as client:
        await client.post("/staff/login", data={"token": TOKEN})
        report = re.findall(r'href="(/staff/report/\d+)"', (await client.get("/staff")).text)[0]
        saved = await client.post(report + "/correct", data={"cell": GLUED, "value": "89", "reason": "按网站原文"})
        refused = await client.post(report + "/correct", data={"cell": GLUED, "value": "x", "reason": "r",
                                                               "entry": "k"})
    assert saved.status_code == 303 and refused.status_code == 400
    assert service.feedback_marks() == {}  # neither the correction without an entry nor a refused one marks


@pytest.mark.usefixtures("staff_env")
async def test_undoing_a_correction_opens_again_only_the_entries_resting_on_it(tmp_path: Path) -> None:
    db = tmp_path / "kb" / "base.db"
    rebuild(db, [CORPUS / "pingtan-2019.txt"])
    service = service_over(db, tmp_path / "state.db")
    other = "平潭2019年收到多少申请"
    for chat, question in (("c1", QUESTION), ("c2", other)):
        service.ask(question, chat=chat)
        service.vote(chat, -1, question)
    async with client_for(create_app(service)) as client:
        await client.post("/staff/login", data={"token": TOKEN})
        entries = {e.question: e.key for e in group_feedback(service.feedback(), service.feedback_marks())}
        report = re.findall(r'href="(/staff/report/\d+)"', (await client.get("/staff")).text)[0]
        await client.post(report + "/correct", data={"cell": GLUED, "value": "89", "reason": "按网站原文",
                                                     "entry": entries[QUESTION]})
        await client.post("/staff/feedback/mark", data={"key": entries[other], "state": "corrected"})
        undone = await client.post(report + "/correct", data={"cell": GLUED, "undo": "1"})
    marks = {key: m.state for key, m in service.feedback_marks().items()}
    assert undone.status_code == 303
    assert marks == {entries[QUESTION]: "open", entries[other]: "corrected"}
