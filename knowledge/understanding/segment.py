"""Segment a normalised question into spans, each with the meanings it may have.

Candidates come from the lexicon (exact, same pinyin, or one character off for phrases of four or more),
from years and relative dates, and from the names of places and bodies. The segmentation kept is the one that
explains the most characters (then uses the fewest spans); characters no candidate covers stay unexplained.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from knowledge.understanding.heard import (
    CJK_RUN,
    Candidates,
    add,
    content,
    counted,
    heard_over_words,
    pinyin_spans,
)
from knowledge.understanding.lexicon import CONTENT_ROLES, Lexicon, lexicon
from knowledge.understanding.marks import Span, numbering_spans, year_spans
from knowledge.understanding.words import joining, marked, word_bounds

WEIGHT = {"exact": 1.0, "pinyin": 0.9, "near": 0.75, "name": 1.0, "short": 0.95, "gapped": 0.95}
SPAN_COST = 0.02  # per span: of two covers of the same characters, the one of fewer, longer spans wins
# One character off is a slip only in a phrase long enough to stay recognisable (因政府 is not 告政府).
NEAR_MIN = 4


def lexicon_spans(text: str, lex: Lexicon, found: Candidates) -> None:
    for start in range(len(text)):
        for size in range(1, min(lex.longest, len(text) - start) + 1):
            piece = text[start:start + size]
            if piece not in lex.prefixes:
                break
            meanings = lex.meanings(piece)
            if meanings and size == 1 and not counted(text, start):
                meanings = tuple(m for m in meanings if m.role != "unit")
            if meanings:
                add(found, Span(start, start + size, piece, meanings))


MAX_GAPS = 2


def gapped_spans(text: str, lex: Lexicon, found: Candidates) -> None:
    """Phrases of a concept with function words inside (结转至下一年度 is 结转下一年度): each character left out
    is a one-character word of joining (至, 的, 之) that says nothing of its own."""
    for start in range(len(text)):
        stack = [(start, "", 0)]
        while stack:
            at, prefix, gaps = stack.pop()
            if gaps and at > start and content(lex.meanings(prefix)) and len(prefix) >= NEAR_MIN - 1:
                add(found, Span(start, at, text[start:at], lex.meanings(prefix), "gapped"))
            if at >= len(text):
                continue
            if prefix + text[at] in lex.prefixes:
                stack.append((at + 1, prefix + text[at], gaps))
            if prefix and gaps < MAX_GAPS and joining(text[at]):
                stack.append((at + 1, prefix, gaps + 1))


def near_spans(text: str, gaps: list[tuple[int, int]], found: Candidates, lex: Lexicon) -> None:
    """Phrases of NEAR_MIN or more characters one edit away, looked for only where nothing else matched."""
    from rapidfuzz import process

    choices = _long_phrases(lex)
    for gap_start, gap_end in gaps:
        lo, hi = max(0, gap_start - 2), min(len(text), gap_end + 2)
        for start in range(lo, hi):
            for size in range(NEAR_MIN - 1, min(9, hi - start) + 1):
                piece = text[start:start + size]
                for phrase, _, _ in process.extract(piece, choices, scorer=Levenshtein.distance, score_cutoff=1,
                                                    limit=None):
                    if phrase != piece and not marked(piece, phrase) and not _other_word(piece, phrase, lex):
                        add(found, Span(start, start + size, piece, lex.meanings(phrase), "near", phrase))


def _other_word(piece: str, phrase: str, lex: Lexicon) -> bool:
    """Whether the slip makes a word that begins a concept's phrase (结果补正 is no 结果纠正: 补正 begins 补正后)."""
    heads = _phrase_heads(lex)
    return any(word not in phrase for size in (2, 3)
               for word in (piece[i:i + size] for i in range(len(piece) - size + 1)) if word in heads)


@lru_cache(maxsize=8)
def _phrase_heads(lex: Lexicon) -> frozenset[str]:
    """The first two and three characters of every concept phrase."""
    return frozenset(p[:size] for p, m in lex.phrases.items() if content(m) and not p.isascii()
                     for size in (2, 3) if len(p) >= size)


@lru_cache(maxsize=8)
def _long_phrases(lex: Lexicon) -> tuple[str, ...]:
    # not the operations: one character off turns a question word round (各个部门 is no 哪个部门)
    return tuple(p for p, m in lex.phrases.items() if len(p) >= NEAR_MIN and not p.isascii() and content(m)
                 and not any(meaning.role == "op" for meaning in m))


def best_cover(text: str, found: Candidates) -> list[Span]:
    """The non-overlapping spans that explain the most of the text; each uncovered character an empty span."""
    n = len(text)
    best: list[tuple[float, list[Span]]] = [(0.0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        score, spans = best[i + 1]
        choice = (score, [Span(i, i + 1, text[i], ()), *spans])
        for span in found.get(i, ()):
            after = best[span.end]
            value = after[0] + (span.end - span.start) * WEIGHT[span.match] - SPAN_COST
            if value > choice[0] + 1e-9:
                choice = (value, [span, *after[1]])
        best[i] = choice
    return best[0][1]


def _word_ids(text: str) -> list[int]:
    """For each character, which of jieba's words of the text it belongs to."""
    ids = [0] * len(text)
    for n, (start, end) in enumerate(word_bounds(text)):
        ids[start:end] = [n] * (end - start)
    return ids


_WEAK_SINGLE = {"op", "active_row", "active_col", "app_col", "review_part"}


def _absorb_singles(spans: list[Span], words: list[int]) -> list[Span]:
    """A one-character concept in one dictionary word with unknown characters is part of an unknown word
    (一般公共预算: 共 is no 一共); beside an unknown word of its own (查下 | 跟) it keeps its meaning."""
    out = list(spans)
    for i, span in enumerate(spans):
        roles = {m.role for m in span.meanings}
        if len(span.text) != 1 or not roles or not roles <= _WEAK_SINGLE:
            continue
        word = words[span.start] if span.start < len(words) else -1
        left = i > 0 and not spans[i - 1].meanings and words[span.start - 1] == word
        right = i + 1 < len(spans) and not spans[i + 1].meanings and words[span.end] == word
        if left or right:
            out[i] = Span(span.start, span.end, span.text, ())
    return out


def same_kind(before: str, after: str) -> bool:
    """Whether unknown characters run on as one word: a number never runs into words (下面 | 8)."""
    return before[-1:].isdigit() == after[:1].isdigit()


def _merge_unexplained(spans: list[Span], words: list[int]) -> list[Span]:
    """Unknown characters next to each other are one unknown word; a number stays a word of its own (下面 | 8)."""
    out: list[Span] = []
    for span in _absorb_singles(spans, words):
        if not span.meanings and out and not out[-1].meanings and out[-1].end == span.start \
                and same_kind(out[-1].text, span.text):
            last = out.pop()
            span = Span(last.start, span.end, last.text + span.text, ())
        out.append(span)
    return out


def segment(text: str, extra: list[Span], lex: Lexicon | None = None) -> list[Span]:
    """Spans of the whole text: lexicon and name candidates (`extra`), near matches where nothing fits; `lex` is
    the lexicon of the base asked (with its taught phrases), the bare one by default."""
    lex = lex or lexicon()
    found: Candidates = {}
    for span in extra + year_spans(text) + numbering_spans(text):
        add(found, span)
    lexicon_spans(text, lex, found)
    gapped_spans(text, lex, found)
    pinyin_spans(text, found, lex)
    raw = heard_over_words(best_cover(text, found), found)
    spans = _merge_unexplained(raw, _word_ids(text))
    gaps = [(s.start, s.end) for s in spans if not s.meanings and CJK_RUN.search(s.text)]
    if gaps:
        near_spans(text, gaps, found, lex)
        raw = heard_over_words(best_cover(text, found), found)
    # Words are made whole before unknown characters are run together: 手上 is one word even after 自己.
    return _whole_words(text, _end_at_words(text, _cut_at_words(text, raw, lex), lex))


def _cut_at_words(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A span that begins inside a dictionary word whose head is unknown begins where the word ends, when what
    is left of it is a phrase of its own: 文件数 is 文件 (unknown) + 数, not 文 + 件数."""
    bounds = word_bounds(text)
    out: list[Span] = []
    for span in spans:
        word = next(((a, b) for a, b in bounds if a < span.start < b < span.end), None)
        rest = lex.meanings(text[word[1]:span.end]) if word is not None else ()
        if word is None or not rest or not out or out[-1].meanings or out[-1].start > word[0]:
            out.append(span)
            continue
        out.append(Span(span.start, word[1], text[span.start:word[1]], ()))
        out.append(Span(word[1], span.end, text[word[1]:span.end], rest))
    return out


def _end_at_words(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A span that ends inside a dictionary word whose tail is unknown ends where the word begins, when the word
    is a phrase of its own and nothing the span meant is lost: 怎么改进 is 怎么 + 改进, not 怎么改 + 进 (unknown);
    what is left of the span keeps its meanings as a phrase, or is a word to weigh."""
    bounds = word_bounds(text)
    out: list[Span] = []
    spans = list(spans)
    for i, span in enumerate(spans):
        word = next(((a, b) for a, b in bounds if span.start < a < span.end < b), None)
        after = spans[i + 1] if i + 1 < len(spans) else None
        if word is None or after is None or after.meanings or after.start != span.end or after.end < word[1]:
            out.append(span)
            continue
        head, whole = lex.meanings(text[span.start:word[0]]), lex.meanings(text[word[0]:word[1]])
        if not whole or not (head or set(whole) >= set(span.meanings)):  # never lose what the span meant
            out.append(span)
            continue
        out += [Span(span.start, word[0], text[span.start:word[0]], head),
                Span(word[0], word[1], text[word[0]:word[1]], whole)]
        spans[i + 1] = Span(word[1], after.end, text[word[1]:after.end], ())
    return [s for s in out if s.text]


def _whole_words(text: str, spans: list[Span]) -> list[Span]:
    """A word (by jieba's dictionary) that a one-character filler cut off from unknown characters stays one
    unknown word: 代表 is not 代 + the form's 表, 人员 not the filler 人 + 员."""
    if all(s.meanings for s in spans):
        return _merge_unexplained(spans, _word_ids(text))
    out: list[Span | None] = list(spans)
    for start, end in word_bounds(text):
        inside = [i for i, s in enumerate(out) if s is not None and start <= s.start and s.end <= end]
        parts = [s for s in (out[i] for i in inside) if s is not None]
        if len(parts) < 2 or parts[0].start != start or parts[-1].end != end:
            continue
        if any(not p.meanings for p in parts) and all(not p.meanings or _slight(p) for p in parts):
            for i in inside:
                out[i] = None
            out[inside[0]] = Span(start, end, text[start:end], ())
    return _merge_unexplained([s for s in out if s is not None], _word_ids(text))


def _slight(span: Span) -> bool:
    """A one-character span that names no concept (a filler, a topic word)."""
    return len(span.text) == 1 and not any(m.role in CONTENT_ROLES for m in span.meanings)


def whole_titles(spans: list[Span], titles: list[tuple[int, int]]) -> list[Span]:
    """A title holding a word no concept knows (“上海发布”, 《问政平潭有事你说》) is one such word, the name of an
    account, a programme or a document: never 上海 + 发布 (a column of the form) read apart. A title all of whose
    words are the form's (“本年新收政府信息公开申请数量”) is read as they are."""
    out = list(spans)
    for start, end in titles:
        inside = [i for i, s in enumerate(out) if start <= s.start and s.end <= end]
        if len(inside) < 2 or out[inside[0]].start != start or out[inside[-1]].end != end \
                or all(out[i].meanings for i in inside):
            continue
        text = "".join(out[i].text for i in inside)
        out[inside[0]:inside[-1] + 1] = [Span(start, end, text, ())]
    return out
