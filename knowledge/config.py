"""Settings from config.toml, overridden by the environment, overridden by flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """What the bot needs to know about where things are and how to answer."""

    db: Path
    reports: Path
    default_issuer: str = ""
    context_ttl_minutes: int = 30

    @property
    def state_db(self) -> Path:
        """The chat-state database lives beside the knowledge base, never inside it."""
        return self.db.with_name(self.db.stem + "-state.db")


def config_path() -> Path:
    """XXGK_CONFIG, else ./config.toml, else the project's own config.toml."""
    env = os.environ.get("XXGK_CONFIG")
    if env:
        return Path(env)
    local = Path.cwd() / "config.toml"
    return local if local.exists() else PROJECT_ROOT / "config.toml"


def load_settings(db: str | Path | None = None) -> Settings:
    """Settings with the database path resolved: --db, then XXGK_DB, then config.toml."""
    path = config_path()
    data: dict = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"配置文件 {path} 格式有误：{exc}") from exc
    section = data.get("knowledge", {})
    answer = data.get("answer", {})
    base = path.parent if path.exists() else Path.cwd()
    chosen = db or os.environ.get("XXGK_DB") or section.get("db", "data/xxgk.db")
    return Settings(
        db=_resolve(chosen, base if not (db or os.environ.get("XXGK_DB")) else Path.cwd()),
        reports=_resolve(section.get("reports", "reports"), base),
        default_issuer=str(answer.get("default_issuer", "")),
        context_ttl_minutes=int(answer.get("context_ttl_minutes", 30)),
    )


def _resolve(value: str | Path, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path
