"""The names of a few bodies held in memory, derived as the store derives them (for tests and tools), and of none
(no base): what a Directory asks of the bodies held, answered without a base."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.names.bodies import read_issuer
from knowledge.names.forms import AREA, DEPARTMENT, NEAR, PLACE, Body, forms_of, group_bodies
from knowledge.names.places import within
from knowledge.names.similar import SimilarNames


class NoNames:
    """No base: no body held."""

    longest = 0

    def known(self, pieces: Iterable[str]) -> set[tuple[str, str]]:
        return set()

    def beginnings(self, pairs: Iterable[str]) -> set[str]:
        return set()

    def named(self, forms: Iterable[str], role: str) -> list[Body]:
        return []

    def inside(self, chain: tuple[str, ...], limit: int = -1, department: str = "") -> list[Body]:
        return []

    def names(self) -> list[str]:
        return []

    def similar(self) -> SimilarNames:
        return SimilarNames([])


class MemoryNames:
    """The names of a few bodies held in memory, derived as the store derives them (for tests and tools)."""

    def __init__(self, issuers: Iterable[str]) -> None:
        self.bodies = group_bodies({issuer: read_issuer(issuer) for issuer in issuers})
        self.forms = {body.key: forms_of(body) for body in self.bodies}
        self.longest = max((len(form) for forms in self.forms.values() for form, _ in forms), default=0)
        self._similar: SimilarNames | None = None

    def known(self, pieces: Iterable[str]) -> set[tuple[str, str]]:
        every = set().union(*self.forms.values())
        return {(piece, role) for piece in pieces for role in (PLACE, AREA, DEPARTMENT, NEAR) if (piece, role) in every}

    def beginnings(self, pairs: Iterable[str]) -> set[str]:
        return set(pairs) & {form[:2] for forms in self.forms.values() for form, _ in forms}

    def named(self, forms: Iterable[str], role: str) -> list[Body]:
        wanted = {(form, role) for form in forms}
        return [b for b in self.bodies if wanted & self.forms[b.key]]

    def inside(self, chain: tuple[str, ...], limit: int = -1, department: str = "") -> list[Body]:
        found = [b for b in self.bodies if b.chain and within(b.chain, chain)
                 and (not department or (department, DEPARTMENT) in self.forms[b.key])]
        return found if limit < 0 else found[:limit]

    def names(self) -> list[str]:
        return [b.name for b in self.bodies]

    def similar(self) -> SimilarNames:
        if self._similar is None:
            self._similar = SimilarNames(self.names())
        return self._similar
