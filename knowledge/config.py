"""Settings from config.toml, overridden by the environment, overridden by flags; checked at start."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xxgk_errors import ConfigError

__all__ = ["PROJECT_ROOT", "STATE_BACKENDS", "STATE_SCHEMES", "Settings", "config_path", "load_settings", "read_config"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The state stores other than the SQLite file beside the base: URL scheme → module of knowledge/chat/stores/ (each
# has a `Store` class taking the URL and how long to keep entries). A new backend is a module there and a line here.
STATE_BACKENDS = {"redis://": "redis", "rediss://": "redis", "unix://": "redis"}
STATE_SCHEMES = tuple(STATE_BACKENDS)


@dataclass(frozen=True)
class Settings:
    """What the bot needs to know about where things are and how to answer."""

    db: Path
    reports: Path
    default_issuer: str = ""
    context_ttl_minutes: int = 30
    state_url: str = ""  # redis://… : chat state shared by several workers or machines

    @property
    def state_db(self) -> Path:
        """The chat-state database lives beside the knowledge base, never inside it."""
        return self.db.with_name(self.db.stem + "-state.db")

    @property
    def state(self) -> str | Path:
        """Where chat state is kept: the Redis URL when one is set, else the SQLite file beside the base."""
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
    """Settings with the database path resolved: --db, then XXGK_DB, then config.toml."""
    path = config_path()
    data = read_config(path)
    check = _Checker(path, data)
    base = path.parent if path.exists() else Path.cwd()
    given = db or os.environ.get("XXGK_DB")
    chosen = given or check.text("knowledge", "db", "data/xxgk.db", empty=False)
    state_url = os.environ.get("XXGK_STATE_URL") or check.text("state", "url", "")
    if state_url and not state_url.startswith(STATE_SCHEMES):
        where = "环境变量 XXGK_STATE_URL" if os.environ.get("XXGK_STATE_URL") else f"{path} 的 [state] url"
        schemes = "、".join(STATE_SCHEMES[:-1]) + f" 或 {STATE_SCHEMES[-1]}" if len(STATE_SCHEMES) > 1 else STATE_SCHEMES[0]
        raise ConfigError(f"{where} 应以 {schemes} 开头（或留空，使用 SQLite），现在是 {state_url!r}")
    return Settings(
        db=_resolve(chosen, Path.cwd() if given else base),
        reports=_resolve(check.text("knowledge", "reports", "reports", empty=False), base),
        default_issuer=check.text("answer", "default_issuer", ""),
        context_ttl_minutes=check.positive_int("answer", "context_ttl_minutes", 30),
        state_url=state_url,
    )


class _Checker:
    """Reads one typed setting at a time; a wrong one is a ConfigError naming the key and what it must be."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def _get(self, section: str, key: str, default: Any) -> Any:
        table = self.data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"配置文件 {self.path} 中 [{section}] 应为一节设置（表），现在是 {table!r}")
        return table.get(key, default)

    def text(self, section: str, key: str, default: str, empty: bool = True) -> str:
        value = self._get(section, key, default)
        if not isinstance(value, str) or (not empty and not value.strip()):
            what = "非空字符串" if not empty else "字符串"
            raise ConfigError(f"配置文件 {self.path} 中 [{section}] {key} 应为{what}（加引号），现在是 {value!r}")
        return value

    def positive_int(self, section: str, key: str, default: int) -> int:
        value = self._get(section, key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"配置文件 {self.path} 中 [{section}] {key} 应为正整数（不加引号），现在是 {value!r}")
        return value


def _resolve(value: str | Path, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path
