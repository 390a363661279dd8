"""The answering core's calls, one at a time on the event loop, first come first served.

The core answers a question in about a millisecond of pure Python. Run on a worker
thread (as before), every question cost a hand-over to the thread and back, and the
two threads of the process took the interpreter lock from each other hundreds of
times a second: measured with 200 clients on two workers, a request cost 2.2 ms of
CPU instead of 1.65 and the machine sat idle a quarter of the time. Here the loop
itself answers, one queued call per turn of the loop, so that between two questions
it reads and writes every connection that is ready and answers /healthz: nothing
waits behind more than the one question being answered. A WeChat deadline or a
client's own timeout is kept to within that one question.

A question's calls to the state store block the loop too: with SQLite they take
tens of microseconds; with Redis each is a round trip. A store that hangs holds
the whole process (and /healthz, so a load balancer takes it out) for the store's
own timeout: Redis's socket_timeout of 5 s, SQLite's lock timeout of 15 s.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], "asyncio.Future[Any]"]


class AnswerQueue:
    """A queue of calls of the core that one task of the running loop works through in order."""

    def __init__(self) -> None:
        self._calls: deque[Call] = deque()
        self._pending: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """The result of `fn(*args, **kwargs)` (or its exception), once the calls before it are done."""
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._pending = asyncio.Event()
            self._task = loop.create_task(self._work(), name="answer-queue")
        future: asyncio.Future[T] = loop.create_future()
        self._calls.append((fn, args, kwargs, future))
        assert self._pending is not None
        self._pending.set()
        return await future

    async def _work(self) -> None:
        assert self._pending is not None
        while True:
            await self._pending.wait()
            while self._calls:
                fn, args, kwargs, future = self._calls.popleft()
                if future.cancelled():  # its client has gone: nothing waits for this answer
                    continue
                try:
                    future.set_result(fn(*args, **kwargs))
                except (KeyboardInterrupt, SystemExit):
                    future.cancel()
                    raise
                except BaseException as exc:  # the caller's own error boundary turns it into a reply
                    future.set_exception(exc)
                await asyncio.sleep(0)  # one turn of the loop: reading, writing, /healthz
            self._pending.clear()

    async def close(self) -> None:
        """Stop working through the queue; calls still waiting are cancelled."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        while self._calls:
            self._calls.popleft()[3].cancel()
