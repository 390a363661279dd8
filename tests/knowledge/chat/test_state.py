"""The state store: the same tests against the SQLite file and a real Redis server."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from knowledge.chat.state import ChatState
from knowledge.chat.stores import StateStore, open_store
from knowledge.chat.stores.sqlite import SqliteStore
from knowledge.model import Answer, Choice, FeedbackRow, Figure, SectionText, SpanRole, Understood
from knowledge.understanding.compose import Measure
from knowledge.understanding.query import Query
from tests.conftest import service_over
from xxgk_errors import StateError

TODAY = date(2026, 3, 1)


@pytest.fixture(params=["sqlite", "redis"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a store lives: a SQLite file, or the test Redis database."""
    if request.param == "redis":
        return str(request.getfixturevalue("redis_url"))
    return tmp_path / "state.db"


def figure(value: int, issuer: str = "平潭综合实验区", year: int = 2019) -> Figure:
    return Figure(value, "件", f"{value}件", issuer, year, f"{issuer}{year}年报告", "三", "予以公开", "cell",
                  "applications|granted|total", page=2)


def choice(value: int, issuer: str = "平潭综合实验区") -> Choice:
    return Choice(f"{issuer} {value}件", f"{issuer}2019年予以公开", figure(value, issuer))


def test_context_round_trip_and_expiry(where: str | Path) -> None:
    state = ChatState(where, ttl_seconds=60)
    query = Query("平潭2019年予以公开几件", bodies=("平潭综合实验区",), years=(2019, 2020), ops=frozenset({"more"}),
                  measure=Measure("applications", rows=("granted",), columns=("total",), named=frozenset({"rows"})))
    state.save("a", query)
    back = state.load("a")
    assert back is not None and back.bodies == ("平潭综合实验区",) and back.years == (2019, 2020)
    assert back.ops == {"more"} and back.measure == query.measure
    assert state.load("b") is None
    assert state.load("a", now=time.time() + 120) is None


def test_choices_and_last_answer(where: str | Path) -> None:
    state = ChatState(where)
    choices = [choice(7), choice(9, "上海市人民政府办公厅")]
    state.save_choices("c", choices)
    assert state.load_choices("c") == choices
    assert state.load_choices("other") == []
    answer = Answer("问", "answered", "cell", figures=(figure(7),))
    state.save_last("c", answer)
    last = state.load_last("c")
    assert last is not None and last["answer"]["value"] == 7 and last["status"] == "answered"


def test_one_turn_writes_everything_at_once(where: str | Path) -> None:
    state = ChatState(where)
    answer = Answer("19年行政复议有几件", "ambiguous", choices=(choice(1), choice(2)))
    state.save_turn("t", Query("19年行政复议有几件", years=(2019,)), list(answer.choices), answer)
    assert state.load("t") is not None and len(state.load_choices("t")) == 2
    assert state.load_last("t")["status"] == "ambiguous"  # type: ignore[index]
    missed = Answer("今天天气怎么样", "not_found", reason="没有看出")
    state.save_turn("t", None, [], missed, miss="今天天气怎么样")
    assert state.load("t") is not None, "a miss keeps the chat's context"
    assert [(r["question"], r["vote"], r["status"]) for r in state.feedback()] == [
        ("今天天气怎么样", 0, "not_found")]


def test_votes_in_order(where: str | Path) -> None:
    state = ChatState(where)
    state.record_vote("v", "蓟州区2020年收到多少申请", "applications|new_received|total", "answered", 1)
    state.record_miss("w", "天气", "not_found")
    state.record_vote("v", "平潭2019年予以公开几件", "results|granted|total", "answered", -1)
    rows = state.feedback()
    assert [(r["chat"], r["vote"]) for r in rows] == [("v", 1), ("w", 0), ("v", -1)]
    assert rows[0]["answer_key"] == "applications|new_received|total" and rows[0]["at"] <= rows[2]["at"]


def test_broken_characters_are_stored_not_raised(where: str | Path) -> None:
    state = ChatState(where)
    state.save_turn("chat\ud800", Query("2020年\ud800收到"), [], Answer("2020年\udcff", "not_found", "x"),
                    miss="2020年\ud800收到")
    assert state.load("chat\ud800") is not None
    assert state.feedback()[0]["question"].startswith("2020年")


def test_old_chats_are_deleted(where: str | Path) -> None:
    store = open_store(where, keep_seconds=1)
    state = ChatState(store, ttl_seconds=1)
    state.save_turn("old", Query("问"), [figure(1)], Answer("问", "answered", "答"))
    assert state.load_last("old") is not None
    time.sleep(2.1)
    state.expire()
    assert state.load_last("old") is None and store.read("old", "context") is None
    state.close()


def _claim_race(store: StateStore, key: str, workers: int) -> list[bool]:
    results: list[bool] = []
    barrier = threading.Barrier(workers)

    def worker() -> None:
        barrier.wait()
        results.append(store.claim(key, 30))

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_wechat_reply_is_claimed_once(where: str | Path) -> None:
    stores = [open_store(where) for _ in range(3)]  # three workers, three connections
    results = [r for s in stores for r in _claim_race(s, "msg-1", 3)]
    assert results.count(True) == 1
    assert all(s.get_reply("msg-1") is None for s in stores), "pending until computed"
    stores[1].put_reply("msg-1", "<xml>答</xml>", 300)
    assert [s.get_reply("msg-1") for s in stores] == ["<xml>答</xml>"] * 3
    assert not stores[2].claim("msg-1", 30)
    assert stores[0].claim("msg-2", 30)
    for store in stores:
        store.close()


def test_an_expired_claim_is_taken_over_once(where: str | Path) -> None:
    stores = [open_store(where) for _ in range(2)]
    assert stores[0].claim("msg-3", 0.2)  # the claimer died before it stored a reply
    assert not stores[1].claim("msg-3", 30)
    time.sleep(0.3)
    results = [r for s in stores for r in _claim_race(s, "msg-3", 3)]
    assert results.count(True) == 1, "after the claim ran out, exactly one retry computes the reply"
    for store in stores:
        store.close()


def test_hits_are_counted_once_each_across_stores_and_start_again_after_the_window(where: str | Path) -> None:
    stores = [open_store(where) for _ in range(2)]  # two workers
    assert stores[0].hits("client", 0.5, 0) == (0, 0.0), "looking adds nothing"
    counts = []
    threads = [threading.Thread(target=lambda s=s: counts.append(s.hits("client", 0.5, 1)[0]))
               for s in stores * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 9)), "eight hits from two workers, each counted once"
    count, left = stores[1].hits("client", 0.5, 0)
    assert count == 8 and 0 < left <= 0.5
    assert stores[0].hits("other", 0.5, 1)[0] == 1, "each key its own count"
    time.sleep(0.6)
    assert stores[1].hits("client", 0.5, 0) == (0, 0.0) and stores[0].hits("client", 0.5, 1)[0] == 1
    for store in stores:
        store.close()


def test_check_reaches_the_store(where: str | Path) -> None:
    store = open_store(where)
    store.check()
    assert store.kind == ("redis" if isinstance(where, str) else "sqlite")
    store.close()


def test_two_workers_share_follow_ups(where: str | Path, corpus_db: Path) -> None:
    first = service_over(corpus_db, where)
    second = service_over(corpus_db, where)
    assert first.ask("蓟州区2020年新收了多少政府信息公开申请", chat="s", today=TODAY).answer.value == 191  # type: ignore[union-attr]
    assert second.ask("其中自然人呢？", chat="s", today=TODAY).answer.value == 185  # type: ignore[union-attr]
    choices = first.ask("19年行政复议有几件", chat="p", today=TODAY)
    assert choices.status == "ambiguous"
    picked = second.pick("p", 1)
    assert picked is not None and picked.answer == choices.choices[0].figure


def test_sqlite_store_is_wal_and_does_not_grow_with_new_chats(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = SqliteStore(path, keep_seconds=1)
    state = ChatState(store, ttl_seconds=1)

    def many_chats(prefix: str) -> int:
        for n in range(300):
            state.save_turn(f"{prefix}{n}", Query("问" * 100), [figure(n)], Answer("问" * 100, "answered", "答" * 300))
        time.sleep(1.1)
        state.expire()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(store.conn.execute("PRAGMA page_count").fetchone()[0])

    first = many_chats("a")
    assert many_chats("b") <= first * 1.1, "space of deleted chats is reused"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM chat_values").fetchone()[0] == 0
    conn.close()


def test_state_folder_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="目录不存在"):
        ChatState(tmp_path / "no" / "such" / "state.db")
    assert not (tmp_path / "no").exists()


def test_unreachable_redis_is_one_clear_error() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StateError, match=f"127.0.0.1:{port}"):
        ChatState(f"redis://:secret@127.0.0.1:{port}/0")
    try:
        ChatState(f"redis://:secret@127.0.0.1:{port}/0")
    except StateError as exc:
        assert "secret" not in str(exc)


def test_redis_keys_expire_by_themselves(redis_url: str) -> None:
    import redis

    state = ChatState(redis_url, ttl_seconds=60)
    state.save("k", Query("问"))
    client = redis.Redis.from_url(redis_url)
    ttl = client.ttl("xxgk:chat:k")
    assert 0 < ttl <= state.store.keep_seconds
    assert state.claim_reply("m") and 0 < client.pttl("xxgk:wx:m") <= 30_000
    client.close()


def test_one_question_is_one_sqlite_commit(corpus_db: Path, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "state.db")
    store.expire()  # the periodic clean-up is not part of the question
    answerer = service_over(corpus_db, store)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    for question in ("19年行政复议有几件", "今天天气怎么样", "蓟州区2020年新收了多少政府信息公开申请"):
        statements.clear()
        answerer.ask(question, chat="one", today=TODAY)
        writes = [s for s in statements if not s.lstrip().upper().startswith("SELECT")]
        # Every write of the question inside one transaction: BEGIN, the inserts, COMMIT, nothing around it.
        assert writes[0] == "BEGIN IMMEDIATE" and writes[-1] == "COMMIT", writes
        assert all(s.startswith("INSERT") for s in writes[1:-1]) and len(writes) >= 3, writes


def test_sqlite_wal_stays_bounded_under_steady_writes(tmp_path: Path) -> None:
    from knowledge.chat.stores.sqlite import WAL_RESTART_BYTES

    store = SqliteStore(tmp_path / "state.db")
    state = ChatState(store)
    answer = Answer("问" * 100, "ambiguous", reason="答" * 600, choices=tuple(choice(n) for n in range(5)))
    wal = tmp_path / "state.db-wal"
    largest = 0
    for n in range(3000):  # about 100 MB of WAL frames if nothing checkpointed it
        state.save_turn(f"chat{n % 300}", Query("问" * 100), list(answer.choices), answer)
        if n % 100 == 0:
            largest = max(largest, wal.stat().st_size)
    deadline = time.monotonic() + 15  # the checkpoint thread may be slow on a loaded machine
    while True:
        time.sleep(0.5)
        state.save_turn("last", Query("问"), [], answer)
        if wal.stat().st_size <= 2 * WAL_RESTART_BYTES or time.monotonic() > deadline:
            break
    assert wal.stat().st_size <= 2 * WAL_RESTART_BYTES
    assert largest < 40 * 2**20, "checkpoints kept up while the writes went on"
    state.close()


class CountingStore:
    """A real store that counts the commits (writes and reply puts) reaching it."""

    def __init__(self, store: StateStore) -> None:
        self.store, self.commits = store, 0

    def __getattr__(self, name: str):
        if name in ("write", "put_reply"):
            self.commits += 1
        return getattr(self.store, name)


def test_a_turn_and_its_reply_held_by_one_write_are_one_commit(where: str | Path) -> None:
    counted = CountingStore(open_store(where))
    state = ChatState(counted)  # type: ignore[arg-type]
    with state.one_write():
        state.save_turn("wx", Query("问"), [choice(1)], Answer("问", "answered", "答"))
        assert state.load_choices("wx") == [choice(1)], "the block reads its own writes"
        state.save_reply("msg-9", "<xml>答</xml>")
        assert counted.commits == 0 and state.load_reply("msg-9") is None
    assert counted.commits == 1
    assert state.load_reply("msg-9") == "<xml>答</xml>" and state.load_last("wx") is not None
    with pytest.raises(RuntimeError), state.one_write():
        state.save_reply("msg-10", "<xml>半</xml>")
        raise RuntimeError("the reply was never finished")
    assert counted.commits == 1 and state.load_reply("msg-10") is None
    state.save_reply("msg-11", "<xml>答</xml>")  # outside a block: at once
    assert counted.commits == 2 and state.load_reply("msg-11") == "<xml>答</xml>"
    state.close()


def test_the_checkpointer_restarts_a_long_wal_and_leaves_a_short_one(tmp_path: Path) -> None:
    from knowledge.chat.stores.sqlite import WAL_RESTART_BYTES

    store = SqliteStore(tmp_path / "state.db")
    conn = sqlite3.connect(tmp_path / "state.db", timeout=0.01, isolation_level=None)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)

    def restarts() -> int:
        statements.clear()
        store.checkpoint(conn)
        return sum("RESTART" in s for s in statements)

    for n in range(WAL_RESTART_BYTES // 4096 + 200):  # each write leaves a few frames: well past the limit
        store.write(f"chat{n}", {"context": "问" * 300}, time.time(), [])
    assert (tmp_path / "state.db-wal").stat().st_size > WAL_RESTART_BYTES
    assert restarts() == 1, "a long WAL starts over"
    store.write("short", {"context": "问"}, time.time(), [])
    assert restarts() == 0, "the WAL started over: a few frames are only copied back, though the file stays long"
    conn.close()
    store.close()


def test_the_service_hands_out_typed_answers_rows_and_replies(corpus_db: Path, tmp_path: Path) -> None:
    """What the channels get of the chat state: the last answer as an Answer, feedback rows, WeChat's replies."""
    service = service_over(corpus_db, tmp_path / "state.db")
    asked = service.ask("蓟州区2020年收到多少政府信息公开申请", chat="s", today=TODAY)
    assert service.last("s") == asked and service.last("nobody") is None
    files = service.files_of("天津市蓟州区", 2020)
    assert isinstance(files, tuple) and any(f.endswith("jizhou-2020.txt") for f in files)
    service.vote("s", -1)
    vote = service.feedback()[-1]
    assert isinstance(vote, FeedbackRow) and (vote.chat, vote.answer_key, vote.vote) == (
        "s", "applications|new_received|total", -1)
    assert service.claim_reply("msg-1") and not service.claim_reply("msg-1")
    with service.one_write():
        service.save_reply("msg-1", "<xml>答</xml>")
    assert service.reply_for("msg-1") == "<xml>答</xml>" and service.reply_for("msg-2") is None
    service.close()


def test_a_service_without_state_computes_every_reply(corpus_db: Path) -> None:
    service = service_over(corpus_db)
    assert service.claim_reply("msg-1") and service.claim_reply("msg-1")
    with service.one_write():
        service.save_reply("msg-1", "<xml>答</xml>")
    assert service.reply_for("msg-1") is None and service.last("s") is None and service.feedback() == []
    service.close()


def test_an_answer_reads_back_from_its_dict() -> None:
    spans = Understood((SpanRole("平潭", "place", "平潭综合实验区"),), ("天气",))
    section = SectionText("平潭综合实验区", 2019, "报告", "一、总体情况", "总体情况", "正文")
    answers = [Answer("问", "answered", "sum", figures=(replace(figure(16), kind="sum", parts=(figure(7), figure(9))),),
                      notes=("注",), understood=spans, order="max"),
               Answer("问", "ambiguous", choices=(choice(1), choice(2)), choices_total=3, reason="请选择"),
               Answer("问", "not_found", reason="没有", held=("平潭综合实验区：2019年",), related=(figure(3),)),
               Answer("问", "answered", "section", section=section, small_talk="")]
    assert [Answer.from_dict(a.to_dict()) for a in answers] == answers
