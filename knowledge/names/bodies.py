"""Issuing bodies: which place and which department a report's issuer is, so that one body is one issuer.

A report names its body as printed ("洪泽区人民政府" one year, "淮安市洪泽区人民政府" the next); both are the
government of 江苏省/淮安市/洪泽区. A body is its place (the chain of divisions) and its department ("" for the
government itself, 办公厅, 科学技术委员会 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from knowledge.names.kinds import department_kind, every_department_name, kind_names, zone_forms, zone_pattern
from knowledge.names.misprints import Evidence, near_divisions, read_misprint
from knowledge.names.places import gazetteer, leading_places, short_name
from knowledge.normalize import normalize

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
# A place the divisions do not hold (invented, renamed, too new): a name of two to four characters and its level.
_UNKNOWN_AREA = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:自治区|自治州|自治县|地区|省|市|县|区|旗|盟)")
# What a body's name ends with after its place: the government, or a department, office or institution.
_BODY_END = re.compile(r"(?:人民政府|政府|局|厅|委员会|委|办公室|办公厅|办|管委会|中心|院|所|站|队|馆|会)$")
_GOVERNMENT = ("人民政府", "政府", "管委会", "管理委员会", "")
# The levels a department word may begin with (the forms department_forms derives).
_LEVELS = ("市", "区", "县", "省")
# Short forms of any department's words (a kind's own everyday names are in departments.toml).
ABBREVIATIONS = (("管理委员会", "管委会"),)


@dataclass(frozen=True)
class BodyName:
    """An issuer name read as place + department."""

    chain: tuple[str, ...]  # divisions from the province down, or the area's own name when not a division
    department: str
    note: str = ""  # how a place printed one character off a division was read (报告印作…，按文件名…读作…)

    @property
    def key(self) -> str:
        return "/".join(self.chain) + "|" + self.department


def department_of(rest: str) -> str:
    """The department part of a name: "" for the government itself, else without the leading 人民政府."""
    rest = _BRACKETS.sub("", rest)
    if rest in _GOVERNMENT:
        return ""
    for lead in ("人民政府", "政府"):
        if rest.startswith(lead):
            return rest[len(lead):]
    return rest


def read_issuer(issuer: str, evidence: Evidence | None = None) -> BodyName:
    """Place and department of an issuer name as printed: the divisions the gazetteer knows, then places it
    does not know (read by their level: 江北省青禾市 …) and zones, then the kind of body. A place no division is
    stays as printed, even one character off a division (云梦市 beside 云浮市, 澜石区 beside 离石区): an invented
    or new place is no misprint of the division it resembles, unless the report's `evidence` (its file's name,
    a web address it prints) spells one of those divisions in pinyin, and only one (misprints.read_misprint)."""
    name = normalize(_BRACKETS.sub("", issuer))
    places, rest = leading_places(name)
    kind = _zone_kind().match(rest)
    if places and kind:  # 古县高新技术产业开发区: a zone named by the division before it lies beside it
        area = places[-1].name + kind.group(0)
        return BodyName((*places[-1].parents, area), department_of(rest[kind.end():]))
    chain: tuple[str, ...] = places[-1].chain if places else ()
    unknown, rest = unknown_areas(rest)
    zone = zone_parts(rest)
    if zone:
        area = "".join(zone)
        parents = (*chain, *unknown) or _zone_parents(zone[0])
        return BodyName((*parents, area), department_of(rest[len(area):]))
    misprint = read_misprint(unknown[0], chain, evidence) if evidence and len(unknown) == 1 else None
    if misprint is not None:
        return BodyName(misprint.place.chain, department_of(rest), misprint.note)
    return BodyName((*chain, *unknown), department_of(rest))


def misprinted_place(chain: tuple[str, ...]) -> bool:
    """Whether a reading's lowest place is no division but one character off divisions (沐阳县): the reading a
    report's evidence may settle (read_issuer)."""
    return bool(chain) and bool(near_divisions(chain[-1], chain[:-1]))


def zone_parts(text: str) -> tuple[str, str] | None:
    """The zone `text` starts with, as its own name and its kind: a name of two to four characters, or a
    division's name of any length (靖州苗族侗族经济技术开发区); None when it starts with no zone."""
    zone = zone_pattern().match(text) or _long_zone().match(text)
    if zone is None or (len(zone.group(1)) > 4 and not _division_name(zone.group(1))):
        return None
    return zone.group(1), zone.group(2)


def zone_cores(area: str) -> set[str]:
    """The names of a zone that are its own name alone (武威 and 武威市 for 武威市经济技术开发区): when a division
    of that name has bodies held, they name the division's bodies, not the zone."""
    zone = zone_parts(area)
    return {zone[0], short_name(zone[0])} if zone and "".join(zone) == area else set()


def _division_name(name: str) -> bool:
    return name in gazetteer().by_short or name in gazetteer().by_name


@cache
def _zone_kind() -> re.Pattern[str]:
    """A zone's kind at the start of a text (what follows a division's name in 古县高新技术产业开发区)."""
    return re.compile(zone_pattern().pattern.replace("^([\\u4e00-\\u9fff]{2,4}?)", "^"))


@cache
def _long_zone() -> re.Pattern[str]:
    return re.compile(zone_pattern().pattern.replace("{2,4}?", "{5,12}?"))


def unknown_areas(rest: str) -> tuple[tuple[str, ...], str]:
    """Places at the start of `rest` that no division is (江北省, 青禾市, 澜石区), when what follows them reads
    as a body (a government, department, office or zone); else none."""
    found: list[str] = []
    tail = rest
    while tail and not department_kind(tail) and not zone_pattern().match(tail):
        area = _UNKNOWN_AREA.match(tail)
        if area is None:
            break
        found.append(area.group(0))
        tail = tail[area.end():]
    if found and (not tail or _BODY_END.search(tail) or zone_pattern().match(tail)):
        return tuple(found), tail
    return (), rest


def names_a_body(word: str) -> bool:
    """Whether a word no directory knows reads as a body's name: places by their level (松岭区, 江北省青禾市),
    a zone (鹤鸣经济开发区), either with a government or department after it."""
    if unknown_areas(word)[0]:
        return True
    zone = zone_pattern().match(word)
    return zone is not None and (zone.end() == len(word) or bool(_BODY_END.search(word)))


def _zone_parents(core: str) -> tuple[str, ...]:
    """A zone lies where the division of the same short name lies (平潭综合实验区 → 福建省/福州市)."""
    places = gazetteer().by_short.get(core, ())
    return places[0].parents if len(places) == 1 else ()


def place_forms(chain: tuple[str, ...]) -> set[str]:
    """The ways a body's lowest place is named: full or short, alone or after its city or province."""
    if not chain:
        return set()
    low = {chain[-1], short_name(chain[-1])}
    zone = zone_parts(chain[-1])
    if zone and "".join(zone) == chain[-1]:
        low |= {c for core in zone_cores(chain[-1]) for c in {core} | zone_forms(core, zone[1])}
    prefixes = {""}
    for parent in chain[:-1]:
        prefixes |= {p + f for p in set(prefixes) for f in (parent, short_name(parent))}
    return {p + name for p in prefixes for name in low if len(name) >= 2}


def level_of(department: str) -> str:
    """The level a department word begins with (市 of 市交通局 or 市政府, 县 of 县教育局): the body asked is of a
    place of that level (大安 + 市教育局 is 大安市's, never 大安区's); "" when it names none."""
    head, rest = department[:1], department[1:]
    if head in _LEVELS and (rest in _GOVERNMENT[:2] or department_kind(rest)):
        return head
    return ""


@cache
def standard_department_forms() -> frozenset[str]:
    """The ways every standard kind of department is named, held or not (a department not held is named too)."""
    return frozenset(f for name in every_department_name() for f in department_forms(name))


@cache
def department_forms(department: str) -> frozenset[str]:
    """The ways a department is named (科学技术委员会, 科委, 市科委 …); the government itself as 政府 or 人民政府."""
    if not department:
        return frozenset({"人民政府", "政府", "区政府", "县政府", "市政府", "管委会", "管理委员会"})
    forms: set[str] = set()
    for name in {department} | kind_names(department):
        forms |= {name, "人民政府" + name, "政府" + name}
    for long, short in ABBREVIATIONS:
        if long in department:
            forms.add(department.replace(long, short))
        elif department.endswith(short) and len(short) >= 2:
            forms.add(department[: -len(short)] + long)
    for level in _LEVELS:
        forms |= {level + f for f in set(forms) if not f.startswith(("人民政府", "政府"))}
        forms |= {level + "政府" + department}
    return frozenset(forms)
