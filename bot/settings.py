"""Every environment variable the channels read, and the log format of every process; nothing else reads them.

The core's own settings (XXGK_CONFIG, XXGK_DB, XXGK_STATE_URL and config.toml) are read by knowledge.config.
Secrets come from the environment only, never from a file in the repository.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass

from xxgk_errors import TelegramConfigError

TELEGRAM_TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
STAFF_TOKEN_ENV = "XXGK_STAFF_TOKEN"
_TELEGRAM_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclass
class WebConfig:
    """What the web channels need beyond the answerer; secrets come from the environment."""

    wechat_token: str = ""
    wechat_aes_key: str = ""
    wechat_appid: str = ""
    telegram_secret: str = ""
    answer_timeout: float = 4.5  # WeChat waits 5 seconds for a passive reply
    dedup_size: int = 2048
    reply_poll: float = 0.05  # how often a retry on another worker looks for the reply being computed
    # How long a retry waits for the worker that claimed its message: WeChat retries three times within about
    # 15 seconds, and the state store holds a claim for 30.
    claim_wait: float = 30.0


def web_config() -> WebConfig:
    """The web channels' secrets: WECHAT_TOKEN, WECHAT_AES_KEY, WECHAT_APPID, TELEGRAM_WEBHOOK_SECRET."""
    return WebConfig(wechat_token=os.environ.get("WECHAT_TOKEN", ""),
                     wechat_aes_key=os.environ.get("WECHAT_AES_KEY", ""),
                     wechat_appid=os.environ.get("WECHAT_APPID", ""),
                     telegram_secret=os.environ.get("TELEGRAM_WEBHOOK_SECRET", ""))


def telegram_wanted() -> bool:
    """True when a Telegram bot token is set (the web process then also serves the webhook)."""
    return bool(os.environ.get(TELEGRAM_TOKEN_ENV))


def telegram_token() -> str:
    """TELEGRAM_BOT_TOKEN, checked for the shape Telegram gives tokens."""
    token = os.environ.get(TELEGRAM_TOKEN_ENV, "").strip()
    if not token:
        raise TelegramConfigError(f"没有设置 {TELEGRAM_TOKEN_ENV} 环境变量（向 @BotFather 申请令牌）")
    if not _TELEGRAM_TOKEN.match(token):
        raise TelegramConfigError(f"{TELEGRAM_TOKEN_ENV} 格式不对，应形如 123456789:AA…（数字、冒号、字母串）")
    return token


def telegram_base_url() -> str | None:
    """TELEGRAM_BASE_URL: a local Bot API server (e.g. http://127.0.0.1:8081/bot), else Telegram's own."""
    return os.environ.get("TELEGRAM_BASE_URL") or None


def staff_token() -> str:
    """XXGK_STAFF_TOKEN: the staff pages are off without it."""
    return os.environ.get(STAFF_TOKEN_ENV, "")


def setup_logging() -> None:
    """One log format for every process (a worker is a fresh process and sets it again)."""
    logging.basicConfig(level=logging.INFO, format=_LOG_FORMAT)
    logging.getLogger("httpx").setLevel(logging.WARNING)
