"""Weigh the words the lexicon does not know, by their word class in jieba's dictionary (through rjieba).

The dictionary (about 350,000 words with a part-of-speech tag and a frequency, compiled into rjieba, so
nothing is downloaded at run time) is loaded once, on first use. A word is *heavy* when it could carry meaning
a reading does not cover: a noun or name, a place, a period, a number, a negation, an adjective, a verb the
concept does not imply. It is *light* when it carries none: a particle, a pronoun, a preposition or conjunction,
an adverb of one character, a measure word, a verb made of characters the concept's own words already use.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Literal

from knowledge.understanding.lexicon import Lexicon, lexicon
from parsers.measures import is_measure

Weight = Literal["light", "heavy"]

# Characters that turn a word into a negation, a number or a "per" (每月 is a period, 三个 a count).
NEGATING = set("不没未非无否勿莫别")
_NUMERALS = set("0123456789〇零二三四五六七八九十百千万亿两双半")
_BOUND_NUMERALS = set("两双半")  # numerals only with a measure (半年, 两个): 半 of 半理 is a slip for 办
_PER = set("每")
# jieba's tags (the ICTCLAS set): the function classes, whose words carry no meaning a figure depends on.
_FUNCTION_TAGS = ("u", "y", "e", "o", "p", "c", "d", "r", "f", "k", "h", "x")
_VERB_TAGS = ("v", "vg", "vd", "vi", "vq", "zg")
_MEASURE_TAGS = ("q", "mq", "m")
# Of the numerals, 一 and the question word 几 name no number (哪一栏, 几张).
_QUESTION_NUMERALS = set("一几")


@cache
def _jieba() -> object:
    import rjieba  # MIT; jieba's dictionary compiled in, loaded on first use

    # Build the dictionary now, not inside the first question; and tag a word it lacks (洪择), whose model of
    # unknown words is loaded on first use too (about 20 ms: a question saying 微信 paid it).
    rjieba.tag("加载洪择")
    return rjieba


def marked(piece: str, phrase: str) -> bool:
    """Whether `piece` has a negation or a numeral `phrase` lacks: 三个部门 is no slip for 哪个部门. A character
    that is a numeral only before a measure (半年, 两个) is none elsewhere: 继续半理 is a slip for 继续办理."""
    extra = set(piece) - set(phrase)
    return bool(extra & NEGATING) or any(
        ch in extra and ch in _NUMERALS and (ch not in _BOUND_NUMERALS or _counts(piece[at + 1:at + 2]))
        for at, ch in enumerate(piece))


def _counts(after: str) -> bool:
    """A bound numeral counts when a measure or another numeral follows it, or the piece ends with it."""
    return not after or after in _NUMERALS or _measure_char(after)


def joining(ch: str) -> bool:
    """A one-character word of joining (至, 的, 之): a filler jieba tags as a preposition or particle."""
    return ch in _filler_words() and _tag_of(ch).startswith(("p", "u", "y"))


def tag(text: str) -> list[tuple[str, str]]:
    """The words of `text` and their part-of-speech tags."""
    return list(_jieba().tag(text))  # type: ignore[attr-defined]


def in_dictionary(word: str) -> bool:
    """Whether jieba's dictionary holds the word (执法 does; 申清, a slip of 申请, does not)."""
    return bool(_jieba().has_word(word))  # type: ignore[attr-defined]


def word_bounds(text: str) -> list[tuple[int, int]]:
    """Where jieba's words of `text` start and end."""
    return [(start, end) for _, start, end in _jieba().tokenize(text)]  # type: ignore[attr-defined]


def warm() -> None:
    _jieba()


def weight(text: str, implied: frozenset[str], restated: frozenset[str] = frozenset()) -> Weight:
    """Light when every word of `text` is light; `implied` holds the characters of the reading's concept words
    (a verb made of them says again what the concept says: 交 of 提交, 批 of 审批, 判 of 没判); `restated` those of
    the template's labels of the reading itself (a word of any class made of them, 新 of 本年新收, says it again)."""
    return "light" if all(_light(w, t, implied, restated) for w, t in tag(text) if w.strip()) else "heavy"


def _light(word: str, pos: str, implied: frozenset[str], restated: frozenset[str] = frozenset()) -> bool:
    if pos == "p" and not set(word) & (NEGATING | _NUMERALS):
        return True  # a preposition (通过, 按照, 关于) says how or of what, never which figure
    if len(word) > 1 and _particle(word[-1]):
        return _light(word[:-1], _tag_of(word[:-1]), implied, restated)  # 交了: the verb and its particle, glued
    if set(word) & (NEGATING | _PER):
        return False
    if set(word) & _NUMERALS:
        return False
    if all(ch in restated for ch in word):
        return True
    if pos in _VERB_TAGS:
        return all(ch in implied | restated for ch in word)
    if pos in _MEASURE_TAGS:
        asks_count = len(word) == 2 and word[0] == "几" and is_measure(word[1])  # 几轮: the question word's unit
        return pos == "q" or asks_count or all(ch in _QUESTION_NUMERALS or _tag_of(ch) == "q" for ch in word)
    if pos.startswith(_FUNCTION_TAGS):
        # 那种 / 这类: a pronoun with its measure word points at what the question names.
        return len(word) == 1 or all(
            _function_char(ch) or (pos.startswith("r") and _measure_char(ch)) for ch in word)
    return False


def _function_char(ch: str) -> bool:
    """A character of a longer function word that is itself a function word (但是, 他们), not 时 (及时, 按时)."""
    if ch in _filler_words():
        return True
    return bool(_tag_of(ch)) and _tag_of(ch).startswith(_FUNCTION_TAGS)


def _measure_char(ch: str) -> bool:
    return ch not in _NUMERALS and _tag_of(ch) in _MEASURE_TAGS


def _particle(ch: str) -> bool:
    return ch in _filler_words() and _tag_of(ch).startswith(("u", "y"))


@cache
def _tag_of(word: str) -> str:
    """The tag of a word that jieba reads as one word, else ""."""
    tags = tag(word)
    return tags[0][1] if len(tags) == 1 else ""


def _fillers() -> list[str]:
    return [p for p, meanings in lexicon().phrases.items() if any(m.role == "filler" for m in meanings)]


@cache
def _filler_words() -> frozenset[str]:
    """The one-character words of asking and joining (的, 了, 是, 们)."""
    return frozenset(p for p in _fillers() if len(p) == 1)


@cache
def asking_chars() -> frozenset[str]:
    """The characters of the words of asking (查一下, 想问, 告诉我): before the question, 查下 and 问下 ask in
    other words."""
    return frozenset(ch for p in _fillers() for ch in p if "\u4e00" <= ch <= "\u9fff")


# The roles of each table's concepts: their words say what a verb of the question may say again.
TABLE_ROLES = {"applications": ("app_row", "app_col"), "review_litigation": ("review_group", "review_part"),
                "active": ("active_row", "active_col"), "section": ("section",)}


def implied_chars(table: str, lex: Lexicon | None = None) -> frozenset[str]:
    """The characters of the words (the template's labels, everyday words and phrases taught) of one table's
    concepts, less those of another table's concepts (诉 of 投诉 is also 诉讼's): a verb made of them names
    nothing else."""
    return _implied(table, lex or lexicon())


@lru_cache(maxsize=64)
def _implied(table: str, lex: Lexicon) -> frozenset[str]:
    # Only the tables of figures: a section's words (交费, 电话) name what a text says, not another count.
    others = frozenset().union(*(_table_chars(t, lex) for t in TABLE_ROLES if t not in (table, "section")))
    others -= _topic_chars()
    return _table_chars(table, lex) - others


@lru_cache(maxsize=64)
def _table_chars(table: str, lex: Lexicon) -> frozenset[str]:
    roles = TABLE_ROLES.get(table, ())
    return frozenset(ch for p, meanings in lex.phrases.items() if any(m.role in roles for m in meanings)
                     for ch in p if "\u4e00" <= ch <= "\u9fff")


@cache
def shared_phrases() -> tuple[str, ...]:
    """The words every question shares (政府信息公开申请, 信息公开), longest first: they tell no figure apart."""
    phrases = (p for p, meanings in lexicon().phrases.items() if len(p) >= 2 and any(
        m.role == "topic" and m.value in ("application", "disclosure") for m in meanings))
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def _topic_chars() -> frozenset[str]:
    """The characters of the words every question shares (公开, 申请, 信息): they tell no table apart."""
    # Not the form's own words: its headings (政府信息公开行政复议、行政诉讼情况) name tables, and their characters
    # (诉 of 诉讼) tell them apart.
    return frozenset(ch for p, meanings in lexicon().phrases.items()
                     if any(m.role == "topic" and m.value != "form" for m in meanings) for ch in p)


def locative(word: str, lex: Lexicon) -> bool:
    """里 / 中 / 里头 / 上: a filler of the lexicon that jieba tags as a word of place (f)."""
    words = tag(word)
    return any(m.role == "filler" for m in lex.phrases.get(word, ())) and len(words) == 1 and words[0][1] == "f"
