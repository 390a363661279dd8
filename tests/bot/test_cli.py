"""The command line as people run it: python -m bot …, in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from knowledge.chat.state import ChatState
from knowledge.staff import list_reports
from tests.conftest import CORPUS, ROOT


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_parse_json_is_one_object_with_every_field() -> None:
    out = run("parse", str(CORPUS / "jizhou-2020.txt"), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"file", "sha256", "format", "title", "issuer", "year", "template", "cells", "facts",
                         "sections", "checks", "warnings"}
    cell = next(c for c in data["cells"] if c["row"] == "new_received" and c["column"] == "total")
    assert {k: cell[k] for k in ("table", "value", "raw", "blank", "uncertain", "unit")} == {
        "table": "applications", "value": 191, "raw": "191", "blank": False, "uncertain": False, "unit": "件"}
    assert {"section", "text", "value", "unit"} <= set(data["facts"][0])
    assert {"path", "heading", "text"} <= set(data["sections"][0])
    assert {"id", "scope", "ok", "detail"} <= set(data["checks"][0])


def test_parse_bad_file_is_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = run("parse", str(bad))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_ingest_reports_each_file_and_fails_the_batch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "kb.db"
    out = run("ingest", str(CORPUS / "jizhou-2020.txt"), str(bad), "--db", str(db))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert any(line.split()[1] == "stored" for line in lines[:2])
    assert any("failed" in line and "bad.txt" in line for line in lines)
    listing = run("reports", "--db", str(db), "--json")
    assert [r["issuer"] for r in json.loads(listing.stdout)] == ["天津市蓟州区"]


def test_env_database_is_used(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    out = run("ingest", str(CORPUS / "kewei-2024.md"), env={"XXGK_DB": str(db)})
    assert out.returncode == 0 and db.exists()


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    out = run("reports", "--db", str(tmp_path / "nothing.db"))
    assert out.returncode == 2 and "知识库不存在" in out.stderr


def test_ask_json_and_stdin_with_chats(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    one = run("ask", "洪泽区2023年行政许可本年处理决定数量", "--json", "--db", str(db))
    data = json.loads(one.stdout)
    assert {"question", "status", "kind", "text", "answer", "figures", "choices", "understood"} <= set(data)
    assert data["figures"][0] == data["answer"] and data["kind"] == "cell"
    assert data["answer"]["value"] == 550 and data["answer"]["page"] == 2
    lines = "\n".join([
        json.dumps({"question": "平潭2019年予以公开几件", "chat": "a"}, ensure_ascii=False),
        json.dumps({"question": "蓟州2020年行政复议几件", "chat": "b"}, ensure_ascii=False),
        json.dumps({"question": "那2021年呢", "chat": "a"}, ensure_ascii=False),
        json.dumps({"question": "那行政诉讼呢", "chat": "b"}, ensure_ascii=False),
    ])
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "-", "--json", "--db", str(db)], input=lines,
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    values = [json.loads(line)["answer"]["value"] for line in out.stdout.splitlines()]
    assert values == [7, 13, 30, 4]



def test_stdin_lines_are_one_chat_of_their_run(corpus_db: Path, tmp_path: Path) -> None:
    """Plain lines follow up on each other within a run, in the chat --chat names if any, but a new run never
    follows up on the last one's questions."""
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())

    def run_lines(*lines: str, chat: tuple[str, ...] = ()) -> list[dict]:
        out = subprocess.run([sys.executable, "-m", "bot", "ask", "-", "--json", "--db", str(db), *chat],
                             input="\n".join(lines), capture_output=True, text=True, cwd=ROOT, timeout=120)
        return [json.loads(line) for line in out.stdout.splitlines()]

    first = run_lines("平潭2019年予以公开几件", "那2021年呢")
    assert [a["answer"]["value"] for a in first] == [7, 30]
    assert run_lines("那2021年呢")[0]["status"] != "answered"
    run_lines("平潭2019年予以公开几件", chat=("--chat", "staff-1"))
    assert run_lines("那2021年呢", chat=("--chat", "staff-1"))[0]["answer"]["value"] == 30

def test_relative_year_with_today(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    out = run("ask", "测试市去年行政许可处理了多少件", "--json", "--today", "2026-03-01", "--db", str(db))
    assert json.loads(out.stdout)["answer"]["year"] == 2025
    out = run("ask", "测试市去年行政许可处理了多少件", "--json", "--today", "2024-03-01", "--db", str(db))
    assert json.loads(out.stdout)["status"] == "not_found"


def test_terminal_chat_picks_a_choice(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    out = subprocess.run([sys.executable, "-m", "bot", "chat", "--db", str(db)],
                         input="19年行政复议有几件\n2\n那行政诉讼呢\n退出\n", capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0
    assert "请选择" in out.stdout and "1." in out.stdout and "2." in out.stdout
    assert out.stdout.count("出处") >= 2


def test_reports_and_feedback_print_the_stored_rows_unchanged(corpus_db: Path, tmp_path: Path) -> None:
    """The CLI reads typed rows from the core; the JSON it prints is what the stores hold, in the documented shape."""
    db = tmp_path / "kb.db"
    db.write_bytes(corpus_db.read_bytes())
    listing = run("reports", "--db", str(db), "--json")
    assert listing.stdout == json.dumps([row.to_dict() for row in list_reports(db)], ensure_ascii=False,
                                        indent=1) + "\n"
    printed = json.loads(listing.stdout)
    assert any(row["failed_checks"] for row in printed)
    # The shape scripts read, pinned apart from the code that makes it.
    jizhou = next(row for row in printed if row["issuer"] == "天津市蓟州区" and row["year"] == 2020)
    assert {k: v for k, v in jizhou.items() if k != "id"} == {
        "issuer": "天津市蓟州区", "year": 2020, "title": "天津市蓟州区2020年政府信息公开工作年度报告", "template": "2019",
        "format": "txt", "files": ["jizhou-2020.txt"], "cells": 198, "facts": 35, "checks_failed": 0, "warnings": 0,
        "failed_checks": []}
    assert "天津市蓟州区 2020  模板 2019" in run("reports", "--db", str(db)).stdout
    run("ask", "平潭2021年财政收入多少", "--chat", "c1", "--db", str(db))  # not answered: kept for staff
    feedback = run("feedback", "--db", str(db), "--json")
    state = ChatState(db.with_name("kb-state.db"))
    stored = [row for row in state.feedback() if row["vote"] <= 0]
    state.close()
    assert stored and feedback.stdout == json.dumps(stored, ensure_ascii=False, indent=1) + "\n"
    assert "未能回答  [c1] 平潭2021年财政收入多少" in run("feedback", "--db", str(db)).stdout


def test_correct_round_trip_through_ask_export_build_and_undo(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    assert run("build", str(CORPUS / "pingtan-2019.txt"), "--db", str(db)).returncode == 0
    cell = "active.art20_1|normative_documents|made"  # printed glued as 898989: read as uncertain
    question = ("ask", "平潭2019年规范性文件本年新制作数量", "--json", "--db", str(db))
    assert json.loads(run(*question).stdout)["figures"] == []
    out = run("correct", "--issuer", "平潭", "--year", "2019", "--cell", cell, "--value", "89",
              "--reason", "三栏粘连，按网站原文", "--who", "张三", "--db", str(db))
    assert out.returncode == 0 and "已更正" in out.stdout and "89" in out.stdout, out.stderr
    for _ in range(2):  # before and after a rebuild from the files
        answer = json.loads(run(*question).stdout)
        assert [f["value"] for f in answer["figures"]] == [89]
        assert any("经工作人员更正" in n and "898989" in n for n in answer["figures"][0]["notes"])
        exported = json.loads(run("export", "--format", "json", "--db", str(db)).stdout)["cells"]
        assert any(c["correction"] == "三栏粘连，按网站原文" and c["value"] == 89 for c in exported)
        assert run("build", str(CORPUS / "pingtan-2019.txt"), "--db", str(db)).returncode == 0
    undo = run("correct", "--issuer", "平潭", "--year", "2019", "--cell", cell, "--undo", "--db", str(db))
    assert undo.returncode == 0 and "已撤销" in undo.stdout
    assert json.loads(run(*question).stdout)["figures"] == []
    again = run("correct", "--issuer", "平潭", "--year", "2019", "--cell", cell, "--undo", "--db", str(db))
    assert again.returncode == 2 and "没有更正可撤销" in again.stderr and "Traceback" not in again.stderr



def test_correct_a_prose_figure_round_trip_through_ask_export_build_and_undo(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    assert run("build", str(CORPUS / "pingtan-2019.txt"), "--db", str(db)).returncode == 0
    question = ("ask", "平潭2019年中介超市入驻了多少家中介机构", "--json", "--db", str(db))
    assert [f["value"] for f in json.loads(run(*question).stdout)["figures"]] == [868]
    out = run("correct", "--issuer", "平潭", "--year", "2019", "--fact", "已入驻中介机构", "--value", "886",
              "--reason", "与网站原文核对", "--who", "张三", "--db", str(db))
    assert out.returncode == 0 and "正文“推进“中介超市”建设，已入驻中介机构868家” 为 886" in out.stdout, out.stderr
    for _ in range(2):  # before and after a rebuild from the files
        [figure] = json.loads(run(*question).stdout)["figures"]
        assert figure["value"] == 886 and figure["notes"] == ["经工作人员更正，原文印作“868家”（理由：与网站原文核对）"]
        facts = json.loads(run("export", "--format", "json", "--db", str(db)).stdout)["facts"]
        assert [(f["value"], f["correction"]) for f in facts if f["text"] == "推进“中介超市”建设，已入驻中介机构868家"] == [
            (886, "与网站原文核对")]
        assert run("build", str(CORPUS / "pingtan-2019.txt"), "--db", str(db)).returncode == 0
    both = run("correct", "--issuer", "平潭", "--year", "2019", "--fact", "受理", "--cell", "x", "--undo",
               "--db", str(db))
    assert both.returncode == 2 and "--cell" in both.stderr
    undo = run("correct", "--issuer", "平潭", "--year", "2019", "--fact", "已入驻中介机构", "--undo", "--db", str(db))
    assert undo.returncode == 0 and "已撤销" in undo.stdout
    assert [f["value"] for f in json.loads(run(*question).stdout)["figures"]] == [868]


def test_teach_round_trip_through_preview_ask_build_and_undo(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    report = str(CORPUS / "jizhou-2020.txt")
    assert run("build", report, "--db", str(db)).returncode == 0
    question = ("ask", "蓟州区2020年收件多少", "--json", "--db", str(db))
    assert json.loads(run(*question).stdout)["status"] == "not_found"
    lesson = ("teach", "--question", "蓟州区2020年收件多少", "--phrase", "收件", "--concept", "app_row:new_received",
              "--db", str(db))
    shown = run(*lesson, "--preview")
    assert shown.returncode == 0 and "之后：天津市蓟州区 2020年 一、本年新收政府信息公开申请数量（总计）：191件" in shown.stdout
    assert json.loads(run(*question).stdout)["status"] == "not_found"  # a preview keeps nothing
    out = run(*lesson, "--who", "张三")
    assert out.returncode == 0 and "已教会：“收件”" in out.stdout, out.stderr
    for _ in range(2):  # before and after a rebuild from the files
        assert [f["value"] for f in json.loads(run(*question).stdout)["figures"]] == [191]
        assert run("build", report, "--db", str(db)).returncode == 0
    listed = run("teach", "--list", "--db", str(db)).stdout
    assert listed.startswith("[1] “收件” → app_row:new_received  张三")
    assert "已撤销" in run("teach", "--undo", "1", "--db", str(db)).stdout
    assert json.loads(run(*question).stdout)["status"] == "not_found"
    refused = run("teach", "--question", "蓟州区2020年收件多少", "--phrase", "2020年收件", "--concept",
                  "app_row:new_received", "--db", str(db))
    assert refused.returncode == 2 and "年份或数字" in refused.stderr and "Traceback" not in refused.stderr

def test_parse_takes_issuer_and_year_as_ingest_does(tmp_path: Path) -> None:
    """A page whose text names no body is refused by parse as by ingest, and read with --issuer/--year."""
    page = tmp_path / "page.txt"
    text = (CORPUS / "jizhou-2020.txt").read_text(encoding="utf-8")
    # Without its title lines, and saying 我区 ("our district") where it named itself.
    lines = [line for line in text.splitlines() if not line.endswith("年度报告")]
    page.write_text("\n".join(lines).replace("蓟州区", "我区"), encoding="utf-8")
    refused = run("parse", str(page))
    assert refused.returncode == 2 and "--issuer" in refused.stderr, refused.stdout
    out = run("parse", str(page), "--json", "--issuer", "某县人民政府", "--year", "2020")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["issuer"], data["year"]) == ("某县人民政府", 2020) and data["cells"]
