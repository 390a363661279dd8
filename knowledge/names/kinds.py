"""Kinds of bodies (departments.toml): which kind a department's name is, and the names people use for it.

Pure functions over the data file: a printed department → its kind and every name of that kind, a zone's long
form → the forms people say. The directory calls them; nothing here knows which bodies are held.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("departments.toml")
# What a department's printed name may carry around its kind: the level it belongs to (市教育局), the
# government it is part of (人民政府办公室), a branch (生态环境局洪泽分局 is read as its own department).
_LEVELS = ("省", "市", "区", "县", "州", "旗")


@dataclass(frozen=True)
class Kinds:
    """Department kinds by name, every name of each kind, and the zone forms."""

    of_name: dict[str, str]
    names: dict[str, frozenset[str]]
    zones: dict[str, tuple[str, ...]]

    def kind(self, department: str) -> str:
        """The kind of a printed department ("" when it is none of the standard ones)."""
        for name in (department, department.removeprefix("人民政府"), department.removeprefix("政府")):
            if name in self.of_name:
                return self.of_name[name]
            if name[:1] in _LEVELS and name[1:] in self.of_name:
                return self.of_name[name[1:]]
        return ""


@cache
def kinds() -> Kinds:
    """The data file, read once per process."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    zones = {long: tuple(short) for long, short in data.pop("zones").items()}
    of_name: dict[str, str] = {}
    names: dict[str, frozenset[str]] = {}
    for key, entry in data.items():
        every = frozenset(entry["names"]) | frozenset(entry["everyday"])
        # 府 is 政府 shortened (市府办公厅, 县府办): every name with 政府 (not 人民政府) is said so too
        every |= {n.replace("政府", "府") for n in every if "政府" in n and "人民政府" not in n}
        names[key] = every
        for name in every:
            of_name.setdefault(name, key)
    return Kinds(of_name, names, zones)


def department_kind(department: str) -> str:
    """The standard kind of a printed department (transport for 交通运输局 or 交通局), or ""."""
    return kinds().kind(department)


def kind_names(department: str) -> frozenset[str]:
    """Every name of the department's kind (交通运输局 → 交通局, 交通委 …); just its own name if it has none."""
    kind = department_kind(department)
    return kinds().names[kind] if kind else frozenset({department})


@cache
def every_department_name() -> frozenset[str]:
    """Every name of every kind: the words that name a department whether or not the base holds one."""
    return frozenset(kinds().of_name)


@cache
def zone_pattern() -> re.Pattern[str]:
    """A zone's own name (two to four characters) and its kind, at the start of a name (longest kind first)."""
    forms = sorted(kinds().zones, key=len, reverse=True)
    return re.compile(r"^([\u4e00-\u9fff]{2,4}?)(" + "|".join(forms) + ")")


def zone_forms(core: str, kind: str) -> set[str]:
    """The ways a zone is named: 鹤鸣高新技术产业开发区 as 鹤鸣高新区, 鹤鸣高新 …"""
    return {core + kind} | {core + short for short in kinds().zones.get(kind, ())}
