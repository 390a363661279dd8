"""A place printed one character off real divisions (an OCR slip: 沐阳县 for 沭阳县), read as one of them only when
the report itself says which: its file's name or a web address its text prints spells that division in pinyin
(shuyang-2025.txt, www.shuyang.gov.cn) and no other division one character off the printed name.

Without such evidence the printed place stays as printed: 沐阳县 is one character off 沭阳县 and 泗阳县 alike, and
nothing in the name tells a misprint from another place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice, product
from pathlib import PurePath

from knowledge.names.places import Place, gazetteer, short_name, within

# A run of Latin letters in a file's name or a web address: the words a pinyin spelling is looked for in.
_LETTERS = re.compile(r"[a-z]+")
# A web address in a report's text: a host of two or more dotted labels (www.shuyang.gov.cn, shuyang.gov.cn/…).
_ADDRESS = re.compile(r"(?<![a-z0-9.@-])(?:[a-z0-9-]+\.)+(?:cn|com|net|org)(?![a-z0-9-])")
# How many readings of one name are spelled (a name of characters read several ways has many).
_SPELLINGS = 64
# A pinyin spelling shorter than this is no evidence (too many words begin with it).
_SHORTEST = 4


@dataclass(frozen=True)
class Evidence:
    """What a report carries that may spell its place besides the name it prints: its files' names and the web
    addresses its text prints."""

    files: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """The division a printed place is read as, and the note saying so (报告印作…，按文件名…读作…)."""

    place: Place
    note: str


def web_addresses(text: str) -> tuple[str, ...]:
    """The web addresses (hosts) a text prints, each once, in order."""
    return tuple(dict.fromkeys(_ADDRESS.findall(text.lower())))


def near_divisions(printed: str, inside: tuple[str, ...] = ()) -> list[Place]:
    """The divisions of the same level one character off a place no division is (沭阳县 and 泗阳县 for 沐阳县),
    lying in the chain `inside` (the places printed before it)."""
    if len(printed) < 3 or printed in gazetteer().by_name:
        return []
    names = {name for key in _keys(printed) for name in _near_index().get(key, ())}
    return [p for name in sorted(names) if name[-1] == printed[-1]
            for p in gazetteer().by_name[name] if within(p.chain, inside)]


def read_misprint(printed: str, inside: tuple[str, ...], evidence: Evidence) -> Reading | None:
    """The one division one character off `printed` that the evidence spells in pinyin, with the note; None when
    the evidence spells none of them, or several, or the one it spells names several divisions."""
    near = near_divisions(printed, inside)
    if not near:
        return None
    found = [(place, kind, hint) for place in near for kind, hint, words in _hints(evidence)
             if _spells(words, place)]
    if len({place for place, _, _ in found}) != 1:
        return None
    place, kind, hint = found[0]
    return Reading(place, f"报告印作“{printed}”，按{kind}“{hint}”读作“{place.name}”")


def _hints(evidence: Evidence) -> list[tuple[str, str, list[str]]]:
    """Each hint as (what it is, as shown, its words): a file by its name, its words from the name without the
    suffix (docx, pdf); a web address whole."""
    files = [PurePath(name.replace("\\", "/")) for name in evidence.files]
    hints = [("文件名", path.name, _LETTERS.findall(path.stem.lower())) for path in files]
    return hints + [("网址", address, _LETTERS.findall(address.lower())) for address in evidence.addresses]


def _spells(words: list[str], place: Place) -> bool:
    """Whether a word begins with the pinyin of the place's name or short name (shuyang of shuyang-2025.txt,
    shuyangxian of shuyangxian.gov.cn)."""
    spellings = {s for name in {place.name, short_name(place.name)} for s in _spellings(name) if len(s) >= _SHORTEST}
    return any(word.startswith(s) for word in words for s in spellings)


@cache
def _spellings(name: str) -> frozenset[str]:
    """The name in pinyin, every way its characters are read (盐都 yandu, which pypinyin reads yandou first):
    a reading any other division one character off shares leaves the evidence saying nothing."""
    from pypinyin import Style, pinyin  # MIT; its dictionary is loaded on first use

    readings = pinyin(name, style=Style.NORMAL, heteronym=True)
    return frozenset("".join(r) for r in islice(product(*readings), _SPELLINGS))


def _keys(name: str) -> list[str]:
    return [f"{i}:{name[:i]}{name[i + 1:]}" for i in range(len(name))]


@cache
def _near_index() -> dict[str, tuple[str, ...]]:
    """Every division's name under each of its one-character-left-out keys."""
    index: dict[str, list[str]] = {}
    for name in gazetteer().by_name:
        for key in _keys(name):
            index.setdefault(key, []).append(name)
    return {key: tuple(names) for key, names in index.items()}
