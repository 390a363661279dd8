"""The web application as each worker process builds it (`serve --workers N`): settings from the environment.

uvicorn starts the workers as fresh processes and calls `app` in each; every worker
opens the knowledge base read-only and the shared state store itself, so workers
(and machines) share follow-ups, choices and WeChat's retry cache.
"""

from __future__ import annotations

import gc
import logging
import os

from starlette.applications import Starlette

from bot.channels.context import WebConfig
from bot.web.app import create_app
from knowledge import open_service


def config_from_env() -> WebConfig:
    """Secrets of the web channels, from the environment only."""
    return WebConfig(wechat_token=os.environ.get("WECHAT_TOKEN", ""),
                     wechat_aes_key=os.environ.get("WECHAT_AES_KEY", ""),
                     wechat_appid=os.environ.get("WECHAT_APPID", ""),
                     telegram_secret=os.environ.get("TELEGRAM_WEBHOOK_SECRET", ""))


def keep_out_of_collections() -> None:
    """Leave what start-up loaded (the catalog, the lexicon, the places) out of every garbage collection.

    A full collection walked those 230,000 objects for 40-55 ms, and every client of the worker waited
    that long; with them frozen a full collection under load took 15 ms.
    """
    gc.collect()
    gc.freeze()


def app() -> Starlette:
    """One worker's application: the answering service, the Telegram webhook when a token is set, every route."""
    # A worker is a fresh process: its own log lines need the same format as the parent's.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    service = open_service()
    keep_out_of_collections()
    telegram_app = None
    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        from bot.channels.telegram import build_application, token_from_env

        telegram_app = build_application(service, token_from_env(), os.environ.get("TELEGRAM_BASE_URL") or None,
                                         updater=False)
    return create_app(service, config_from_env(), telegram_app, on_close=service.close)
