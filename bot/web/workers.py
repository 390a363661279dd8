"""The web application as each worker process builds it (`serve --workers N`): settings from the environment.

uvicorn starts the workers as fresh processes and calls `app` in each; every worker
opens the knowledge base read-only and the shared state store itself, so workers
(and machines) share follow-ups, choices and WeChat's retry cache.
"""

from __future__ import annotations

import gc

from starlette.applications import Starlette

from bot import settings
from bot.web.app import create_app
from knowledge import open_service


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
    settings.setup_logging()
    service = open_service()
    keep_out_of_collections()
    telegram_app = None
    if settings.telegram_wanted():
        from bot.channels.telegram import build_application

        telegram_app = build_application(service, settings.telegram_token(), settings.telegram_base_url(),
                                         updater=False)
    return create_app(service, settings.web_config(), telegram_app, on_close=service.close)
