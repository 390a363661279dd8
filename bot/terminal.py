"""The terminal channels: `ask` (one question, or one per line from stdin) and `chat` (interactive)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import TextIO

from bot.render import json_line, plain_text
from bot.texts import greeting
from knowledge import Service

STDIN_CHAT = "stdin"
TERMINAL_CHAT = "terminal"
_QUIT = {"退出", "exit", "quit", "q", "再见"}


def parse_input_line(line: str) -> tuple[str, str]:
    """A line of `ask -`: plain text, or {"question": ..., "chat": ...}."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            return stripped, STDIN_CHAT
        if isinstance(data, dict):
            return str(data.get("question", "")), str(data.get("chat") or STDIN_CHAT)
    return stripped, STDIN_CHAT


def ask_lines(service: Service, lines: Iterable[str], as_json: bool, today: date | None, out: TextIO) -> None:
    """Answer one question per line, keeping each chat's context; one result per output line."""
    for line in lines:
        if not line.strip():
            continue
        question, chat = parse_input_line(line)
        answer = service.ask(question, chat=chat, today=today)
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
        picked = service.pick(TERMINAL_CHAT, int(line)) if line.isdigit() and len(line) <= 2 else None
        answer = picked or service.ask(line, chat=TERMINAL_CHAT, today=today)
        out.write(plain_text(answer) + "\n\n")
