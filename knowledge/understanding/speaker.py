"""The asker's own words: who asks and why, not what is asked (我是律师，…; 写稿需要：…; 想核实一下洪泽区…;
参照上海市科委2024年年报：…; …，我们县在对标), and what the asker takes back (行政强制…哦不对，我要问的是规章). They are
set aside, and the reply says how the question was read."""

from __future__ import annotations

import re

from knowledge.names.directory import GOVERNMENT_FORMS
from knowledge.understanding.marks import Span
from knowledge.understanding.roles import asks_number
from knowledge.understanding.words import tag

# Where a clause ends: the comma and colon as normalised, and the marks that end a sentence or a thought.
_BREAKS = frozenset({",", "，", ":", "：", ";", "；", "。", "?", "？", "!", "！", "…"})
_FIRST_PERSON = ("我", "咱", "本人")
_SENTENCE_ENDS = frozenset({"。", "?", "？", "!", "！"})
# What a question asks of: a body, a year. A clause naming one is part of the question.
_WHERE = ("place", "department", "year", "rel_year")


def speaker_words(spans: list[Span]) -> set[int]:
    """The spans of the asker's own words; never all that names a body, a year or a concept."""
    clauses = _clauses(spans)
    out: set[int] = set()
    introduced = False  # within the sentence of 我是退休教师，平时关心政务公开。: the asker goes on about themselves
    for n, clause in enumerate(clauses):
        opening = not any(_names_where(spans, c) for c in clauses[:n + 1])  # 您好，我是…: after a greeting too
        introduced = (opening and _introduces(spans, clause)) or (introduced and not _asks(spans, clause))
        if introduced or _about_the_asker(spans, clause) or (opening and _frames(spans, clause)) \
                or _polite(spans, clause, asked_after=any(_asks(spans, c) for c in clauses[n + 1:])):
            out |= set(clause)
        introduced = introduced and not _ends_sentence(spans, clause)
    out |= _acts_on_the_report(spans, out) | _taken_back(spans) | _beside_the_question(spans, clauses)[0] \
        | _opening_frame(spans)
    rest = [s for i, s in enumerate(spans) if i not in out and s.meanings and not s.has("filler")]
    return out if rest else set()


def talk_inside(spans: list[Span]) -> set[int]:
    """Words of greeting or thanks standing inside the question, in a clause of what is asked and neither first
    nor last of the message (蓟州区2020年新收申请是喂了多少): no greeting there, a word like any other."""
    # a particle after it (谢谢啊) leaves it last; 多少 after it (是喂了多少) does not
    said = [i for i, s in enumerate(spans) if s.text not in _BREAKS and not (len(s.text) == 1 and s.has("filler"))]
    out = set()
    for clause in _clauses(spans):
        asks = _asks(spans, clause)
        out |= {i for i in clause if spans[i].has("small_talk") and asks and said and said[0] < i < said[-1]}
    return out


def _clauses(spans: list[Span]) -> list[list[int]]:
    clauses: list[list[int]] = [[]]
    for i, span in enumerate(spans):
        if span.text in _BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(i)
    return [c for c in clauses if c]


def _ends_sentence(spans: list[Span], clause: list[int]) -> bool:
    after = clause[-1] + 1
    return after >= len(spans) or spans[after].text in _SENTENCE_ENDS


def _asks(spans: list[Span], clause: list[int]) -> bool:
    """A clause naming a body, a year or a part of what is asked."""
    return _names_where(spans, clause) or any(_asked_part(spans[i]) for i in clause)


def _names_where(spans: list[Span], clause: list[int]) -> bool:
    # 政府 alone (关于政府透明度的论文) names no body: the government of no place
    return any(spans[i].has(role) and spans[i].text not in GOVERNMENT_FORMS for i in clause for role in _WHERE)


def _introduces(spans: list[Span], clause: list[int]) -> bool:
    """我是律师 / 本人是记者 / 我代理过…案件 before a comma: the asker says who they are or what they did (律师 is no
    applicant asked, 案件 no row); never 我想知道…, whose object is what is asked."""
    words = [spans[i].text for i in clause]
    if len(clause) < 2 or not words[0].startswith(_FIRST_PERSON) or _names_where(spans, clause) \
            or len(spans) <= clause[-1] + 2:
        return False
    if words[1] in ("是", "作为"):
        return len(clause) >= 3
    # 我起诉过 names the group asked of (a concept only that word names); 案件 of 我代理过…案件 is any case
    if any(_asked_part(spans[i]) and not spans[i].has("topic") for i in clause):
        return False
    return not any(w.startswith(_WANTING) or w.endswith(_ASKING) for w, _ in tag("".join(words)))


# Words of asking, or of passing a question on (律师咨询：, 做小生意的想问问，, 公众号读者留言：, 替读者转个问题：),
# and of wanting (我想知道…, 我要问…): what follows them is what is asked.
_ASKING = ("问", "咨询", "请教", "了解", "知道", "打听", "留言", "提问", "转", "查", "说", "看", "找", "指")
_WANTING = ("想", "要", "需要", "希望")
# What a word of asking takes, said with it: 问下, 了解一下, 转个问题.
_ASKED_THING = ("问题", "一下", "下", "个")


def _frames(spans: list[Span], clause: list[int]) -> bool:
    """A clause before the body or year is named that ends in a word of asking (律师咨询, 小微企业主想了解, 开店的想问下,
    有粉丝在后台留言): who asks, whatever it names (律师 and 企业 are the asker, no applicant asked)."""
    ends = list(clause)
    while len(ends) > 1 and spans[ends[-1]].text in _ASKED_THING:
        ends.pop()
    last = spans[ends[-1]]
    # 法人申请的想咨询 / 上半年的想问问 / 除自然人以外的想问问: what is asked, not who asks (律师, 企业主, 开店的)
    # 商业企业的想问下 / 信息处理费想咨询 / 上半年的想问问: what is asked; 律师 and 企业主 are who asks. A concept only
    # heard by its sound (搞装修: 告状) names nothing.
    about = any(spans[i].match != "pinyin" and (
        spans[i].has("op") or "application" in spans[i].values("topic") or (_asked_part(spans[i]) and not _a_person(
            spans, i))) for i in ends[:-1])
    return not about and last.text.rstrip("个下").endswith(_ASKING) and not any(
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
    if not talk or any(_asked_part(spans[i]) or spans[i].has("op") for i in clause) or _names_where(spans, clause):
        return False
    greets = all("greeting" in s.values("small_talk") for s in talk)
    return asked_after == greets


def _about_the_asker(spans: list[Span], clause: list[int]) -> bool:
    """A clause of the asker (我们县在对标, 我们单位要写总结) that names no body, year or concept but what the asker
    says is theirs (单位 right after 我们)."""
    mine = [i for i in clause if spans[i].text.startswith(_FIRST_PERSON)
            and (not spans[i].meanings or spans[i].has("filler"))]
    concepts = any(_asked_part(spans[i]) and not (i - 1 in mine and _an_organisation(spans[i])) for i in clause)
    return bool(mine) and not concepts and not _names_where(spans, clause)


def _an_organisation(span: Span) -> bool:
    """单位 / 部门 after 我们: the asker's organisation, never a row, a column of results or a section asked."""
    return all(m.role == "topic" or m.value == "organisations" for m in span.meanings)


def _beside_the_question(spans: list[Span], clauses: list[list[int]]) -> tuple[set[int], set[int]]:
    """Clauses told beside the clause that asks (the first asking a number, else the last naming what is asked):
    the asker's story (我朋友之前跟平潭那边打过官司, and the clauses before the question that go on with it:
    家里拆迁的事想去申请信息公开，但是听说很多都被拒) and a judging of the answer to come (是不是特别多, 有没有不予公开的).
    Returns the words set aside and the concepts told (see `told_concepts`). A judging stands aside whole. Of a
    story, a body or year stands aside when the question names its own; a concept stands aside when it is of
    another table, or of a part the question names and does not narrow it (官司 beside 复议后起诉 or 行政复议); any
    other is told: it may narrow the question or be the asker's own case (我朋友以公司名义申请过…新收申请多少件)."""
    at = next((n for n, c in enumerate(clauses) if any(asks_number(spans[i].text) for i in c)),
              max((n for n, c in enumerate(clauses) if _asks(spans, c) and not _told(spans, c)), default=None))
    if at is None:
        return set(), set()
    telling: list[bool] = []
    for n, clause in enumerate(clauses):
        going_on = bool(telling) and telling[-1] and n < at and not _names_where(spans, clause)
        telling.append(n != at and (_told(spans, clause) or going_on))
    lead = [i for n, c in enumerate(clauses[:at + 1]) if not telling[n] for i in c]
    named = {(m.role, m.value) for i in lead if _asked_part(spans[i]) for m in spans[i].meanings}
    tables = {role.split("_")[0] for role, _ in named if role not in _WHERE}
    aside: set[int] = set()
    told: set[int] = set()
    for n, clause in enumerate(clauses):
        text = "".join(spans[i].text for i in clause)
        if n > at and _A_NOT_A.search(text) is not None and not _sets_against(spans, clause):
            aside |= set(clause)
        elif telling[n]:
            for i in clause:
                kind = _kind(spans[i]) if _asked_part(spans[i]) else ""
                if not kind or (kind in _WHERE and kind in {r for r, _ in named}) or (
                        kind not in _WHERE and (kind.split("_")[0] not in tables or _says_again(spans[i], named))):
                    aside.add(i)
                elif kind not in _WHERE:
                    told.add(i)
    return aside, told


def _says_again(span: Span, named: set[tuple[str, str]]) -> bool:
    """The question names that part of it, and the concept does not narrow it: the same or broader (官司 of 复议后
    起诉, 不予公开 of 国家秘密), or another of its kind (官司 beside 行政复议); never a narrower (国家秘密 of 不予公开)."""
    return any(m.role == role and not (value and m.value != value and m.value.startswith(value.rstrip(".")))
               for m in span.meanings for role, value in named)


def told_concepts(spans: list[Span]) -> set[int]:
    """The concepts of the table asked that the asker tells beside the question, not named in it (我的复议被维持了:
    维持; 我朋友以公司名义申请过: 公司): the question read without them, and with them as a second reading."""
    return _beside_the_question(spans, _clauses(spans))[1]


def _told(spans: list[Span], clause: list[int]) -> bool:
    """A clause of the asker's own story: a first person, no word of asking or wanting, no number asked."""
    text = "".join(spans[i].text for i in clause)
    # 我们沐阳县…: the first person owns the body asked, no story, when the clause tells of nothing else
    ours = any(spans[i].text.startswith(_FIRST_PERSON) and i + 1 < len(spans)
               and (spans[i + 1].has("place") or spans[i + 1].has("department")) for i in clause) \
        and not any(_asked_part(spans[i]) and not _names_where(spans, [i]) for i in clause)  # 我们洪泽区去年复议被纠正了
    return any(spans[i].text.startswith(_FIRST_PERSON) for i in clause) and not asks_number(text) and not ours \
        and not any(w.startswith(_WANTING) or w.endswith(_ASKING) for w, _ in tag(text))


def _opening_frame(spans: list[Span]) -> set[int]:
    """我在做个小调查想问下沭阳… / 我是开饭店的想问问平潭…: the asker's words from a first person to a word of asking or
    wanting right before the body or year, in one clause; the concepts among them are still read."""
    where = next((i for i, s in enumerate(spans) if any(s.has(r) for r in _WHERE) or s.text in _BREAKS), 0)
    if where < 3 or spans[where].text in _BREAKS or not spans[0].text.startswith(_FIRST_PERSON):
        return set()
    end = where
    while end > 1 and spans[end - 1].has("filler") and (
            spans[end - 1].text in _ASKED_THING or spans[end - 1].text.rstrip("个下").endswith(_ASKING)
            or spans[end - 1].text.startswith(_WANTING)):
        end -= 1
    if end == where:
        return set()
    # 我们公司 / 我们律所: the asker's own, no applicant asked (as 律师 before 咨询)
    return {i for i in range(end) if not _asked_part(spans[i]) or (i == 1 and spans[i].has("app_col"))}


def _sets_against(spans: list[Span], clause: list[int]) -> bool:
    """是不是比去年多: the judging compares with another figure, a question of its own."""
    return _names_where(spans, clause) or any(set(spans[i].values("op")) & _SETTING_AGAINST for i in clause)


_SETTING_AGAINST = frozenset({"compare", "change", "rate"})
# 是不是 / 多不多 / 有没有: a question of yes or no, never of a number.
_A_NOT_A = re.compile(r"(.)[不没]\1")


def _acts_on_the_report(spans: list[Span], said: set[int]) -> set[int]:
    """Words before the body or year asked that act on the asking or the report (想核实一下, 写稿需要：, 参照…年报：,
    想引用…报告里的数据：): followed by 一下 or a clause's end, or taking the body's report as their object; the
    asker's words already found (`said`) stand aside."""
    start = next((i for i, s in enumerate(spans) if i not in said and s.text not in _BREAKS and s.meanings
                  and not s.has("filler")), len(spans))
    if start == len(spans) or not any(spans[start].has(role) for role in _WHERE):
        return set()
    words = [i for i in range(start) if i not in said and not spans[i].meanings]
    # verbs of asking or using only (核实, 写稿需要, 参照): a noun there is what is asked (网络诉求：平潭…)
    if not words or any(pos.startswith("n") for i in words for _, pos in tag(spans[i].text)):
        return set()
    last = words[-1]
    after = spans[last + 1].text if last + 1 < len(spans) else ""
    if after in ("一下", "下") or after in _BREAKS:
        return set(words)
    # 参照 上海市科委 2024年 年报 ：: the body's report (and its figures) is what the verb takes
    end = next((i for i in range(start, len(spans)) if spans[i].text in _BREAKS), len(spans))
    named = [spans[i] for i in range(start, end) if not spans[i].has("filler")]
    whose = [s for s in named if any(s.has(role) for role in _WHERE)]
    rest = [s for s in named if s not in whose]
    if rest and "report" in rest[0].values("topic") and all(s.has("topic") and not s.has("op") for s in rest):
        return set(words)
    return set()


# 不对 / 不是 said alone between pauses, 说错了: the asker takes back what they just said.
_TAKING_BACK = (("不", "对"), ("不", "是"), ("说错了",), ("说错", "了"), ("打错了",), ("打错", "了"), ("错了",), ("错", "了"),
                ("不",))  # 哦不，我要问的是…: 不 alone after a pause
_PAUSES = frozenset({"...", "…", "哦", "噢", "啊", "呃", "嗯", "额"}) | _BREAKS


def _taken_back(spans: list[Span]) -> set[int]:
    """The words a correction takes back (自然人予以公开多少，不对，商业企业: 自然人 only; 2023年，哦不对，2022年: the
    year), with the correction and the words leading to what is said instead (我要问的是); none when what follows
    replaces nothing said before it."""
    texts = [s.text for s in spans]
    for at in range(1, len(spans)):
        marker = next((m for m in _TAKING_BACK if tuple(texts[at:at + len(m)]) == m), None)
        end = at + len(marker) if marker else 0
        if marker is None or texts[at - 1] not in _PAUSES or end >= len(spans) or texts[end] not in _BREAKS:
            continue
        begin = max((i + 1 for i in range(at) if spans[i].has("place") or spans[i].has("department")), default=0)
        said = [i for i in range(begin, at) if _asked_part(spans[i])]
        lead = end + 1
        while lead < len(spans) and not _asked_part(spans[lead]):
            lead += 1
        stop = next((i for i in range(lead, len(spans)) if texts[i] in _BREAKS), len(spans))
        instead = {_kind(spans[i]) for i in range(lead, stop) if _asked_part(spans[i])}
        same = [i for i in said if _kind(spans[i]) in instead]
        tables = {_kind(spans[i]).split("_")[0] for i in said}
        if not same and instead and not tables & {k.split("_")[0] for k in instead}:
            same = said  # 行政许可…不是，是本机关不掌握: another table altogether, all of it said instead
        return set(same) | set(range(at, lead)) if same else set()
    return set()


def _asked_part(span: Span) -> bool:
    """A span naming a part of what is asked: a concept or a year (not a filler, topic or operation)."""
    return any(m.role not in ("filler", "topic", "op", "unit", "small_talk")
               and not (m.role == "department" and span.text in GOVERNMENT_FORMS) for m in span.meanings)


def _kind(span: Span) -> str:
    """What part of the question a span names: its first such meaning's role (app_col, review_group, year …)."""
    return next(m.role for m in span.meanings if m.role not in ("filler", "topic", "op", "unit", "small_talk"))


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
