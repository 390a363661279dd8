"""The bodies a question names: its place and department words read as one body or several, a place named
again, a department that is part of what is asked, a body no directory knows, and the body's own level word."""

from __future__ import annotations

from itertools import pairwise

from knowledge.names.bodies import names_a_body
from knowledge.names.directory import GOVERNMENT_FORMS, Directory, Resolution
from knowledge.names.kinds import department_kind
from knowledge.names.places import gazetteer
from knowledge.names.sounds import department_by_sound, read_by_sound
from knowledge.understanding.asker_clauses import BREAKS
from knowledge.understanding.lexicon import Lexicon, Meaning
from knowledge.understanding.names_in_text import WHOSE_REPORT
from knowledge.understanding.segment import Span, same_kind
from knowledge.understanding.words import locative, tag, weight

# Operations that set the bodies named against each other.
_COMPARING_BODIES = frozenset({"more", "less", "compare", "change", "max", "min", "which_body"})
_LEVELS = "省市区县镇乡"
# The levels a place changes between and keeps its name (县改区, 县改市, 撤县设区): never a province or a town.
_COUNTY_LEVELS = "县区市"


def body_words(spans: list[Span], directory: Directory) -> list[Span]:
    """The spans with a department heard by its sound, a department that is part of what is asked, and a place
    named again, left as words."""
    return _second_mentions(_asked_departments(_heard_departments(spans), directory))


def department_of(span: Span) -> str:
    """The department a span names: the form it was heard as (科委 of 科伟), or its own text."""
    return span.heard or span.text


def _heard_departments(spans: list[Span]) -> list[Span]:
    """An unknown word right after a place or a department that sounds as a department's form does, one character
    apart (上海科伟: 科委; 市政府办工厅: 市政府办公厅): that department, and the reply says how it was read."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if span.meanings or prev is None or not (prev.has("place") or prev.has("department")):
            out.append(span)
            continue
        joined = department_by_sound(prev.text + span.text) if prev.has("department") else ""
        if joined:
            out[-1] = Span(prev.start, span.end, prev.text + span.text, (Meaning("department", joined),), "pinyin",
                           joined)
            continue
        form = department_by_sound(span.text)
        out.append(Span(span.start, span.end, span.text, (Meaning("department", form),), "pinyin", form)
                   if form else span)
    return out


def bodies_asked(spans: list[Span], directory: Directory, ops: frozenset[str]) -> tuple[Resolution, tuple[str, ...]]:
    """The bodies asked, and the held name read by sound with the bodies it names (when the name asked is not
    held but sounds like one that is)."""
    found = _bodies_named(spans, directory)
    sounded = (read_by_sound(found.place, directory) or _other_level(found.place, spans, directory)) \
        if found.place and not found.inside else ()
    if sounded:
        found = Resolution(bodies=sounded[1:])
    if (ops & _COMPARING_BODIES or _joined_bodies(spans)) and not _unknown_body(spans):
        found = _compared_bodies(spans, directory, found)
    return found, sounded


def _other_level(asked: str, spans: list[Span], directory: Directory) -> tuple[str, ...]:
    """(the name asked, the held government) when a government is asked by its place's name with another level
    that no division has (洪泽县 for 洪泽区, a county made a district): the one place of that name held."""
    if asked[-1:] not in _COUNTY_LEVELS or len(asked) < 3 or gazetteer().lookup(asked) \
            or any(s.has("department") for s in spans):
        return ()
    bodies = directory.resolve([asked[:-1]], []).bodies
    # the one held government of a place of those levels (测试市 for 测试县; never a zone or an office)
    return (asked, bodies[0]) if len(bodies) == 1 and bodies[0].removesuffix("人民政府")[-1:] in _COUNTY_LEVELS \
        else ()


def _bodies_named(spans: list[Span], directory: Directory) -> Resolution:
    """The bodies the question's place and department words name, or the body it names that is not held."""
    stranger = _unknown_body(spans)
    places = [s.text for s in spans if s.has("place")]
    departments = [department_of(s) for i, s in enumerate(spans) if s.has("department")
                   and ((i > 0 and spans[i - 1].has("place")) or s.text not in GOVERNMENT_FORMS)]
    found = directory.resolve(places, departments) if places or departments or not stranger else Resolution()
    if stranger and not (found.bodies and all(stranger in body for body in found.bodies)):
        return Resolution(place=stranger)  # 青禾市松岭区: a body the base does not hold, never its city's figure
    return found  # 平潭那个实验区: the kind of the body named is that of the one its place names


_PLACE_NAME_LENGTH = 4  # the longest names of places without their level (乌鲁木齐, 松岭)


def _level_in_a_word(word: str) -> bool:
    """The name ends in a common word of the dictionary that holds its level's character (中介超市: 超市), no
    place's level."""
    last, pos = tag(word)[-1]
    # 区 ends the names of zones and new districts (开发区, 新区), common words as they are
    return len(last) >= 2 and last[-1] in _LEVELS.replace("区", "") and not pos.startswith(("ns", "nr"))


def _place_like(word: str) -> bool:
    """A word that may be a place's name: no longer than one, read by jieba as one word, as names or as single
    characters (松岭, 青禾, 平倓), never holding common words (中介超市: 中介 + 超市)."""
    words = tag(word)
    return len(word) <= _PLACE_NAME_LENGTH and (len(words) == 1 or all(
        len(w) == 1 or p.startswith(("ns", "nr")) for w, p in words))


def _unknown_body(spans: list[Span]) -> str:
    """The body part of a question when it names a body no directory knows, before the year: words that read as
    a body's name (松岭区), or words the question opens with (after its place words) right before a department
    or the year (松岭交通局, 青禾市松岭区教育局, 松岭2020年), with the place and department words around them."""
    for i, span in enumerate(spans):
        if span.has("year") or span.has("rel_year"):
            return ""
        after = spans[i + 1] if i + 1 < len(spans) else None
        opening = all(s.has("place") for s in spans[:i]) and after is not None and (
            after.has("department") or after.has("year") or after.has("rel_year"))
        # 平潭自2021年以来: a word of joining (自, 从) before the year names no body; nor do words longer than a
        # place's name (平潭大家谈在线访谈2024年: a programme of 平潭's)
        if not span.meanings and ((names_a_body(span.text) and not _level_in_a_word(span.text)) or (
                opening and _place_like(span.text) and weight(span.text, frozenset()) == "heavy")):
            start, end = i, i + 1
            while start > 0 and spans[start - 1].has("place"):
                start -= 1
            while end < len(spans) and spans[end].has("department"):
                end += 1
            return "".join(s.text for s in spans[start:end])
    return ""


def _asked_departments(spans: list[Span], directory: Directory) -> list[Span]:
    """A department named after the year and apart from any place is part of what is asked of the body's
    report ("洪泽2024年区政府办代表区政府受理…"), not a second body: when a place was named before it, or when
    the base holds no such department; unless its report is named right after it (…，市政府办公厅年报里写的那个)."""
    out: list[Span] = []
    for i, span in enumerate(spans):
        before = spans[:i]
        named = {department_kind(s.text) or s.text for s in before if s.has("department")}
        if span.has("department") and span.text not in GOVERNMENT_FORMS and not (before and before[-1].has("place")) \
                and not _joined_to_body(before) \
                and (department_kind(span.text) or span.text) not in named \
                and (any(s.has("place") for s in before) or span.text not in directory.departments) \
                and any(s.has("year") or s.has("rel_year") for s in before) \
                and not "".join(s.text for s in spans[i + 1:i + 4]).lstrip("的").startswith(WHOSE_REPORT):
            span = Span(span.start, span.end, span.text, ())
        out.append(span)
    return out


def each_with_its_year(spans: list[Span], bodies: tuple[str, ...],
                       year_at: list[tuple[int, int]]) -> tuple[tuple[str, int], ...]:
    """(body, year) for bodies joined each right before a year of its own (平潭2023年和洪泽2024年), else ()."""
    runs = _own_runs(spans)
    if len(runs) < 2 or len(runs) != len(bodies) or len(year_at) != len(runs) or not _joined_bodies(spans):
        return ()
    at = dict(year_at)
    if any(run[-1] + 1 not in at for run in runs):
        return ()
    return tuple(zip(bodies, (at[run[-1] + 1] for run in runs), strict=True))


def _joined_to_body(before: list[Span]) -> bool:
    """洪泽区跟市科委: a department joined by 和 / 跟 right after a body's name is a second body."""
    return len(before) >= 2 and "and" in before[-1].values("op") and (before[-2].has("place")
                                                                     or before[-2].has("department"))


def _body_runs(spans: list[Span]) -> list[list[int]]:
    """The runs of adjacent place and department words: each names one body."""
    runs: list[list[int]] = []
    for i, span in enumerate(spans):
        if span.has("place") or span.has("department"):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def _own_runs(spans: list[Span]) -> list[list[int]]:
    """The runs that name a body of their own (not 政府 alone: the government sued)."""
    return [run for run in _body_runs(spans)
            if any(spans[i].has("place") or spans[i].text not in GOVERNMENT_FORMS for i in run)]


def _joined_bodies(spans: list[Span]) -> bool:
    """上海市政府办公厅2019年和蓟州区2020年: bodies joined by 和, each with words of its own between."""
    # Only a body's own name counts (起诉政府: the government sued is no second body), and only a word joins
    # (a comma parts clauses).
    runs = _own_runs(spans)
    return len(runs) >= 2 and all(any("and" in spans[i].values("op") and spans[i].text not in "，,"
                                      for i in range(a[-1] + 1, b[0])) for a, b in pairwise(runs))


def _compared_bodies(spans: list[Span], directory: Directory, found: Resolution) -> Resolution:
    """Bodies named apart and compared (淮安市和洪泽区哪个多) are each read alone, so a city beside one of its
    districts is the city's own government, never folded into the district; one not held blocks the comparison."""
    runs = _body_runs(spans)
    if len(runs) < 2:
        return found
    each = []
    for run in runs:
        places = [spans[i].text for i in run if spans[i].has("place")]
        departments = [department_of(spans[i]) for i in run if spans[i].has("department")
                       and ((i - 1 in run and spans[i - 1].has("place")) or spans[i].text not in GOVERNMENT_FORMS)]
        if places or departments:  # 起诉政府: a government form alone names no body of its own
            each.append(directory.resolve(places, departments))
    missing = next((r for r in each if not r.bodies), None)
    if missing is not None:
        return Resolution(place=missing.place)  # the government itself is not held: not its districts' figures
    return Resolution(bodies=tuple(dict.fromkeys(b for r in each for b in r.bodies)))


def _second_mentions(spans: list[Span]) -> list[Span]:
    """A place named again after the body in its clause ("蓟州区…智慧蓟州APP") is part of what is asked, not a second
    body; named again in a clause of its own (我朋友跟平潭那边打过官司，想问问2024年平潭…), it names the body again,
    unless glued to a word no concept knows (…报告里，智慧蓟州APP…)."""
    out: list[Span] = []
    seen: list[str] = []
    before: list[str] = []  # named in clauses before: glued to an unknown word (，智慧蓟州APP), still a name's part
    for i, span in enumerate(spans):
        if span.text in BREAKS:
            before, seen = before + seen, []
        # 上海市人民政府办公厅…和上海市科委…: named again before a department, the place names a second body.
        another = i + 1 < len(spans) and spans[i + 1].has("department")
        glued = bool(out) and not out[-1].meanings and out[-1].text not in BREAKS
        if span.has("place") and any(span.text in s for s in seen + (before if glued else [])) and not another:
            span = Span(span.start, span.end, span.text, ())
            if out and not out[-1].meanings:
                last = out.pop()
                span = Span(last.start, span.end, last.text + span.text, ())
        elif span.has("place"):
            seen.append(span.text)
        if out and not out[-1].meanings and not span.meanings and same_kind(out[-1].text, span.text):
            last = out.pop()
            span = Span(last.start, span.end, last.text + span.text, ())
        out.append(span)
    return out


def own_level(spans: list[Span], used: set[int], bodies: tuple[str, ...], lex: Lexicon) -> set[int]:
    """区里 / 县里头 of the one body asked, a district or county: its own level word points at it, as does its
    level right after its place (平潭区 of 平潭综合实验区); so does the kind of body its name ends in (平潭那个实验区)."""
    if len(bodies) != 1:
        return set()
    level = next((ch for ch in reversed(bodies[0].removesuffix("人民政府")) if ch in _LEVELS), "")
    kind = {i for i, s in enumerate(spans) if not s.meanings and len(s.text) >= 2 and s.text in bodies[0]
            and names_a_body(s.text)}
    return kind - used | {i for i, s in enumerate(spans) if i not in used and not s.meanings and level
                          and s.text[0] == level
                          and (locative(s.text[1:] or (spans[i + 1].text if i + 1 < len(spans) else ""), lex)
                               or (s.text == level and i and spans[i - 1].has("place")))}
