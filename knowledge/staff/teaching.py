"""Staff teach the bot what a question it could not answer meant: a phrase of the question, for one concept of the
lexicon (a row or column of a table, a review group or result, a section). The phrase is kept as data of the
knowledge base (store/taught.py) and joins the lexicon every question of that base is read with; it obeys the
lexicon's rules, being a phrase for a concept and never an answer for one question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from knowledge.chat.state import feedback_key
from knowledge.names.bodies import names_a_body
from knowledge.normalize import normalize
from knowledge.store import (
    Catalog,
    TaughtPhrase,
    open_db,
    record_taught,
    taught_history,
    undo_taught,
    write_turn,
)
from knowledge.understanding.lexicon import Meaning, concepts, lexicon
from knowledge.understanding.query import understand
from knowledge.understanding.segment import segment
from knowledge.understanding.typed import question_text
from xxgk_errors import TeachingError

MIN_PHRASE = 2
MAX_PHRASE = 20
# Numbers and years say which figure, never what is asked: Arabic digits, and the words of a year relative to now.
_NUMBER = re.compile(r"\d|[〇零一二三四五六七八九十百千万两]{2,}(?:年|个|件|次|条|项)|今年|去年|前年|明年")
_PUNCTUATION = re.compile(r"[\s。？?！!，,、.：:；;“”\"'（）()]+")


@dataclass(frozen=True)
class Lesson:
    """What staff would teach: a phrase of `question` (asked after `previous`, for a follow-up) for a concept."""

    phrase: str
    role: str
    value: str
    question: str
    previous: str = ""

    @property
    def entry(self) -> tuple[str, str, str]:
        return (self.phrase, self.role, self.value)

    @property
    def key(self) -> str:
        """The feedback entry of the question it was taught from."""
        return feedback_key(self.question, self.previous)


def concept_label(role: str, value: str) -> str:
    """The label staff read for a concept (本年新收政府信息公开申请数量), or "" for none the lexicon knows."""
    return dict(concepts()).get(Meaning(role, value), "")


def lesson(phrase: str, concept: str, question: str, previous: str = "") -> Lesson:
    """The lesson of a phrase typed by staff and a concept chosen as `role:value`; the phrase as the lexicon keeps
    it (normalised)."""
    role, _, value = concept.partition(":")
    if not concept_label(role, value):
        raise TeachingError(f"“{concept}”不是可以教的概念（请从列表中选择表格的行、列、结果或报告的章节）")
    return Lesson(normalize(phrase).strip(), role, value, question.strip(), previous.strip())


def check_lesson(catalog: Catalog, taught: Lesson, confirmed: bool = False) -> None:
    """Refuse a phrase that breaks the lexicon's rules, with the reason in one line staff can act on."""
    phrase, words = taught.phrase, question_text(taught.question)
    if len(phrase) < MIN_PHRASE or len(phrase) > MAX_PHRASE:
        raise TeachingError(f"要教的词语应为 {MIN_PHRASE} 到 {MAX_PHRASE} 个字")
    if phrase not in words:
        raise TeachingError(f"“{phrase}”不是这个问题里的词语：请从问题中选出表达这个意思的那几个字")
    if _PUNCTUATION.sub("", phrase) == _PUNCTUATION.sub("", words):
        raise TeachingError("不能把整个问题教成一个词语：只选出表达这个意思的那几个字")
    if _PUNCTUATION.search(phrase):
        raise TeachingError(f"“{phrase}”含有空格或标点：只选出表达这个意思的那几个字")
    if _NUMBER.search(phrase):
        raise TeachingError(f"“{phrase}”含有年份或数字：教的是一个概念的说法，年份和数字由问题自己说")
    named = [m.text for m in catalog.directory.mentions(phrase)]
    if named or names_a_body(phrase):
        raise TeachingError(f"“{phrase}”含有机关或地方的名称（{'、'.join(named) or phrase}）："
                            "教的是一个概念的说法，不是某个机关的回答")
    _check_edges(catalog, taught.phrase)
    _check_meanings(catalog, taught, confirmed)


# Words of asking and of operations (多少, 一共, 吗) say how a question asks, not what it asks about.
_ASKING_ROLES = {"filler", "op", "unit", "small_talk", "year", "rel_year", "bad_year"}


def _check_edges(catalog: Catalog, phrase: str) -> None:
    """A phrase does not begin or end with a word of asking or an operation (收件多少 is 收件 asked about)."""
    spans = segment(phrase, [], lexicon(catalog.taught))
    for span in (spans[0], spans[-1]):
        if span.meanings and span.text != phrase and {m.role for m in span.meanings} <= _ASKING_ROLES:
            raise TeachingError(f"“{span.text}”是提问或运算的词，不属于要教的说法：请只选出表达这个意思的那几个字")


def _check_meanings(catalog: Catalog, taught: Lesson, confirmed: bool) -> None:
    """A phrase already meaning this concept teaches nothing; one meaning another concept of the same kind is
    taught only when staff confirm it."""
    meanings = lexicon(catalog.taught).meanings(taught.phrase)
    if Meaning(taught.role, taught.value) in meanings:
        raise TeachingError(f"“{taught.phrase}”已经是“{concept_label(taught.role, taught.value)}”的说法了")
    rivals = [concept_label(m.role, m.value) or m.value for m in meanings if m.role == taught.role]
    if rivals and not confirmed:
        raise TeachingError(f"“{taught.phrase}”已经表示“{'、'.join(rivals)}”；确实要让它也表示"
                            f"“{concept_label(taught.role, taught.value)}”，请勾选确认后再保存")


def teach(db_path: str | Path, taught: Lesson, who: str, confirmed: bool = False) -> TaughtPhrase:
    """Check the lesson against the base as it is and keep it, in the base's writer turn (a copy swapped in)."""
    catalog = Catalog(db_path)
    try:
        check_lesson(catalog, taught, confirmed)
    finally:
        catalog.close()
    with write_turn(db_path) as copy:
        db = open_db(copy.path)
        try:
            return record_taught(db, taught.phrase, taught.role, taught.value, taught.question, taught.previous,
                                 who or "工作人员")
        finally:
            db.close()


def untaught(db_path: str | Path, taught_id: int, who: str) -> TaughtPhrase:
    """Set aside a taught phrase (kept, marked undone): the base reads questions without it again."""
    with write_turn(db_path) as copy:
        db = open_db(copy.path)
        try:
            done = undo_taught(db, taught_id, who or "工作人员")
            if done is None:  # raised inside the turn: the copy is dropped, the base stays as it was
                raise TeachingError(f"没有编号为 {taught_id} 的在用的教过的词语")
            return done
        finally:
            db.close()


def taught_phrases(db_path: str | Path) -> list[TaughtPhrase]:
    """Every phrase taught to the base, standing or undone, newest first."""
    db = open_db(db_path)
    try:
        return taught_history(db.conn)
    finally:
        db.close()


def words_not_understood(db_path: str | Path, question: str) -> tuple[str, ...]:
    """The words of a question no concept of the base's lexicon explains: what staff most likely teach."""
    catalog = Catalog(db_path)
    try:
        query = understand(question_text(question), catalog.directory, date.today(), lexicon(catalog.taught))
    finally:
        catalog.close()
    return query.unexplained
