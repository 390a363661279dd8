"""The terminal channels: `ask` (one question, or one per line from stdin) and `chat` (interactive)."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import TextIO

from bot.conversation import (
    HELP_TEXT,
    MAX_CHAT,
    MAX_QUESTION,
    BadJson,
    clean_text,
    greeting,
    load_json,
    reports_text,
    source_text,
    take_turn,
    vote_of,
    vote_reply,
)
from bot.render import json_line, plain_text
from knowledge import Service
from xxgk_errors import XxgkError

log = logging.getLogger(__name__)
TERMINAL_CHAT = "terminal"
_QUIT = {"退出", "exit", "quit", "q", "再见"}


def parse_input_line(line: str, chat: str) -> tuple[str, str]:
    """A line of `ask -`: plain text, or {"question": ..., "chat": ...}; broken characters replaced. A line that
    names no chat is in `chat`."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            data = load_json(stripped)
        except BadJson:
            return clean_text(stripped, MAX_QUESTION), chat
        if isinstance(data, dict):
            chat = clean_text(str(data.get("chat") or chat), MAX_CHAT)
            return clean_text(str(data.get("question", "")), MAX_QUESTION), chat
    return clean_text(stripped, MAX_QUESTION), chat


def ask_lines(service: Service, lines: Iterable[str], as_json: bool, today: date | None, out: TextIO,
              chat: str = "") -> None:
    """Answer one question per line, keeping each chat's context; one result per output line, whatever comes.

    Lines that name no chat are one chat: `chat`, or one of this run alone, so that a batch never follows up on
    the questions of an earlier run."""
    default_chat = chat or f"stdin-{uuid.uuid4().hex}"
    for line in lines:
        if not line.strip():
            continue
        question, chat = parse_input_line(line, default_chat)
        try:
            answer = service.ask(question, chat=chat, today=today)
        except Exception as exc:  # one line that breaks something must not cost the rest of the batch
            log.error("error while answering %r", question[:80], exc_info=not isinstance(exc, XxgkError))
            message = str(exc) if isinstance(exc, XxgkError) else "处理这个问题时出了错"
            error = {"question": question, "status": "error", "error": message}
            out.write((json.dumps(error, ensure_ascii=False) if as_json else f"错误：{message}") + "\n")
        else:
            out.write((json_line(answer) if as_json else plain_text(answer).replace("\n", " ｜ ")) + "\n")
        out.flush()


TERMINAL_COMMANDS = """终端里的命令：
/对 或 /good：上一个回答对；/不对 或 /bad：上一个回答不对（记下给工作人员核对）
/reports：收录的报告；/source：上一个回答的完整出处；/help：这段说明；退出：结束对话
↑ ↓ 翻出之前的问题，← → 在问题里移动修改。"""


def line_editing() -> bool:
    """Arrow keys edit the line and recall earlier questions (readline), when this is a terminal that has it."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        import readline  # noqa: F401  (input() edits lines with it once it is loaded)
    except ImportError:  # Windows' Python has no readline; the chat works without editing
        return False
    return True


def command_reply(service: Service, line: str) -> str | None:
    """What a command of the terminal chat prints (a vote, help, reports, source), or None for a question."""
    vote = vote_of(line)
    if vote is not None:
        return vote_reply(service.vote(TERMINAL_CHAT, vote), vote)
    command = line.strip().lower()
    if command in ("/help", "/帮助"):
        return f"{HELP_TEXT}\n{TERMINAL_COMMANDS}"
    if command == "/reports":
        return reports_text(service)
    if command == "/source":
        return source_text(service, service.last(TERMINAL_CHAT))
    return None


def chat_loop(service: Service, today: date | None, read: Callable[[str], str] = input,
              out: TextIO = sys.stdout) -> None:
    """An interactive chat: follow-ups work, a number picks one of the offered choices, /对 and /不对 vote."""
    if read is input:
        line_editing()
    out.write(greeting(service, "输入问题即可；/对 /不对 评价上一个回答，/help 查看帮助，输入“退出”结束。") + "\n")
    while True:
        try:
            line = read("问> ").strip()
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            return
        if line in _QUIT:
            return
        if not line:
            continue
        reply = command_reply(service, line)
        if reply is None:
            reply = plain_text(take_turn(line, TERMINAL_CHAT, service.pick, service.ask, today))
        out.write(reply + "\n\n")
