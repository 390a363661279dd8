"""The bodies the knowledge base holds, and which of them (or which place) a question names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from rapidfuzz import fuzz

from knowledge.names.bodies import (
    department_forms,
    level_of,
    standard_department_forms,
    zone_cores,
)
from knowledge.names.forms import (
    AREA,
    DEPARTMENT,
    NEAR,
    PLACE,
    Body,
    areas_named,
    near_keys,
)
from knowledge.names.memory import MemoryNames, NoNames
from knowledge.names.places import gazetteer, short_name, within
from knowledge.names.similar import SimilarNames

# How alike (rapidfuzz WRatio, 0–100) a held body's name must be to be named instead of a name not held.
ALIKE = 50


@dataclass(frozen=True)
class Mention:
    """A stretch of a text that names a place or a department: `role` is place or department, `match` name or short."""

    start: int
    end: int
    text: str
    role: str
    match: str


@dataclass(frozen=True)
class Resolution:
    """The bodies a question names; or the place it names that the base holds no body of (with those inside it,
    or, when `alike`, the held bodies whose place is printed one character off the place asked)."""

    bodies: tuple[str, ...] = ()
    place: str = ""
    inside: tuple[str, ...] = ()
    alike: bool = False
    also: tuple[str, ...] = ()  # other divisions the place's name names, of which no such body is held (大安市)


class HeldNames(Protocol):
    """The names of the bodies a base holds, as the store keeps them (written by `names_of` at ingest)."""

    longest: int  # the longest name held

    def known(self, pieces: Iterable[str]) -> set[tuple[str, str]]:
        """The (name, role) pairs held among the pieces."""

    def beginnings(self, pairs: Iterable[str]) -> set[str]:
        """The pairs of characters some held name begins with."""

    def named(self, forms: Iterable[str], role: str) -> list[Body]:
        """The bodies one of the forms names in the role, in the order of their first names."""

    def inside(self, chain: tuple[str, ...], limit: int = -1, department: str = "") -> list[Body]:
        """The bodies whose place lies in (or is) the place of the chain, in the order of their first names; with
        a department's name, only the bodies it names."""

    def names(self) -> list[str]:
        """Every body's display name, in the order of their first names (a scan)."""

    def similar(self) -> SimilarNames:
        """The display names indexed for finding those alike to a name not held (built once per base)."""


class Directory:
    """Which bodies (and which places) a text names: the divisions, and the names the base keeps for its bodies."""

    def __init__(self, held: HeldNames | None = None) -> None:
        self.held: HeldNames = held if held is not None else NoNames()
        self.departments = _HeldForms(self.held, DEPARTMENT)

    @classmethod
    def build(cls, issuers: Iterable[str]) -> Directory:
        """A directory of the bodies of these issuers, held in memory (the store keeps a base's in the base)."""
        return cls(MemoryNames(issuers))

    def mentions(self, text: str) -> list[Mention]:
        """Candidate stretches naming a place (a division, or the place of a body held) or a department."""
        places = gazetteer()
        longest = max(self.held.longest, places.longest, _longest_kind_name())
        pieces = [(start, end) for start in self._starts(text)
                  for end in range(start + 2, min(len(text), start + longest) + 1)]
        held = self.held.known(text[start:end] for start, end in pieces)
        spans = []
        for start, end in pieces:
            piece = text[start:end]
            if (piece, PLACE) in held or piece in places.by_name or (piece, AREA) in held:
                spans.append(Mention(start, end, piece, "place", "name"))
            elif piece in places.by_short:
                spans.append(Mention(start, end, piece, "place", "short"))
            if (piece, DEPARTMENT) in held or piece in GOVERNMENT_FORMS or piece in standard_department_forms():
                spans.append(Mention(start, end, piece, "department", "name"))
        units = [s for s in spans if (s.text, PLACE) in held]
        # 中国上海门户网站: 上海 (a body held) is read, not 海门 (another division's short name across it).
        return [s for s in spans if s.match != "short" or not any(h.start < s.end and s.start < h.end
                                                                  for h in units)]

    def _starts(self, text: str) -> list[int]:
        """Where a name may begin in the text: where its two characters begin a division's name, a department's
        or a held name (no stretch starting elsewhere is one, so none is looked up)."""
        pairs = [text[at:at + 2] for at in range(len(text) - 1)]
        held = self.held.beginnings(set(pairs) - _known_beginnings())
        return [at for at, pair in enumerate(pairs) if pair in held or pair in _known_beginnings()]

    def resolve(self, places: list[str], departments: list[str]) -> Resolution:
        """The bodies named by the place and department words of a question (places that do not lie in each
        other name several bodies: 洪泽区和蓟州区)."""
        groups = self._groups(places)
        if len(groups) <= 1:
            return self._resolve_one(places, departments)
        found = [self._resolve_one(g, departments) for g in groups]
        missing = next((r for r in found if not r.bodies), None)
        if missing is not None:
            return missing  # 北京市朝阳区…蓟州区: a place the base holds nothing of blocks the answer
        return Resolution(bodies=tuple(dict.fromkeys(b for r in found for b in r.bodies)))

    def _groups(self, places: list[str]) -> list[list[str]]:
        groups: list[tuple[list[str], list[tuple[str, ...]]]] = []
        for place in dict.fromkeys(places):
            chains = self._chains_of(place)
            home = next((g for g in groups if any(within(a, b) or within(b, a) for a in chains for b in g[1])), None)
            if home is None:
                groups.append(([place], chains))
            else:
                home[0].append(place)
                home[1].extend(chains)
        return [g[0] for g in groups]

    def _resolve_one(self, places: list[str], departments: list[str]) -> Resolution:
        if not places:
            return self._by_department(departments)
        chains = self._place_chains(places)
        level = next((d for d in departments if level_of(d)), "")
        if level:  # 大安 + 市教育局 or 市政府: a place of that level (大安市), never 大安区
            chains = [c for c in chains if c[-1].endswith(level[0])]
            if not chains:
                return Resolution(place="".join(dict.fromkeys(places)) + level)
        near = self._near_bodies(places)
        if near:
            # A place printed one character off the place asked (沐阳县 for 沭阳县, or 云梦市 beside 云浮市) may be
            # a misprint or another place: its bodies are offered, never answered. The government is never
            # offered for one of its departments (沭阳县公安局 is not the 沐阳县人民政府 of the report).
            asked = [d for d in departments if d not in GOVERNMENT_FORMS]
            fits = tuple(sorted(b.name for b in near if self._department_fits(b, asked)))
            return Resolution(place="".join(dict.fromkeys(places)) + (asked[-1] if asked else ""), inside=fits,
                              alike=bool(fits))
        if not chains:
            return Resolution(place=places[-1])
        # A department asked (not the government): only the bodies it names can fit, and only they are read
        department = next((d for d in departments if d not in GOVERNMENT_FORMS), "")
        inside = self._inside(chains, department)
        named = [b for b in inside if self._department_fits(b, departments)]
        exact = [b for b in named if any(b.chain == c for c in chains)]
        if exact and (departments or any(not b.department for b in exact)):
            government = [b for b in exact if not b.department] if not departments else exact
            chosen = government or exact
            return Resolution(bodies=tuple(b.name for b in chosen), also=self._also(places, chains, chosen))
        if departments and not named and not set(departments) <= GOVERNMENT_FORMS:
            return Resolution(place="".join(places) + departments[-1])
        # 上海市政府 when only its 办公厅 and 科委 are held: the place's own departments and the governments
        # within it are offered; the government itself is not held, and none of them answers for it. A
        # department asked of a place that holds it only lower down (江北省交通运输局): those lower down.
        place = "".join(dict.fromkeys(places))
        if departments and not set(departments) <= GOVERNMENT_FORMS:
            return Resolution(place=place + departments[-1], inside=tuple(sorted(b.name for b in named)))
        offer = [b for b in inside if not b.department or any(b.chain == c for c in chains)]
        return Resolution(place=place, inside=tuple(sorted(b.name for b in offer or inside)))

    def _also(self, places: list[str], chains: list[tuple[str, ...]], chosen: list[Body]) -> tuple[str, ...]:
        """大安教育局 with 大安区's held and 大安市's not: the other divisions the place's name names, when the bodies
        chosen are of divisions too (平潭综合实验区 and 平潭县 are one place under two names, not two places)."""
        places_ = gazetteer()
        divisions = {p.chain for w in places for p in places_.by_name.get(w, ()) + places_.by_short.get(w, ())}
        if not all(b.chain in divisions for b in chosen):
            return ()
        return tuple("".join(c) for c in chains if c in divisions and not any(b.chain == c for b in chosen))

    def _near_bodies(self, places: list[str]) -> list[Body]:
        """The bodies whose place is printed one character off the place asked (沐阳县 for 沭阳县), when the base
        holds no body of the place asked and the printed name is no division at all."""
        if not places or any(self.held.inside(c, 1) for p in places for c in self._chains_of(p)):
            return []
        hits = {b.name: b for p in places if len(p) >= 3 or p in gazetteer().by_short
                for b in self.held.named(near_keys(p), NEAR) if p not in (b.chain[0], short_name(b.chain[0]))}
        return list(hits.values())

    def _inside(self, chains: list[tuple[str, ...]], department: str = "") -> list[Body]:
        """The bodies whose place lies in one of the chains (looked up by prefix, not by scanning); with a
        department's name, only those it names (looked up by index too)."""
        found = {b.key: b for c in chains for b in self.held.inside(c, department=department)}
        return list(found.values())

    def _by_department(self, departments: list[str]) -> Resolution:
        wanted = [d for d in departments if d in self.departments]
        if not wanted:
            named = [d for d in departments if d not in GOVERNMENT_FORMS]
            return Resolution(place=named[-1]) if named else Resolution()  # 教育局 when none is held
        fits = [b.name for b in self.held.named(wanted[:1], DEPARTMENT) if self._department_fits(b, wanted)]
        return Resolution(bodies=tuple(sorted(fits)))

    def closest(self, text: str, limit: int = 3) -> list[str]:
        """The held bodies nearest to a name not held: those of the place it begins with first, then the names
        most alike (rapidfuzz), for saying what is held instead."""
        if not text:
            return []
        local = {b.name for b in self.held.named([text[:end] for end in range(2, len(text) + 1)], PLACE)}
        near = sorted(local, key=lambda name: (-fuzz.ratio(text, name), name))
        if len(near) >= limit:
            return near[:limit]  # the names alike would all come after these: they need not be scored
        alike = self.held.similar().extract(text, limit + len(near), ALIKE)
        return list(dict.fromkeys([*near, *alike]))[:limit]

    def _department_fits(self, body: Body, departments: list[str]) -> bool:
        if not departments:
            return True
        return all(d in department_forms(body.department) for d in departments)

    def _place_chains(self, places: list[str]) -> list[tuple[str, ...]]:
        """The chains every named place agrees with: the most specific place that lies within all the others."""
        options = [self._chains_of(p) for p in places]
        chains = [c for c in options[0]]
        if len(options) == 1:
            return chains  # 淮安: the city or its 淮安区; the bodies held in either fit
        for other in options[1:]:
            merged = [a if len(a) >= len(b) else b for a in chains for b in other if within(a, b) or within(b, a)]
            chains = merged
        deepest = max((len(c) for c in chains), default=0)
        return list(dict.fromkeys(c for c in chains if len(c) == deepest))

    def _chains_of(self, form: str) -> list[tuple[str, ...]]:
        places = gazetteer()
        chains = [p.chain for p in places.by_name.get(form, ()) + places.by_short.get(form, ())]
        named = self.held.named([form], PLACE)
        cored = [b for b in named if b.chain and form in zone_cores(b.chain[-1])]
        if cored and (len(cored) < len(named) or any(self.held.inside(c, 1) for c in chains)):
            # 武威 is 武威市 when the base holds bodies of it; 武威经济技术开发区 only when it holds none (平潭)
            named = [b for b in named if b not in cored]
        chains += [b.chain or (form,) for b in named]
        chains += sorted({area for b in self.held.named([form], AREA) for area in areas_named(b.chain, form)})
        return list(dict.fromkeys(chains))


class _HeldForms:
    """Whether a name is held in a role (`"交通局" in directory.departments`), asked of the held names."""

    def __init__(self, held: HeldNames, role: str) -> None:
        self.held = held
        self.role = role

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name, self.role) in self.held.known([name])


# The government itself, however it is named; alone, these name no body.
GOVERNMENT_FORMS = frozenset(department_forms(""))


@cache
def _known_beginnings() -> frozenset[str]:
    """The first two characters of every division's name and short name and of every name of the government or
    of a standard department."""
    places = gazetteer()
    names = [*places.by_name, *places.by_short, *GOVERNMENT_FORMS, *standard_department_forms()]
    return frozenset(name[:2] for name in names if len(name) >= 2)


@cache
def _longest_kind_name() -> int:
    """The longest name of the government or of a standard department, held or not."""
    return max(len(form) for form in GOVERNMENT_FORMS | standard_department_forms())
