"""Names that sound like a held body's: a slip of a phone's input method (洪择区 for 洪泽区, 平谭 for 平潭)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from knowledge.names.directory import Directory
from knowledge.names.places import gazetteer


@lru_cache(maxsize=4096)
def _sounds(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin  # MIT; its dictionary is loaded on first use

    return tuple(lazy_pinyin(text, style=Style.NORMAL))


def sounds_like(asked: str, names: Iterable[str]) -> list[str]:
    """The names holding a stretch that is read aloud as `asked` is and differs from it in one character: what
    a pinyin keyboard types for a name when the wrong character of the same sound is picked."""
    if len(asked) < 2:
        return []
    sound = _sounds(asked)
    found = []
    for name in names:
        for start in range(len(name) - len(asked) + 1):
            stretch = name[start:start + len(asked)]
            if sum(a != b for a, b in zip(stretch, asked, strict=True)) == 1 and _sounds(stretch) == sound:
                found.append(name)
                break
    return found


SOUND_CANDIDATES, SOUND_CUTOFF = 20, 25


def read_by_sound(asked: str, directory: Directory) -> tuple[str, str] | tuple[()]:
    """(the name asked, the held body) when a name no division has sounds as one held body's name does, one
    character apart (洪择区 typed for 洪泽区): the input method's slip, read as that body and said so."""
    if asked in gazetteer().by_name or asked in gazetteer().by_short:
        return ()  # a real division of its own is never read as another one (泗阳县 is not 沭阳县)
    # A one-character slip of a short name scores low on WRatio (乒潭 against 平潭综合实验区: 45): a low cutoff.
    alike = sounds_like(asked, directory.held.similar().extract(asked, SOUND_CANDIDATES, SOUND_CUTOFF))
    return (asked, alike[0]) if len(alike) == 1 else ()
