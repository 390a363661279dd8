"""What WeChat followers send beyond a question: a number outside the list, a voice message, 对 / 不对, subscribing."""

from __future__ import annotations

from pathlib import Path

from bot.channels.wechat.protocol import parse_xml
from bot.conversation import TRY_EXAMPLES
from bot.web.app import WebConfig, create_app
from knowledge.model import Answer
from knowledge.service import Service
from tests.bot.web.test_app import TOKEN_WX, answerer, client_for, signed, text_xml  # noqa: F401 (a fixture)
from tests.conftest import service_over

AMBIGUOUS = "19年信息公开行政复议有几件"
QUESTION = "蓟州区2020年收到多少政府信息公开申请"


def voice_xml(recognition: str, user: str = "oVoice", msg_id: str = "2001") -> bytes:
    """A voice message as WeChat sends it when speech recognition is on for the account."""
    return (f"<xml><ToUserName><![CDATA[gh_service]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>1714037059</CreateTime><MsgType><![CDATA[voice]]></MsgType>"
            f"<MediaId><![CDATA[media1]]></MediaId><Format><![CDATA[amr]]></Format>"
            f"<Recognition><![CDATA[{recognition}]]></Recognition><MsgId>{msg_id}</MsgId></xml>").encode()


async def _send(client, body: bytes) -> str:
    response = await client.post("/wechat", params=signed(), content=body)
    assert response.status_code == 200
    return parse_xml(response.content)["Content"]


async def test_a_number_outside_the_list_says_which_numbers_pick(answerer: Service, corpus_db: Path,  # noqa: F811
                                                                 tmp_path: Path) -> None:
    offered = service_over(corpus_db, tmp_path / "ref.db").ask(AMBIGUOUS, chat="r")
    count = len(offered.choices)
    assert offered.status == "ambiguous" and count >= 2
    async with client_for(create_app(answerer, WebConfig(wechat_token=TOKEN_WX))) as client:
        await _send(client, text_xml(AMBIGUOUS, user="oNum", msg_id="51"))
        wrong = await _send(client, text_xml("9", user="oNum", msg_id="52"))
        right = await _send(client, text_xml("1", user="oNum", msg_id="53"))
    assert "请用中文提问" not in wrong and f"1 到 {count}" in wrong and "没有第9项" in wrong
    assert all(f"{i}. {c.label}" in wrong for i, c in enumerate(offered.choices, 1))  # the list again
    assert "出处" in right  # the list is still there to pick from


async def test_a_voice_message_is_answered_from_its_recognition(answerer: Service) -> None:  # noqa: F811
    async with client_for(create_app(answerer, WebConfig(wechat_token=TOKEN_WX))) as client:
        heard = await _send(client, voice_xml(QUESTION + "。"))
        silent = await _send(client, voice_xml("", msg_id="2002"))
    assert "191件" in heard and "出处" in heard
    assert "没有听清" in silent and "191件" not in silent


async def test_dui_and_bu_dui_vote_on_the_answer_before(answerer: Service) -> None:  # noqa: F811
    async with client_for(create_app(answerer, WebConfig(wechat_token=TOKEN_WX))) as client:
        early = await _send(client, text_xml("对", user="oVote", msg_id="61"))
        answer = await _send(client, text_xml(QUESTION, user="oVote", msg_id="62"))
        wrong = await _send(client, text_xml("不对", user="oVote", msg_id="63"))
        await _send(client, text_xml("那2030年呢", user="oVote", msg_id="64"))
        thumbs = await _send(client, text_xml("👍", user="oVote", msg_id="65"))
    assert "还没有可以评价的回答" in early and "“对”或“不对”" in answer
    assert "不对" in wrong and QUESTION in wrong and "有用" in thumbs
    rows = [(r.question, r.vote, r.previous) for r in answerer.feedback()]
    assert rows == [(QUESTION, -1, ""), ("那2030年呢", 0, QUESTION), ("那2030年呢", 1, QUESTION)]
    assert all(r.chat == "wechat:oVote" for r in answerer.feedback())


async def test_the_subscribe_greeting_offers_questions_not_buttons(answerer: Service) -> None:  # noqa: F811
    subscribe = (b"<xml><ToUserName>gh</ToUserName><FromUserName>oNew</FromUserName><CreateTime>1</CreateTime>"
                 b"<MsgType>event</MsgType><Event>subscribe</Event></xml>")
    async with client_for(create_app(answerer, WebConfig(wechat_token=TOKEN_WX))) as client:
        welcome = await _send(client, subscribe)
    assert TRY_EXAMPLES not in welcome and "点下面" not in welcome and "按钮" not in welcome
    assert all(f"· {q}" in welcome for q in answerer.examples())


async def test_the_vote_hint_is_left_out_where_it_would_cut_the_answer(answerer: Service) -> None:  # noqa: F811
    """An answer just under WeChat's length gets no hint rather than lose its last lines to it."""
    from dataclasses import replace

    from bot.channels.wechat.protocol import MAX_REPLY_BYTES
    from bot.channels.wechat.route import VOTE_HINT
    from bot.render import wechat_text

    real = answerer.ask(QUESTION)
    note = ""
    while len((wechat_text(replace(real, notes=(note,))) + "\n" + VOTE_HINT).encode()) <= MAX_REPLY_BYTES:
        note += "注"
    long = replace(real, notes=(note,))
    assert len(wechat_text(long).encode()) <= MAX_REPLY_BYTES

    def ask(question: str, chat: str | None = None) -> Answer:
        return long

    async with client_for(create_app(answerer, WebConfig(wechat_token=TOKEN_WX), ask=ask)) as client:
        reply = await _send(client, text_xml(QUESTION, user="oLong", msg_id="71"))
    assert reply == wechat_text(long) and "已截断" not in reply
