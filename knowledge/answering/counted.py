"""What a prose figure counts, by the words of its own clause: the things of a list together (刊登规章、规范性文件等
112件), under the act that governs it (收到群众诉求348件). A question about one thing of the list, or about another
act, does not ask that figure."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from knowledge.answering.cells import fmt
from knowledge.answering.clauses import direct_act, own_clause
from knowledge.answering.kin import cell_kin
from knowledge.store.read import FactRow
from knowledge.understanding.words import tag

_CLAUSE_MARKS = re.compile("[，,；;。：:（(）)]")
# An item that ends in a figure and its unit (民意征集53期、网上调查…) is one of an enumeration of figures, not of a
# list that one figure counts together.
_FIGURE_ENDS = re.compile(r"\d+(?:\.\d+)?[^\d]{0,3}$")


def counts_others_too(words: list[str], fact: FactRow) -> bool:
    """The figure counts a list of things together and the words asked name some of them but not all: the
    figure is not the count of the ones asked (刊登了多少规章 against 刊登政府规章、规范性文件等112件)."""
    items = _listed(fact)
    if len(items) < 2:
        return False
    named = {i for w in words if not _a_verb(w) for i, item in enumerate(items) if w in item}
    return bool(named) and len(named) < len(items)


def governed_otherwise(asked: str, fact: FactRow) -> bool:
    """The question counts one act (办结 of 办结了多少件) and no verb of the figure's own clause shares a character
    with it (收到群众诉求348件): the figure counts another act."""
    act = direct_act(asked)
    clause = _before_figure(fact)
    if not act or act in fact.text or any(k in fact.text for k in cell_kin(act)):  # 收到 of 受理749件: one row's
        return False
    verbs = [w for w, pos in tag(clause) if pos == "v"]
    return bool(verbs) and not any(set(w) & set(act) for w in verbs)


def _listed(fact: FactRow) -> list[str]:
    """The things the figure's own clause lists before it, joined by 、 or a conjunction (规章、规范性文件等);
    none when the clause enumerates figures."""
    items = _items(_before_figure(fact))
    # the things counted stand right before the figure (规章、规范性文件等112件), not before a verb of theirs
    # (通过网站、微博等渠道主动公开信息3.5万条: the channels are not what is counted)
    if any(_FIGURE_ENDS.search(item) for item in items[:-1]) or any(pos == "v" for _, pos in tag(items[-1] if items else "")):
        return []
    return items


def _before_figure(fact: FactRow) -> str:
    """The words of the figure's own clause before the figure; none when the figure is printed otherwise (3.5万)."""
    at = fact.text.rfind(fmt(fact.value)) if fact.value is not None else -1
    return _CLAUSE_MARKS.split(fact.text[:at])[-1] if at >= 0 else ""


@lru_cache(maxsize=1024)
def _a_verb(word: str) -> bool:
    tags = tag(word)
    return len(tags) == 1 and tags[0][1].startswith("v")


def named_apart(word: str, lead: str, fact: FactRow, asked: str = "") -> bool:
    """The figure's own clause names what it counts (部门规范性文件45件) and the word asked stands in the sentence
    only in other clauses with their own figure (刊登政府规章、规范性文件等112件 before it, or after it): the word is
    theirs. In the own clause only after a noun the question does not say (部门 of 部门规范性文件), it names a kind of
    the thing, not the thing. A clause naming nothing (办结980件) counts what the sentence named before it."""
    clause = own_clause(lead, fact)
    if clause is None or not fact.unit or _a_verb(word):  # 开展 of 开展民意征集53期: an act, not what is counted
        return False
    start, own = clause
    if (word in lead[start:] and not _qualified(word, lead[start:], asked)) or not any(pos.startswith("n") and len(w) >= 2 for w, pos in tag(lead[start:own])):
        return False
    context = (fact.context or "").lower()
    after = context[context.find(fact.text.lower()) + len(fact.text):] if fact.text.lower() in context else ""
    earlier = [c for c in re.split("[，,；;。]", lead[:start]) if word in c]
    later = [c for c in re.split("[，,；;。]", after) if word in c]  # 编发公报24期，刊登…规范性文件…
    return bool(earlier or later) and all(re.search(rf"\d+(?:\.\d+)?{re.escape(fact.unit)}$", c) for c in earlier) \
        and all(re.search(r"\d", c) for c in later)


def _qualified(word: str, text: str, asked: str) -> bool:
    """Every time the text prints the word, a noun the question does not say stands right before it."""
    words = tag(text)
    ends = accumulate(len(w) for w, _ in words)
    before = [w for w, end in zip(words, ends, strict=True) if text.startswith(word, end)]
    return bool(before) and len(before) == text.count(word) \
        and all(pos.startswith("n") and w not in asked for w, pos in before)


# Words with which a clause counts what the sentence named before it (共办理相关案件74件).
_BACK = ("相关", "上述", "以上", "这些", "此类", "该类", "前述")


def listed_before(words: list[str], lead: str, fact: FactRow) -> bool:
    """A word asked that the sentence prints before the figure's clause only beside another thing of a list, by
    、 (相关行政复议、行政诉讼案件…，共办理相关案件74件: 行政复议 alone is not the 74), the other thing not asked."""
    own = fact.text.lower()
    if not any(back in own for back in _BACK):
        return False  # the figure counts what its own clause names, not the list before it
    for word in (w for w in words if not _a_verb(w) and w in lead and w not in own):
        beside = [_neighbour(lead, m.start(), m.end()) for m in re.finditer(re.escape(word), lead)]
        if beside and all(n and not any(n in w or w in n for w in words) for n in beside):
            return True
    return False


def _neighbour(text: str, start: int, end: int) -> str:
    """The word a 、 joins to the one at start:end, after it or before it; "" when none."""
    if text[end:end + 1] == "、":
        after = tag(text[end + 1:end + 12])
        return after[0][0] if after else ""
    if start and text[start - 1] == "、":
        before = tag(text[max(0, start - 12):start - 1])
        return before[-1][0] if before else ""
    return ""


def _items(clause: str) -> list[str]:
    """The things a clause lists, joined by 、 or a conjunction."""
    items: list[str] = [""]
    for word, pos in tag(clause):
        if word == "、" or (pos == "c" and items[-1]):
            items.append("")
        else:
            items[-1] += word
    return [item for item in items if item]
