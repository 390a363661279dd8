"""Setting up and building: config checked at start, builds that tidy up after interruptions, ./run that keeps."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import knowledge.ingest.files as ingest_module
from knowledge.config import load_settings
from knowledge.ingest.files import rebuild
from knowledge.store.read import Catalog
from parsers import parse_file
from tests.conftest import CORPUS, ROOT
from xxgk_errors import ConfigError

# The issuers as the parser reads them from three corpus reports.
KEWEI, JIZHOU, PINGTAN = (parse_file(CORPUS / name).issuer
                          for name in ("kewei-2024.md", "jizhou-2020.txt", "pingtan-2019.txt"))


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=120)


def one_line_error(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    return out.stderr


@pytest.mark.parametrize(("toml", "names"), [
    ('[answer]\ncontext_ttl_minutes = "abc"\n', ["context_ttl_minutes", "正整数"]),
    ("[answer]\ncontext_ttl_minutes = 0\n", ["context_ttl_minutes", "正整数"]),
    ("[answer]\ncontext_ttl_minutes = -5\n", ["context_ttl_minutes", "正整数"]),
    ("[answer]\ncontext_ttl_minutes = 99999999999999999999\n", ["context_ttl_minutes", "525600"]),
    ("[answer]\ncontext_ttl_minutes = 1.5\n", ["context_ttl_minutes", "正整数"]),
    ("[answer]\ncontext_ttl_minute = 5\n", ["context_ttl_minute ", "是不是 [answer] context_ttl_minutes"]),
    ('[knowledge]\ndefault_issuer = "x"\n', ["[knowledge] default_issuer", "是不是 [answer] default_issuer"]),
    ('default_issuer = "x"\n[answer]\n', ["default_issuer", "是不是 [answer] default_issuer"]),
    ('[anwser]\ndefault_issuer = "x"\n', ["[anwser]", "是不是 [answer]"]),
    ("[cache]\nsize = 3\n", ["[cache]", "可用的设置"]),
    ("[knowledge]\ndb = 5\n", ["db", "字符串"]),
    ('[knowledge]\ndb = ""\n', ["db", "非空"]),
    ("[answer]\ndefault_issuer = true\n", ["default_issuer", "字符串"]),
    ('answer = "x"\n', ["[answer]", "表"]),
    ('[state]\nurl = "http://cache:6379"\n', ["[state] url", "redis://"]),
    ('[state]\nurl = "localhost:6379"\n', ["[state] url", "redis://"]),
    ("[knowledge\n", ["格式有误"]),
])
def test_bad_config_is_one_line_naming_the_key(tmp_path: Path, toml: str, names: list[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(toml, encoding="utf-8")
    message = one_line_error(run("reports", env={"XXGK_CONFIG": str(config)}))
    for name in names:
        assert name in message


def test_missing_config_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XXGK_CONFIG", str(tmp_path / "nowhere.toml"))
    with pytest.raises(ConfigError, match=r"nowhere\.toml"):
        load_settings()
    assert "XXGK_CONFIG" in one_line_error(run("reports", env={"XXGK_CONFIG": str(tmp_path / "nowhere.toml")}))


def test_state_url_from_env_or_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[state]\nurl = "redis://cache:6379/2"\n', encoding="utf-8")
    monkeypatch.setenv("XXGK_CONFIG", str(config))
    monkeypatch.delenv("XXGK_STATE_URL", raising=False)
    assert load_settings().state == "redis://cache:6379/2"
    monkeypatch.setenv("XXGK_STATE_URL", "redis://other:6379/0")
    assert load_settings().state == "redis://other:6379/0"
    monkeypatch.setenv("XXGK_STATE_URL", "")
    config.write_text("", encoding="utf-8")
    assert load_settings().state == load_settings().state_db
    monkeypatch.setenv("XXGK_STATE_URL", "localhost:6379")
    with pytest.raises(ConfigError, match="XXGK_STATE_URL"):
        load_settings()


def test_state_file_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path in [state] url is read beside the config file, one in XXGK_STATE_URL beside the working folder."""
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text('[state]\nurl = "state/chats.db"\n', encoding="utf-8")
    monkeypatch.setenv("XXGK_CONFIG", str(config))
    monkeypatch.delenv("XXGK_STATE_URL", raising=False)
    assert load_settings().state == config.parent / "state" / "chats.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XXGK_STATE_URL", "elsewhere.db")
    assert load_settings().state == tmp_path / "elsewhere.db"
    assert load_settings().state_url == ""


def test_default_issuer_is_read_as_the_chat_reads_a_body(corpus_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    env = {"XXGK_CONFIG": str(config), "XXGK_STATE_URL": ""}
    config.write_text('[answer]\ndefault_issuer = "蓟州区"\n', encoding="utf-8")
    out = run("ask", "2020年收到多少申请", "--json", "--db", str(corpus_db), env=env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["answer"]["issuer"] == JIZHOU
    for name, words in (("北京市", ["北京市", "不是"]), ("上海市", ["上海市人民政府办公厅", "上海市科委"]),
                        ("平潭和蓟州区", [PINGTAN, JIZHOU, "多个"])):
        config.write_text(f'[answer]\ndefault_issuer = "{name}"\n', encoding="utf-8")
        for args in (("ask", "2020年收到多少申请"), ("serve", "--port", "0")):
            message = one_line_error(run(*args, "--db", str(corpus_db), env=env))
            assert "default_issuer" in message and all(word in message for word in words), message


def test_named_folder_that_does_not_exist_is_not_created(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "kb.db"
    for args in (("ingest", str(CORPUS / "jizhou-2020.txt")), ("build", str(CORPUS / "jizhou-2020.txt")),
                 ("ask", "蓟州区2020年收到多少申请"), ("feedback",), ("reports",)):
        one_line_error(run(*args, "--db", str(db)))
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("make", ["directory", "missing"])
def test_parse_of_what_is_not_a_file_is_our_message(tmp_path: Path, make: str) -> None:
    target = tmp_path / "report.txt"
    if make == "directory":
        target.mkdir()
    message = one_line_error(run("parse", str(target)))
    assert message.startswith("错误：") and "Invalid value" not in message


def test_interrupted_builds_leave_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "kb.db"
    rebuild(db, [CORPUS / "jizhou-2020.txt"])

    def power_cut(tmp: Path, paths: list, progress: object = None) -> list:
        Path(f"{tmp}-journal").write_text("half a transaction")
        raise KeyboardInterrupt("power cut")

    real = ingest_module.ingest_into
    monkeypatch.setattr(ingest_module, "ingest_into", power_cut)
    for _ in range(10):
        with pytest.raises(KeyboardInterrupt):
            rebuild(db, [CORPUS / "kewei-2024.md"])
    # A killed process does not reach its clean-up: leave what it would have left.
    for n in range(10):
        (tmp_path / f"kb.db.dead{n}.building").write_bytes(b"half a base")
        (tmp_path / f"kb.db.dead{n}.building-wal").write_bytes(b"x")
    (tmp_path / "other.db.keep.building").write_bytes(b"another base's build")
    monkeypatch.setattr(ingest_module, "ingest_into", real)
    rebuild(db, [CORPUS / "kewei-2024.md"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.db", "kb.db.lock", "other.db.keep.building"]
    assert [r.issuer for r in Catalog(db).reports] == [KEWEI]


def test_build_that_reads_nothing_keeps_the_old_base(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    assert run("build", str(CORPUS / "jizhou-2020.txt"), "--db", str(db)).returncode == 0
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 100)
    out = run("build", str(bad), "--db", str(db))
    assert out.returncode == 1 and "旧知识库保持不变" in out.stdout
    assert [r.issuer for r in Catalog(db).reports] == [JIZHOU]
    mixed = run("build", str(bad), str(CORPUS / "kewei-2024.md"), "--db", str(db))
    assert mixed.returncode == 1 and "失败 1 个" in mixed.stdout and str(db) in mixed.stdout
    assert [r.issuer for r in Catalog(db).reports] == [KEWEI]


def test_run_keeps_the_base_and_what_ingest_added(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(CORPUS / "jizhou-2020.txt", reports)
    config = tmp_path / "config.toml"
    config.write_text('[knowledge]\ndb = "data/kb.db"\nreports = "reports"\n', encoding="utf-8")
    env = {**os.environ, "XXGK_CONFIG": str(config), "TELEGRAM_BOT_TOKEN": "", "XXGK_DB": "", "XXGK_STATE_URL": ""}

    def start() -> subprocess.CompletedProcess[str]:
        # ./run sets up, builds and starts the terminal chat; closed stdin ends the chat at once.
        return subprocess.run([str(ROOT / "run")], capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=300)

    first = start()
    assert first.returncode == 0, first.stderr
    db = tmp_path / "data" / "kb.db"
    assert [r.issuer for r in Catalog(db).reports] == [JIZHOU]
    assert run("ingest", str(CORPUS / "kewei-2024.md"), env=env).returncode == 0
    again = start()
    assert again.returncode == 0 and "已是最新" in again.stdout
    shutil.copy(CORPUS / "pingtan-2019.txt", reports)
    shutil.copy(CORPUS / "hongze-2023.pdf", reports / "broken.pdf")
    (reports / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    third = start()
    assert third.returncode == 0 and "failed" in third.stdout, "a bad report is listed; the bot still starts"
    issuers = sorted(r.issuer for r in Catalog(db).reports)
    assert issuers == sorted([JIZHOU, KEWEI, PINGTAN])
    fourth = start()
    listed = [line for line in fourth.stdout.splitlines() if "broken.pdf" in line]
    assert fourth.returncode == 0 and listed and "failed" in listed[0], "listed again on every start"
    assert "pingtan-2019.txt" not in fourth.stdout, "what the base holds is not read again"


FAKE_PYTHON = """#!/bin/sh
# Stands for the project's Python: pip prints what setuptools prints on an editable install.
if [ "$2" = pip ]; then
    echo "BuildBackendWarning: Editable installation." >&2
    echo "Successfully installed xxgk-bot"
    exit "${FAKE_PIP_STATUS:-0}"
fi
exit 0
"""


@pytest.mark.parametrize("pip_status", [0, 1])
def test_first_run_shows_what_pip_says_only_when_it_fails(tmp_path: Path, pip_status: int) -> None:
    """./run on a fresh copy installs quietly: the build backend's notices appear only when the install fails."""
    shutil.copy(ROOT / "run", tmp_path / "run")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(0o755)
    out = subprocess.run([str(tmp_path / "run")], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                         env={**os.environ, "FAKE_PIP_STATUS": str(pip_status), "TELEGRAM_BOT_TOKEN": ""}, timeout=60)
    shown = out.stdout + out.stderr
    if pip_status:
        assert out.returncode != 0 and "Editable installation" in shown
        assert not (tmp_path / ".venv" / ".installed").exists(), "a failed install is tried again next time"
    else:
        assert out.returncode == 0 and "Editable installation" not in shown and "Successfully" not in shown
        assert (tmp_path / ".venv" / ".installed").exists()


def test_unreachable_redis_stops_serve_with_one_line(corpus_db: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"XXGK_STATE_URL": f"redis://127.0.0.1:{port}/0", "TELEGRAM_BOT_TOKEN": ""}
    for args in (("serve", "--port", str(port)), ("ask", "蓟州区2020年收到多少申请", "--chat", "c1")):
        assert "Redis" in one_line_error(run(*args, "--db", str(corpus_db), env=env))
    alone = run("ask", "蓟州区2020年收到多少申请", "--db", str(corpus_db), env=env)
    assert alone.returncode == 0 and "191" in alone.stdout, "one question on its own needs no state store"
