"""The web process: JSON API, staff page, WeChat and Telegram webhooks, in-process and on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import re
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from bot.channels.telegram import build_application
from bot.channels.wechat.protocol import SafeMode, parse_xml, signature
from bot.conversation import MAX_QUESTION
from bot.render import answer_html, json_object, source_line
from bot.web.app import WebConfig, create_app
from knowledge.model import Answer, Figure
from knowledge.service import Service
from tests.bot.channels.fake_telegram import TOKEN, FakeTelegram, serving
from tests.conftest import service_over

TOKEN_WX = "AAAAA"


@pytest.fixture
def answerer(corpus_db: Path, tmp_path: Path) -> Service:
    return service_over(corpus_db, tmp_path / "state.db")


@contextlib.asynccontextmanager
async def client_for(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def signed(token: str = TOKEN_WX, timestamp: str = "1714037059", nonce: str = "486452656", **extra: str) -> dict:
    return {"signature": signature(token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce, **extra}


def text_xml(content: str, user: str = "oUser1", msg_id: str = "1001", msg_type: str = "text") -> bytes:
    return (f"<xml><ToUserName><![CDATA[gh_service]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>1714037059</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>").encode()


async def test_healthz_and_reports(answerer: Service) -> None:
    async with client_for(create_app(answerer)) as client:
        health = await client.get("/healthz")
        assert health.status_code == 200 and health.json()["reports"] == answerer.count_reports()
        reports = (await client.get("/api/reports")).json()
        hongze = next(r for r in reports if r["issuer"] == "洪泽区人民政府")
        assert hongze["checks_failed"] == 2 and len(hongze["failed_checks"]) == 2


async def test_api_ask_returns_the_cli_json(answerer: Service, corpus_db: Path, tmp_path: Path) -> None:
    async with client_for(create_app(answerer)) as client:
        response = await client.post("/api/ask", json={"question": "蓟州区2020年收到多少申请"})
    direct = json_object(service_over(corpus_db, tmp_path / "other.db").ask("蓟州区2020年收到多少申请"))
    assert response.status_code == 200 and response.json() == direct


async def test_api_ask_choices_and_followups(answerer: Service) -> None:
    async with client_for(create_app(answerer)) as client:
        first = (await client.post("/api/ask", json={"question": "19年行政复议有几件", "chat": "s1"})).json()
        assert first["status"] == "ambiguous"
        index = next(i for i, c in enumerate(first["choices"], 1) if c["figure"]["issuer"].startswith("上海"))
        picked = (await client.post("/api/ask", json={"chat": "s1", "pick": index})).json()
        assert picked["answer"]["value"] == 7
        follow = (await client.post("/api/ask", json={"question": "那行政诉讼呢", "chat": "s1"})).json()
        assert follow["answer"]["value"] == 9


@pytest.mark.parametrize(("body", "status"), [
    (b"{not json", 400), (b"[1, 2]", 400), (b'{"chat": "x"}', 400), (b'{"question": ""}', 400),
    (b'{"question": 5}', 400), (json.dumps({"question": "蓟" * 20_000}).encode(), 413),
    (b'{"chat": "nobody", "pick": 3}', 400), (b"\xff\xfe", 400),
])
async def test_api_ask_bad_requests_are_clear_json(answerer: Service, body: bytes, status: int) -> None:
    async with client_for(create_app(answerer)) as client:
        response = await client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status and response.json()["error"]


async def test_ask_page_has_no_external_assets_and_only_its_own_script(answerer: Service) -> None:
    async with client_for(create_app(answerer)) as client:
        response = await client.get("/")
    page, policy = response.text, response.headers["content-security-policy"]
    assert "<form" in page and "/api/ask" in page and f'maxlength="{MAX_QUESTION}"' in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert "default-src 'none'" in policy and "$" not in page.split("<script")[0]  # every placeholder filled
    nonce = re.search(r"script-src 'nonce-([^']+)'", policy).group(1)  # type: ignore[union-attr]
    assert page.count(f'nonce="{nonce}"') == 2 == page.count("nonce=")  # the one style and the one script


def test_pages_escape_every_value_that_is_not_markup() -> None:
    from bot.markup import Markup, element, join
    from bot.staff.pages import login_page

    cell = element("td", '<x>&"', class_="cell", title='"><script>', data_key="a|b", tabindex=None)
    assert cell == '<td class="cell" title="&quot;&gt;&lt;script&gt;" data-key="a|b">&lt;x&gt;&amp;&quot;</td>'
    assert join(["<i>", Markup("<i>")]) == "&lt;i&gt;<i>"
    page = login_page("NONCE", '<img src=x onerror="alert(1)">')
    assert "<img" not in page and "&lt;img src=x" in page and page.count('nonce="NONCE"') == 1


DIFFERENCE_OF_ZERO = "平潭2020年予以公开比2019年多几件"


def _paragraphs(markup: str) -> list[str]:
    """The text of each paragraph of the ask page's answer, as a reader sees it."""
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p[^>]*>(.*?)</p>", markup, re.S)]


@pytest.mark.parametrize("question", [DIFFERENCE_OF_ZERO, "19年行政复议有几件", "蓟州区2020年行政复议和行政诉讼一共几件",
                                      "蓟州区2020年申请的公开率是多少", "福州2020年收到多少申请"])
async def test_the_ask_page_gets_the_lines_every_channel_gets(answerer: Service, question: str) -> None:
    """/api/ask with "html": true renders with bot.render: the lines of the plain text, the choices left out."""
    async with client_for(create_app(answerer)) as client:
        data = (await client.post("/api/ask", json={"question": question, "html": True})).json()
        plain = (await client.post("/api/ask", json={"question": question})).json()
    assert "html" not in plain and data["html"] == answer_html(Answer.from_dict(data))
    choices = {f"{i}. {c['label']}" for i, c in enumerate(data["choices"], 1)} | {"回复序号即可选择。"}
    assert _paragraphs(data["html"]) == [line for line in data["text"].split("\n") if line not in choices]
    assert all(f"<b>{html.escape(f['display'])}</b>" in data["html"] for f in data["figures"][:1] + data["related"])
    if question == DIFFERENCE_OF_ZERO:
        assert "2020年比2019年相同，相差<b>0件</b>" in data["html"]


def test_answer_html_escapes_what_the_reports_print() -> None:
    figure = Figure(value=3, unit="件", display="3件", issuer="<b>机关</b>", year=2020, report_title="《x》&",
                    section="三", label='<script>alert("x")</script>', kind="cell", key="a|b|c")
    shown = answer_html(Answer(question="q", status="answered", kind="cell", figures=(figure,)))
    assert "<script>" not in shown and "<b>机关</b>" not in shown and "&lt;script&gt;" in shown
    assert shown.count("<b>") == 1 and "<b>3件</b>" in shown


async def test_wechat_verification_documented_example(answerer: Service) -> None:
    assert signature("AAAAA", "1714037059", "486452656") == "899cf89e464efb63f54ddac96b0a0a235f53aa78"
    app = create_app(answerer, WebConfig(wechat_token=TOKEN_WX))
    async with client_for(app) as client:
        ok = await client.get("/wechat", params={**signed(), "echostr": "hello123"})
        bad = await client.get("/wechat", params={**signed(), "signature": "0" * 40, "echostr": "x"})
        missing = await client.get("/wechat", params={"echostr": "x"})
    assert (ok.status_code, ok.text) == (200, "hello123")
    assert bad.status_code == 403 and missing.status_code == 403


async def test_wechat_text_message_gets_passive_reply(answerer: Service) -> None:
    app = create_app(answerer, WebConfig(wechat_token=TOKEN_WX))
    async with client_for(app) as client:
        reply = await client.post("/wechat", params=signed(), content=text_xml("平潭2019年予以公开几件", msg_id="11"))
        fields = parse_xml(reply.content)
        assert fields["ToUserName"] == "oUser1" and fields["FromUserName"] == "gh_service"
        assert "7件" in fields["Content"] and "出处" in fields["Content"]
        follow = await client.post("/wechat", params=signed(), content=text_xml("那2021年呢", msg_id="12"))
        assert "30件" in parse_xml(follow.content)["Content"]
        other = await client.post("/wechat", params=signed(), content=text_xml("那2021年呢", user="oUser2", msg_id="13"))
        assert "30件" not in parse_xml(other.content)["Content"]


async def test_wechat_events_and_other_types(answerer: Service) -> None:
    app = create_app(answerer, WebConfig(wechat_token=TOKEN_WX))
    subscribe = (b"<xml><ToUserName>gh</ToUserName><FromUserName>oNew</FromUserName><CreateTime>1</CreateTime>"
                 b"<MsgType>event</MsgType><Event>subscribe</Event></xml>")
    async with client_for(app) as client:
        welcome = parse_xml((await client.post("/wechat", params=signed(), content=subscribe)).content)
        assert "您好" in welcome["Content"]
        image = await client.post("/wechat", params=signed(), content=text_xml("", msg_type="image", msg_id="21"))
        assert "文字" in parse_xml(image.content)["Content"]


@pytest.mark.parametrize(("body", "status"), [
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><xml><Content>&e;</Content></xml>', 400),
    (b"<xml><Content>unclosed", 400),
    (b"<xml>" + b"<a>x</a>" * 10_000 + b"</xml>", 413),
])
async def test_wechat_refuses_bad_xml(answerer: Service, body: bytes, status: int) -> None:
    app = create_app(answerer, WebConfig(wechat_token=TOKEN_WX))
    async with client_for(app) as client:
        response = await client.post("/wechat", params=signed(), content=body)
        assert response.status_code == status
        unsigned = await client.post("/wechat", params={"timestamp": "1", "nonce": "2"}, content=text_xml("x"))
        assert unsigned.status_code == 403


# Test vectors of wechatpy's crypto tests (token 123456, appid wx49f0ab532d5d035a).
SAFE_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"
SAFE_APPID = "wx49f0ab532d5d035a"
SAFE_ENCRYPTED = ("RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDX"
                  "zF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/"
                  "gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3S"
                  "o2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6"
                  "En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=")


def test_safe_mode_against_known_vectors() -> None:
    safe = SafeMode("123456", SAFE_KEY, SAFE_APPID)
    plain = safe.decrypt(SAFE_ENCRYPTED, "74d92dfeb87ba7c714f89d98870ae5eb62dff26d", "1411525903", "461056294")
    fields = parse_xml(plain)
    assert (fields["Content"], fields["FromUserName"]) == ("test", "messense")
    reply = ("<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n"
             "<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>"
             "\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>")
    envelope = parse_xml(safe.encrypt(reply, "1411525903", "461056294", b"1234567890123456").encode())
    assert envelope["Encrypt"].startswith("9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk")
    assert envelope["MsgSignature"] == "407518b7649e86ef23978113f92d27afa9296533"


async def test_safe_mode_round_trip(answerer: Service) -> None:
    app = create_app(answerer, WebConfig(wechat_token="123456", wechat_aes_key=SAFE_KEY, wechat_appid=SAFE_APPID))
    params = {**signed("123456", "1411525903", "461056294"), "encrypt_type": "aes",
              "msg_signature": "74d92dfeb87ba7c714f89d98870ae5eb62dff26d"}
    body = f"<xml><ToUserName><![CDATA[{SAFE_APPID}]]></ToUserName><Encrypt><![CDATA[{SAFE_ENCRYPTED}]]></Encrypt></xml>"
    async with client_for(app) as client:
        response = await client.post("/wechat", params=params, content=body.encode())
        envelope = parse_xml(response.content)
        safe = SafeMode("123456", SAFE_KEY, SAFE_APPID)
        inner = parse_xml(safe.decrypt(envelope["Encrypt"], envelope["MsgSignature"], "1411525903", "461056294"))
        assert inner["ToUserName"] == "messense" and inner["Content"]
        tampered = await client.post("/wechat", params={**params, "msg_signature": "0" * 40}, content=body.encode())
        assert tampered.status_code == 403


async def test_a_reply_past_the_deadline_is_success_then_the_retry_gets_it_once(answerer: Service) -> None:
    calls = []

    def slow(question: str, chat: str | None = None):
        calls.append(question)
        time.sleep(0.3)
        return answerer.ask(question, chat=chat)

    app = create_app(answerer, WebConfig(wechat_token=TOKEN_WX, answer_timeout=0.2), ask=slow)
    async with client_for(app) as client:
        # The second message waits 0.3 s behind the first one's answer: past its 0.2 s deadline.
        _, late = await asyncio.gather(
            client.post("/wechat", params=signed(), content=text_xml("蓟州区2020年行政复议几件", msg_id="76")),
            client.post("/wechat", params=signed(), content=text_xml("平潭2019年予以公开几件", msg_id="77")))
        assert late.text == "success"
        await asyncio.sleep(0.5)
        retry = await client.post("/wechat", params=signed(), content=text_xml("平潭2019年予以公开几件", msg_id="77"))
        again = await client.post("/wechat", params=signed(), content=text_xml("平潭2019年予以公开几件", msg_id="77"))
    assert "7件" in parse_xml(retry.content)["Content"] and again.content == retry.content
    assert calls.count("平潭2019年予以公开几件") == 1


async def test_healthz_waits_for_one_question_not_for_the_queue(answerer: Service) -> None:
    def slow(question: str, chat: str | None = None):
        time.sleep(0.1)
        return answerer.ask(question, chat=chat)

    app = create_app(answerer, WebConfig(), ask=slow)
    async with client_for(app) as client:
        questions = [asyncio.create_task(client.post("/api/ask", json={"question": "平潭2019年予以公开几件"}))
                     for _ in range(10)]
        await asyncio.sleep(0.05)  # ten questions queued, a second of answering
        began = time.perf_counter()
        health = await client.get("/healthz")
        waited = time.perf_counter() - began
        answered = await asyncio.gather(*questions)
    assert health.status_code == 200 and all(r.status_code == 200 for r in answered)
    assert waited < 0.5, f"/healthz waited {waited:.2f} s behind queued questions"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def real_server(app) -> AsyncIterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def test_real_server_on_loopback_with_telegram_webhook(answerer: Service) -> None:
    fake = FakeTelegram()
    async with serving(fake):
        telegram_app = build_application(answerer, TOKEN, fake.base_url, updater=False)
        app = create_app(answerer, WebConfig(wechat_token=TOKEN_WX, telegram_secret="s3cret"), telegram_app)
        async with real_server(app) as base, httpx.AsyncClient(base_url=base) as client:
            assert (await client.get("/healthz")).json()["reports"] > 0
            asked = await client.post("/api/ask", json={"question": "洪泽区2023年行政许可本年处理决定数量"})
            assert asked.json()["answer"]["value"] == 550
            wx = await client.post("/wechat", params=signed(), content=text_xml("蓟州区2020年行政复议几件", msg_id="31"))
            assert "13件" in parse_xml(wx.content)["Content"]
            update = {"update_id": 1, "message": {"message_id": 5, "date": 1, "chat": {"id": 42, "type": "private"},
                                                  "from": {"id": 42, "is_bot": False, "first_name": "用户"},
                                                  "text": "蓟州区2020年收到多少申请"}}
            denied = await client.post("/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "no"})
            assert denied.status_code == 403
            accepted = await client.post("/telegram", json=update,
                                         headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
            assert accepted.status_code == 200
            sent = await fake.wait_for(lambda s: s.method == "sendMessage" and s.chat_id == 42)
            assert "191件" in sent.text


def test_long_wechat_reply_fits_what_wechat_shows() -> None:
    from bot.channels.wechat.protocol import MAX_REPLY_BYTES, Incoming, fit_reply, text_reply

    long_text = "\n".join(f"第{i}行：政府信息公开申请数量统计说明" for i in range(400))
    fitted = fit_reply(long_text)
    assert len(fitted.encode()) <= MAX_REPLY_BYTES and fitted.endswith("已截断）")
    xml = text_reply(Incoming("gh", "oUser", "text"), "]]>注入" + long_text)
    # "]]>" in an answer cannot end the CDATA section early: the follower sees the text as it was.
    assert parse_xml(xml.encode())["Content"].startswith("]]>注入第0行")


async def test_wechat_choices_are_numbered_and_a_number_picks(answerer: Service, corpus_db: Path,
                                                              tmp_path: Path) -> None:
    question = "19年信息公开行政复议有几件"
    reference = service_over(corpus_db, tmp_path / "ref.db").ask(question, chat="r")
    assert reference.status == "ambiguous" and len(reference.choices) >= 2
    chosen = reference.choices[1].figure
    assert chosen is not None
    app = create_app(answerer, WebConfig(wechat_token=TOKEN_WX))
    async with client_for(app) as client:
        offered = parse_xml((await client.post("/wechat", params=signed(),
                                               content=text_xml(question, user="oPick", msg_id="41"))).content)
        lines = offered["Content"].split("\n")
        assert [f"{i}. {c.label}" for i, c in enumerate(reference.choices, 1)] == [
            line for line in lines if line[:1].isdigit() and line[1:3] == ". "]
        assert "出处" not in offered["Content"]
        # Another follower's "2" picks nothing of this one's list.
        stranger = parse_xml((await client.post("/wechat", params=signed(),
                                                content=text_xml("2", user="oOther", msg_id="42"))).content)
        assert source_line(chosen) not in stranger["Content"]
        picked = parse_xml((await client.post("/wechat", params=signed(),
                                              content=text_xml("2", user="oPick", msg_id="43"))).content)
    assert picked["ToUserName"] == "oPick"
    assert chosen.display in picked["Content"] and source_line(chosen) in picked["Content"]
    assert "回复序号" not in picked["Content"]


class FailingStore:
    """A real SQLite store whose writes fail while `failing` is set (a locked file, a lost Redis)."""

    def __init__(self, path: Path) -> None:
        from knowledge.chat.stores.sqlite import SqliteStore

        self.store, self.failing = SqliteStore(path), False

    def write(self, *args, **kwargs) -> None:
        if self.failing:
            import sqlite3

            raise sqlite3.OperationalError("database is locked")
        self.store.write(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.store, name)


async def test_a_reply_the_store_fails_to_keep_still_reaches_the_follower(corpus_db: Path, tmp_path: Path) -> None:
    store = FailingStore(tmp_path / "state.db")
    service = service_over(corpus_db, store)  # type: ignore[arg-type]
    app = create_app(service, WebConfig(wechat_token=TOKEN_WX))
    async with client_for(app) as client:
        store.failing = True
        first = await client.post("/wechat", params=signed(), content=text_xml("平潭2019年予以公开几件", msg_id="55"))
        retry = await client.post("/wechat", params=signed(), content=text_xml("平潭2019年予以公开几件", msg_id="55"))
        store.failing = False
        after = await client.post("/wechat", params=signed(), content=text_xml("平潭2019年予以公开几件", msg_id="56"))
    assert first.status_code == 200 and "7件" in parse_xml(first.content)["Content"]
    assert retry.content == first.content, "a retry on this worker gets the same reply"
    assert "7件" in parse_xml(after.content)["Content"]
