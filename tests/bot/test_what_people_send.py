"""Whatever people send gets one clear answer or refusal, and loses nothing: `ask -`, /api/ask, the web routes."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import knowledge
from bot.channels.terminal import ask_lines
from bot.conversation import MAX_QUESTION, choice_number, json_depth, load_json
from bot.render import json_object
from bot.web.app import create_app
from knowledge.service import Service
from tests.bot.web.test_app import client_for, real_server
from tests.conftest import ROOT, service_over

# Any code point, lone surrogates included, but no newline (a line is one question).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_characters="\n")
TEXT = st.text(ANY_CHAR, max_size=60) | st.text(st.sampled_from("2020年收到多少申请蓟州\ud800\udcff\x00 \r{}[]\""), max_size=40)


def as_line(kind: int, text: str) -> bytes:
    """One input line of `ask -`: raw text (broken characters as invalid UTF-8), a JSON object, or raw bytes."""
    if kind == 0:
        return text.encode("utf-8", "surrogatepass")
    if kind == 1:
        return json.dumps({"question": text, "chat": text[:5]}).encode()  # \ud800 stays an escape in the JSON
    return bytes(ord(c) % 256 for c in text).replace(b"\n", b" ")


LINES = st.lists(st.tuples(st.integers(0, 2), TEXT), min_size=1, max_size=12)


def expected_answers(lines: list[bytes]) -> int:
    return sum(1 for line in lines if line.decode("utf-8", "replace").strip())


@pytest.fixture(scope="module")
def answerer(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Service:
    return service_over(corpus_db, tmp_path_factory.mktemp("people") / "state.db")


def _ask_stdin(answerer: Service, data: bytes) -> list[str]:
    out = io.StringIO()
    lines = (raw.decode("utf-8", "replace") for raw in io.BytesIO(data))
    ask_lines(answerer, lines, True, None, out)
    return out.getvalue().splitlines()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LINES)
def test_any_stdin_gives_one_json_answer_per_line(answerer: Service, parts: list[tuple[int, str]]) -> None:
    lines = [as_line(kind, text) for kind, text in parts]
    outputs = _ask_stdin(answerer, b"\n".join(lines) + b"\n")
    assert len(outputs) == expected_answers(lines)
    for output in outputs:
        assert json.loads(output)["status"] in ("answered", "ambiguous", "not_found")
        output.encode("utf-8")  # printable as UTF-8: no lone surrogate reaches the output


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2), TEXT), min_size=15, max_size=25))
def test_ask_dash_process_answers_every_line(corpus_db: Path, parts: list[tuple[int, str]]) -> None:
    lines = [as_line(kind, text) for kind, text in parts] + ["蓟州区2020年收到多少申请".encode()]
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "-", "--json", "--db", str(corpus_db)],
                         input=b"\n".join(lines) + b"\n", capture_output=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    outputs = out.stdout.decode("utf-8").splitlines()
    assert len(outputs) == expected_answers(lines)
    assert json.loads(outputs[-1])["answer"]["value"] == 191, "the batch went on to the last line"


def test_broken_characters_next_to_chinese_are_answered(corpus_db: Path) -> None:
    lines = ["蓟州区2020年\ud800收到多少申请".encode("utf-8", "surrogatepass"),
             json.dumps({"question": "蓟州区2020年\ud800收到多少申请"}).encode(),
             "蓟州区2020年收到多少".encode() + b"\xff\xfe" + "申请".encode()]
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "-", "--json", "--db", str(corpus_db)],
                         input=b"\n".join(lines), capture_output=True, cwd=ROOT, timeout=120)
    answers = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [a["answer"]["value"] for a in answers] == [191, 191, 191]
    assert all("\ufffd" in a["question"] for a in answers)


def test_a_question_is_read_up_to_the_one_limit_the_core_owns(answerer: Service) -> None:
    """Channels pass on MAX_QUESTION characters, what the core reads: a longer question (501-1000 characters were
    passed on before, and not read) gets the reply of its first MAX_QUESTION characters, which its answer echoes."""
    assert MAX_QUESTION == knowledge.MAX_QUESTION == 500
    question = "蓟州区2020年收到多少政府信息公开申请" + "，请问" * 400
    lines = [json.dumps({"question": q, "chat": f"long-{n}"}, ensure_ascii=False).encode()
             for n, q in enumerate((question, question[:MAX_QUESTION]))]
    longest, cut = (json.loads(line) for line in _ask_stdin(answerer, b"\n".join(lines) + b"\n"))
    assert longest == cut and len(longest["question"]) == MAX_QUESTION
    before = json_object(answerer.ask(question[:1000], chat="long-before"))  # what channels passed on before
    assert len(before["question"]) == 1000 and {**before, "question": cut["question"]} == cut


@pytest.mark.parametrize(("text", "number"), [
    ("1", 1), ("2", 2), (" 3 ", 3), ("12", 12), ("05", 5), ("０２", 2), ("0", 0),
    ("123", None), ("²", None), ("二", None), ("第二个", None), ("1.", None), ("", None), ("  ", None)])
def test_a_bare_number_of_one_or_two_digits_picks_a_choice(text: str, number: int | None) -> None:
    assert choice_number(text) == number


BODIES = (st.builds(lambda q, c: json.dumps({"question": q, "chat": c}).encode(), TEXT, TEXT)
          | st.binary(max_size=200)
          | st.builds(lambda n, q: ("[" * n + json.dumps(q) + "]" * n).encode(), st.integers(0, 3000), TEXT))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(BODIES)
def test_any_api_body_gets_json_and_never_500(answerer: Service, body: bytes) -> None:
    async def post() -> httpx.Response:
        async with client_for(create_app(answerer)) as client:
            return await client.post("/api/ask", content=body, headers={"content-type": "application/json"})

    response = asyncio.run(post())
    assert response.status_code in (200, 400, 413)
    data = response.json()
    assert data["status"] in ("answered", "ambiguous", "not_found") if response.status_code == 200 else data["error"]


async def test_surrogate_then_next_request_on_the_same_connection(answerer: Service) -> None:
    async with real_server(create_app(answerer)) as base, httpx.AsyncClient(base_url=base) as client:
        broken = await client.post("/api/ask", content=b'{"question": "2020\\u5e74\\ud800\\u6536\\u5230\\u591a\\u5c11"}',
                                   headers={"content-type": "application/json"})
        after = await client.post("/api/ask", json={"question": "洪泽区2023年行政许可本年处理决定数量"})
    assert broken.status_code == 200 and broken.json()["status"] in ("answered", "ambiguous")
    assert after.status_code == 200 and after.json()["answer"]["value"] == 550


async def test_deeply_nested_json_is_a_clear_400(answerer: Service) -> None:
    async with client_for(create_app(answerer)) as client:
        deep = await client.post("/api/ask", content=b"[" * 5000, headers={"content-type": "application/json"})
        strings = await client.post("/api/ask", json={"question": "[[[[" * 100 + "蓟州区2020年收到多少申请"})
    assert deep.status_code == 400 and "嵌套" in deep.json()["error"]
    assert strings.status_code == 200, "brackets inside strings are not nesting"


def test_json_depth_counts_only_structure() -> None:
    assert json_depth('{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert json_depth('"\\"[[["') == 0
    with pytest.raises(ValueError, match="嵌套"):
        load_json("[" * 21 + "]" * 21)
    assert load_json("[" * 20 + "]" * 20) == [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]


async def test_garbage_base_is_503_not_500(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    answerer = service_over(db, tmp_path / "state.db")
    replaced = tmp_path / "garbage.db"
    replaced.write_bytes(b"this is not a database" * 100)
    replaced.replace(db)
    async with client_for(create_app(answerer)) as client:
        reports = await client.get("/api/reports")
        health = await client.get("/healthz")
        asked = await client.post("/api/ask", json={"question": "蓟州区2020年收到多少申请"})
    assert reports.status_code == 503 and "SQLite" in reports.json()["error"]
    assert health.status_code == 503 and health.json()["error"]
    assert asked.status_code == 200 and asked.json()["answer"]["value"] == 191, "answers from the base it has"
