"""End to end: the real python-telegram-bot library against a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import html
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.telegram import build_application, split_message
from bot.render import source_line, telegram_html
from bot.settings import telegram_token
from knowledge import Answer
from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState
from tests.bot.channels.fake_telegram import BOT_USERNAME, TOKEN, FakeTelegram, Sent, serving
from tests.conftest import service_over
from xxgk_errors import TelegramConfigError


@contextlib.asynccontextmanager
async def running_bot(db: Path, state: Path) -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    answerer = service_over(db, state)
    async with serving(fake):
        application = build_application(answerer, TOKEN, fake.base_url)
        await application.initialize()
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield fake
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()


@pytest.fixture
async def fake(corpus_db: Path, tmp_path: Path) -> AsyncIterator[FakeTelegram]:
    async with running_bot(corpus_db, tmp_path / "state.db") as server:
        yield server


def to(chat: int):
    return lambda s: s.method in ("sendMessage", "editMessageText") and s.chat_id == chat


async def test_start_greets_with_example_buttons(fake: FakeTelegram) -> None:
    fake.message(1, "/start")
    sent = await fake.wait_for(to(1))
    assert "您好" in sent.text and "收录" in sent.text
    assert len(sent.buttons) == 3 and all(len(b["callback_data"].encode()) <= 64 for b in sent.buttons)
    fake.tap(sent, sent.buttons[0]["callback_data"])
    answer = await fake.wait_for(lambda s: to(1)(s) and "出处" in s.text)
    assert answer.params["parse_mode"] == "HTML"


async def test_question_answered_with_figure_and_source(fake: FakeTelegram) -> None:
    fake.message(2, "蓟州区2020年收到多少政府信息公开申请")
    sent = await fake.wait_for(to(2))
    assert "<b>191件</b>" in sent.text and "<i>出处：《天津市蓟州区2020年政府信息公开工作年度报告》" in sent.text
    assert {b["callback_data"] for b in sent.buttons} == {"fb:1", "fb:-1"}
    fake.message(2, "/source")
    source = await fake.wait_for(lambda s: to(2)(s) and "文件" in s.text)
    assert "jizhou-2020.txt" in source.text and "applications|new_received|total" in source.text


async def test_ambiguous_question_answered_by_tapping(fake: FakeTelegram) -> None:
    fake.message(3, "19年信息公开行政复议有几件")
    sent = await fake.wait_for(to(3))
    assert len(sent.buttons) == 2 and all(b["callback_data"].startswith("pick:") for b in sent.buttons)
    choice = next(b for b in sent.buttons if "上海" in b["text"])
    fake.tap(sent, choice["callback_data"])
    edited = await fake.wait_for(lambda s: s.method == "editMessageText" and s.chat_id == 3)
    assert "<b>7件</b>" in edited.text
    # The choice is now the chat's context.
    fake.message(3, "那行政诉讼呢")
    follow = await fake.wait_for(lambda s: to(3)(s) and "诉讼" in s.text and s is not edited)
    assert "<b>9件</b>" in follow.text


async def test_followup_and_not_found(fake: FakeTelegram) -> None:
    fake.message(4, "平潭2019年予以公开几件")
    await fake.wait_for(lambda s: to(4)(s) and "7件" in s.text)
    fake.message(4, "那2021年呢")
    await fake.wait_for(lambda s: to(4)(s) and "30件" in s.text)
    fake.message(4, "平潭2021年财政收入多少")
    miss = await fake.wait_for(lambda s: to(4)(s) and "知识库中有" in s.text)
    assert miss.buttons and all(b["callback_data"].startswith("sg:") for b in miss.buttons)
    assert "<b>" not in miss.text


async def test_group_needs_mention_or_reply(fake: FakeTelegram) -> None:
    fake.message(-100, "蓟州区2020年收到多少申请", chat_type="group", user_id=50)
    fake.message(-100, f"@{BOT_USERNAME} 蓟州区2020年行政复议几件", chat_type="group", user_id=50)
    answered = await fake.wait_for(to(-100))
    assert "13件" in answered.text
    fake.message(-100, "那行政诉讼呢", chat_type="group", user_id=50, reply_to_bot=True)
    await fake.wait_for(lambda s: to(-100)(s) and "4件" in s.text)
    assert len(fake.messages_to(-100)) == 2


@pytest.mark.parametrize("text", ["", "x" * 10_000, "<b>蓟州区</b>2020年收到多少申请", "😀😀 蓟州 ？？", "\x00\x1f"])
async def test_bad_input_gets_a_reply_and_bot_keeps_running(fake: FakeTelegram, text: str) -> None:
    fake.message(5, text or " ")
    sent = await fake.wait_for(to(5))
    assert "<b>蓟州区</b>" not in sent.text  # what people type is escaped, never markup
    assert all(len(s.text) <= 4096 for s in fake.messages_to(5))
    fake.message(5, "蓟州区2020年行政复议几件")
    await fake.wait_for(lambda s: to(5)(s) and "13件" in s.text)


async def test_feedback_vote_is_stored(corpus_db: Path, tmp_path: Path) -> None:
    state_path = tmp_path / "state.db"
    async with running_bot(corpus_db, state_path) as fake:
        fake.message(6, "蓟州区2020年收到多少申请")
        sent: Sent = await fake.wait_for(to(6))
        fake.tap(sent, "fb:-1")
        await fake.wait_for(lambda s: s.method == "answerCallbackQuery" and "谢谢" in str(s.params.get("text")))
    votes = ChatState(state_path).feedback()
    assert votes[-1]["vote"] == -1 and votes[-1]["answer_key"] == "applications|new_received|total"


async def test_an_unknown_command_gets_the_list_of_commands(fake: FakeTelegram) -> None:
    from bot.channels.telegram import COMMANDS

    fake.message(7, "/frobnicate now")
    sent = await fake.wait_for(to(7))
    assert "/frobnicate" in sent.text and all(f"/{name}" in sent.text for name, _, _ in COMMANDS)
    # In a group, a command addressed to another bot is not answered; one addressed to this bot is.
    fake.message(-107, "/stats@other_bot", chat_type="group", user_id=70)
    fake.message(-107, f"/stats@{BOT_USERNAME}", chat_type="group", user_id=70)
    group = await fake.wait_for(to(-107))
    assert "/stats" in group.text and len(fake.messages_to(-107)) == 1


async def test_a_vote_can_be_typed_as_well_as_tapped(corpus_db: Path, tmp_path: Path) -> None:
    state_path = tmp_path / "state.db"
    async with running_bot(corpus_db, state_path) as fake:
        fake.message(8, "蓟州区2020年收到多少申请")
        await fake.wait_for(lambda s: to(8)(s) and "出处" in s.text)
        fake.message(8, "不对")
        said = await fake.wait_for(lambda s: to(8)(s) and "谢谢" in s.text)
    assert "工作人员会核对" in said.text
    votes = [(row["question"], row["vote"]) for row in ChatState(state_path).feedback() if row["vote"]]
    assert votes == [("蓟州区2020年收到多少申请", -1)]


def test_long_replies_split_within_limit() -> None:
    parts = split_message("\n".join(["一行文字" * 30] * 200))
    assert len(parts) > 1 and all(len(p) <= 4096 for p in parts)
    assert split_message("短") == ["短"]


@pytest.mark.parametrize(("value", "words"), [("", "没有设置"), ("not-a-token", "格式不对")])
def test_token_errors_are_one_line(monkeypatch: pytest.MonkeyPatch, value: str, words: str) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", value)
    with pytest.raises(TelegramConfigError, match=words):
        telegram_token()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
async def test_polling_process_stops_cleanly_on_signal(corpus_db: Path, tmp_path: Path, signal_name: str) -> None:
    import asyncio
    import os
    import signal
    import sys
    import time

    from tests.conftest import ROOT

    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    fake = FakeTelegram()
    async with serving(fake):
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url, "XXGK_DB": str(db)}
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "telegram", cwd=ROOT, env=env,
                                                       stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        fake.message(7, "蓟州区2020年收到多少申请")
        await fake.wait_for(lambda s: to(7)(s) and "191件" in s.text, timeout=30)
        started = time.monotonic()
        process.send_signal(getattr(signal, signal_name))
        await asyncio.wait_for(process.wait(), timeout=10)
        assert time.monotonic() - started < 5
        assert process.returncode == 0


async def test_error_in_one_update_gets_an_apology(corpus_db: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real_ask = Answerer.ask

    def broken(self, question, chat=None, today=None):
        if "崩溃" in question:
            raise RuntimeError("boom")
        return real_ask(self, question, chat=chat, today=today)

    monkeypatch.setattr(Answerer, "ask", broken)
    async with running_bot(corpus_db, tmp_path / "state.db") as fake:
        fake.message(8, "请让它崩溃")
        await fake.wait_for(lambda s: to(8)(s) and "抱歉" in s.text)
        fake.message(8, "蓟州区2020年行政复议几件")
        await fake.wait_for(lambda s: to(8)(s) and "13件" in s.text)


async def test_chats_are_answered_concurrently_each_in_order(corpus_db: Path, tmp_path: Path) -> None:
    questions = ["蓟州区2020年新收了多少政府信息公开申请", "其中自然人呢？", "那2019年呢", "平潭2019年予以公开几件"]
    reference = service_over(corpus_db, tmp_path / "ref.db")
    expected = [telegram_html(reference.ask(q, chat="r")).split("\n")[0] for q in questions]
    async with running_bot(corpus_db, tmp_path / "state.db") as fake:
        fake.delays[7] = 0.4  # every reply to chat 7 is slow to send
        for question in questions:
            fake.message(7, question)
        fake.message(8, "洪泽区2023年行政许可本年处理决定数量")
        quick = await fake.wait_for(to(8))
        assert "550" in quick.text
        assert len(fake.messages_to(7)) < len(questions), "chat 8 did not wait for chat 7's slow replies"
        await fake.wait_for(lambda s: len(fake.messages_to(7)) == len(questions), timeout=15)
    got = [s.text.split("\n")[0] for s in fake.messages_to(7)]
    assert len(got) == len(questions)
    for text, want in zip(got, expected, strict=True):
        assert text == want


def _reference(db: Path, tmp_path: Path, question: str) -> Answer:
    """The structured answer the core gives, asked on a state store of its own."""
    return service_over(db, tmp_path / "reference.db").ask(question, chat="reference")


async def test_every_choice_button_edits_the_message_to_its_figure(corpus_db: Path, tmp_path: Path) -> None:
    question = "19年信息公开行政复议有几件"
    reference = _reference(corpus_db, tmp_path, question)
    assert reference.status == "ambiguous" and len(reference.choices) >= 2
    async with running_bot(corpus_db, tmp_path / "state.db") as fake:
        for n, choice in enumerate(reference.choices, 1):
            chat = 900 + n
            fake.message(chat, question)
            sent = await fake.wait_for(to(chat))
            assert [b["callback_data"] for b in sent.buttons] == [f"pick:{i}" for i in
                                                                  range(1, len(reference.choices) + 1)]
            fake.tap(sent, f"pick:{n}")
            edited = await fake.wait_for(lambda s, c=chat: s.method == "editMessageText" and s.chat_id == c)
            figure = choice.figure
            assert figure is not None
            assert f"<b>{html.escape(figure.display)}</b>" in edited.text
            assert f"<i>{html.escape(source_line(figure))}</i>" in edited.text
            assert edited.params["message_id"] == sent.params["message_id_assigned"]
            assert {b["callback_data"] for b in edited.buttons} == {"fb:1", "fb:-1"}


async def test_list_answer_arrives_as_one_message(corpus_db: Path, tmp_path: Path) -> None:
    question = "沐阳县2025年自然人和企业各申请了几件"
    reference = _reference(corpus_db, tmp_path, question)
    assert reference.kind == "list" and [f.value for f in reference.figures] == [705, 3]
    async with running_bot(corpus_db, tmp_path / "state.db") as fake:
        fake.message(910, question)
        sent = await fake.wait_for(to(910))
        fake.message(910, "/help")
        helped = await fake.wait_for(lambda s: to(910)(s) and s is not sent)
    # One chat's updates are answered in order: a second part of the list would have come before the help.
    assert fake.messages_to(910) == [sent, helped]
    for figure in reference.figures:
        assert f"<b>{figure.display}</b>" in sent.text
        assert f"<i>{html.escape(source_line(figure))}</i>" in sent.text


async def test_a_series_comes_with_its_chart_as_a_picture_after_the_text(fake: FakeTelegram) -> None:
    fake.message(920, "平潭历年收到多少申请")
    text = await fake.wait_for(to(920))
    photo = await fake.wait_for(lambda s: s.method == "sendPhoto" and s.chat_id == 920)
    assert fake.sent.index(text) < fake.sent.index(photo)
    assert "218件" in text.text and "出处" in text.text  # the figures and sources stay in the text
    assert isinstance(photo.params["photo"], bytes) and photo.params["photo"].startswith(b"\x89PNG")
    assert str(photo.params["caption"]).startswith("平潭综合实验区")
    fake.message(920, "平潭2020年收到多少申请")
    await fake.wait_for(lambda s: to(920)(s) and "21件" in s.text)
    fake.message(920, "/help")  # one chat's updates are handled in order: a chart of the last answer came before
    await fake.wait_for(lambda s: to(920)(s) and "怎么问" in s.text)
    assert sum(s.method == "sendPhoto" for s in fake.sent) == 1  # one figure: no chart
