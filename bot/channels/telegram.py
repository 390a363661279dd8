"""The Telegram channel: updates in, questions to the core, answers out as HTML messages.

One small async function per handler, as in python-telegram-bot's examples. The
same Application serves long polling (`python -m bot telegram`) and the webhook
route of the web server. Updates of different chats are handled concurrently
(the core's calls go through one queue that the event loop works through a call
per turn, so sending one chat's reply waits for one question at most); each
chat's updates are handled one after another, so its replies come in the order
it asked.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageLimit, ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels.queue import AnswerQueue
from bot.channels.telegram_order import PerChatOrder
from bot.charts import chart_of, chart_png
from bot.conversation import (
    HELP_TEXT,
    greeting,
    reports_text,
    source_text,
    take_turn,
    vote_of,
    vote_reply,
)
from bot.render import telegram_html
from knowledge import Answer, Service

log = logging.getLogger(__name__)
MAX_CONCURRENT_UPDATES = 256
T = TypeVar("T")


def build_application(service: Service, token: str, base_url: str | None = None,
                      rate_limit: bool = True, updater: bool = True) -> Application:
    """The Application with every handler; `base_url` points at a local Bot API server."""
    # The builder's generic type changes with each option; keep it untyped here.
    builder: Any = ApplicationBuilder().token(token)
    if base_url:
        builder = builder.base_url(base_url)
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))
    if not updater:
        builder = builder.updater(None)
    application = builder.concurrent_updates(PerChatOrder(MAX_CONCURRENT_UPDATES)).post_shutdown(_close_queue).build()
    application.bot_data["service"] = service
    # The web server hands its own queue in (bot_data["answers"]), so one queue uses the core per process.
    application.bot_data["answers"] = AnswerQueue()
    for name, handler, _ in COMMANDS:
        application.add_handler(CommandHandler(name, handler))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))  # after the commands: the rest
    application.add_error_handler(on_error)
    return application


async def _close_queue(application: Application) -> None:
    await application.bot_data["answers"].close()


def _service(context: ContextTypes.DEFAULT_TYPE) -> Service:
    return context.application.bot_data["service"]


async def _call_core(context: ContextTypes.DEFAULT_TYPE, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a call of the core through the process's queue, so that the loop sends and receives between calls."""
    answers: AnswerQueue = context.application.bot_data["answers"]
    return await answers.run(fn, *args, **kwargs)


def _chat_id(update: Update) -> str:
    return str(update.effective_chat.id) if update.effective_chat else "unknown"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greeting, what the bot knows, and three example questions as buttons."""
    service = _service(context)
    sample = service.examples()
    buttons = [[InlineKeyboardButton(q, callback_data=f"ex:{i}")] for i, q in enumerate(sample)]
    await _reply(update, html.escape(greeting(service)), InlineKeyboardMarkup(buttons) if buttons else None)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _reply(update, html.escape(HELP_TEXT))


async def reports_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _reply(update, html.escape(reports_text(_service(context))))


async def source_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    service = _service(context)
    last = await _call_core(context, service.last, _chat_id(update))
    await _reply(update, html.escape(source_text(service, last)))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /command the bot does not have: say so, and list the ones it has."""
    message = update.effective_message
    if message is None or not message.text:
        return
    if message.chat.type != ChatType.PRIVATE and not _addressed_to(message.text, context.bot.username):
        return  # in a group, a command for another bot is not ours to answer
    typed = message.text.split()[0].split("@")[0]
    listed = "\n".join(f"/{name}：{what}" for name, _, what in COMMANDS)
    await _reply(update, html.escape(f"没有 {typed} 这个命令。可用的命令：\n{listed}\n其他内容直接用中文提问即可。"))


def _addressed_to(text: str, username: str | None) -> bool:
    """Whether a group's /command names this bot (/cmd@this_bot)."""
    _, at, name = text.split()[0].partition("@")
    return bool(at and username and name.lower() == username.lower())


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message is a question, or a vote typed (对 / 不对); in groups only when the bot is mentioned or
    replied to."""
    message = update.effective_message
    if message is None or not message.text:
        return
    question = _question_for_bot(message, context.bot.username, context.bot.id)
    if question is None:
        return
    service = _service(context)
    chat = _chat_id(update)
    vote = vote_of(question)
    if vote is not None:  # 对 / 不对 typed instead of tapped
        await _reply(update, html.escape(vote_reply(await _call_core(context, service.vote, chat, vote), vote)))
        return
    answer = await _call_core(context, take_turn, question, chat, service.pick, service.ask)
    await _send_answer(update, context, answer)


# The commands the bot has, what they do (for the reply to one it has not); each handler is above.
COMMANDS: tuple[tuple[str, Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]], str], ...] = (
    ("start", start, "开始，看收录了哪些报告和例子"),
    ("help", help_command, "怎么提问"),
    ("reports", reports_command, "收录的报告"),
    ("source", source_command, "上一个回答的完整出处"),
)


def _question_for_bot(message: Message, username: str | None, bot_id: int) -> str | None:
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text.strip()
    mention = f"@{username}" if username else None
    replied = message.reply_to_message is not None and message.reply_to_message.from_user is not None and (
        message.reply_to_message.from_user.id == bot_id)
    if mention and mention.lower() in text.lower():
        return re.sub(re.escape(mention), "", text, flags=re.IGNORECASE).strip()
    return text.strip() if replied else None


async def _send_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, answer: Answer) -> None:
    await _reply(update, render_html(answer), keyboard_for(answer, context))
    await _send_chart(update, answer)


async def _send_chart(update: Update, answer: Answer) -> None:
    """A series or comparison also gets its chart as a picture, after the text that states the figures."""
    data = chart_of(answer)
    if data is None or update.effective_chat is None:
        return
    png = await asyncio.to_thread(chart_png, data)
    if png:
        await update.get_bot().send_photo(update.effective_chat.id, photo=png, caption=data.title[:1024])


def render_html(answer: Answer) -> str:
    """The answer for Telegram's HTML mode (see bot.render)."""
    return telegram_html(answer)


def keyboard_for(answer: Answer, context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup | None:
    """Choices for an ambiguous answer, feedback for an answer, close questions for a miss."""
    if answer.status == "ambiguous":
        rows = [[InlineKeyboardButton(_short(c.label), callback_data=f"pick:{i}")]
                for i, c in enumerate(answer.choices, 1)]
        return InlineKeyboardMarkup(rows)
    if answer.status == "answered":
        return InlineKeyboardMarkup([[InlineKeyboardButton("👍 有用", callback_data="fb:1"),
                                      InlineKeyboardButton("👎 不对", callback_data="fb:-1")]])
    suggestions = _service(context).examples(answer.held)
    if context.chat_data is not None:
        context.chat_data["suggestions"] = suggestions
    rows = [[InlineKeyboardButton(_short(q), callback_data=f"sg:{i}")] for i, q in enumerate(suggestions)]
    return InlineKeyboardMarkup(rows) if rows else None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tapped button: pick a choice, ask an example or suggestion, or record a vote."""
    query = update.callback_query
    if query is None or not query.data:
        return
    kind, _, arg = query.data.partition(":")
    service = _service(context)
    chat = _chat_id(update)
    if kind == "pick" and arg.isdigit():
        answer = await _call_core(context, service.pick, chat, int(arg))
        if answer is None:
            await query.answer("这个选项已过期，请重新提问。")
            return
        await query.answer()
        await query.edit_message_text(render_html(answer), parse_mode=ParseMode.HTML,
                                      reply_markup=keyboard_for(answer, context))
        await _send_chart(update, answer)
    elif kind in ("ex", "sg") and arg.isdigit():
        pool = service.examples() if kind == "ex" else (context.chat_data or {}).get("suggestions", [])
        index = int(arg)
        await query.answer()
        if index < len(pool):
            await _send_answer(update, context, await _call_core(context, service.ask, pool[index], chat=chat))
    elif kind == "fb":
        await _call_core(context, service.vote, chat, 1 if arg == "1" else -1)
        await query.answer("谢谢反馈！")
    else:
        await query.answer()


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error; tell the person something went wrong; keep running."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, "抱歉，处理这条消息时出了错，请稍后再试。")
        except Exception:  # the apology itself may fail when Telegram is unreachable
            log.warning("could not send the apology")


async def _reply(update: Update, text: str, markup: Any = None) -> None:
    """Send text, split within Telegram's length limit; the keyboard goes with the last part."""
    chat = update.effective_chat
    if chat is None:
        return
    parts = split_message(text)
    bot = update.get_bot()
    for i, part in enumerate(parts):
        await bot.send_message(chat.id, part, parse_mode=ParseMode.HTML,
                               reply_markup=markup if i == len(parts) - 1 else None)


def split_message(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Pieces of at most `limit` characters, broken at line ends where possible (tags stay whole per line)."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts or [""]
