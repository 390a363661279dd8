"""Where the text names places and departments: the directory's mentions that are words of the text, never
inside a title that names a publication or an account (《上海市人民政府公报》, “上海科技”微信公众号)."""

from __future__ import annotations

import re
from itertools import accumulate

from knowledge.names.directory import Directory
from knowledge.understanding.lexicon import Meaning
from knowledge.understanding.marks import Span
from knowledge.understanding.words import tag

# What a body's report is called: a department or a title ending in it names whose report it is.
WHOSE_REPORT = ("年报", "报告", "年度报告")


def name_spans(text: str, directory: Directory) -> tuple[str, list[Span], list[tuple[int, int]]]:
    """The text without its title marks (《》), the places and departments the directory finds in it, as spans of
    that text, and where the titles that name no body stand in it. A name inside a title names the publication or
    account (《上海市人民政府公报》, “上海科技”微信公众号: quoted names are marked as titles), not a body asked, unless
    the title ends in it or in a report."""
    words = _words_at(text)
    mentions = directory.mentions(text)
    # a title that ends in a body's name (《洪泽区》) or in a report (“洪泽区政府信息公开年报”) names the body
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(text) if not any(m.end == t.end() - 1 for m in mentions)
              and not t.group().rstrip("》").endswith(WHOSE_REPORT)]
    kept = [m for m in mentions
            if not _splits_words(m.start, m.end, words) and not any(a < m.start and m.end < b for a, b in titles)]
    # the marks go, so that they cut no words apart (通过“智慧蓟州”APP is read as 通过智慧蓟州app)
    at = list(accumulate((ch not in _MARKS for ch in text), initial=0))
    return "".join(ch for ch in text if ch not in _MARKS), \
        [Span(at[m.start], at[m.end], m.text, (Meaning(m.role, m.text),), m.match) for m in kept], \
        [(at[a + 1], at[b - 1]) for a, b in titles]


_MARKS = "《》"
_TITLE = re.compile(r"《[^《》]*》")


def _words_at(text: str) -> list[tuple[int, int, str]]:
    """jieba's words of the text: where each starts and ends, and its tag."""
    out, at = [], 0
    for word, pos in tag(text):
        out.append((at, at + len(word), pos))
        at += len(word)
    return out


def _splits_words(start: int, end: int, words: list[tuple[int, int, str]]) -> bool:
    """A stretch is no name when it starts and ends inside words of the text (国土资源城乡建设: no 源城 in it), or
    lies inside one longer word that is no name itself (国土资源: no 资源县 in it; 洪泽湖 is a name)."""
    cut = [(a, b, pos) for a, b, pos in words if a < start < b or a < end < b]
    if len(cut) == 2:
        return True
    return any(a <= start and end <= b and pos not in _NAME_TAGS for a, b, pos in cut)


_NAME_TAGS = ("ns", "nr", "nt", "nz", "nrt", "nrfg")
