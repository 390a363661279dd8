"""Names typed with a character of the same sound (a pinyin keyboard's slip) read as the held body, said so; a
real division of its own, or a name that sounds otherwise, never."""

from __future__ import annotations

import random
from functools import cache

import pytest
from pypinyin import Style, lazy_pinyin

from bench.bodies import synthetic_bodies
from knowledge import Service
from knowledge.names import Directory
from knowledge.names.places import gazetteer
from knowledge.names.sounds import any_held_sounds_like, department_by_sound, sounds_like

# Held places of the corpus as people shorten them, with the figure of 本年新收 in one year of each.
HELD = [("洪泽区", 2024, 95, "淮安市洪泽区人民政府"), ("蓟州区", 2020, 191, "天津市蓟州区"),
        ("平潭", 2022, 74, "平潭综合实验区")]


@cache
def _by_sound() -> dict[str, list[str]]:
    chars: dict[str, list[str]] = {}
    for code in range(0x4E00, 0x9FA6):
        ch = chr(code)
        chars.setdefault(lazy_pinyin(ch, style=Style.NORMAL)[0], []).append(ch)
    return chars


def slips(name: str) -> list[str]:
    """Each way of typing `name` with one character swapped for another of the same sound, that names no
    division (the first such character for each position)."""
    out = []
    places = gazetteer()
    for i, ch in enumerate(name[:-1] if name[-1] in "区县市" else name):
        sound = lazy_pinyin(ch, style=Style.NORMAL)[0]
        for other in _by_sound()[sound]:
            typed = name[:i] + other + name[i + 1:]
            if other != ch and typed not in places.by_name and typed not in places.by_short:
                out.append(typed)
                break
    return out


def test_a_stretch_of_the_same_sound_one_character_apart_is_found() -> None:
    assert sounds_like("洪择区", ["淮安市洪泽区人民政府", "天津市蓟州区"]) == ["淮安市洪泽区人民政府"]
    assert sounds_like("泗阳县", ["沐阳县人民政府"]) == []  # one character apart, another sound
    assert sounds_like("洪泽区", ["淮安市洪泽区人民政府"]) == []  # the name itself is no slip
    assert sounds_like("洪", ["淮安市洪泽区人民政府"]) == []


@pytest.mark.parametrize(("name", "year", "value", "body"), HELD)
def test_a_held_name_typed_with_a_same_sounding_character_is_answered_and_said(
        service: Service, name: str, year: int, value: int, body: str) -> None:
    typed = slips(name)
    assert typed
    for slip in typed:
        answer = service.ask(f"{slip}{year}年收到多少申请")
        assert [f.value for f in answer.figures] == [value] and answer.figures[0].issuer == body, slip
        assert f"“{slip}”按“{body}”理解" in answer.notes


@pytest.mark.parametrize("name", ["冀州区", "泗阳县", "红河县"])
def test_a_real_division_or_another_sound_gets_no_held_figure(service: Service, name: str) -> None:
    # 冀州区 (衡水市) sounds as 蓟州区 does, 泗阳县 is one character from 沐阳县 but sounds otherwise.
    answer = service.ask(f"{name}2020年收到多少申请")
    assert not answer.figures, name


def test_whether_a_held_name_sounds_alike_is_what_reading_every_name_says() -> None:
    """The held names' character pairs find a name sounding alike exactly when reading every held name aloud
    does: slips of held names (each character swapped for one of its sound), pieces of them, and names of
    other sounds."""
    names = [name for body in synthetic_bodies(2000) for name in body.names]
    directory = Directory.build(names)
    held = directory.held.names()
    rng = random.Random(31)
    asked = ["乐亭县", "涝亭县", "老亭", "洪择区", "某某某局"]
    for name in rng.sample(held, 120):
        start = rng.randrange(len(name) - 1)
        piece = name[start:rng.randint(start + 2, len(name))]
        asked += [piece, *slips(piece)[:2]]
    found = 0
    for text in asked:
        alike = bool(sounds_like(text, held))
        assert any_held_sounds_like(text, directory) == alike, text
        found += alike
    assert 0 < found < len(asked)


@pytest.mark.parametrize(("typed", "form"), [("科伟", "科委"), ("办工厅", "办公厅"), ("教育据", "教育局"),
                                             ("科委", ""), ("信息", ""), ("交通", "")])
def test_a_department_typed_with_a_same_sounding_character_is_heard(typed: str, form: str) -> None:
    assert department_by_sound(typed) == form


@pytest.mark.parametrize(("typed", "body", "heard"), [
    ("上海科伟", "上海市科委", "“科伟”按“科委”理解"),
    ("上海市政府办工厅", "上海市人民政府办公厅", "“市政府办工厅”按“市政府办公厅”理解"),
])
def test_a_held_department_typed_so_is_answered_and_said(service: Service, typed: str, body: str,
                                                         heard: str) -> None:
    year = 2024 if "科" in body else 2019
    answer = service.ask(f"{typed}{year}年收到多少申请")
    assert answer.figures and answer.figures[0].issuer == body and heard in answer.notes


def test_a_word_of_the_dictionary_is_never_heard_as_another_department() -> None:
    assert department_by_sound("监委") == ""  # a body of its own, not a slip for 建委
