"""Metamorphic tests over every development question that gets a figure.

Rewrites that keep the meaning (script, width, numerals, particles, spacing, polite prefixes) must give the
same figure; edits that change it (a rate, a place the base does not hold, another metric, a negation) must
never give that figure with confidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.model import Answer
from tests.conftest import SHARED, service_over

_CN = "〇一二三四五六七八九"
_YEAR = re.compile(r"(20\d\d)年")


def _items() -> list[dict]:
    path = SHARED / "questions" / "dev.jsonl"
    if not path.exists():
        return []
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [i for i in items if "q" in i and "value" in i["expect"]]


def _traditional(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c in "0123456789" else c for c in text)


def _chinese_year(text: str) -> str:
    return _YEAR.sub(lambda m: "".join(_CN[int(d)] for d in m.group(1)) + "年", text)


PRESERVING: dict[str, Callable[[str], str]] = {
    "traditional": _traditional,
    "full-width digits": _full_width,
    "chinese-numeral year": _chinese_year,
    "particle": lambda q: q.rstrip("？?。") + "呢？",
    "spaces and punctuation": lambda q: " ".join(q) + "！",
    "请问": lambda q: "请问" + q,
    "帮我查一下": lambda q: "帮我查一下，" + q,
}
CHANGING: dict[str, Callable[[str], str]] = {
    "rate": lambda q: q.rstrip("？?。") + "，占全部申请的比例是多少",
    "place not held": lambda q: "北京市朝阳区" + q,
    "满意度": lambda q: q.rstrip("？?。") + "的群众满意度",
    "得分": lambda q: q.rstrip("？?。") + "的考核得分",
    "热线": lambda q: "热线电话" + q,
    "negation": lambda q: "除了" + q.rstrip("？?。") + "以外的呢",
}


def _figure(answer: Answer) -> tuple | None:
    first = answer.answer
    return (first.value, first.issuer, first.year, first.key) if first is not None else None


@pytest.fixture(scope="module")
def baseline(corpus_db: Path) -> tuple[Answerer, list[tuple[str, date, tuple]]]:
    answerer = service_over(corpus_db)
    found = []
    for item in _items():
        today = date.fromisoformat(item.get("asof", "2026-11-28"))
        figure = _figure(answerer.ask(item["q"], today=today))
        if figure is not None:
            found.append((item["q"], today, figure))
    assert len(found) > 100
    return answerer, found


@pytest.mark.parametrize("rewrite", PRESERVING, ids=str)
def test_meaning_preserving_rewrites_give_the_same_figure(baseline, rewrite: str) -> None:
    answerer, found = baseline
    changed = [(q, fig, _figure(answerer.ask(PRESERVING[rewrite](q), today=today))) for q, today, fig in found]
    differ = [(q, fig, got) for q, fig, got in changed if got != fig]
    assert not differ, differ[:5]


@pytest.mark.parametrize("edit", CHANGING, ids=str)
def test_meaning_changing_edits_never_give_that_figure(baseline, edit: str) -> None:
    answerer, found = baseline
    same = []
    for question, today, figure in found:
        edited = CHANGING[edit](question)
        answer = answerer.ask(edited, today=today)
        if answer.status == "answered" and _figure(answer) == figure:
            same.append(edited)
    assert not same, same[:5]
