"""The names of a few bodies held in memory: each body known, begun and named by every name the derivation gives."""

from __future__ import annotations

from knowledge.names.forms import forms_of
from knowledge.names.memory import MemoryNames, NoNames


def test_every_derived_name_of_a_body_held_in_memory_names_it() -> None:
    held = MemoryNames(["淮安市交通运输局", "天津市澜石区人民政府", "苏州工业园区管理委员会"])
    assert sorted(held.names()) == sorted(b.name for b in held.bodies) and len(held.bodies) == 3
    for body in held.bodies:
        forms = forms_of(body)
        assert held.known(form for form, _ in forms) >= {f for f in forms if len(f[0]) >= 2}
        assert held.beginnings(form[:2] for form, _ in forms) == {form[:2] for form, _ in forms}
        for form, role in forms:
            assert body in held.named([form], role)
    assert held.beginnings(["收到", "多少"]) == set() and held.known(["收到"]) == set()
    assert held.longest == max(len(form) for body in held.bodies for form, _ in forms_of(body))


def test_no_base_holds_no_name() -> None:
    none = NoNames()
    assert none.known(["淮安"]) == none.beginnings(["淮安"]) == set() and none.named(["淮安"], "place") == []
    assert none.inside(("江苏省",)) == [] and none.names() == [] and none.longest == 0
