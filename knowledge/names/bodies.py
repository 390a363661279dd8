"""Issuing bodies: which place and which department a report's issuer is, so that one body is one issuer.

A report names its body as printed ("洪泽区人民政府" one year, "淮安市洪泽区人民政府" the next); both are the
government of 江苏省/淮安市/洪泽区. A body is its place (the chain of divisions) and its department ("" for the
government itself, 办公厅, 科学技术委员会 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from knowledge.names.places import ZONE, Place, gazetteer, leading_places, short_name
from knowledge.normalize import normalize

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_UNKNOWN_AREA = re.compile(r"^([\u4e00-\u9fff]{2,3}?(?:县|区|市|旗))(?=人民政府|政府|$)")
_GOVERNMENT = ("人民政府", "政府", "管委会", "管理委员会", "")
# Common short forms of departments (not names of any one body).
ABBREVIATIONS = (("科学技术委员会", "科委"), ("科学技术局", "科技局"), ("发展和改革委员会", "发改委"),
                 ("卫生健康委员会", "卫健委"), ("教育委员会", "教委"), ("经济和信息化委员会", "经信委"),
                 ("住房和城乡建设委员会", "住建委"), ("管理委员会", "管委会"), ("办公厅", "府办"), ("办公室", "政府办"))


@dataclass(frozen=True)
class BodyName:
    """An issuer name read as place + department."""

    chain: tuple[str, ...]  # divisions from the province down, or the area's own name when not a division
    department: str
    note: str = ""  # e.g. the division a misprinted place name was taken for

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


def read_issuer(issuer: str) -> BodyName:
    """Place and department of an issuer name as printed."""
    name = normalize(_BRACKETS.sub("", issuer))
    places, rest = leading_places(name)
    zone = ZONE.match(rest)
    if zone:
        area = zone.group(0)
        parents = places[-1].chain if places else _zone_parents(zone.group(1))
        return BodyName((*parents, area), department_of(rest[len(area):]))
    if places:
        return BodyName(places[-1].chain, department_of(rest))
    unknown = _UNKNOWN_AREA.match(rest)
    if unknown:
        near = _near_division(unknown.group(1))
        if near is not None:
            return BodyName(near.chain, department_of(rest[len(unknown.group(1)):]),
                            f"报告印作“{unknown.group(1)}”，按“{near.name}”理解")
        return BodyName((unknown.group(1),), department_of(rest[len(unknown.group(1)):]))
    return BodyName((), department_of(rest))


def _zone_parents(core: str) -> tuple[str, ...]:
    """A zone lies where the division of the same short name lies (平潭综合实验区 → 福建省/福州市)."""
    places = gazetteer().by_short.get(core, ())
    return places[0].parents if len(places) == 1 else ()


def _near_division(name: str) -> Place | None:
    """The one division whose name is one character off (an OCR slip such as 沐阳县 for 沭阳县), if any."""
    if len(name) < 3:
        return None
    hits = [p for n, ps in gazetteer().by_name.items() if len(n) == len(name) and n[-1] == name[-1]
            and Levenshtein.distance(n, name) == 1 for p in ps]
    return hits[0] if len(hits) == 1 else None


def place_forms(chain: tuple[str, ...]) -> set[str]:
    """The ways a body's lowest place is named: full or short, alone or after its city or province."""
    if not chain:
        return set()
    low = {chain[-1], short_name(chain[-1])}
    zone = ZONE.match(chain[-1])
    if zone:
        low.add(zone.group(1))
    prefixes = {""}
    for parent in chain[:-1]:
        prefixes |= {p + f for p in set(prefixes) for f in (parent, short_name(parent))}
    return {p + name for p in prefixes for name in low if len(name) >= 2}


def department_forms(department: str) -> set[str]:
    """The ways a department is named (科学技术委员会, 科委, 市科委 …); the government itself as 政府 or 人民政府."""
    if not department:
        return {"人民政府", "政府", "区政府", "县政府", "市政府", "管委会", "管理委员会"}
    forms = {department, "人民政府" + department, "政府" + department}
    for long, short in ABBREVIATIONS:
        if long in department:
            forms.add(department.replace(long, short))
        elif department.endswith(short) and len(short) >= 2:
            forms.add(department[: -len(short)] + long)
    for level in ("市", "区", "县", "省"):
        forms |= {level + f for f in set(forms) if not f.startswith(("人民政府", "政府"))}
        forms |= {level + "政府" + department}
    return forms
