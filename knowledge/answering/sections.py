"""The part of a report that answers a question about what it says: its sections matched by meaning (the kinds
of sections.toml, and the question's own words weighed by how rare they are in the report), and within the
section the sentences or clauses that hold what was asked (a phone number, the problems, the functions)."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.answering.prose import bigrams
from knowledge.store.read import SectionRow
from knowledge.understanding.lexicon import Lexicon, lexicon
from knowledge.understanding.words import tag

KINDS_FILE = Path(__file__).with_name("sections.toml")
PREAMBLE = "前言"  # the parsers' name for the text before the first heading
HEADING_WEIGHT = 3.0  # a heading naming the kind says more than anything its text holds (TEXT_CAP)
TEXT_CAP = 2.5
BEYOND_CAP = 0.05  # what text past the cap counts, per point
MIN_WORD_SCORE = 1.5  # without a kind's heading, the question's rare words must weigh this much in one section
NARROW_SHARE = 0.5  # sentences quoted: those holding at least this share of the best sentence's rare words
RARE = math.log(2)  # a word narrows the quote only when fewer than about half the report's sections print it
CUE_WEIGHT = 0.75  # a kind's sentence words in a section whose heading does not name the kind (two qualify it)
_SENTENCE = re.compile(r"(?<=[。；;！？\n])")
_ENDS = ("。", "；", ";", "！", "？")
_CLAUSE = re.compile(r"[，,；;。\n]")
_SPACE = re.compile(r"(?<=[^\w])\s+|\s+(?=[^\w])|\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+")


@dataclass(frozen=True)
class Kind:
    """A kind of section by meaning: how its heading and its sentences read, the details it asks for."""

    name: str
    heading: tuple[str, ...]
    cue: tuple[str, ...]
    opens: re.Pattern[str] | None
    shapes: tuple[re.Pattern[str], ...]
    label: tuple[str, ...]


@dataclass(frozen=True)
class Kinds:
    """Every kind, and the words with which a question asks for what a report says."""

    kinds: dict[str, Kind]
    what: tuple[str, ...]
    whether: tuple[str, ...]
    number: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """The part of a section that answers: the section it stands in and the text quoted."""

    path: str
    heading: str
    text: str


@cache
def kinds() -> Kinds:
    """The kinds of sections.toml, read once."""
    data = tomllib.loads(KINDS_FILE.read_text(encoding="utf-8"))
    shapes = {name: re.compile(pattern, re.I) for name, pattern in data["shapes"].items()}
    out = {}
    for name, kind in data["kinds"].items():
        opens = re.compile(kind["opens"]) if kind.get("opens") else None
        out[name] = Kind(name, tuple(kind.get("heading", ())), tuple(kind.get("cue", ())), opens,
                         tuple(shapes[s] for s in kind.get("shapes", ())), tuple(kind.get("label", ())))
    ask = data["ask"]
    return Kinds(out, tuple(ask["what"]), tuple(ask["whether"]), tuple(ask["number"]))


def asks_prose(question: str, whether: bool = False) -> bool:
    """The question asks what a report says (什么, 哪些, 怎么…), and no number."""
    table = kinds()
    words = table.what + (table.whether if whether else ())
    return any(w in question for w in words) and not any(w in question for w in table.number)


def kinds_asked(question: str, spans: list[str], lex: Lexicon | None = None) -> tuple[list[str], list[str]]:
    """The kinds a question asks for, in the order it last names them, and the words of the question that name
    them: the kinds its spans were read as; else the lexicon's words for a kind standing inside a longer span
    (哪个地址); else the words of a kind's headings (平台建设, 监督保障)."""
    if spans:  # in the order of their last naming: a heading pasted (问题及改进情况), then 存在问题有哪些
        return list(dict.fromkeys(reversed(spans)))[::-1], []
    words = sorted(((question.find(p), len(p), p, m.value) for p, ms in (lex or lexicon()).phrases.items() for m in ms
                    if m.role == "section" and p in question), key=lambda f: (f[0], -f[1]))
    if words:
        return list(dict.fromkeys(kind for *_, kind in words)), [p for _, _, p, _ in words]
    found = [(k.name, w) for k in kinds().kinds.values() for w in k.heading if w in question]
    return list(dict.fromkeys(name for name, _ in found)), [w for _, w in found]


def find_part(rows: list[SectionRow], names: list[str], words: list[str], named: tuple[str, ...] = (),
              topics: tuple[str, ...] = (), joined: bool = False) -> Part | None:
    """The part of a report that answers: by the details' shapes when a kind asks for them, else the section
    whose heading names the kind or that holds the question's rarest other words, narrowed to the sentences
    holding the rare words that neither the heading, the words naming the kind (`named`) nor the question's
    topic (`topics`) explain; kinds asked together (`joined`: 问题和改进) get the whole of their section."""
    table = kinds()
    asked = [table.kinds[n] for n in names if n in table.kinds]
    rows = [SectionRow(r.path, r.heading, _SPACE.sub("", r.text)) for r in rows]
    shaped = [k for k in asked if k.shapes]
    if shaped:
        return _details(rows, shaped, words)
    if not joined:
        asked = asked[-1:]  # of two kinds named, the last is the one asked (针对问题采取的措施 asks the 措施)
    # Where a kind is asked, its heading chooses the section: the words naming it and the topic are set aside.
    kind_grams = set().union(*(bigrams(w) for w in named + topics)) if asked else set()
    weights = {g: w for g, w in _weights(rows, words).items() if g not in kind_grams}
    best = _best_section(rows, asked, weights)
    if best is None:
        return None
    apart = _each_apart(rows, asked, weights) if joined else []
    if apart:  # 存在什么问题，怎么改进: （一）主要问题 and （二）改进情况, each its own section
        return Part(apart[0].path, "、".join(r.heading for r in apart), "\n".join(r.text for r in apart))
    text = _kind_part(rows, best, asked)
    explained = bigrams(best.path).union(*(bigrams(w) for w in topics))
    # only a thing named narrows (哪个网站, 张江专栏); 针对存在 of 针对存在问题怎么改进 says how the kind is asked
    things = set().union(*(bigrams(w) for w in words if _names_a_thing(w)))
    narrowed = "" if joined else _narrow(text, {g: w for g, w in weights.items()
                                                if g not in explained and g in things and w >= RARE})
    return Part(best.path, best.heading, narrowed or text)


def _names_a_thing(word: str) -> bool:
    """A word holding a noun of jieba's dictionary (or a word it does not know)."""
    return any(pos.startswith(("n", "x", "eng")) for _, pos in tag(word))


def _weights(rows: list[SectionRow], words: list[str]) -> dict[str, float]:
    """Each character pair of the question's words, weighed by how few of the report's sections print it.

    A pair of word characters is among a text's pairs (`bigrams`) exactly when the lowered text holds it, so the
    few pairs asked are looked for in the texts instead of every text's pairs being made."""
    grams = set().union(*(bigrams(w) for w in words)) if words else set()
    grams = {g for g in grams if len(g) == 2}
    docs = [f"{r.path} {r.text}".lower() for r in rows]
    total = len(docs) or 1
    return {g: math.log((total + 1) / (0.5 + sum(g in d for d in docs))) for g in grams}


def _best_section(rows: list[SectionRow], asked: list[Kind], weights: dict[str, float]) -> SectionRow | None:
    """The section whose own heading names the kind or the question's rarest words; what its text holds (the
    kind's sentence words, the question's words) counts, but never as much as a heading naming the kind. (The
    weights' pairs are looked for in the lowered texts: the same as among their `bigrams`, see _weights.)"""
    best, top = None, 0.0
    for row in rows:
        if not (row.text or _children(rows, row)):
            continue
        own, grams = row.heading, row.heading.lower()
        heading = HEADING_WEIGHT * sum(any(w in own for w in k.heading) for k in asked)
        heading += sum(2 * w for g, w in weights.items() if g in grams and w >= RARE)
        prose = _prose(row.text)
        text_grams, path_grams = prose.lower(), row.path.lower()
        text = CUE_WEIGHT * sum(c in prose for k in asked for c in k.cue)
        text += sum(w if g in text_grams else 0.5 * w if g in path_grams else 0.0
                    for g, w in weights.items() if g not in grams)
        if heading < MIN_WORD_SCORE and text < MIN_WORD_SCORE:
            continue
        score = heading + _capped(text) + (0.1 if row.text else 0.0) + 0.01 * row.path.count("/")
        if score > top:  # on a tie the first; the deeper part by 0.01, being the closer
            best, top = row, score
    return best


def _each_apart(rows: list[SectionRow], asked: list[Kind], weights: dict[str, float]) -> list[SectionRow]:
    """The sections of kinds asked together when each stands in a section of its own whose heading names it, in
    the report's order; none when one section holds them all."""
    found = [_best_section(rows, [kind], weights) for kind in asked]
    named = [r for r, k in zip(found, asked, strict=True) if r is not None and any(w in r.heading for w in k.heading)]
    unique = list({r.path: r for r in named}.values())
    if len(unique) < 2 or len(unique) < len(asked) or any(a.path.startswith(b.path + "/")
                                                          for a in unique for b in unique):
        return []
    return sorted(unique, key=rows.index)


def _capped(text: float) -> float:
    """What a section's text counts: at most TEXT_CAP, and past it a little more (never up to a heading naming
    the kind), so that of two sections that both speak of the kind, the one saying more of it wins."""
    return min(text, TEXT_CAP) + min(max(text - TEXT_CAP, 0.0) * BEYOND_CAP, HEADING_WEIGHT - TEXT_CAP - 0.1)


def _prose(text: str) -> str:
    """The sentences of a section's text that end as sentences do: a table printed as text (crawled pages run
    a whole table into one line of labels and digits) does not tell what a section is about."""
    return "".join(s for s in _SENTENCE.split(text) if s.rstrip().endswith(_ENDS))


def _children(rows: list[SectionRow], row: SectionRow) -> list[SectionRow]:
    return [r for r in rows if r.path.startswith(row.path + "/")]


def _kind_part(rows: list[SectionRow], row: SectionRow, asked: list[Kind]) -> str:
    """A section's text with its sub-sections; where its heading names two kinds (问题及改进), the part of the
    one asked: what comes before the next kind opens, or what follows."""
    whole = "\n".join(t for t in [row.text] + [c.text for c in _children(rows, row)] if t)
    table = kinds().kinds
    named = [k for k in table.values() if k.heading and any(w in row.heading for w in k.heading)]
    if len(asked) != 1 or len(named) < 2 or asked[0] not in named:
        return whole
    later = [k for k in named if k.opens is not None and k is not asked[0]]
    if asked[0].opens is not None:
        start = _opening(row.text, asked[0].opens)
        return "\n".join(t for t in [row.text[start:]] + [c.text for c in _children(rows, row)] if t) \
            if start is not None else whole
    if later:
        start = _opening(row.text, later[0].opens)
        return row.text[:start].strip() if start else whole
    return whole


def _opening(text: str, opens: re.Pattern[str] | None) -> int | None:
    """Where the sentence that opens a part begins (the sentence holding the first opening words)."""
    match = opens.search(text) if opens is not None else None
    if match is None:
        return None
    starts = [m.start() for m in _SENTENCE.finditer(text[: match.start()])]
    start = max(starts, default=0)
    before = max(text.rfind(mark, 0, match.start()) for mark in "。；;！？\n")
    return max(start, before + 1)


def _narrow(text: str, weights: dict[str, float]) -> str:
    """The sentences of a section that hold the question's words the heading does not explain."""
    if not weights:
        return ""
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    scores = [sum(w for g, w in weights.items() if g in s) for s in sentences]
    top = max(scores, default=0.0)
    if top <= 0 or len(sentences) < 2:
        return ""
    kept = [s.strip() for s, score in zip(sentences, scores, strict=True) if score >= NARROW_SHARE * top]
    return "\n".join(kept) if len(kept) < len(sentences) else ""


def _details(rows: list[SectionRow], asked: list[Kind], words: list[str]) -> Part | None:
    """Contact details found by their shape: the clauses holding them, from the section whose clauses carry the
    most of the kinds' labels and the question's words (the preamble and the other matters first on a tie); each
    kind asked (电话和地址) is quoted with its own best clauses."""
    labels = [w for k in asked for w in k.label] + [w for w in words if len(w) >= 2]
    found: list[tuple[float, int, SectionRow, list[str]]] = []
    for order, row in enumerate(sorted(rows, key=lambda r: r.path != PREAMBLE)):
        score, kept = 0.0, []
        for kind in asked:
            clauses = _shaped_clauses(row.text, kind, labels)
            if clauses:
                top = max(score for score, _ in clauses)
                score += top
                kept += [clause for clause_score, clause in clauses if clause_score >= max(top - 1, 1.0)
                         or clause_score == top]
        if kept:
            found.append((score, -order, row, list(dict.fromkeys(kept))))
    if not found:
        return None
    _, _, row, quoted = max(found, key=lambda f: (f[0], f[1]))
    return Part(row.path, row.heading, "；".join(quoted))


def _clause_start(text: str, at: int) -> int:
    """Where the clause of the detail at `at` starts; a clause of a label alone (请登录“蓟州政务网”查询,网址:…) starts
    with the clause before it, which says what the detail is of (unless that one holds another detail)."""
    start = max(text.rfind(m, 0, at) for m in _CLAUSE_MARKS) + 1
    if not (_LABEL_ONLY.fullmatch(text[start:at]) and start and text[start - 1] in "，,"):
        return start
    before = max(text.rfind(m, 0, start - 1) for m in _CLAUSE_MARKS) + 1
    return start if re.search(r"\d", text[before:start]) else before


_CLAUSE_MARKS = "，,；;。\n"
_LABEL_ONLY = re.compile(r"[\u4e00-\u9fff]{1,4}[:：]?")


def _shaped_clauses(text: str, kind: Kind, labels: list[str]) -> list[tuple[float, str]]:
    """(score, clause) for every detail of the kind's shapes: the clause is cut at commas, the labels counted in
    the stretch just before the detail, where a report prints them."""
    out = []
    for shape in kind.shapes:
        for match in shape.finditer(text):
            near = text[max(0, match.start() - 30): match.end()]
            score = sum(label in near for label in labels) + 0.5
            start = _clause_start(text, match.start())
            ends = [i for i in (text.find(m, match.end()) for m in _CLAUSE_MARKS) if i >= 0]
            clause = text[start: min(ends, default=len(text))].strip("（()） ")
            out.append((score, clause))
    return out


__all__ = ["Part", "asks_prose", "find_part", "kinds", "kinds_asked"]
