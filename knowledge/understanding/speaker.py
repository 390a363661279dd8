"""The asker's own words: who asks and why, not what is asked (我是律师，…; 写稿需要：…; 想核实一下洪泽区…;
参照上海市科委2024年年报：…; …，我们县在对标), and what the asker takes back (行政强制…哦不对，我要问的是规章). They are
set aside, and the reply says how the question was read."""

from __future__ import annotations

from knowledge.understanding.asker_clauses import (
    ASKED_THING,
    ASKING,
    BREAKS,
    FIRST_PERSON,
    WANTING,
    WHERE,
    asked_part,
    asks_in,
    ends_sentence,
    kind_of,
    names_where,
    split_clauses,
)
from knowledge.understanding.marks import Span
from knowledge.understanding.story import beside_the_question, opening_frame
from knowledge.understanding.words import tag


def speaker_words(spans: list[Span]) -> tuple[set[int], set[int]]:
    """The spans of the asker's own words, never all that names a body, a year or a concept; and the concepts the
    asker tells of their own case beside the question (我的复议被维持了: 维持), to be read at most as a second
    reading (story.beside_the_question)."""
    clauses = split_clauses(spans)
    out: set[int] = set()
    introduced = False  # within the sentence of 我是退休教师，平时关心政务公开。: the asker goes on about themselves
    for n, clause in enumerate(clauses):
        opening = not any(names_where(spans, c) for c in clauses[:n + 1])  # 您好，我是…: after a greeting too
        introduced = (opening and _introduces(spans, clause)) or (introduced and not asks_in(spans, clause))
        if introduced or _about_the_asker(spans, clause) or (opening and _frames(spans, clause)) \
                or _polite(spans, clause, asked_after=any(asks_in(spans, c) for c in clauses[n + 1:])):
            out |= set(clause)
        introduced = introduced and not ends_sentence(spans, clause)
    beside, told = beside_the_question(spans, clauses)
    out |= _acts_on_the_report(spans, out) | _taken_back(spans) | beside | opening_frame(spans)
    rest = [s for i, s in enumerate(spans) if i not in out and s.meanings and not s.has("filler")]
    return (out, told - out) if rest else (set(), set())


def talk_inside(spans: list[Span]) -> set[int]:
    """Words of greeting or thanks standing inside the question, in a clause of what is asked and neither first
    nor last of the message (蓟州区2020年新收申请是喂了多少): no greeting there, a word like any other."""
    # a particle after it (谢谢啊) leaves it last; 多少 after it (是喂了多少) does not
    said = [i for i, s in enumerate(spans) if s.text not in BREAKS and not (len(s.text) == 1 and s.has("filler"))]
    out = set()
    for clause in split_clauses(spans):
        asks = asks_in(spans, clause)
        out |= {i for i in clause if spans[i].has("small_talk") and asks and said and said[0] < i < said[-1]}
    return out


def _introduces(spans: list[Span], clause: list[int]) -> bool:
    """我是律师 / 本人是记者 / 我代理过…案件 before a comma: the asker says who they are or what they did (律师 is no
    applicant asked, 案件 no row); never 我想知道…, whose object is what is asked."""
    words = [spans[i].text for i in clause]
    if len(clause) < 2 or not words[0].startswith(FIRST_PERSON) or names_where(spans, clause) \
            or len(spans) <= clause[-1] + 2:
        return False
    if words[1] in ("是", "作为"):
        return len(clause) >= 3
    # 我起诉过 names the group asked of (a concept only that word names); 案件 of 我代理过…案件 is any case
    if any(asked_part(spans[i]) and not spans[i].has("topic") for i in clause):
        return False
    return not any(w.startswith(WANTING) or w.endswith(ASKING) for w, _ in tag("".join(words)))


def _frames(spans: list[Span], clause: list[int]) -> bool:
    """A clause before the body or year is named that ends in a word of asking (律师咨询, 小微企业主想了解, 开店的想问下,
    有粉丝在后台留言): who asks, whatever it names (律师 and 企业 are the asker, no applicant asked)."""
    ends = list(clause)
    while len(ends) > 1 and spans[ends[-1]].text in ASKED_THING:
        ends.pop()
    last = spans[ends[-1]]
    # 法人申请的想咨询 / 上半年的想问问 / 除自然人以外的想问问: what is asked, not who asks (律师, 企业主, 开店的)
    # 商业企业的想问下 / 信息处理费想咨询 / 上半年的想问问: what is asked; 律师 and 企业主 are who asks. A concept only
    # heard by its sound (搞装修: 告状) names nothing.
    about = any(spans[i].match != "pinyin" and (
        spans[i].has("op") or "application" in spans[i].values("topic") or (asked_part(spans[i]) and not _a_person(
            spans, i))) for i in ends[:-1])
    return not about and last.text.rstrip("个下").endswith(ASKING) and not any(
        m.role not in ("filler", "topic") for m in last.meanings)


# What makes an applicant's word a person who asks: 律师 itself, 企业 + 主 / 老板 / 家.
_PERSON_ENDS = ("师", "者")
_PERSON_AFTER = ("主", "老板", "家", "负责人")


def _a_person(spans: list[Span], at: int) -> bool:
    """An applicant's word naming a person (律师, 企业主) or what the asker does (开公司的), not the applicants
    asked of."""
    after = spans[at + 1] if at + 1 < len(spans) else None
    before = spans[at - 1].text if at else ""
    doing = bool(before) and not spans[at - 1].has("op") and [p for _, p in tag(before)][-1:] == ["v"]
    return spans[at].values("app_col") != [] and (doing or spans[at].text.endswith(_PERSON_ENDS) or (
        after is not None and not after.meanings and after.text.startswith(_PERSON_AFTER)))


def _polite(spans: list[Span], clause: list[int], asked_after: bool) -> bool:
    """A clause of greeting or thanks (尊敬的工作人员您好, 先谢谢您的耐心解答, 给您添麻烦了) that names nothing asked
    and has no part of the question after it, or only after it (a greeting first)."""
    talk = [spans[i] for i in clause if spans[i].has("small_talk")]
    if not talk or any(asked_part(spans[i]) or spans[i].has("op") for i in clause) or names_where(spans, clause):
        return False
    greets = all("greeting" in s.values("small_talk") for s in talk)
    return asked_after == greets


def _about_the_asker(spans: list[Span], clause: list[int]) -> bool:
    """A clause of the asker (我们县在对标, 我们单位要写总结) that names no body, year or concept but what the asker
    says is theirs (单位 right after 我们)."""
    mine = [i for i in clause if spans[i].text.startswith(FIRST_PERSON)
            and (not spans[i].meanings or spans[i].has("filler"))]
    concepts = any(asked_part(spans[i]) and not (i - 1 in mine and _an_organisation(spans[i])) for i in clause)
    return bool(mine) and not concepts and not names_where(spans, clause)


def _an_organisation(span: Span) -> bool:
    """单位 / 部门 after 我们: the asker's organisation, never a row, a column of results or a section asked."""
    return all(m.role == "topic" or m.value == "organisations" for m in span.meanings)


def _acts_on_the_report(spans: list[Span], said: set[int]) -> set[int]:
    """Words before the body or year asked that act on the asking or the report (想核实一下, 写稿需要：, 参照…年报：,
    想引用…报告里的数据：): followed by 一下 or a clause's end, or taking the body's report as their object; the
    asker's words already found (`said`) stand aside."""
    start = next((i for i, s in enumerate(spans) if i not in said and s.text not in BREAKS and s.meanings
                  and not s.has("filler")), len(spans))
    if start == len(spans) or not any(spans[start].has(role) for role in WHERE):
        return set()
    words = [i for i in range(start) if i not in said and not spans[i].meanings]
    # verbs of asking or using only (核实, 写稿需要, 参照): a noun there is what is asked (网络诉求：平潭…)
    if not words or any(pos.startswith("n") for i in words for _, pos in tag(spans[i].text)):
        return set()
    last = words[-1]
    after = spans[last + 1].text if last + 1 < len(spans) else ""
    if after in ("一下", "下") or after in BREAKS:
        return set(words)
    # 参照 上海市科委 2024年 年报 ：: the body's report (and its figures) is what the verb takes
    end = next((i for i in range(start, len(spans)) if spans[i].text in BREAKS), len(spans))
    named = [spans[i] for i in range(start, end) if not spans[i].has("filler")]
    whose = [s for s in named if any(s.has(role) for role in WHERE)]
    rest = [s for s in named if s not in whose]
    if rest and "report" in rest[0].values("topic") and all(s.has("topic") and not s.has("op") for s in rest):
        return set(words)
    return set()


# 不对 / 不是 said alone between pauses, 说错了: the asker takes back what they just said.
_TAKING_BACK = (("不", "对"), ("不", "是"), ("说错了",), ("说错", "了"), ("打错了",), ("打错", "了"), ("错了",), ("错", "了"),
                ("不",))  # 哦不，我要问的是…: 不 alone after a pause
_PAUSES = frozenset({"...", "…", "哦", "噢", "啊", "呃", "嗯", "额"}) | BREAKS


def _taken_back(spans: list[Span]) -> set[int]:
    """The words a correction takes back (自然人予以公开多少，不对，商业企业: 自然人 only; 2023年，哦不对，2022年: the
    year), with the correction and the words leading to what is said instead (我要问的是); none when what follows
    replaces nothing said before it."""
    texts = [s.text for s in spans]
    for at in range(1, len(spans)):
        marker = next((m for m in _TAKING_BACK if tuple(texts[at:at + len(m)]) == m), None)
        end = at + len(marker) if marker else 0
        if marker is None or texts[at - 1] not in _PAUSES or end >= len(spans) or texts[end] not in BREAKS:
            continue
        begin = max((i + 1 for i in range(at) if spans[i].has("place") or spans[i].has("department")), default=0)
        said = [i for i in range(begin, at) if asked_part(spans[i])]
        lead = end + 1
        while lead < len(spans) and not asked_part(spans[lead]):
            lead += 1
        stop = next((i for i in range(lead, len(spans)) if texts[i] in BREAKS), len(spans))
        instead = {kind_of(spans[i]) for i in range(lead, stop) if asked_part(spans[i])}
        same = [i for i in said if kind_of(spans[i]) in instead]
        tables = {kind_of(spans[i]).split("_")[0] for i in said}
        if not same and instead and not tables & {k.split("_")[0] for k in instead}:
            same = said  # 行政许可…不是，是本机关不掌握: another table altogether, all of it said instead
        return set(same) | set(range(at, lead)) if same else set()
    return set()


_SMALL_TALK_ROLES = {"small_talk", "filler", "topic"}


def small_talk(spans: list[Span]) -> str:
    """Greetings, thanks, help: a question made only of these (and fillers) is small talk."""
    roles = [s for s in spans if s.meanings and any(m.role == "small_talk" for m in s.meanings)]
    if not roles:
        return ""
    if all((s.meanings and {m.role for m in s.meanings} & _SMALL_TALK_ROLES) or not s.text.strip("?？!！。.,，~ ")
           for s in spans):
        return roles[0].values("small_talk")[0]
    return ""
