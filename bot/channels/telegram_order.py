"""Telegram updates of different chats concurrently, each chat's one at a time in arrival order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatOrder(BaseUpdateProcessor):
    """Updates of different chats concurrently; the updates of one chat one at a time, in arrival order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        # asyncio.Lock serves its waiters first come, first served, and updates arrive here in the order
        # Telegram sent them: each chat's updates keep their order. Slots of the semaphore are many
        # (MAX_CONCURRENT_UPDATES), so a chat waiting for its turn leaves room for the others.
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
        lock = self._locks.setdefault(chat, asyncio.Lock())
        self._waiting[chat] = self._waiting.get(chat, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[chat] -= 1
            if not self._waiting[chat]:
                del self._waiting[chat], self._locks[chat]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
