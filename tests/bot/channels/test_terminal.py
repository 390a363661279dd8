"""The terminal chat as people use it: `python -m bot chat` on a real pseudo-terminal, keys as a keyboard sends them."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.chat import ChatState
from tests.conftest import ROOT

QUESTION = "蓟州区2020年收到多少政府信息公开申请"
UP, LEFT = "\x1b[A", "\x1b[D"
PROMPT = "问> "


class Terminal:
    """A process on a pseudo-terminal: what it printed so far, and keys typed into it."""

    def __init__(self, args: list[str]) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "INPUTRC": "/dev/null"}
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
                                        start_new_session=True)
        os.close(slave)
        self.seen = b""

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait_for(self, text: str, count: int = 1, timeout: float = 60) -> str:
        """Read until `text` has been printed `count` times in all; everything printed so far."""
        deadline = time.monotonic() + timeout
        while self.seen.decode(errors="replace").count(text) < count:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} not printed {count} times; printed:\n{self.seen.decode(errors='replace')}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the process ended and closed the terminal
                    break
        return self.seen.decode(errors="replace")

    def reply_to(self, keys: str, text: str, count: int = 1) -> str:
        """Type keys and Enter at the prompt; wait until `text` is printed `count` times and the prompt is back."""
        self.wait_for(PROMPT)
        self.type(keys + "\r")
        self.wait_for(text, count)
        deadline = time.monotonic() + 60
        while PROMPT not in self.seen.decode(errors="replace").rsplit(text, 1)[1]:
            assert time.monotonic() < deadline, "the prompt did not come back"
            self.wait_for(PROMPT, self.seen.decode(errors="replace").count(PROMPT) + 1)
        return self.seen.decode(errors="replace")

    def close(self, timeout: float = 60) -> int:
        """Wait for the process to end, reading what it prints meanwhile (a full terminal would block it)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    break
        code = self.process.wait(timeout=max(deadline - time.monotonic(), 1))
        os.close(self.master)
        return code


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_arrow_keys_recall_and_edit_questions_and_slash_commands_vote(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    chat = Terminal([sys.executable, "-m", "bot", "chat", "--db", str(db)])
    try:
        chat.reply_to(QUESTION, "191件")
        chat.reply_to(UP, "191件", count=2)  # the question before, recalled
        printed = chat.reply_to(QUESTION.replace("申请", "请") + LEFT + "申", "191件", count=3)  # a character put in
        assert "^[[" not in printed and "请用中文提问" not in printed
        chat.reply_to("/不对", "工作人员会核对")
        printed = chat.reply_to("/help", "/good")
        assert "/不对" in printed and "/source" in printed
        chat.type("退出\r")
    finally:
        code = chat.close()
    assert code == 0
    votes = [row for row in ChatState(tmp_path / "kb-state.db").feedback() if row["vote"]]
    assert [(row["question"], row["vote"], row["chat"]) for row in votes] == [(QUESTION, -1, "terminal")]
