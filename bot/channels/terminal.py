"""The terminal channels: `ask` (one question, or one per line from stdin) and `chat` (interactive)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import TextIO

from bot.conversation import MAX_CHAT, MAX_QUESTION, BadJson, clean_text, greeting, load_json, take_turn
from bot.render import json_line, plain_text
from knowledge import Service
from xxgk_errors import XxgkError

log = logging.getLogger(__name__)
STDIN_CHAT = "stdin"
TERMINAL_CHAT = "terminal"
_QUIT = {"退出", "exit", "quit", "q", "再见"}


def parse_input_line(line: str) -> tuple[str, str]:
    """A line of `ask -`: plain text, or {"question": ..., "chat": ...}; broken characters replaced."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            data = load_json(stripped)
        except BadJson:
            return clean_text(stripped, MAX_QUESTION), STDIN_CHAT
        if isinstance(data, dict):
            chat = clean_text(str(data.get("chat") or STDIN_CHAT), MAX_CHAT)
            return clean_text(str(data.get("question", "")), MAX_QUESTION), chat
    return clean_text(stripped, MAX_QUESTION), STDIN_CHAT


def ask_lines(service: Service, lines: Iterable[str], as_json: bool, today: date | None, out: TextIO) -> None:
    """Answer one question per line, keeping each chat's context; one result per output line, whatever comes."""
    for line in lines:
        if not line.strip():
            continue
        question, chat = parse_input_line(line)
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


def chat_loop(service: Service, today: date | None, read: Callable[[str], str] = input,
              out: TextIO = sys.stdout) -> None:
    """An interactive chat: follow-ups work, and a number picks one of the offered choices."""
    out.write(greeting(service).replace("可以点下面的例子试试，或直接提问。", "输入问题，输入“退出”结束。") + "\n")
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
        answer = take_turn(line, TERMINAL_CHAT, service.pick, service.ask, today)
        out.write(plain_text(answer) + "\n\n")
