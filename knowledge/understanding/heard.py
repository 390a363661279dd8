"""Candidates heard rather than read: phrases typed with the right sound and a wrong character (申清 for 申请,
不与公开 for 不予公开), and a one-character unit heard after 多少 / 几."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from knowledge.understanding.lexicon import CONTENT_ROLES, Lexicon, Meaning
from knowledge.understanding.marks import Span
from knowledge.understanding.words import in_dictionary, marked

CJK_RUN = re.compile(r"[\u4e00-\u9fffa-z]+")
Candidates = dict[int, list[Span]]  # the spans that may begin at each character


def add(found: Candidates, span: Span) -> None:
    """Keep a candidate span where it begins."""
    found.setdefault(span.start, []).append(span)


# A phrase heard over words of no concept must be this long for its sound to say which phrase it is.
HEARD_MIN = 3


def counted(text: str, start: int) -> bool:
    """A one-character unit counts only after 多少 / 几 / a number ("多少场"), not inside a word (查阅场所)."""
    before = text[:start]
    return before.endswith(("多少", "几", "少", "数")) or before[-1:].isdigit()


def pinyin_spans(text: str, found: Candidates, lex: Lexicon) -> None:
    """Phrases typed with the right sound and a wrong character (申清 for 申请)."""
    index, prefixes = _pinyin_index(lex)
    sounds = _syllables(text)
    for start in range(len(text)):
        for size in range(1, min(8, len(text) - start) + 1):
            key = " ".join(sounds[start:start + size])
            if key not in prefixes:
                break
            for phrase in index.get(key, ()) if size >= 2 else _heard_unit(key, lex) if counted(text, start) else ():
                piece = text[start:start + size]
                # a word of two characters the dictionary holds is itself, not a slip (执法 is no 制发)
                if phrase != piece and not marked(piece, phrase) and not (size == 2 and in_dictionary(piece)):
                    add(found, Span(start, start + size, piece, lex.meanings(phrase), "pinyin", phrase))


@lru_cache(maxsize=8)
def _pinyin_index(lex: Lexicon) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Phrases by the sound of their characters, and every beginning of those sounds."""
    index: dict[str, list[str]] = {}
    prefixes: set[str] = set()
    for phrase, meanings in lex.phrases.items():
        # Not the operations: short, common words whose sound other words share (查了 is no 差了).
        if len(phrase) >= 2 and CJK_RUN.fullmatch(phrase) and not phrase.isascii() and content(meanings) \
                and not any(m.role == "op" for m in meanings):
            sounds = _syllables(phrase)
            index.setdefault(" ".join(sounds), []).append(phrase)
            prefixes |= {" ".join(sounds[:n]) for n in range(1, len(sounds) + 1)}
    return {k: tuple(v) for k, v in index.items()}, frozenset(prefixes)


@lru_cache(maxsize=256)
def _heard_unit(sound: str, lex: Lexicon) -> tuple[str, ...]:
    """The one-character unit of this sound, when one unit alone has it (几剑 typed for 几件; 起 and 期 share qi:
    neither is heard)."""
    units = [p for p, meanings in lex.phrases.items() if len(p) == 1 and any(m.role == "unit" for m in meanings)
             and _sound(p) == sound]
    return tuple(units) if len({m.value for p in units for m in lex.meanings(p)}) == 1 else ()


def _syllables(text: str) -> list[str]:
    return [_sound(ch) for ch in text]


@cache
def _sound(ch: str) -> str:
    """One character's pinyin without tone (a character alone, so a phrase and a question agree)."""
    if not "\u4e00" <= ch <= "\u9fff":
        return ch
    from pypinyin import lazy_pinyin  # MIT; loaded on first use

    return lazy_pinyin(ch)[0]


def heard_over_words(spans: list[Span], found: Candidates) -> list[Span]:
    """A concept's phrase heard where the cover read only words of no concept, one character each at least once
    (不 与 公开: a negation, a joining word and a topic word sound as 不予公开, the form's own words): the phrase."""
    out = list(spans)
    for heard in (c for cands in found.values() for c in cands if c.match == "pinyin"):
        inside = [i for i, s in enumerate(out) if heard.start <= s.start and s.end <= heard.end]
        parts = [out[i] for i in inside]
        if len(heard.text) < HEARD_MIN or not content(heard.meanings) or not parts \
                or parts[0].start != heard.start or parts[-1].end != heard.end \
                or any(names_concept(p.meanings) for p in parts) or all(len(p.text) > 1 for p in parts):
            continue
        out[inside[0]:inside[-1] + 1] = [heard]
    return out


def content(meanings: tuple[Meaning, ...]) -> bool:
    """Only a concept's phrase is matched by sound or near spelling: a word that merely sounds like a filler
    (邮寄 like 有几, 预期 like 逾期) stays a word not understood."""
    return any((m.role in CONTENT_ROLES and m.role != "unit") or (m.role, m.value) == ("topic", "application")
               for m in meanings)


def names_concept(meanings: tuple[Meaning, ...]) -> bool:
    """A meaning of the form's concepts (a row, a column, a section), not an operation, a unit or a topic."""
    return any(m.role in CONTENT_ROLES and m.role not in ("op", "unit") for m in meanings)
