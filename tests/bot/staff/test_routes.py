"""The staff pages through the real application: access, report pages, upload, feedback; and export."""

from __future__ import annotations

import ast
import csv
import hashlib
import html
import io
import json
import re
import sqlite3
import stat
import tomllib
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from bot.staff.routes import (
    COOKIE,
    LOGIN_ATTEMPTS,
    LOGIN_WINDOW_SECONDS,
    SESSION_SECONDS,
    StaffAuth,
    staff_routes,
)
from bot.web.app import create_app
from knowledge.ingest.files import rebuild
from knowledge.ingest.uploads import UploadLimits
from knowledge.model import FeedbackRow
from knowledge.service import Service
from knowledge.staff import explain_failed, group_feedback
from knowledge.store import ReportReader
from parsers.checks import ProseComparison, explain
from parsers.identities import evaluate, identities, identity
from parsers.records import Check, Fact
from parsers.template import TEMPLATES
from tests.bot.test_cli import run
from tests.bot.web.test_app import client_for
from tests.conftest import CORPUS, ROOT, service_over

TOKEN = "staff-token-for-tests-0123456789"
FAILING = ("review_litigation.group_sum", "applications.results_sum", "applications.applicants_sum",
           "applications.balance")


@pytest.fixture
def staff_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The token set, and a config whose reports folder is in the test's own folder."""
    reports = tmp_path / "reports"
    config = tmp_path / "config.toml"
    config.write_text(f'[knowledge]\nreports = "{reports}"\n', encoding="utf-8")
    monkeypatch.setenv("XXGK_CONFIG", str(config))
    monkeypatch.setenv("XXGK_STAFF_TOKEN", TOKEN)
    return reports


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A knowledge base of one report, for uploads to add to."""
    db = tmp_path / "kb" / "small.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])
    return db


def _answerer(db: Path, tmp_path: Path) -> Service:
    return service_over(db, tmp_path / "state.db")


async def _login(client: httpx.AsyncClient) -> httpx.Response:
    return await client.post("/staff/login", data={"token": TOKEN})


def _report_id(db: Path, issuer: str, year: int) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT id FROM reports WHERE issuer = ? AND year = ?", [issuer, year]).fetchone()[0])


async def test_without_token_pages_are_off_and_say_how(corpus_db: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XXGK_STAFF_TOKEN", raising=False)
    async with client_for(create_app(_answerer(corpus_db, tmp_path))) as client:
        for path in ("/staff", "/staff/login", "/staff/feedback", "/staff/report/1"):
            page = await client.get(path)
            assert page.status_code == 503 and "XXGK_STAFF_TOKEN" in page.text, path
        assert (await client.post("/staff/login", data={"token": ""})).status_code == 503
        assert (await client.post("/staff/upload", files={"files": ("a.txt", b"x")})).status_code == 503
        assert (await client.get("/")).status_code == 200
        assert (await client.post("/api/ask", json={"question": "蓟州区2020年收到多少申请"})).json()["status"] == "answered"
    monkeypatch.setenv("XXGK_STAFF_TOKEN", "short")
    async with client_for(create_app(_answerer(corpus_db, tmp_path))) as client:
        page = await client.get("/staff")
        assert page.status_code == 503 and "太短" in page.text


async def test_login_cookie_and_logout(corpus_db: Path, tmp_path: Path, staff_env: Path) -> None:
    async with client_for(create_app(_answerer(corpus_db, tmp_path))) as client:
        first = await client.get("/staff")
        assert first.status_code == 303 and first.headers["location"] == "/staff/login"
        assert (await client.post("/staff/upload", files={"files": ("a.txt", b"x")})).status_code == 401
        wrong = await client.post("/staff/login", data={"token": TOKEN[:-1] + "x"})
        assert wrong.status_code == 403 and "令牌不对" in wrong.text and COOKIE not in client.cookies
        login = await _login(client)
        assert login.status_code == 303
        cookie = login.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/staff" in cookie
        assert TOKEN not in cookie  # the cookie holds a signature, never the token
        home = await client.get("/staff")
        assert home.status_code == 200 and "洪泽区人民政府" in home.text
        assert "default-src 'none'" in home.headers["content-security-policy"]
        assert not re.search(r"""(src|href)=["']https?://""", home.text)  # no external assets
        foreign = await client.post("/staff/logout", headers={"Origin": "https://evil.example"})
        assert foreign.status_code == 403
        out = await client.post("/staff/logout")
        assert out.status_code == 303 and 'xxgk_staff=""' in out.headers["set-cookie"]
        assert (await client.get("/staff")).status_code == 303


def test_session_cookie_is_signed_and_expires() -> None:
    auth = StaffAuth(TOKEN)
    session = auth.session(now=1_000_000)
    assert auth.valid(session, now=1_000_000 + 60)
    assert not auth.valid(session, now=1_000_000 + SESSION_SECONDS + 1)
    issued, signature = session.split(".")
    assert not auth.valid(f"{int(issued) + 1}.{signature}", now=1_000_000 + 60)
    assert not StaffAuth(TOKEN + "other").valid(session, now=1_000_000 + 60)
    assert not auth.valid("", now=1) and not auth.accepts("") and auth.accepts(TOKEN)


async def test_report_page_draws_tables_with_failing_cells_explained(corpus_db: Path, tmp_path: Path,
                                                                    staff_env: Path) -> None:
    rid = _report_id(corpus_db, "上海市人民政府办公厅", 2019)
    async with client_for(create_app(_answerer(corpus_db, tmp_path))) as client:
        await _login(client)
        page = (await client.get(f"/staff/report/{rid}")).text
        assert (await client.get("/staff/report/99999")).status_code == 404
    cell = re.search(r'<td class="([^"]*)" title="([^"]*)" data-key="applications\|total_processed\|total"', page)
    assert cell and "failing" in cell.group(1)
    assert "“总计”列：办理结果各项均为空白，总计栏为805件" in cell.group(2)
    assert '<li id="problem-0">“总计”列：办理结果各项均为空白，总计栏为805件</li>' in page
    blank = re.search(r'<td class="([^"]*)"[^>]*data-key="applications\|granted\|total"[^>]*>(.*?)</td>', page)
    assert blank and "blank" in blank.group(1) and re.sub(r"<[^>]+>|&#8203;", "", blank.group(2)) == ""
    # Row labels are printed as the template nests them: 三、本年度办理结果 spans its result rows.
    assert re.search(r'<th rowspan="\d+" colspan="1">三、本年度办理结果</th>', page)
    assert "shanghai-office-2019.html（html）" in page
    assert "予以公开及部分公开258件" in page  # a prose figure with its clause
    assert "<details><summary>" in page


async def test_pdf_report_shows_pages_and_uncertain_cells_show_their_warning(corpus_db: Path, tmp_path: Path,
                                                                            staff_env: Path) -> None:
    hongze, pingtan = _report_id(corpus_db, "洪泽区人民政府", 2023), _report_id(corpus_db, "平潭综合实验区", 2019)
    async with client_for(create_app(_answerer(corpus_db, tmp_path))) as client:
        await _login(client)
        pdf = (await client.get(f"/staff/report/{hongze}")).text
        glued = (await client.get(f"/staff/report/{pingtan}")).text
    review = re.search(r'<td class="([^"]*)" title="([^"]*)" data-key="review_litigation\|count\|review\.total" '
                       r'data-page="(\d+)"', pdf)
    assert review and "failing" in review.group(1) and "原件第" in review.group(2)
    assert "行政复议：结果维持、结果纠正、其他结果、尚未审结相加为11件，总计栏为0件" in review.group(2)
    assert re.search(r'<p class="pages">原件第\d', pdf)
    uncertain = re.findall(r'class="cell uncertain" title="[^"]*" data-key="[^"]+" data-warning="([^"]+)"', glued)
    assert uncertain and all("数字粘连" in w for w in uncertain)


def test_every_failing_identity_of_the_corpus_is_explained_in_words(corpus_db: Path) -> None:
    with ReportReader(corpus_db) as base:
        failed = [(report, check) for report in base.reports() for check in base.failed_checks(report.id)]
        assert len(failed) >= 5 and "prose.table" in {c.check_id for _, c in failed}
        for report, check in failed:
            cells = base.cells(report.id)
            text = explain_failed(check, cells, report.template, base.facts(report.id))
            assert check.check_id not in text and "vs" not in text and "不一致" not in text, text
            ident = identity(check.check_id, check.scope, TEMPLATES.get(report.template, TEMPLATES["2021"]))
            if check.check_id in FAILING:
                assert ident and all(k in cells for k in ident.left), check.check_id
            # The words state the same two figures the check compared ("805 vs 0", "正文 17 vs 表格 95").
            figures = re.findall(r"[\d.]+", check.detail.split("（")[0])
            assert len(figures) == 2, check.detail
            for figure in figures:
                assert figure in text or ("空白" in text and figure == "0"), (text, figure)


def test_explain_over_plain_records() -> None:
    values: dict[str, float | int | None] = {"review_litigation|count|review.total": None}
    for part, value in zip(("upheld", "corrected", "other", "pending"), (3, None, 1, 0), strict=True):
        values[f"review_litigation|count|review.{part}"] = value
    check = Check("review_litigation.group_sum", "review", False, "0 vs 4（空白按0计）")
    text = explain(check, values, TEMPLATES["2021"])
    assert text == "行政复议：结果维持、结果纠正、其他结果、尚未审结相加为4件（空白按0计），总计栏为空白"
    covered = identity(check.id, check.scope, TEMPLATES["2021"])
    assert covered and evaluate(covered, values).check() == check
    said = [Fact("一、总体情况", "全年受理申请12件", 12, "件")]
    table = {"applications|new_received|total": 10}
    prose = explain(Check("prose.table", "全年受理申请12件", False, "正文 12 vs 表格 10"), table, TEMPLATES["2021"], said)
    assert prose == "正文写“全年受理申请12件”（12件），表格中相应栏目合计为10件"
    # Without the fact the check was made on, the words fall back to what was stored.
    stale = explain(Check("prose.table", "全年受理申请12件", False, "正文 12 vs 表格 9"), table, TEMPLATES["2021"], said)
    assert stale == "正文“全年受理申请12件”与表格不一致：正文 12 vs 表格 9"
    assert ProseComparison("全年受理申请12件", 12, 10).check() == Check("prose.table", "全年受理申请12件", False,
                                                                   "正文 12 vs 表格 10")


def test_each_identity_is_defined_once_per_scope() -> None:
    for template in TEMPLATES.values():
        found = identities(template)
        assert len({(i.id, i.scope) for i in found}) == len(found)
        cells = {(t.id, r.key, c.key) for t in template.tables for r in t.rows for c in t.columns}
        assert all(tuple(k.split("|")) in cells for i in found for k in i.cells)
        assert {i.id for i in found} == {"applications.balance", "applications.results_sum",
                                         "applications.applicants_sum", "review_litigation.group_sum"}


def _upload_app(db: Path, tmp_path: Path, reports: Path, limits: UploadLimits | None = None) -> Starlette:
    return Starlette(routes=staff_routes(db, service_over(db, tmp_path / "state.db"), TOKEN, reports, limits))


async def test_an_uploaded_report_is_kept_as_readable_as_the_bundled_ones(small_db: Path, tmp_path: Path,
                                                                           staff_env: Path) -> None:
    good = (CORPUS / "shanghai-office-2019.html").read_bytes()
    async with client_for(create_app(_answerer(small_db, tmp_path))) as client:
        await _login(client)
        response = await client.post("/staff/upload", files=[("files", ("shanghai-office-2019.html", good))],
                                     headers={"Accept": "application/json"})
        assert response.json()["results"][0]["status"] == "stored"
    kept = [p for p in staff_env.iterdir() if p.read_bytes() == good]
    assert len(kept) == 1 and stat.S_IMODE(kept[0].stat().st_mode) == 0o644


async def test_login_attempts_of_a_client_are_limited(corpus_db: Path, tmp_path: Path, staff_env: Path) -> None:
    async with client_for(create_app(_answerer(corpus_db, tmp_path))) as client:
        guesses = [(await client.post("/staff/login", data={"token": f"guess-{n}"})).status_code
                   for n in range(LOGIN_ATTEMPTS)]
        assert guesses == [403] * LOGIN_ATTEMPTS
        refused = await _login(client)
        assert refused.status_code == 429 and "分钟后再试" in refused.text
        assert 0 < int(refused.headers["Retry-After"]) <= LOGIN_WINDOW_SECONDS


async def test_upload_good_and_bad_files_each_get_their_line(small_db: Path, tmp_path: Path,
                                                             staff_env: Path) -> None:
    answerer = _answerer(small_db, tmp_path)
    good = (CORPUS / "shanghai-office-2019.html").read_bytes()
    files = [("files", ("shanghai-office-2019.html", good)), ("files", ("broken.txt", b"\x00\xff" * 50)),
             ("files", ("notes.exe", b"MZ"))]
    async with client_for(create_app(answerer)) as client:
        await _login(client)
        before = (await client.post("/api/ask", json={"question": "上海市人民政府办公厅2019年行政复议几件"})).json()
        response = await client.post("/staff/upload", files=files, headers={"Accept": "application/json"})
        results = response.json()["results"]
        assert [r["status"] for r in results] == ["stored", "failed", "failed"]
        assert results[0]["line"].startswith("[1/3] stored    shanghai-office-2019.html  上海市人民政府办公厅 2019")
        assert results[1]["line"].startswith("[2/3] failed    broken.txt：") and results[1]["detail"]
        assert "不支持的文件类型" in results[2]["line"]
        assert results[0]["report_id"] == _report_id(small_db, "上海市人民政府办公厅", 2019)
        # The running bot picks up the new base; the good file is kept in the reports folder, the bad ones not.
        after = (await client.post("/api/ask", json={"question": "上海市人民政府办公厅2019年行政复议几件"})).json()
        assert before["status"] != "answered" and after["answer"]["value"] == 7
        assert sorted(p.name for p in staff_env.iterdir()) == ["shanghai-office-2019.html"]
        again = (await client.post("/staff/upload", files=files[:1])).json()["results"]
        assert again[0]["status"] == "unchanged"
        changed = good + "<!-- 重新发布 -->".encode()
        replaced = (await client.post("/staff/upload", files=[("files", ("shanghai-office-2019.html", changed))]))
        assert replaced.json()["results"][0]["status"] == "replaced"
    assert (staff_env / "shanghai-office-2019.html").read_bytes() == changed


async def test_upload_limits(small_db: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    limits = UploadLimits(max_bytes=200_000, max_files=2)
    good = (CORPUS / "jizhou-2020.txt").read_bytes()
    assert len(good) < limits.max_bytes
    async with client_for(_upload_app(small_db, tmp_path, reports, limits)) as client:
        await _login(client)
        many = await client.post("/staff/upload", files=[("files", (f"{i}.txt", good)) for i in range(3)])
        assert many.status_code == 400 and "一次最多 2 个文件" in many.json()["error"]
        big = await client.post("/staff/upload", files=[("files", ("big.pdf", b"%PDF" + b"0" * 250_000)),
                                                        ("files", ("../../jizhou-2020.txt", good))])
        lines = [r["line"] for r in big.json()["results"]]
        assert "文件过大" in lines[0] and " jizhou-2020.txt " in lines[1] + " "
        assert (tmp_path / "jizhou-2020.txt").exists() is False  # no way out of the reports folder
        huge = await client.post("/staff/upload", content=b"x" * 10, headers={"Content-Length": str(10**9),
                                                                             "Content-Type": "multipart/form-data"})
        assert huge.status_code == 413
        page = await client.post("/staff/upload", files=[("files", ("notes.exe", b"MZ"))],
                                 headers={"Accept": "text/html,application/xhtml+xml"})
        assert page.headers["content-type"].startswith("text/html")  # the form without JavaScript
        assert '<div class="line failed">failed    notes.exe：不支持的文件类型' in page.text
        none = await client.post("/staff/upload", data={"other": "1"})
        assert none.status_code == 400
        foreign = await client.post("/staff/upload", files=[("files", ("a.txt", good))],
                                    headers={"Origin": "https://evil.example"})
        assert foreign.status_code == 403


async def test_failed_upload_leaves_the_old_base(small_db: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.ingest.uploads

    reports = tmp_path / "reports"
    before = hashlib.sha256(small_db.read_bytes()).hexdigest()

    def crash(*stored: object) -> None:
        raise KeyboardInterrupt  # what no per-file handler may swallow: the whole upload stops

    monkeypatch.setattr(knowledge.ingest.uploads, "store_report", crash)
    async with client_for(_upload_app(small_db, tmp_path, reports)) as client:
        await _login(client)
        with pytest.raises(KeyboardInterrupt):
            await client.post("/staff/upload", files=[("files", ("a.txt", (CORPUS / "pingtan-2022.txt").read_bytes()))])
    assert hashlib.sha256(small_db.read_bytes()).hexdigest() == before
    assert not list(reports.glob("*")) and not list(small_db.parent.glob("*.writing*"))


async def test_feedback_groups_questions_not_answered_or_voted(corpus_db: Path, tmp_path: Path,
                                                              staff_env: Path) -> None:
    answerer = _answerer(corpus_db, tmp_path)
    async with client_for(create_app(answerer)) as client:
        await _login(client)
        for chat, question in (("a", "今天天气怎么样"), ("b", "今天天气怎么样？"), ("c", "<b>机关食堂</b>几点开门"),
                               ("d", "蓟州区2020年收到多少申请"), ("e", "蓟州区2020年收到多少申请")):
            await client.post("/api/ask", json={"question": question, "chat": chat})
        await client.post("/api/vote", json={"chat": "d", "vote": -1})
        await client.post("/api/vote", json={"chat": "e", "vote": 1})
        page = (await client.get("/staff/feedback")).text
    rows = re.findall(r'<tr id="entry-\d+" class="(\w+)"><td class="question"><div>(.*?)</div></td>'
                      r"<td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>([\d: -]+)</td>", page)
    assert rows[0][1:7] == ("今天天气怎么样？", "2", "2", "0", "0", "2")
    assert ("蓟州区2020年收到多少申请", "2", "0", "1", "1", "2") in [r[1:7] for r in rows]
    assert "&lt;b&gt;机关食堂&lt;/b&gt;几点开门" in page and "<b>机关食堂" not in page
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", r[7]) for r in rows)
    assert {r[0] for r in rows} == {"open"}


async def test_staff_set_an_entrys_state_and_list_one_state(corpus_db: Path, tmp_path: Path, staff_env: Path) -> None:
    answerer = _answerer(corpus_db, tmp_path)
    async with client_for(create_app(answerer)) as client:
        await _login(client)
        for chat, question in (("a", "今天天气怎么样"), ("b", "政务大厅几点开门")):
            await client.post("/api/ask", json={"question": question, "chat": chat})
        page = (await client.get("/staff/feedback")).text
        key = html.unescape(re.findall(r'name="key" value="([^"]+)"', page)[0])
        marked = await client.post("/staff/feedback/mark", data={"key": key, "state": "not_in_reports",
                                                                 "shown": "open"})
        shown = (await client.get(marked.headers["location"])).text
        dealt = (await client.get("/staff/feedback", params={"state": "not_in_reports"})).text
        refused = await client.post("/staff/feedback/mark", data={"key": key, "state": "done"})
        anonymous = httpx.AsyncClient(transport=client._transport, base_url="http://testserver")
        outsider = await anonymous.post("/staff/feedback/mark", data={"key": key, "state": "open"})
        await anonymous.aclose()
    assert marked.status_code == 303 and marked.headers["location"] == "/staff/feedback?state=open"
    assert shown.count('<tr id="entry-') == 1 and dealt.count('<tr id="entry-') == 1
    assert "报告中没有（1）" in dealt and "待处理（1）" in dealt
    assert refused.status_code == 400 and outsider.status_code == 401
    assert [m.state for m in answerer.feedback_marks().values()] == ["not_in_reports"]


def test_group_feedback_counts_last_time_and_the_turn_before() -> None:
    rows = [{"chat": "a", "question": "天气", "answer_key": "", "status": "not_found", "vote": 0, "at": 10.0},
            {"chat": "a", "question": "天气 ", "answer_key": "", "status": "not_found", "vote": 0, "at": 30.0},
            {"chat": "b", "question": "申请", "answer_key": "k", "status": "answered", "vote": 1, "at": 40.0},
            {"chat": "b", "question": "申请", "answer_key": "k", "status": "answered", "vote": -1, "at": 20.0},
            {"chat": "c", "question": "那2019年呢", "answer_key": "", "status": "not_found", "vote": 0, "at": 50.0,
             "previous": "平潭2020年收到多少申请"},
            {"chat": "d", "question": "那2019年呢", "answer_key": "", "status": "not_found", "vote": 0, "at": 60.0,
             "previous": "蓟州区2020年收到多少申请"},
            {"chat": "e", "question": "申请", "answer_key": "k", "status": "answered", "vote": 0, "at": 70.0}]
    entries = group_feedback([FeedbackRow(**row) for row in rows], {})
    assert [(e.question, e.previous, e.count, e.not_found, e.voted_wrong, e.voted_right, e.chats, e.last_at)
            for e in entries] == [("天气", "", 2, 2, 0, 0, 1, 30.0),
                                  ("那2019年呢", "蓟州区2020年收到多少申请", 1, 1, 0, 0, 1, 60.0),
                                  ("那2019年呢", "平潭2020年收到多少申请", 1, 1, 0, 0, 1, 50.0),
                                  ("申请", "", 2, 0, 1, 1, 1, 40.0)]


def test_export_csv_and_json_with_sources(corpus_db: Path) -> None:
    out = run("export", "--issuer", "洪泽", "--year", "2023", "--db", str(corpus_db))
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    with sqlite3.connect(corpus_db) as conn:
        rid = _report_id(corpus_db, "洪泽区人民政府", 2023)
        cells, facts = (conn.execute(f"SELECT count(*) FROM {t} WHERE report_id = ?", [rid]).fetchone()[0]
                        for t in ("cells", "facts"))
    assert sum(r["kind"] == "cell" for r in rows) == cells and sum(r["kind"] == "fact" for r in rows) == facts
    assert {r["issuer"] for r in rows} == {"洪泽区人民政府"}
    assert all(r["file"] == "hongze-2023.pdf" and r["page"] for r in rows if r["kind"] == "cell")
    data = json.loads(run("export", "--format", "json", "--year", "2019", "--db", str(corpus_db)).stdout)
    assert data["cells"] and data["facts"] and {c["year"] for c in data["cells"]} == {2019}
    assert all({"label", "value", "raw", "file"} <= set(c) for c in data["cells"])
    assert all({"text", "value", "unit", "section"} <= set(f) for f in data["facts"])


def test_license_is_an_spdx_string() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_channels_do_not_reach_into_storage() -> None:
    forbidden = {"sqlite3", "sqlite_utils", "rapidfuzz", "knowledge.store.read"}
    for path in (ROOT / "bot").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not names & forbidden, (path.name, names & forbidden)


async def test_public_report_list_explains_failed_checks_in_words(corpus_db: Path, tmp_path: Path) -> None:
    async with client_for(create_app(_answerer(corpus_db, tmp_path))) as client:
        reports = (await client.get("/api/reports")).json()
        page = (await client.get("/")).text
    details = [d for r in reports for d in r["failed_checks"]]
    assert details and not [d for d in details if re.search(r"[a-z_]+\.[a-z_]+\[|\bvs\b", d)]
    assert '<a href="/staff">' in page


async def test_upload_form_takes_the_servers_report_types_and_limits(small_db: Path, tmp_path: Path) -> None:
    """The file picker accepts the types the server takes, and the limits it states are the server's."""
    limits = UploadLimits(max_bytes=3 * 2**20, max_files=4, suffixes=frozenset({".txt", ".pdf"}))
    async with client_for(_upload_app(small_db, tmp_path, tmp_path / "reports", limits)) as client:
        await _login(client)
        home = (await client.get("/staff")).text
    assert 'accept=".pdf,.txt"' in home and "一次最多 4 个文件，每个不超过 3 MB，类型：.pdf、.txt" in home
    async with client_for(_upload_app(small_db, tmp_path, tmp_path / "reports")) as client:
        await _login(client)
        home = (await client.get("/staff")).text
    accepted = re.search(r'<input type="file"[^>]* accept="([^"]*)"', home)
    assert accepted and set(accepted.group(1).split(",")) == set(UploadLimits().suffixes) >= {".pdf", ".docx"}
