"""What every chat channel shares: what people send made safe (broken characters, control characters, deep JSON,
the length the core reads), a choice picked by its number, and the texts of greeting, help, reports and sources."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from knowledge import MAX_QUESTION, Answer, Service

__all__ = ["HELP_TEXT", "MAX_CHAT", "MAX_QUESTION", "TRY_EXAMPLES", "BadJson", "choice_number", "clean_text",
           "decode_line", "greeting", "json_depth", "load_json", "reports_text", "source_text", "take_turn",
           "vote_of", "vote_reply"]

MAX_JSON_DEPTH = 20
MAX_CHAT = 200  # characters of a chat id a channel passes on
MAX_CHOICE_DIGITS = 2  # a message of one or two digits picks a choice (more is a question)
REPLACEMENT = "\ufffd"
# Lone surrogates (from "\ud800" in JSON, or bytes that were not UTF-8) cannot be encoded; control
# characters other than tab and newline, and the other line breaks (NEL, U+2028, U+2029, which
# would split a line of `ask -` output for some readers), have no place in a question.
_BROKEN = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class BadJson(ValueError):
    """A request body that is not JSON we accept (malformed, or nested too deeply)."""


def clean_text(text: str, limit: int | None = None) -> str:
    """The text with each broken character replaced by U+FFFD and control characters by spaces, cut to limit."""
    text = text[:limit] if limit is not None else text
    text = _BROKEN.sub(REPLACEMENT, text)
    return _CONTROL.sub(" ", text)


def decode_line(raw: bytes) -> str:
    """A line of bytes as text: UTF-8, each invalid byte replaced by U+FFFD (the rest of the line kept)."""
    return raw.decode("utf-8", errors="replace")


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in the JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def load_json(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parsed JSON, refusing (BadJson) what is malformed or nested deeper than max_depth."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise BadJson("不是 UTF-8 编码的 JSON") from exc
    if json_depth(text) > max_depth:
        raise BadJson(f"JSON 嵌套超过 {max_depth} 层")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadJson("不是有效的 JSON") from exc


def choice_number(text: str) -> int | None:
    """The number of the choice a message picks ("1", " 2 ", "１"), or None when it is not a bare number."""
    text = text.strip()
    return int(text) if text.isdecimal() and len(text) <= MAX_CHOICE_DIGITS else None


def take_turn(text: str, chat: str, pick: Callable[[str, int], Answer | None], ask: Callable[..., Answer],
              today: date | None = None) -> Answer:
    """One message of a chat: a bare number picks that choice of the chat's last list; anything else (or a number
    with no list to pick from) is asked, cut to what the core reads."""
    number = choice_number(text)
    picked = pick(chat, number) if number is not None else None
    if picked is not None:
        return picked
    question = clean_text(text, MAX_QUESTION)
    return ask(question, chat=chat, today=today) if today is not None else ask(question, chat=chat)


HELP_TEXT = """怎么问：直接用中文说出机关、年份和想知道的数字。例如：
· 蓟州区2020年收到多少政府信息公开申请
· 平潭2021年行政复议有几件
· 上海市科委2024年不予公开一共多少件
· 平潭2021年比2019年多收了多少申请
追问可以只说变化的部分：“那2019年呢”“自然人呢”“行政诉讼呢”。
每个数字都注明出自哪份报告的哪一节、哪一行；报告里没有的，我会直说。
看完回答可以回复“对”或“不对”，工作人员会据此改进。
命令：/reports 查看收录的报告，/source 查看上一个回答的完整出处。"""


# What a whole message says about the answer before it, where a channel has no buttons (WeChat, the terminal).
VOTES = {"对": 1, "👍": 1, "不对": -1, "👎": -1, "/对": 1, "/不对": -1, "/good": 1, "/bad": -1}
_VOTE_TRIM = " \t。！!～~"
TRY_EXAMPLES = "可以点下面的例子试试，或直接提问。"


def vote_of(text: str) -> int | None:
    """+1 or -1 when the whole message is a vote on the answer before it (对, 不对, 👍, 👎, /good, /bad), else None."""
    return VOTES.get(text.strip(_VOTE_TRIM).replace("\ufe0f", "").lower())


def vote_reply(voted: Answer | None, vote: int) -> str:
    """What a vote gets back: thanks, or that there was no answer to vote on."""
    if voted is None:
        return "还没有可以评价的回答。先问一个问题吧。"
    if vote > 0:
        return f"谢谢反馈！已记下“{voted.question}”的回答有用。"
    return f"谢谢反馈！已记下“{voted.question}”的回答不对，工作人员会核对。"


def greeting(service: Service, invite: str = TRY_EXAMPLES) -> str:
    """Hello, what the knowledge base holds, and `invite`: how to start in this channel."""
    reports = service.reports()
    years = sorted({r.year for r in reports})
    bodies = sorted({r.issuer for r in reports})
    span = f"{years[0]}–{years[-1]}年" if years else "暂无"
    names = "、".join(bodies[:6]) + ("等" if len(bodies) > 6 else "")
    return (f"您好！我回答政府信息公开工作年度报告里的数字，并注明出处。\n"
            f"目前收录 {len(reports)} 份报告（{span}）：{names or '暂无'}。\n{invite}")


def reports_text(service: Service) -> str:
    reports = service.reports()
    by_body: dict[str, list[int]] = {}
    for report in reports:
        by_body.setdefault(report.issuer, []).append(report.year)
    lines = [f"共收录 {len(reports)} 份报告："]
    for body in sorted(by_body)[:50]:
        lines.append(f"· {body}：{'、'.join(str(y) for y in by_body[body])}年")
    if len(by_body) > 50:
        lines.append(f"……另有 {len(by_body) - 50} 个机关")
    return "\n".join(lines)


def source_text(service: Service, last: Answer | None) -> str:
    """The full source of a chat's last answer: report, section, row and column, page, file."""
    if last is None or not last.figures:
        return "还没有可以查看出处的回答。先问一个问题吧。"
    lines = [f"问题：{last.question}"]
    for figure in last.figures[:5]:
        lines += [f"报告：《{figure.report_title}》", f"章节：{figure.section}", f"项目：{figure.label}",
                  f"键：{figure.key}"]
        if figure.page:
            lines.append(f"页码：第{figure.page}页")
        lines += [f"  · {p.label} {p.display}（{p.key}）" for p in figure.parts]
        lines.append(f"文件：{', '.join(service.files_of(figure.issuer, figure.year))}")
    return "\n".join(lines)
