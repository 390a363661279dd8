"""The lexicon: phrases and the concepts they name, loaded once from lexicon.toml and the template's labels.

A knowledge base may hold phrases staff taught (knowledge/store/taught.py): `lexicon(taught)` is the lexicon with
them joined, one per set of taught phrases (the bare lexicon, with none, is the one every base without any reads).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from knowledge.normalize import normalize
from parsers.template import APPLICANT_COLUMNS, TEMPLATE_2019, TEMPLATE_2021

_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
LEXICON_FILE = Path(__file__).with_name("lexicon.toml")
# Roles that carry meaning; a span of any other role (filler, topic) needs no reading to explain it.
CONTENT_ROLES = ("app_row", "app_col", "review_group", "review_part", "active_row", "active_col", "section", "op",
                 "unit", "prose")


@dataclass(frozen=True)
class Meaning:
    """What a phrase can mean: a role (app_row, op, filler, …) and a value within it."""

    role: str
    value: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Phrase → meanings, and every beginning of a phrase. Hashed by identity: one object per set of taught
    phrases, so the lookups derived from it (sounds, long phrases, a table's characters) are cached per lexicon."""

    phrases: dict[str, tuple[Meaning, ...]]
    longest: int
    prefixes: frozenset[str]  # every beginning of every phrase: a scan stops where none goes on

    def meanings(self, phrase: str) -> tuple[Meaning, ...]:
        return self.phrases.get(phrase, ())

    def phrases_of(self, meanings: set[Meaning]) -> tuple[str, ...]:
        """Every phrase naming one of `meanings` (the words of a kind of section: 存在的主要问题, 短板…)."""
        return tuple(p for p, named in self.phrases.items() if meanings.intersection(named))


def _entries(data: dict) -> list[tuple[str, Meaning]]:
    out: list[tuple[str, Meaning]] = []
    for role, table in data.items():
        if role == "same":
            continue
        for value, phrases in table.items():
            name = "" if role == "filler" else value
            out.extend((normalize(p), Meaning(role, name)) for p in phrases)
    return out


def _said_alike(entries: list[tuple[str, Meaning]], same: dict[str, list[str]]) -> list[tuple[str, Meaning]]:
    """The entries, and each phrase holding a word of [same] with that word said another way (拖到第二年 of
    拖到下一年, 结转次年度 of the template's 结转下一年度)."""
    return entries + [(phrase.replace(word, normalize(other)), meaning) for phrase, meaning in entries
                      for word, others in same.items() if word in phrase for other in others]


def _template_entries() -> list[tuple[str, Meaning]]:
    """Every row and column label of both templates names its own concept."""
    out: list[tuple[str, Meaning]] = []
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        for table in template.tables:
            if table.id == "applications":
                for row in table.rows:
                    label = normalize(row.label.split("/")[-1]).lstrip("一二三四五六七八九十、（）()0123456789.")
                    label = label.split("（")[0]
                    # The row's short forms too (结转下一年度), when they are words, not numbering.
                    forms = [label, *(normalize(f) for f in row.signatures if _CJK_ONLY.fullmatch(f))]
                    out += [(form, Meaning("app_row", row.key)) for form in dict.fromkeys(forms) if len(form) >= 4]
            elif table.id.startswith("active."):
                out += [(normalize(r.label), Meaning("active_row", r.key)) for r in table.rows]
                out += [(normalize(c.label.split("（")[0]), Meaning("active_col", c.key)) for c in table.columns]
    out += [(form, Meaning("app_row", key)) for form, key in _numbered_rows().items()]
    out += [(normalize(c.label), Meaning("app_col", c.key)) for c in APPLICANT_COLUMNS if c.key != "other_org"]
    # The headings of the form's parts (二、主动公开政府信息情况) say where in the form, not what is asked.
    headings = {t.section for template in (TEMPLATE_2019, TEMPLATE_2021) for t in template.tables}
    out += [(normalize(h).lstrip("一二三四五六七八九十、"), Meaning("topic", "form")) for h in sorted(headings)]
    return out


_NOTE_AFTER = re.compile(r"(?<=[^)(])\([^)]*\)$")


def _numbered_rows() -> dict[str, str]:
    """Each part of a row's label with its own numbering ((七)总计, 3.其他, (六)其他处理, 四、结转下年度继续办理) and
    the row or group it names, where both forms give it one meaning: staff paste the numbering with the words."""
    keys: dict[str, set[str]] = defaultdict(set)
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        for row in next(t for t in template.tables if t.id == "applications").rows:
            parts = row.label.split("/")
            for at, part in enumerate(parts):
                if at == 0 and len(parts) > 1:
                    continue  # 三、本年度办理结果 heads every result row
                key = row.key if at == len(parts) - 1 else row.key.split(".")[0] + "."
                keys[_NOTE_AFTER.sub("", normalize(part))].add(key)  # (二)部分公开, without (区分处理的…)
    # The 2019 form's 其他处理 is one row (other), the 2021 form's a group of three (other.): one concept.
    return {form: sorted(found)[-1] for form, found in keys.items()
            if len({k.rstrip(".") for k in found}) == 1 and form != form.lstrip("一二三四五六七八九十、()0123456789.")}


# Taught phrases: (phrase, role, value) of each phrase staff taught a base (knowledge/store/taught.py reads them).
Taught = tuple[tuple[str, str, str], ...]
# The concepts staff may teach a phrase for: the template's cells and the sections (not operations or fillers).
TEACHABLE_ROLES = ("app_row", "app_col", "review_group", "review_part", "active_row", "active_col", "section")


@cache
def _base_entries() -> tuple[tuple[str, Meaning], ...]:
    data = tomllib.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    return tuple(_said_alike(_entries(data) + _template_entries(), data.get("same", {})))


def _built(entries: tuple[tuple[str, Meaning], ...]) -> Lexicon:
    merged: dict[str, list[Meaning]] = defaultdict(list)
    for phrase, meaning in entries:
        if phrase and meaning not in merged[phrase]:
            merged[phrase].append(meaning)
    prefixes = frozenset(p[:n] for p in merged for n in range(1, len(p) + 1))
    return Lexicon({p: tuple(m) for p, m in merged.items()}, max(map(len, merged)), prefixes)


@cache
def _bare() -> Lexicon:
    return _built(_base_entries())


@lru_cache(maxsize=8)
def _with_taught(taught: Taught) -> Lexicon:
    return _built(_base_entries() + tuple((normalize(p), Meaning(role, value)) for p, role, value in taught))


def lexicon(taught: Taught = ()) -> Lexicon:
    """The lexicon, read once per process; with `taught`, the phrases a base was taught joined to it (built once
    per set of taught phrases)."""
    return _with_taught(taught) if taught else _bare()


@cache
def concepts() -> tuple[tuple[Meaning, str], ...]:
    """Every concept a phrase may be taught for, with a label staff can read: the template's own label where it
    prints one (本年新收政府信息公开申请数量), else the first everyday word lexicon.toml gives it."""
    labels: dict[Meaning, str] = {}
    for phrase, meaning in _template_entries() + _entries(tomllib.loads(LEXICON_FILE.read_text(encoding="utf-8"))):
        if meaning.role in TEACHABLE_ROLES and len(phrase) >= 2:
            labels.setdefault(meaning, phrase)
    order = {role: n for n, role in enumerate(TEACHABLE_ROLES)}
    return tuple(sorted(labels.items(), key=lambda item: order[item[0].role]))
