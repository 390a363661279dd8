"""The WeChat service-account webhook: the server check, and each message answered once within the deadline.

WeChat waits 5 seconds for a passive reply and then sends the same message again, up to
three times; the retries of one MsgId share one computation, on this worker or any other.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.http import Channels, WebConfig, read_body
from bot.channels.wechat.protocol import (
    MAX_REPLY_BYTES,
    MAX_XML_BYTES,
    Incoming,
    SafeMode,
    check_signature,
    incoming,
    parse_xml,
    text_reply,
)
from bot.conversation import clean_text, greeting, take_turn, vote_of, vote_reply
from bot.render import wechat_text
from xxgk_errors import WeChatError

log = logging.getLogger(__name__)
NO_REPLY = "success"  # stored for a message that gets no reply (an event other than subscribe)
NOT_TEXT = "目前只回答文字或语音提问，请直接输入您的问题，例如“2020年收到多少政府信息公开申请”。"
NOT_HEARD = "没有听清这段语音，请再说一遍，或直接输入文字，例如“2020年收到多少政府信息公开申请”。"
VOTE_HINT = "觉得回答对或不对，可以直接回复“对”或“不对”。"


async def wechat_verify(request: Request) -> Response:
    """GET: WeChat checks the server once, with a signature over token, timestamp and nonce."""
    config: WebConfig = request.app.state.channels.config
    q = request.query_params
    if not check_signature(config.wechat_token, q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", "")):
        return PlainTextResponse("forbidden", status_code=403)
    return PlainTextResponse(q.get("echostr", ""))


@dataclass
class WeChatState:
    """What WeChat keeps for itself in a process: safe mode's keys, and the replies being computed by MsgId."""

    safe: SafeMode | None
    replies: OrderedDict[str, asyncio.Task[str | None]] = field(default_factory=OrderedDict)

    @classmethod
    def of(cls, config: WebConfig) -> WeChatState:
        """Safe mode when its key and AppID are set (a bad key stops start-up, before any message)."""
        safe = (SafeMode(config.wechat_token, config.wechat_aes_key, config.wechat_appid)
                if config.wechat_aes_key and config.wechat_appid else None)
        return cls(safe)


async def wechat_message(request: Request, own: WeChatState) -> Response:
    """POST: a follower's message; the reply is passive XML within the 5-second deadline."""
    channels: Channels = request.app.state.channels
    q = request.query_params
    token = channels.config.wechat_token
    if not check_signature(token, q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", "")):
        return PlainTextResponse("forbidden", status_code=403)
    body = await read_body(request, MAX_XML_BYTES)
    if body is None:
        return PlainTextResponse("too large", status_code=413)
    encrypted = q.get("encrypt_type", "raw").lower() == "aes"
    try:
        fields = parse_xml(body)
        if encrypted:
            if own.safe is None:
                return PlainTextResponse("safe mode is not configured", status_code=400)
            fields = parse_xml(own.safe.decrypt(fields.get("Encrypt", ""), q.get("msg_signature", ""),
                                                q.get("timestamp", ""), q.get("nonce", "")))
    except WeChatError as exc:
        return PlainTextResponse(str(exc), status_code=exc.status)
    message = incoming({k: clean_text(v) for k, v in fields.items()})
    reply = await _reply_once(channels, own, message)
    if reply is None:
        return PlainTextResponse("success")
    if encrypted and own.safe is not None:
        reply = own.safe.encrypt(reply, q.get("timestamp", ""), q.get("nonce", ""))
    return Response(reply, media_type="application/xml")


async def _reply_once(channels: Channels, own: WeChatState, message: Incoming) -> str | None:
    """The reply XML; WeChat's retries of one MsgId share one computation. None: reply 'success'.

    Retries reaching this process wait for the same task; retries reaching another worker (or
    machine) find the MsgId claimed in the state store and wait there for the reply it stores.
    """
    key = message.msg_id or f"{message.from_user}:{message.msg_type}:{message.event}:{message.content}"
    task = own.replies.get(key)
    if task is None:
        task = asyncio.create_task(_shared_reply(channels, key, message))
        own.replies[key] = task
        while len(own.replies) > channels.config.dedup_size:
            own.replies.popitem(last=False)
    try:
        return await asyncio.wait_for(asyncio.shield(task), channels.config.answer_timeout)
    except TimeoutError:
        return None  # WeChat will retry; the retry finds the answer ready


async def _shared_reply(channels: Channels, key: str, message: Incoming) -> str | None:
    """Compute the reply if this worker claims the key first; else wait for the claimer's stored reply."""
    claimed, reply = await channels.run(_claim_and_reply, channels, key, message)
    if claimed:
        return reply
    deadline = asyncio.get_running_loop().time() + channels.config.claim_wait
    while asyncio.get_running_loop().time() < deadline:
        stored = await asyncio.to_thread(channels.service.reply_for, key)
        if stored is not None:
            return None if stored == NO_REPLY else stored
        await asyncio.sleep(channels.config.reply_poll)
    return None


def _claim_and_reply(channels: Channels, key: str, message: Incoming) -> tuple[bool, str | None]:
    """In one call of the queue: claim the message, compute its reply, keep it for the retries."""
    service = channels.service
    if not service.claim_reply(key):  # only a state store refuses a claim
        return False, None
    reply: str | None = None
    try:
        with service.one_write():  # the chat's turn and the reply for the retries: one commit
            reply = _compute_reply(channels, message)
            service.save_reply(key, NO_REPLY if reply is None else reply)
    except Exception:  # the store failed to keep them: the follower still gets the reply computed
        log.exception("could not keep the chat's turn and reply of WeChat message %s", key)
    return True, reply


def _compute_reply(channels: Channels, message: Incoming) -> str | None:
    try:
        return _reply_for(channels, message)
    except Exception:  # one bad message must not take the channel down; the follower gets an apology
        log.exception("error while answering a WeChat message")
        return text_reply(message, "抱歉，处理这条消息时出了错，请稍后再试。")


def _reply_for(channels: Channels, message: Incoming) -> str | None:
    if message.msg_type == "event":
        if message.event == "subscribe":
            return text_reply(message, _welcome(channels))
        return None
    if message.msg_type == "voice":
        if not message.recognition.strip():
            return text_reply(message, NOT_HEARD)
        return text_reply(message, _answer_text(channels, message, message.recognition))
    if message.msg_type != "text":
        return text_reply(message, NOT_TEXT)
    return text_reply(message, _answer_text(channels, message, message.content))


def _answer_text(channels: Channels, message: Incoming, text: str) -> str:
    """The reply to what a follower said: a vote (对 / 不对) on the answer before, a pick, or a question."""
    chat = f"wechat:{message.from_user}"
    vote = vote_of(text)
    if vote is not None:
        return vote_reply(channels.service.vote(chat, vote), vote)
    answer = take_turn(text, chat, channels.service.pick, channels.ask_fn)
    reply = wechat_text(answer)
    hinted = f"{reply}\n{VOTE_HINT}"
    # The hint only where it fits: a reply cut to WeChat's length for it would lose part of the answer.
    return hinted if answer.status == "answered" and len(hinted.encode()) <= MAX_REPLY_BYTES else reply


def _welcome(channels: Channels) -> str:
    """The subscribe greeting: what the bot holds and questions to send (WeChat shows no buttons here)."""
    examples = "\n".join(f"· {q}" for q in channels.service.examples())
    return greeting(channels.service, "直接发送文字或语音提问即可" + (f"，例如：\n{examples}" if examples else "。"))


def routes(config: WebConfig) -> list[Route]:
    """The webhook's routes: the server check and the messages (with WeChat's own state for this process)."""
    own = WeChatState.of(config)

    async def message(request: Request) -> Response:
        return await wechat_message(request, own)

    return [Route("/wechat", wechat_verify, methods=["GET"]), Route("/wechat", message, methods=["POST"])]
