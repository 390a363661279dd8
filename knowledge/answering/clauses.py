"""Where in a sentence a word asked stands, against the prose figure a fact states: in the item of an earlier
figure, in a parallel or another clause, or only among the examples of a list. A word that stands elsewhere is
not the figure's, though the sentence prints it."""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.answering.cells import fmt
from knowledge.store.read import FactRow
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.words import NEGATING, tag, weight

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CLAUSE_MARKS = "，,；;。"  # where a clause of a sentence ends


def stands_elsewhere(word: str, lead: str, fact: FactRow, asked: tuple[str, ...] = ()) -> bool:
    """Whether the sentence (`lead`, lowered) prints the word asked only where it is not the fact's figure's;
    `asked` holds the other words asked."""
    return _names_earlier(word, lead, fact) or _in_parallel_clause(word, lead, fact) \
        or _only_an_example(word, lead, asked) or _acts_elsewhere(word, lead, fact)


@lru_cache(maxsize=1024)
def dictionary_words(word: str) -> tuple[str, ...]:
    """The dictionary words of two or more characters in a word asked that carry meaning (not 他们 of 关注他们公众号),
    split once (not for every fact)."""
    # A preposition, conjunction or particle in its place in the word names nothing (通过 of 通过办前沟通化解).
    pieces = (piece for piece, pos in tag(word) if len(piece) >= 2 and not pos.startswith(_JOINING_TAGS))
    return tuple(piece for piece in pieces if weight(piece, frozenset()) == "heavy")


_JOINING_TAGS = ("p", "c", "u")


@lru_cache(maxsize=1024)
def heavy_singles(word: str) -> tuple[str, ...]:
    """The one-character words of weight in a word asked (删 of 视频号删, 新 of 政务新媒体): dictionary_words leaves
    them out, and a fact must print them too."""
    return tuple(piece for piece, pos in tag(word) if len(piece) == 1 and not pos.startswith(_JOINING_TAGS)
                 and weight(piece, frozenset()) == "heavy")


# Complements of result or direction after a verb, and its particles: 关掉, 梳理出来, 改了 mean what 关, 梳理, 改 do.
_COMPLEMENTS = ("出来", "出去", "进来", "进去", "起来", "下来", "上来", "过来", "掉", "完", "好", "到", "出", "进", "上",
                "下", "成", "走", "了", "过")


def acts_in_clause(word: str, lead: str, fact: FactRow) -> bool:
    """A verb asked with its complement (关掉了, 改了) whose stem the figure's own clause prints, in a verb of the
    dictionary when the stem is one character (关停, 整改): the act the figure counts."""
    stem = _stem(word)
    if not stem or stem == word or not (_one_verb(stem) or (len(stem) == 1 and _one_verb(word))):
        return False
    return stem_in_clause(stem, lead, fact)


def stem_in_clause(stem: str, lead: str, fact: FactRow) -> bool:
    """The figure's own clause prints the verb's stem: itself when two characters or more, else in a verb of the
    dictionary (发 in 发布)."""
    clause = own_clause(lead, fact)
    # the clause up to the figure (整改…22处、…各类错误信息83处) and the fact's own words after it (予以关停注销)
    own = (lead[clause[0]:clause[1]] if clause else "") + fact.text.rsplit("，", 1)[-1]
    if len(stem) >= 2:
        return stem in own
    return any(_one_verb(own[at:at + 2]) or (at and _one_verb(own[at - 1:at + 1]))
               for at in (m.start() for m in re.finditer(re.escape(stem), own)))


@lru_cache(maxsize=1024)
def _stem(word: str) -> str:
    while word and word.endswith(_COMPLEMENTS):
        word = word[:-len(next(c for c in _COMPLEMENTS if word.endswith(c)))]
    return word


def only_negated(word: str, lead: str, asked: list[str]) -> bool:
    """The sentence prints the word only negated (不规范描述22处) and the question does not negate it (规范的描述):
    the figure counts the opposite of what was asked."""
    if any(w[0] in NEGATING and w.endswith(word) for w in asked):
        return False
    at = [m.start() for m in re.finditer(re.escape(word), lead)]
    return bool(at) and all(start and lead[start - 1] in NEGATING for start in at)


def negated_in(word: str, text: str) -> bool:
    """The text prints the word with a negation shortly before it (未进行规范管理 for 没规范管理)."""
    return any(set(text[max(0, m.start() - _NEGATION_REACH):m.start()]) & NEGATING
               for m in re.finditer(re.escape(word), text))


_NEGATION_REACH = 3  # a negation, and a verb of two characters between it and its word (未进行)


def _names_earlier(word: str, lead: str, fact: FactRow) -> bool:
    """The word (or a dictionary word of it) stands in the sentence only right before an earlier figure in the
    same unit, the item of an enumeration it names (民意征集53期、网上调查51期: 民意征集 is the 53's, not the 51's;
    but 微博29个，共发布信息1992条: the 29 accounts' posts)."""
    clause = own_clause(lead, fact)
    if clause is None or not fact.unit:
        return False
    own = clause[1]
    pieces = (word,) if word in lead else dictionary_words(word)
    return any(_names_figure(piece, lead[:own], fact.unit, pieces) for piece in pieces)


def own_clause(lead: str, fact: FactRow) -> tuple[int, int] | None:
    """Where the figure's own clause starts in the lead text and where the figure is printed; None when the lead
    does not print it."""
    own = lead.rfind(fmt(fact.value)) if fact.value is not None else -1
    if own < 0:
        return None
    return _clause_start(lead, own), own


def _names_figure(piece: str, before: str, unit: str, pieces: tuple[str, ...]) -> bool:
    """Every time `piece` is printed in `before`, a figure in `unit` follows it, with at most other words of the
    word asked between (民意 征集 53期)."""
    ends = [m.end() for m in re.finditer(re.escape(piece), before)]
    for end in ends:
        while any(before.startswith(p, end) for p in pieces):
            end += len(next(p for p in pieces if before.startswith(p, end)))
        number = _NUMBER.match(before, end)
        if number is None or not before.startswith(unit, number.end()):
            return False
    return bool(ends)


def _only_an_example(word: str, lead: str, asked: tuple[str, ...] = ()) -> bool:
    """The word (or a dictionary word of it) stands only as one of the examples of a list closed by 等 (运用图文图表、
    在线访谈、H5等形式): a kind of what the clause speaks of, never the thing its figure counts; unless another word
    asked is the name the list is given after its 等 (稳岗就业、生态环境这些重点民生领域: the list itself asked)."""
    pieces = (word,) if word in lead else dictionary_words(word)
    for piece in pieces:
        ends = [(m.start(), m.end()) for m in re.finditer(re.escape(piece), lead)]
        if ends and all(_in_example_list(lead, start, end) for start, end in ends):
            return not any(_names_the_list(lead, end, other) for _, end in ends for other in asked
                           if other != word and not _a_topic(other))
    return False


def _a_topic(word: str) -> bool:
    """A word every question may say (领域, 公开, 信息): it names no list of its own."""
    return any(m.role in ("topic", "filler") for m in lexicon().meanings(word))


def _names_the_list(lead: str, end: int, other: str) -> bool:
    """Whether `other` is printed after the 等 that closes the list the word ending at `end` stands in."""
    clause_end = min((i for i in (lead.find(m, end) for m in _CLAUSE_MARKS) if i >= 0), default=len(lead))
    closing = lead.find("等", end, clause_end)
    return closing >= 0 and other in lead[closing:clause_end]


def _clause_start(text: str, at: int) -> int:
    return max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1


def _acts_elsewhere(word: str, lead: str, fact: FactRow) -> bool:
    """A verb asked (注销, 关停) that the sentence prints only in another clause than the figure's own: an act of
    that clause (坚持及时注销的原则，…对现存的33个政务新媒体加强监管: 33 were not closed)."""
    clause = own_clause(lead, fact) if _one_verb(word) else None
    if clause is None or word not in lead[:clause[0]] or word in lead[clause[0]:]:
        return False
    return not _counts_on(lead[:clause[0]], word) and not _inside_a_noun(word, lead[:clause[0]])


def _inside_a_noun(word: str, text: str) -> bool:
    """The word stands in the text only inside a longer noun of the dictionary (复议 of 行政复议): a thing named
    there, no act."""
    holding = [(w, pos) for w, pos in tag(text) if word in w]
    # a fixed phrase of the dictionary (l: 行政诉讼) names a thing as a noun does
    return bool(holding) and all(w != word and pos.startswith(("n", "l")) for w, pos in holding)


_COUNTED_END = re.compile(r"\d+(?:\.\d+)?[\u4e00-\u9fff]{1,2}[，,、]?$")


def _counts_on(before: str, word: str) -> bool:
    """The clauses from the verb's to the figure's each end with a count: one enumeration that the verb governs
    (共梳理出4个片区…各14项，12个区直部门…共4650项: both were 梳理出)."""
    clauses = re.split("(?<=[，,；;])", before)
    at = max(i for i, c in enumerate(clauses) if word in c)
    return all(_COUNTED_END.search(c) for c in clauses[at:] if c)


@lru_cache(maxsize=1024)
def _one_verb(word: str) -> bool:
    """Whether jieba reads the word as one verb (注销, 关停), weighed once per word, not for every fact."""
    words = tag(word)
    return len(words) == 1 and words[0][1].startswith("v")


def _in_example_list(text: str, start: int, end: int) -> bool:
    clause_end = min((i for i in (text.find(m, end) for m in _CLAUSE_MARKS) if i >= 0), default=len(text))
    rest = text[end:clause_end]
    return (text[start - 1:start] == "、" or rest.startswith("、")) and "等" in rest


# Clauses opening with the same preposition are parallel items of one sentence (对…进行关停，对…33个…加强监管).
_PARALLEL_HEADS = "对向为在把将"


def _in_parallel_clause(word: str, lead: str, fact: FactRow) -> bool:
    """The word stands only in earlier clauses that open as the figure's own clause does (对无人维护的政务新媒体进行
    关停，对全区现存的33个政务新媒体加强监管: 关停 is the first clause's, not the 33's)."""
    clause = own_clause(lead, fact)
    start = clause[0] if clause is not None else 0
    head = lead[start:start + 1]
    if clause is None or not head or head not in _PARALLEL_HEADS:
        return False
    pieces = (word,) if word in lead else dictionary_words(word)
    clauses = re.split("[，,；;]", lead[:start])
    return any(p not in lead[start:] and any(p in c for c in clauses)
               and all(c.startswith(head) for c in clauses if p in c) for p in pieces)


def asked_act(asked: str) -> str:
    """The verb that governs the count asked (办结 of 已经办结了多少件): the last verb before 多少 / 几."""
    return next((w for w, pos in reversed(_before_asking(asked)) if pos.startswith("v") and len(w) >= 2), "")


@lru_cache(maxsize=256)
def direct_act(asked: str) -> str:
    """The verb of two characters or more right before 多少 / 几, with only particles and adverbs between
    (办结了多少, 已经收到几): the act counted; none for a verb further away, which may govern something else."""
    for word, pos in reversed(_before_asking(asked)):
        if pos.startswith(("u", "d")):
            continue
        # a word of asking or of an operation (各是, 共有) counts no act of its own
        plain = not any(m.role in ("filler", "op") for m in lexicon().meanings(word))
        verb = word.rstrip("了过着")  # 发了: the verb 发, too short to tell one act from another
        return verb if pos == "v" and len(verb) >= 2 and plain else ""
    return ""


def _before_asking(asked: str) -> list[tuple[str, str]]:
    """jieba's words of the question before its first 多少 / 几 (none without one)."""
    words = tag(asked)
    at = next((i for i, (w, _) in enumerate(words) if w.startswith(("多少", "几"))), None)
    return words[:at] if at is not None else []


def then_acts(word: str, lead: str, fact: FactRow) -> bool:
    """A word ending in a one-character verb (视频号发 of 视频号发了多少条) whose act the figure's own clause prints
    (发 of 发布); the rest of the word must be explained as any word is."""
    return len(word) >= 3 and tag(word[-1])[0][1] == "v" and stem_in_clause(word[-1], lead, fact)
