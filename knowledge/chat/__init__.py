"""Chat state: follow-up context, choice lists, last answers, feedback and WeChat replies, kept in a state store.

`state.ChatState` turns the core's objects into the JSON a store keeps; `stores/` holds the interface and the
backends (SQLite on one machine, Redis across machines).
"""

from knowledge.chat.state import ChatState
from knowledge.chat.stores import StateStore, open_store

__all__ = ["ChatState", "StateStore", "open_store"]
