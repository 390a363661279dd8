"""Metamorphic tests over every development question that gets a figure.

Rewrites that keep the meaning (script, width, numerals, particles, spacing, polite prefixes, the figure's own
measure word) must give the same figure; edits that change it (a rate, a place the base does not hold, another
metric, a period shorter than a year, a negation) must never give that figure with confidence. The light and
heavy words inserted are drawn by word class from jieba's dictionary (and, for the nouns, from the reports' own
prose; the negation from the lexicon's words of it), not written for the questions.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from knowledge.model import Answer
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.words import implied_chars, tag
from tests.conftest import SHARED, service_over

_CN = "〇一二三四五六七八九"
_YEAR = re.compile(r"(20\d\d)年")


def _items() -> list[dict]:
    items = []
    for name in ("dev.jsonl", "more.jsonl"):
        path = SHARED / "questions" / name
        if path.exists():
            items += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
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


_PICK = random.Random(18)
_HANZI = [chr(c) for c in range(0x4E00, 0x9FA6)]


def _chars_tagged(*tags: str) -> list[str]:
    return [ch for ch in _HANZI if tag(ch)[0][1] in tags]


def _personal_pronouns() -> list[str]:
    """Pronouns that take 们 (我们, 他们): the class of persons, found in the dictionary."""
    return [ch for ch in _chars_tagged("r") if tag(ch + "们") == [(ch + "们", "r")]]


def _unknown_nouns() -> list[str]:
    """Nouns of the reports' own prose that no concept of the lexicon names."""
    text = (SHARED / "corpus" / "jizhou-2020.txt").read_text(encoding="utf-8")
    phrases = lexicon().phrases
    nouns = {w for w, t in tag(text) if t == "n" and len(w) >= 2 and not any(p in w or w in p for p in phrases
                                                                           if len(p) >= 2)}
    return _PICK.sample(sorted(nouns), 4)


def _before_count(question: str, word: str) -> str:
    """`word` inserted before the question's 多少 / 几 (or the question unchanged when it has neither)."""
    match = re.search(r"多少|几", question)
    return question[:match.start()] + word + question[match.start():] if match else question


PRONOUN = _PICK.choice(_personal_pronouns())
MODAL = _PICK.sample(sorted(set(_chars_tagged("y")) & {p for p in lexicon().phrases if len(p) == 1}), 2)
NOUNS = _unknown_nouns()
def _asking_of(question: str, noun: str) -> str:
    return question.rstrip("？?。") + "的" + noun + "是多少"


def _ending(question: str, particle: str) -> str:
    """The particle at the end, unless the question already ends in one (…没吗 is no question)."""
    body = question.rstrip("？?。")
    return question if body[-1:] in [*MODAL, "没", "不", "吗"] else body + particle + "？"


_COUNTED = re.compile(r"(多少|几)(?!个人)")


def _measure_word(question: str, unit: str) -> str:
    """The figure's own measure word after the question's 多少 / 几 (多少件申请), unless a unit follows already."""
    match = _COUNTED.search(question)
    units = [p for p, ms in lexicon().phrases.items() if any(m.role == "unit" for m in ms)]
    if match is None or any(question.startswith(u, match.end()) for u in units) or unit in ("", "%", "元", "万元"):
        return question
    return question[:match.end()] + unit + question[match.end():]


LIGHT: dict[str, Callable[[str], str]] = {
    "pronoun and asking": lambda q: PRONOUN + "想问一下，" + q,
    "麻烦查下": lambda q: "麻烦查下" + q,
    "我想问问": lambda q: "我想问问" + q,
    "想了解下": lambda q: "想了解下" + q,
    "亲 (a form of address)": lambda q: "亲，" + q,
    "打扰一下": lambda q: "您好打扰一下，" + q,
    "who asks, before a word of asking": lambda q: "开饭店的想问问，" + q,
    "a lawyer asking": lambda q: "律师咨询：" + q,
    "a greeting addressing staff": lambda q: "尊敬的工作人员您好，" + q,
    "thanks after the question": lambda q: q + "。先谢谢您的耐心解答。",
    "the asker's story before": lambda q: "我同事之前去办过事，" + q,
    "the asker's story after": lambda q: q + "，我上回也碰到过这种事",
    "a judging of the figure after": lambda q: q + "，是不是挺多的",
    **{f"particle {m}": partial(_ending, particle=m) for m in MODAL},
}
_YEAR_OR_YEARS = re.compile(r"20\d\d年度?")


def _after_year(word: str) -> Callable[[str], str]:
    return lambda q: _YEAR_OR_YEARS.sub(lambda m: m.group(0) + word, q, count=1)


# The lexicon's own words of negation of two characters (没有, 尚未 …).
NEGATIONS = sorted(p for p, ms in lexicon().phrases.items()
                   if [m.role for m in ms] == ["op"] and ms[0].value == "negation" and len(p) == 2)
def _foreign_verbs() -> list[str]:
    """One-character verbs of jieba's dictionary that no lexicon phrase holds and no report of the corpus prints
    (删, 砍 …): an act no figure counts."""
    printed = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in (SHARED / "corpus").glob("*.*")
                      if p.suffix in (".txt", ".md", ".html"))
    held = set("".join(lexicon().phrases))
    return _PICK.sample(sorted(ch for ch in _chars_tagged("v") if ch not in held and ch not in printed), 2)


HEAVY: dict[str, Callable[[str], str]] = {
    **{f"verb {v}": partial(lambda q, v: _before_count(q, v + "了"), v=v) for v in _foreign_verbs()},
    **{f"noun {n}": partial(_asking_of, noun=n) for n in NOUNS},
    "month": _after_year("3月份"),
    "per month": _after_year("每月"),
    "quarter": _after_year(f"第{_PICK.choice('一二三四')}季度"),
    "half a year": _after_year(_PICK.choice(["上半年", "下半年"])),
    **{f"negation {n}": _after_year(n) for n in NEGATIONS},
    "share": lambda q: q.rstrip("？?。") + "占全部的几成",
}


def _figure(answer: Answer) -> tuple | None:
    first = answer.answer
    return (first.value, first.issuer, first.year, first.key, first.unit) if first is not None else None


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


_ROLES = {"applications": ("app_row", "app_col"), "review_litigation": ("review_group", "review_part"),
          "active": ("active_row", "active_col")}


def _implied_verb(figure: tuple) -> str:
    """A one-character verb that the figure's own concept words use as a word (告 of 告到法院, 给 of 给了信息)."""
    table = figure[3].split("|")[0]
    roles = _ROLES.get(table, _ROLES["active"])
    phrases = [p for p, ms in lexicon().phrases.items() if any(m.role in roles for m in ms)]
    lex = lexicon()
    # Not a word of another concept (没 is a negation, 出了 a column of another table): those change what is asked.
    verbs = sorted({w for p in phrases for w, t in tag(p) if len(w) == 1 and t == "v"
                    and all(m.role in roles for m in lex.meanings(w) + lex.meanings(w + "了"))}
                   & implied_chars(table if table in _ROLES else "active"))
    return random.Random(figure[3]).choice(verbs)


@pytest.mark.parametrize("insert", LIGHT, ids=str)
def test_inserting_a_light_word_gives_the_same_figure(baseline, insert: str) -> None:
    answerer, found = baseline
    differ = []
    for question, today, figure in found:
        edited = LIGHT[insert](question)
        got = _figure(answerer.ask(edited, today=today))
        if got != figure:
            differ.append((edited, figure, got))
    assert not differ, differ[:5]


def test_inserting_the_figures_measure_word_gives_the_same_figure(baseline) -> None:
    answerer, found = baseline
    edited = [(_measure_word(q, f[4]), t, f) for q, t, f in found if _measure_word(q, f[4]) != q]
    assert len(edited) > 30
    differ = [(q, f, got) for q, t, f in edited if (got := _figure(answerer.ask(q, today=t))) != f]
    assert not differ, differ[:5]


def test_inserting_a_verb_the_concept_implies_gives_the_same_figure(baseline) -> None:
    answerer, found = baseline
    cells = [(q, t, f) for q, t, f in found if f[3] != "narrative" and re.search(r"多少|几", q)]
    assert len(cells) > 50
    differ = []
    for question, today, figure in cells:
        edited = _before_count(question, _implied_verb(figure) + "了")
        got = _figure(answerer.ask(edited, today=today))
        if got != figure:
            differ.append((edited, figure, got))
    assert len(differ) <= len(cells) // 10, differ[:5]  # the verb drawn may clash with a word beside it


@pytest.mark.parametrize("insert", HEAVY, ids=str)
def test_inserting_a_heavy_word_never_gives_the_figure(baseline, insert: str) -> None:
    answerer, found = baseline
    same = []
    for question, today, figure in found:
        edited = HEAVY[insert](question)
        if edited == question or (insert.startswith("noun") and figure[3] == "narrative"):
            continue  # a noun of the reports' prose may be what a prose figure's clause says
        answer = answerer.ask(edited, today=today)
        if answer.status == "answered" and _figure(answer) == figure:
            same.append(edited)
    assert not same, same[:5]
