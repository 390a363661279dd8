"""Read a question: segment it, give every span a role, and compose the concepts into what is asked.

A reading is stated with confidence only when it explains every content span; what no concept explains is
kept in `unexplained` for the prose search, and blocks a confident answer if the prose cannot explain it either.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field, replace
from datetime import date

from knowledge.names.directory import Directory
from knowledge.names.sounds import warm as warm_sounds
from knowledge.normalize import normalize
from knowledge.understanding.asked_bodies import (
    bodies_asked,
    body_words,
    each_with_its_year,
    own_level,
)
from knowledge.understanding.compose import Composition, Measure, compose
from knowledge.understanding.counts import count_text, counts_bodies, item_range, ordinals_asked, restates
from knowledge.understanding.labelled import in_labels, is_content
from knowledge.understanding.labels import concept_chars, concept_phrases, names_another
from knowledge.understanding.lexicon import CONTENT_ROLES, Lexicon, Meaning, lexicon
from knowledge.understanding.names_in_text import name_spans
from knowledge.understanding.prose_place import where_said
from knowledge.understanding.roles import asks_number
from knowledge.understanding.segment import Span, segment, whole_titles
from knowledge.understanding.speaker import small_talk, speaker_words, talk_inside
from knowledge.understanding.units import asked_unit, counted_noun
from knowledge.understanding.words import (
    asking_chars,
    implied_chars,
    marked,
    tag,
    weight,
)
from knowledge.understanding.words import warm as warm_words
from knowledge.understanding.years import (
    last_years,
    open_range,
    reports_years,
    short_years,
    year_range,
    years_named,
)

# Operations that only combine concepts: used when the composition used them, else they are words not understood.
STRUCTURAL = frozenset({"negation", "except", "after", "direct", "part_of_year"})
COMPARING = frozenset({"compare", "more", "less", "change"})  # the operations that set figures against each other
_TAG_MEANINGS = {Meaning("op", "negation"), Meaning("op", "exists"), Meaning("filler", "")}


@dataclass(frozen=True)
class Query:
    """Everything read from a question."""

    text: str
    spans: tuple[Span, ...] = ()
    bodies: tuple[str, ...] = ()
    place: str = ""
    inside: tuple[str, ...] = ()
    alike: bool = False  # `inside` are bodies whose place is printed one character off `place`, not within it
    years: tuple[int, ...] = ()
    bad_years: tuple[str, ...] = ()
    latest: bool = False
    ops: frozenset[str] = frozenset()
    measure: Measure | None = None
    unit: str = ""
    unexplained: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()  # words no concept of the lexicon knows (the prose must print them)
    aside: frozenset[int] = frozenset()  # the words that carry no meaning asked (交 of 交了多少申请, 他们), by place
    small_talk: str = ""
    used: frozenset[int] = field(default_factory=frozenset)
    rival: Measure | None = None  # a reading of another table that explains as much: offered as a choice
    year_range: tuple[int, ...] = ()  # (first, last) when the years were asked as a range (2019年到2021年)
    year_at: tuple[tuple[int, int], ...] = ()  # (span index, year) of each year named, in the question's order
    sounded: tuple[str, ...] = ()  # (name asked, body read) when a name was read as a held one that sounds alike
    read_as: tuple[tuple[str, str], ...] = ()  # (words asked, how read) the reply states (上一年: 2024年)
    earlier: Measure | None = None  # in a chat, the measure of the turn before the last (这两项合计 adds both)
    pairs: tuple[tuple[str, int], ...] = ()  # each body with its own year (平潭2023年和洪泽2024年)
    earlier_years: tuple[int, ...] = ()  # in a chat, the years of the turns before the last while only they changed
    earlier_bodies: tuple[str, ...] = ()  # in a chat, the body of the turn before the last when only it changed
    also: tuple[str, ...] = ()  # other divisions the body's place name names, of which the body is not held
    last_years: int = 0  # 近三年: the latest three years held of the body asked (resolved against what is held)
    open_range: bool = False  # 2021年以来: year_range ends at this year, trimmed to the reports held when answered
    carried: tuple[str, ...] = ()  # in a chat, the concept words of the turn whose measure this one kept

    @property
    def op(self) -> str:
        """The operation asked for, most telling first."""
        for name in ("rate", "average", "max", "min", "series"):
            if name in self.ops:
                return "rate" if name == "average" else name
        if len(self.years) >= 2 and self.ops & COMPARING:
            return "difference"
        if len(self.bodies) >= 2 and self.ops & (COMPARING | {"which_body"}):
            return "difference"
        return "value"

    @property
    def set_aside(self) -> tuple[str, ...]:
        """The words set aside, in the question's order."""
        return tuple(self.spans[i].text for i in sorted(self.aside))


def warm(directory: Directory | None = None) -> None:
    """Load the lexicon, the sounds and the divisions now (start-up), not on the first question; then set what
    start-up made aside from the garbage collector's later passes (it lives as long as the process): a full pass
    over it, falling on a question, took about 45 ms (bench/answer.py at 100,000 reports)."""
    understand(normalize("平潭2020年收到多少申请"), directory or Directory(), date(2020, 1, 1))
    warm_words()
    warm_sounds()
    gc.collect()
    gc.freeze()


def understand(text: str, directory: Directory, today: date, lex: Lexicon | None = None) -> Query:
    """Read the parts of a normalised question, with the lexicon of the base asked (`lex`, its taught phrases
    joined; the bare lexicon by default)."""
    text, names, titles = name_spans(text, directory)
    spans = whole_titles(segment(text, names, lex), titles)
    spans = body_words(spans, directory)
    inside = talk_inside(spans)
    spans = [replace(s, meanings=()) if i in inside else s for i, s in enumerate(spans)]
    # who asks and why: set aside, never read as what is asked; the asker's own case: a second reading at most
    speaker, told = speaker_words(spans)
    heard = list(spans)
    spans = _question_tags([replace(s, meanings=()) if i in speaker | told else s for i, s in enumerate(spans)],
                           speaker | told)
    spans = ordinals_asked(short_years(where_said(spans, lex or lexicon())))
    talk = small_talk(spans)
    if talk:
        return Query(text, tuple(spans), small_talk=talk)
    # Every operation word is an [op] entry of lexicon.toml; Query.op says which wins when several are asked.
    ops = _ops(spans)
    # the asker's own words name no body, known or not (我在沭阳县申请过…，沭阳县2025年…)
    found, sounded = bodies_asked([s for i, s in enumerate(spans) if i not in speaker], directory, ops)
    if sounded:  # the name read as the held body that sounds alike is a place word, for the figures and the prose
        spans = [replace(s, meanings=(Meaning("place", s.text),)) if not s.meanings and s.text in sounded[0] else s
                 for s in spans]
    composition = _with_told(compose(spans), spans, heard, told)
    when = _when(spans, today, composition.measure)
    if when.last_years:
        ops -= {"latest"}  # 最近 of 最近两年 says which years, not the one latest report
    used = _explained(spans, composition, when, ops, found.bodies, lex)
    unit = asked_unit(spans)
    aside = _light_words(spans, used, composition.measure, lex) | speaker | told
    unexplained = tuple(s.text for i, s in enumerate(spans) if i not in used | aside and is_content(s))
    unknown = tuple(s.text for i, s in enumerate(spans)
                    if (not s.meanings or s.has("prose")) and is_content(s) and i not in aside)
    return Query(text, tuple(spans), found.bodies, found.place, found.inside, found.alike, when.years, when.bad,
                 "latest" in ops, ops, composition.measure, unit, unexplained, unknown,
                 aside=frozenset(aside), used=frozenset(used),
                 rival=composition.rival, year_range=when.ends, year_at=when.year_at, sounded=sounded,
                 pairs=each_with_its_year(spans, found.bodies, list(when.year_at)), last_years=when.last_years,
                 also=found.also, open_range=when.opened)


def _with_told(composition: Composition, spans: list[Span], heard: list[Span], told: set[int]) -> Composition:
    """The reading without the concepts the asker told of their own case, and with them as its rival when they
    change it (我朋友以公司名义申请过，…新收申请多少件: every applicant, or the companies): never one in silence."""
    if not told or composition.rival is not None or composition.measure is None:
        return composition
    other = compose([replace(s, meanings=heard[i].meanings) if i in told else s for i, s in enumerate(spans)])
    if other.measure is None or other.measure == composition.measure or other.measure.table != composition.measure.table:
        return composition
    return replace(composition, rival=other.measure)


@dataclass(frozen=True)
class _When:
    """The years a question asks: named (year_at), a range's ends, the latest years (近三年) and their spans."""

    years: tuple[int, ...]
    bad: tuple[str, ...]
    ends: tuple[int, ...]
    year_at: tuple[tuple[int, int], ...]
    last_years: int
    near: frozenset[int]
    opened: bool = False  # the range runs from the one year named to the latest report (2021年以来)


def _when(spans: list[Span], today: date, measure: Measure | None) -> _When:
    year_at, bad = years_named(spans, today)
    ends = year_range(spans, year_at)
    opened, since = open_range(spans, year_at, today) if not ends else ((), frozenset())
    ends = ends or opened
    year_at = reports_years(spans, year_at, ends, measure is not None and measure.table != "section")
    # 2022到2024年: every year between; otherwise the years named, in the question's order
    years = tuple(range(ends[0], ends[1] + 1)) if ends else tuple(dict.fromkeys(y for _, y in year_at))
    count, near = last_years(spans) if not years else (0, frozenset())
    if count:  # 近3年: its 3年 is the count of years, not a year no report covers
        bad = tuple(m.value for i, s in enumerate(spans) if i not in near for m in s.meanings if m.role == "bad_year")
    return _When(years, bad, ends, tuple(year_at), count, near | since, bool(opened))


def _explained(spans: list[Span], composition: Composition, when: _When, ops: frozenset[str],
               bodies: tuple[str, ...], lex: Lexicon | None) -> set[int]:
    """The spans the reading explains: its concepts, operations, units, labels, counts said again, places."""
    measure = composition.measure
    used = set(composition.used) | when.near
    free = ops - STRUCTURAL
    used |= {i for i, s in enumerate(spans) if s.has("op") and set(s.values("op")) & free}
    used |= _the_extremes_year(spans)
    used |= {i for i, s in enumerate(spans) if s.has("unit")}
    used |= in_labels(spans, used, measure, lex)
    used |= {i for i, s in enumerate(spans) if i not in used and restates(
        count_text(spans, i), measure, when.years, any(asks_number(t.text) for t in spans[i + 1:] if t.has("filler")))}
    used |= {i for i, s in enumerate(spans) if not s.meanings and counts_bodies(s.text, len(bodies))}
    used |= item_range(spans, measure)
    return used | own_level(spans, used, bodies, lex or lexicon())


def _ops(spans: list[Span]) -> frozenset[str]:
    """The operations the words name; 与 / 跟 beside 合计 or 分别 join what is summed or listed, they do not
    compare."""
    ops = frozenset(v for s in spans for v in s.values("op"))
    comparers = [s for s in spans if "compare" in s.values("op")]
    if ops & {"sum", "list"} and comparers and all("and" in s.values("op") for s in comparers):
        ops -= {"compare"}
    if _asks_share(spans):
        ops |= {"rate"}
    if "which_year" in ops and not ops & {"max", "min"} and len(ops & {"more", "less"}) == 1:
        ops |= {"max"} if "more" in ops else {"min"}  # 哪年多 asks which year has the most, 哪年少 the least
    if _the_extremes_year(spans):
        ops -= {"that_year"}  # 最多的那一年: the year of the most, not the one the chat is on
    return ops


def _the_extremes_year(spans: list[Span]) -> set[int]:
    """Where 那一年 follows 最多 / 最高 and asks again what the superlative was over (被起诉最多的那一年打了多少官司):
    it names the year the superlative finds. Asking another figure of that year (收到申请最多的那一年予以公开多少)
    is two steps, not read here."""
    extreme = next((i for i, s in enumerate(spans) if set(s.values("op")) & {"max", "min"}), len(spans))
    years = {i for i, s in enumerate(spans) if i > extreme and "that_year" in s.values("op")}
    before = {(m.role, m.value) for s in spans[:extreme] for m in s.meanings if m.role in CONTENT_ROLES}
    after = [s for s in spans[min(years, default=len(spans)):] if is_content(s) and not s.has("unit")
             and not set(s.values("op")) & {"that_year"}]
    # the words after it name nothing new: what was counted (官司 after 被起诉), or no concept at all
    same = all(not s.meanings or {(m.role, m.value) for m in s.meanings} & before for s in after)
    return years if same else set()


def _asks_share(spans: list[Span]) -> bool:
    """占…多少 with no unit asked (予以公开占总数多少) asks a share; 占几件 counts (自然人占了几件)."""
    shares = [i for i, s in enumerate(spans) if s.text in ("占", "占了")]
    if not shares:
        return False
    after = spans[shares[0] + 1:]
    return any(asks_number(s.text) for s in after) and not any(s.has("unit") for s in after)


def _light_words(spans: list[Span], used: set[int], measure: Measure | None, lex: Lexicon | None) -> set[int]:
    """The words no concept knows that carry no meaning the reading leaves out (words.py weighs them)."""
    implied = implied_chars(measure.table, lex) if measure is not None else frozenset()
    restated = concept_chars(measure) if measure is not None else frozenset()
    said = concept_phrases(measure, lex or lexicon()) if measure is not None else frozenset()
    # Before the question proper (a place, a year, a concept), a verb of asking asks: 麻烦查下, 想问下.
    start = next((i for i, s in enumerate(spans) if s.meanings and not s.has("filler") and not s.has("small_talk")),
                 len(spans))
    asking = asking_chars()
    adverbs = {i for i, s in enumerate(spans) if i not in used and _adverb_of_review(s, measure)}
    return adverbs | {i for i, s in enumerate(spans) if _weighable(s) and i not in used and is_content(s)
            and not (measure is not None and names_another(s.text, measure)) and not counted_noun(spans, i)
            and ((i < start and set(s.text) <= asking)  # 我想问问: jieba calls this 问 a noun
                 or weight(s.text, implied | asking if i < start else implied, restated) == "light"
                 or (len(s.text) >= 2 and any(s.text in phrase for phrase in said)))}


def _adverb_of_review(span: Span, measure: Measure | None) -> bool:
    """直接 of 直接予以公开: a word that tells 直接起诉 from 复议后起诉, used as the adverb jieba tags it, asked of a
    table without that distinction, says nothing of the figure."""
    if measure is None or measure.table == "review_litigation" or set(span.meanings) != {Meaning("op", "direct")}:
        return False
    words = tag(span.text)
    return len(words) == 1 and words[0][1] in ("d", "ad") and not marked(span.text, "")


def _weighable(span: Span) -> bool:
    """A word no concept knows, or 又 / 再 (after) that no reading of two events used: weighed as a word."""
    return not span.meanings or set(span.meanings) <= {Meaning("op", "after")}


def _question_tags(spans: list[Span], aside: set[int]) -> list[Span]:
    """没 / 没有 / 吗 at the end ("提过申请没", "被纠正了没有"; the asker's words after it aside, with the comma
    before them) asks yes or no; it negates nothing."""
    out = list(spans)
    for i in range(len(out) - 1, -1, -1):
        span = out[i]
        if i in aside or (span.meanings and all(m.role == "filler" for m in span.meanings)) or not span.text.strip("?？!！。. ,，"):
            continue
        if set(span.values("op")) & {"negation", "exists"} and not (set(span.meanings) - _TAG_MEANINGS):
            out[i] = Span(span.start, span.end, span.text, (Meaning("filler", ""),))
        break
    return out
