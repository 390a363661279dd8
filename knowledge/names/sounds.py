"""Names that sound like a held body's: a slip of a phone's input method (洪择区 for 洪泽区, 平谭 for 平潭)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from knowledge.names.directory import Directory
from knowledge.names.forms import near_keys
from knowledge.names.places import gazetteer


@lru_cache(maxsize=4096)
def _sounds(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin  # MIT; its dictionary is loaded on first use

    return tuple(lazy_pinyin(text, style=Style.NORMAL))


@cache
def _read_otherwise() -> frozenset[str]:
    """The characters some phrase of pypinyin's dictionary reads in a way their own entry does not list (乐 of
    乐亭, 着 of 着落…): about 25 of them, found once by going through the phrases (about 0.1 s)."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    listed: dict[str, set[str]] = {}
    odd = set()
    for phrase, readings in PHRASES_DICT.items():
        for ch, reading in zip(phrase, readings, strict=False):
            own = listed.get(ch)
            if own is None:
                own = listed[ch] = set(PINYIN_DICT.get(ord(ch), "").split(","))
            if reading[0] not in own:
                odd.add(ch)
    return frozenset(odd)


@lru_cache(maxsize=8192)
def _readings(ch: str) -> frozenset[str] | None:
    """Every way `_sounds` may read the character in some text; None when it may be read in any way (a phrase
    reads it otherwise than its entry lists, or it is no character pypinyin knows)."""
    from pypinyin import Style, pinyin
    from pypinyin.constants import PINYIN_DICT

    if ord(ch) not in PINYIN_DICT or ch in _read_otherwise():
        return None
    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def _may_sound_alike(first: str, second: str) -> bool:
    """Whether two characters can be read alike in some texts: they share a reading (a necessary condition for
    two stretches one character apart to sound alike, checked before reading the stretches)."""
    ours, theirs = _readings(first), _readings(second)
    return ours is None or theirs is None or bool(ours & theirs)


def sounds_like(asked: str, names: Iterable[str]) -> list[str]:
    """The names holding a stretch that is read aloud as `asked` is and differs from it in one character: what
    a pinyin keyboard types for a name when the wrong character of the same sound is picked."""
    if len(asked) < 2:
        return []
    sound = _sounds(asked)
    found: list[str] = []
    for name in names:
        for start in range(len(name) - len(asked) + 1):
            if _one_apart_alike(name[start:start + len(asked)], asked, sound):
                found.append(name)
                break
    return found


def any_held_sounds_like(asked: str, directory: Directory) -> bool:
    """Whether some held name holds a stretch sounding as `asked` one character apart (sounds_like over every
    held name), found through the held names' character pairs: only the stretches held are read aloud."""
    if len(asked) < 2:
        return False
    similar = directory.held.similar()
    sound = _sounds(asked)
    return any(_may_sound_alike(stretch[at], asked[at]) and similar.holding(stretch) and _sounds(stretch) == sound
               for at, stretch in similar.variants(asked))


SOUND_CANDIDATES, SOUND_CUTOFF = 20, 25


def read_by_sound(asked: str, directory: Directory) -> tuple[str, ...]:
    """(the name asked, the held body) when a name no division has sounds as one held body's name does, one
    character apart (洪择区 typed for 洪泽区): the input method's slip, read as that body and said so."""
    if asked in gazetteer().by_name or asked in gazetteer().by_short:
        return ()  # a real division of its own is never read as another one (泗阳县 is not 沭阳县)
    if not any_held_sounds_like(asked, directory):
        return _division_by_sound(asked, directory)  # none held: a division's name typed so (述阳 for 沭阳)
    # A one-character slip of a short name scores low on WRatio (乒潭 against 平潭综合实验区: 45): a low cutoff.
    alike = sounds_like(asked, directory.held.similar().extract(asked, SOUND_CANDIDATES, SOUND_CUTOFF))
    return (asked, alike[0]) if len(alike) == 1 else ()


def _division_by_sound(asked: str, directory: Directory) -> tuple[str, ...]:
    """(the name asked, the held bodies) when the name sounds as exactly one division's name does, one character
    apart, and that division's name names held bodies (述阳 or 术阳 typed for 沭阳, whose report is held)."""
    found = {name for key in near_keys(asked) for name in _divisions_near().get(key, ())
             if len(name) == len(asked) and _one_apart_alike(name, asked)}
    if len(found) != 1:
        return ()
    bodies = directory.resolve([found.pop()], []).bodies
    return (asked, *bodies) if bodies else ()


def _one_apart_alike(stretch: str, asked: str, sound: tuple[str, ...] | None = None) -> bool:
    """Whether a stretch as long as `asked` differs from it in one character and is read aloud as it is (`sound`,
    its reading when known); the characters apart must share a reading before the stretch is read aloud (pypinyin
    is slow)."""
    apart = [at for at, (a, b) in enumerate(zip(stretch, asked, strict=True)) if a != b]
    return len(apart) == 1 and _may_sound_alike(stretch[apart[0]], asked[apart[0]]) \
        and _sounds(stretch) == (sound or _sounds(asked))


def warm() -> None:
    """Index the divisions' names and the departments' forms by sound now (start-up), not on the first name no
    body holds."""
    _divisions_near()
    _departments_by_sound()


@cache
def _divisions_near() -> dict[str, tuple[str, ...]]:
    """Every division's name and short name under each of its near keys (one character left out), found once."""
    places = gazetteer()
    index: dict[str, list[str]] = {}
    for name in dict.fromkeys((*places.by_name, *places.by_short)):
        for key in near_keys(name):
            index.setdefault(key, []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def department_by_sound(asked: str) -> str:
    """The department form that `asked` is read aloud as, one character apart (科伟 for 科委, 办工厅 for 办公厅), when
    exactly one form sounds so: the input method's slip; "" otherwise."""
    if not 2 <= len(asked) <= _LONGEST_HEARD or _a_word(asked):
        return ""  # 监委 is a body of its own, never a slip for 建委
    found = {form for form in _departments_by_sound().get(_sounds(asked), ()) if _one_apart_alike(form, asked)}
    return found.pop() if len(found) == 1 else ""


_LONGEST_HEARD = 6  # a department's form longer than this is typed whole or not at all


@cache
def _departments_by_sound() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every standard department's forms, by how they are read aloud, found once."""
    from knowledge.names.bodies import standard_department_forms

    index: dict[tuple[str, ...], list[str]] = {}
    for form in standard_department_forms():
        if 2 <= len(form) <= _LONGEST_HEARD:
            index.setdefault(_sounds(form), []).append(form)
    return {key: tuple(forms) for key, forms in index.items()}


def _a_word(text: str) -> bool:
    """Whether jieba's dictionary holds the text as one word (监委, 纪委): a word typed as meant."""
    import rjieba  # MIT; jieba's dictionary compiled in

    return len(rjieba.cut(text, False)) == 1
