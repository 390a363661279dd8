"""Feedback in the state store: the turn before a follow-up kept with its miss and its vote, and the state of each
entry of the staff list, against the SQLite file and a real Redis server."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from knowledge import set_feedback_state
from knowledge.chat.state import ChatState, feedback_key
from knowledge.config import load_settings
from knowledge.model import FeedbackRow
from knowledge.staff import group_feedback
from tests.conftest import service_over
from tests.knowledge.chat.test_state import TODAY, where  # noqa: F401 (a fixture)
from xxgk_errors import FeedbackStateError

QUESTION = "蓟州区2020年收到多少政府信息公开申请"


def test_a_follow_up_keeps_the_question_before_with_its_miss_and_its_vote(corpus_db: Path, tmp_path: Path) -> None:
    service = service_over(corpus_db, tmp_path / "state.db")
    service.ask(QUESTION, chat="f", today=TODAY)
    missed = service.ask("那2030年呢", chat="f", today=TODAY)
    assert missed.status == "not_found"
    assert service.vote("f", -1) is not None
    service.ask(QUESTION, chat="f", today=TODAY)
    service.vote("f", 1)
    rows = [(r.question, r.vote, r.previous) for r in service.feedback()]
    assert rows == [("那2030年呢", 0, QUESTION), ("那2030年呢", -1, QUESTION), (QUESTION, 1, "")]
    assert service.vote("nobody", 1) is None and len(service.feedback()) == 3  # nothing to vote on: nothing kept
    service.close()


def test_marks_are_kept_replaced_and_refused_when_unknown(where: str | Path) -> None:  # noqa: F811
    state = ChatState(where)
    state.mark("a", "taught", now=10.0)
    state.mark("b", "not_in_reports", now=20.0)
    state.mark("a", "corrected", now=30.0)
    with pytest.raises(FeedbackStateError):
        state.mark("a", "done")
    assert {k: (m.state, m.at) for k, m in state.marks().items()} == {"a": ("corrected", 30.0),
                                                                     "b": ("not_in_reports", 20.0)}
    state.close()


def test_an_entry_missed_again_after_it_was_dealt_with_is_open_again() -> None:
    from knowledge.model import FeedbackMark

    def row(at: float, vote: int = 0) -> FeedbackRow:
        return FeedbackRow("c", "天气", "", "not_found" if vote == 0 else "answered", vote, at)

    key = feedback_key("天气")
    [dealt] = group_feedback([row(10.0), row(20.0, 1)], {key: FeedbackMark("not_in_reports", 15.0)})
    [again] = group_feedback([row(10.0), row(20.0)], {key: FeedbackMark("not_in_reports", 15.0)})
    assert (dealt.state, dealt.reopened) == ("not_in_reports", False)  # a 👍 afterwards does not reopen it
    assert (again.state, again.reopened) == ("open", True)


def test_the_same_words_are_one_entry_and_a_follow_up_is_its_own() -> None:
    assert feedback_key("今天 天气？") == feedback_key("今天天气") != feedback_key("今天天气", "平潭2020年呢")
    assert feedback_key("那2019年呢", "平潭2020年收到多少申请") != feedback_key("那2019年呢", "蓟州2020年收到多少申请")


def test_set_feedback_state_marks_the_entry_of_a_question(corpus_db: Path, tmp_path: Path) -> None:
    """What a correction or a taught phrase calls: the entry of the question on the staff list gets its state."""
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    settings = load_settings(db)
    service = service_over(db, settings.state_db)
    service.ask(QUESTION, chat="s", today=TODAY)
    service.ask("那2030年呢", chat="s", today=TODAY)
    set_feedback_state(settings, "那2030年呢", "corrected", previous=QUESTION)
    [entry] = group_feedback(service.feedback(), service.feedback_marks())
    assert (entry.question, entry.previous, entry.state) == ("那2030年呢", QUESTION, "corrected")
    service.close()


def test_a_state_file_of_an_older_version_gets_the_column_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY, chat TEXT, question TEXT, answer_key TEXT, "
                     "status TEXT, vote INTEGER, at REAL)")
        conn.execute("INSERT INTO feedback (chat, question, answer_key, status, vote, at) "
                     "VALUES ('c', '旧问题', '', 'not_found', 0, ?)", [time.time() - 60])
    conn.close()
    state = ChatState(path)
    state.record_vote("c", "新问题", "k", "answered", 1, previous="旧问题")
    rows = [FeedbackRow.from_dict(r) for r in state.feedback()]
    assert [(r.question, r.vote, r.previous) for r in rows] == [("旧问题", 0, ""), ("新问题", 1, "旧问题")]
    state.close()


def test_a_redis_row_of_an_older_version_still_reads(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    client.rpush("xxgk:feedback", json.dumps({"chat": "c", "question": "旧问题", "answer_key": "", "status":
                                              "not_found", "vote": 0, "at": time.time()}))
    client.close()
    state = ChatState(redis_url)
    [row] = [FeedbackRow.from_dict(r) for r in state.feedback()]
    assert (row.question, row.previous) == ("旧问题", "")
    state.close()
