"""The bodies the knowledge base holds, and which of them (or which place) a question names."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from knowledge.names.bodies import (
    BodyName,
    department_forms,
    place_forms,
    read_issuer,
    standard_department_forms,
)
from knowledge.names.places import gazetteer, place_prefixes, short_name, within


@dataclass(frozen=True)
class Body:
    """One issuing body: its display name, the names reports print for it, its place and department."""

    key: str
    name: str
    names: tuple[str, ...]
    chain: tuple[str, ...]
    department: str
    note: str = ""


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
    """The bodies a question names; or the place it names that the base holds no body of (with those inside it)."""

    bodies: tuple[str, ...] = ()
    place: str = ""
    inside: tuple[str, ...] = ()


@dataclass
class Directory:
    """Bodies by key, issuer names → body, and the forms that name each body's place and department."""

    bodies: dict[str, Body] = field(default_factory=dict)
    of_issuer: dict[str, str] = field(default_factory=dict)
    units: dict[str, set[str]] = field(default_factory=dict)
    # Places above held bodies that no division is (江北省 above 江北省/青禾市), by the forms that name them.
    areas: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    departments: dict[str, set[str]] = field(default_factory=dict)
    by_prefix: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    # Bodies whose printed place is no division, by each form with one character left out (for one-off matches).
    odd: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    prefix_set: frozenset[str] | None = None

    @classmethod
    def build(cls, issuers: list[str], stored: dict[str, tuple[str, BodyName]] | None = None) -> Directory:
        """Group issuer names into bodies (read now, or as stored at ingest); the fullest name is the display."""
        readings: dict[str, BodyName] = {}
        for issuer in issuers:
            readings[issuer] = stored[issuer][1] if stored and issuer in stored else read_issuer(issuer)
        fuller = completed_chains([r.chain for r in readings.values()])
        names: dict[str, list[tuple[str, BodyName]]] = {}
        for issuer, read in readings.items():
            if read.chain in fuller:
                read = BodyName(fuller[read.chain], read.department, read.note)
            key = read.key if read.chain else "|" + issuer
            names.setdefault(key, []).append((issuer, read))
        directory = cls()
        for key, group in names.items():
            read = group[0][1]
            display = max((issuer for issuer, _ in group), key=len)
            body = Body(key, display, tuple(sorted(i for i, _ in group)), read.chain, read.department, read.note)
            directory._add(body)
        return directory

    def _add(self, body: Body) -> None:
        self.bodies[body.key] = body
        for end in range(1, len(body.chain) + 1):
            self.by_prefix.setdefault(body.chain[:end], []).append(body.key)
        if len(body.chain) == 1 and not gazetteer().lookup(body.chain[0]):
            for form in {body.chain[0], short_name(body.chain[0])}:
                for key in _substitutions(form):
                    self.odd.setdefault(key, set()).add(body.key)
        for issuer in body.names:
            self.of_issuer[issuer] = body.key
        for form in place_forms(body.chain):
            self.units.setdefault(form, set()).add(body.key)
        for end in range(1, len(body.chain)):
            if not gazetteer().lookup(body.chain[end - 1]):
                for form in place_forms(body.chain[:end]):
                    self.areas.setdefault(form, set()).add(body.chain[:end])
        if body.department:
            for form in department_forms(body.department):
                self.departments.setdefault(form, set()).add(body.department)
        if not body.chain:
            self.units.setdefault(body.names[0], set()).add(body.key)

    def body_of(self, issuer: str) -> Body | None:
        key = self.of_issuer.get(issuer)
        return self.bodies.get(key) if key else None

    def mentions(self, text: str) -> list[Mention]:
        """Candidate stretches naming a place (a division, or the place of a body held) or a department."""
        places = gazetteer()
        spans = []
        prefixes = self._prefixes()
        for start in range(len(text)):
            for end in range(start + 1, len(text) + 1):
                piece = text[start:end]
                if piece not in prefixes:
                    break
                if len(piece) < 2:
                    continue
                if piece in self.units or piece in places.by_name or piece in self.areas:
                    spans.append(Mention(start, end, piece, "place", "name"))
                elif piece in places.by_short:
                    spans.append(Mention(start, end, piece, "place", "short"))
                if piece in self.departments or piece in GOVERNMENT_FORMS or piece in standard_department_forms():
                    spans.append(Mention(start, end, piece, "department", "name"))
        held = [s for s in spans if s.text in self.units]
        # 中国上海门户网站: 上海 (a body held) is read, not 海门 (another division's short name across it).
        return [s for s in spans if s.match != "short" or not any(h.start < s.end and s.start < h.end
                                                                  for h in held)]

    def _prefixes(self) -> frozenset[str]:
        """Every beginning of every name this directory or the divisions know, computed once."""
        if self.prefix_set is None:
            names = [*self.units, *self.areas, *self.departments, *GOVERNMENT_FORMS, *standard_department_forms()]
            self.prefix_set = frozenset(n[:k] for n in names for k in range(1, len(n) + 1)) | place_prefixes()
        return self.prefix_set

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
        near = self._near_bodies(places)
        if near:
            return Resolution(bodies=near)
        if not chains:
            return Resolution(place=places[-1])
        inside = self._inside(chains)
        named = [b for b in inside if self._department_fits(b, departments)]
        exact = [b for b in named if any(b.chain == c for c in chains)]
        if exact and (departments or any(not b.department for b in exact)):
            government = [b for b in exact if not b.department] if not departments else exact
            return Resolution(bodies=tuple(b.name for b in government or exact))
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

    def _near_bodies(self, places: list[str]) -> tuple[str, ...]:
        """A body whose place the report misprints (沐阳县 for the 沭阳县 asked about): one character off, when
        the base holds no body of the place asked and the printed name is no division at all."""
        if not places or any(self._inside(self._chains_of(p)) for p in places):
            return ()
        hits = {self.bodies[k].name for p in places if len(p) >= 3 or p in gazetteer().by_short
                for key in _substitutions(p) for k in self.odd.get(key, ())
                if p not in (self.bodies[k].chain[0], short_name(self.bodies[k].chain[0]))}
        return tuple(sorted(hits)) if len(hits) == 1 else ()

    def _inside(self, chains: list[tuple[str, ...]]) -> list[Body]:
        """The bodies whose place lies in one of the chains (looked up by prefix, not by scanning)."""
        keys = dict.fromkeys(k for c in chains for k in self.by_prefix.get(c, ()))
        return [self.bodies[k] for k in keys]

    def _by_department(self, departments: list[str]) -> Resolution:
        wanted = [d for d in departments if d in self.departments]
        if not wanted:
            named = [d for d in departments if d not in GOVERNMENT_FORMS]
            return Resolution(place=named[-1]) if named else Resolution()  # 教育局 when none is held
        fits = [b.name for b in self.bodies.values() if self._department_fits(b, wanted)]
        return Resolution(bodies=tuple(sorted(fits)))

    def closest(self, text: str, limit: int = 3) -> list[str]:
        """The held bodies nearest to a name not held: those of the place it begins with first, then the names
        most alike (rapidfuzz), for saying what is held instead."""
        if not text:
            return []
        local = {self.bodies[k].name for end in range(2, len(text) + 1) for k in self.units.get(text[:end], ())}
        near = sorted(local, key=lambda name: (-fuzz.ratio(text, name), name))
        alike = process.extract(text, [b.name for b in self.bodies.values()], scorer=fuzz.WRatio,
                                limit=limit + len(near), score_cutoff=50)
        return list(dict.fromkeys([*near, *(name for name, _, _ in alike)]))[:limit]

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
        chains += [self.bodies[k].chain or (form,) for k in self.units.get(form, ())]
        chains += sorted(self.areas.get(form, ()))
        return list(dict.fromkeys(chains))


def completed_chains(chains: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Chains printed without their upper places (青禾市 beside 江北省/青禾市), completed from the one longest
    chain held that ends the same way; the gazetteer's chains begin at a province and need nothing."""
    ending: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    held = set(chains)
    for chain in held:
        for cut in range(1, len(chain)):
            ending.setdefault(chain[cut:], set()).add(chain)
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for tail, longer in ending.items():
        if gazetteer().lookup(tail[0]) or tail not in held:
            continue
        longest = {c for c in longer if c not in ending}  # no chain held ends with it in turn
        if len(longest) == 1:
            out[tail] = longest.pop()
    return out


def _substitutions(form: str) -> list[tuple[int, str]]:
    """The form with each character left out, keyed by where: two names share a key when one character differs."""
    return [(i, form[:i] + form[i + 1:]) for i in range(len(form))] if len(form) >= 2 else []


# The government itself, however it is named; alone, these name no body.
GOVERNMENT_FORMS = frozenset(department_forms(""))
