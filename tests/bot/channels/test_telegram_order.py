"""PerChatOrder: one chat's updates one at a time in arrival order, other chats meanwhile, no lock left behind."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update

from bot.channels.telegram_order import PerChatOrder


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, None, chat, text="x"))  # type: ignore[arg-type]


async def test_one_chat_in_order_other_chats_meanwhile() -> None:
    order = PerChatOrder(16)
    events: list[str] = []

    async def work(name: str, delay: float) -> None:
        events.append(f"{name} start")
        await asyncio.sleep(delay)
        events.append(f"{name} end")

    await asyncio.gather(
        order.do_process_update(_update(1, 7), work("7a", 0.2)),
        order.do_process_update(_update(2, 7), work("7b", 0.0)),
        order.do_process_update(_update(3, 8), work("8a", 0.0)),
    )
    assert events.index("7a end") < events.index("7b start")  # chat 7's second update waited for its first
    assert events.index("8a end") < events.index("7a end")  # chat 8 did not wait for chat 7
    assert not order._locks and not order._waiting  # nothing kept for chats with nothing waiting
