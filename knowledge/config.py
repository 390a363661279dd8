"""Settings from config.toml, overridden by the environment, overridden by flags; checked at start."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xxgk_errors import ConfigError

__all__ = ["PROJECT_ROOT", "STATE_BACKENDS", "STATE_SCHEMES", "Settings", "config_path", "load_settings", "read_config"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The state stores other than a SQLite file: URL scheme → module of knowledge/chat/stores/ (each has a `Store`
# class taking the URL and how long to keep entries). A new backend is a module there and a line here.
STATE_BACKENDS = {"redis://": "redis", "rediss://": "redis", "unix://": "redis"}
STATE_SCHEMES = tuple(STATE_BACKENDS)
# Every key config.toml may hold, by section; anything else stops start-up (a misspelt key would do nothing).
KNOWN_SETTINGS = {"knowledge": ("db", "reports"), "answer": ("default_issuer", "context_ttl_minutes"),
                  "state": ("url",)}
# A follow-up context kept longer than a year is no follow-up; larger numbers overflow the stores' timers.
MAX_TTL_MINUTES = 365 * 24 * 60
# Text before a colon (two letters or more, so not a Windows drive) reads as a URL scheme or a host:port.
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


@dataclass(frozen=True)
class Settings:
    """What the bot needs to know about where things are and how to answer."""

    db: Path
    reports: Path
    default_issuer: str = ""
    context_ttl_minutes: int = 30
    state_url: str = ""  # redis://… : chat state shared by several workers or machines
    state_file: Path | None = None  # a SQLite state file named by the settings (else beside the base)

    @property
    def state_db(self) -> Path:
        """The chat-state SQLite file: the one the settings name, else beside the knowledge base (never inside)."""
        return self.state_file or self.db.with_name(self.db.stem + "-state.db")

    @property
    def state(self) -> str | Path:
        """Where chat state is kept: the Redis URL when one is set, else the SQLite state file."""
        return self.state_url or self.state_db


def config_path() -> Path:
    """XXGK_CONFIG (which must exist), else ./config.toml, else the project's own config.toml."""
    env = os.environ.get("XXGK_CONFIG")
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise ConfigError(f"XXGK_CONFIG 指向的配置文件不存在：{path}")
        return path
    local = Path.cwd() / "config.toml"
    return local if local.exists() else PROJECT_ROOT / "config.toml"


def read_config(path: Path) -> dict[str, Any]:
    """The TOML of the config file ({} when the project's own file is absent)."""
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"配置文件 {path} 格式有误：{exc}") from exc
    except OSError as exc:
        raise ConfigError(f"配置文件 {path} 无法读取：{exc.strerror or exc}") from exc


def load_settings(db: str | Path | None = None) -> Settings:
    """Settings with the paths resolved: --db, then XXGK_DB, then config.toml (state: XXGK_STATE_URL, then it)."""
    path = config_path()
    check = _Checker(path, read_config(path))
    base = path.parent if path.exists() else Path.cwd()
    given = db or os.environ.get("XXGK_DB")
    chosen = given or check.text("knowledge", "db", "data/xxgk.db", empty=False)
    state_env = os.environ.get("XXGK_STATE_URL")
    state = state_env or check.text("state", "url", "")
    _check_state(state, "环境变量 XXGK_STATE_URL" if state_env else f"{path} 的 [state] url")
    is_url = state.startswith(STATE_SCHEMES)
    return Settings(
        db=_resolve(chosen, Path.cwd() if given else base),
        reports=_resolve(check.text("knowledge", "reports", "reports", empty=False), base),
        default_issuer=check.text("answer", "default_issuer", "").strip(),
        context_ttl_minutes=check.int_in("answer", "context_ttl_minutes", 30, MAX_TTL_MINUTES),
        state_url=state if is_url else "",
        state_file=_resolve(state, Path.cwd() if state_env else base) if state and not is_url else None,
    )


def _check_state(state: str, where: str) -> None:
    """A state place is a URL of a known scheme or a file path; a host:port or another scheme is neither."""
    if not state or state.startswith(STATE_SCHEMES) or not _URL_LIKE.match(state):
        return
    schemes = "、".join(STATE_SCHEMES[:-1]) + f" 或 {STATE_SCHEMES[-1]}" if len(STATE_SCHEMES) > 1 else STATE_SCHEMES[0]
    raise ConfigError(f"{where} 应以 {schemes} 开头，或是 SQLite 状态文件的路径（或留空，状态文件在知识库旁），"
                      f"现在是 {state!r}")


class _Checker:
    """Reads one typed setting at a time; a wrong one is a ConfigError naming the key and what it must be."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self._check_keys()

    def _check_keys(self) -> None:
        """Every section and key must be one the bot reads; the closest known one is suggested."""
        known = [f"[{section}] {key}" for section, keys in KNOWN_SETTINGS.items() for key in keys]
        for section, table in self.data.items():
            if section not in KNOWN_SETTINGS and isinstance(table, dict):
                raise ConfigError(self._unknown(f"[{section}]", [f"[{s}]" for s in KNOWN_SETTINGS]))
            if section not in KNOWN_SETTINGS:  # a key above every section: it belongs in one
                raise ConfigError(self._unknown(section, known))
            if not isinstance(table, dict):
                raise ConfigError(f"配置文件 {self.path} 中 [{section}] 应为一节设置（表），现在是 {table!r}")
            for key in table:
                if key not in KNOWN_SETTINGS[section]:
                    raise ConfigError(self._unknown(f"[{section}] {key}", known))

    def _unknown(self, name: str, known: list[str]) -> str:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"，是不是 {close[0]}？" if close else f"；可用的设置：{'、'.join(known)}"
        return f"配置文件 {self.path} 中没有 {name} 这项设置{hint}"

    def _get(self, section: str, key: str, default: Any) -> Any:
        return self.data.get(section, {}).get(key, default)

    def text(self, section: str, key: str, default: str, empty: bool = True) -> str:
        value = self._get(section, key, default)
        if not isinstance(value, str) or (not empty and not value.strip()):
            what = "非空字符串" if not empty else "字符串"
            raise ConfigError(f"配置文件 {self.path} 中 [{section}] {key} 应为{what}（加引号），现在是 {value!r}")
        return value

    def int_in(self, section: str, key: str, default: int, most: int) -> int:
        """A whole number from 1 to `most`."""
        value = self._get(section, key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= most:
            raise ConfigError(f"配置文件 {self.path} 中 [{section}] {key} 应为 1 到 {most} 之间的正整数（不加引号），"
                              f"现在是 {value!r}")
        return value


def _resolve(value: str | Path, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path
