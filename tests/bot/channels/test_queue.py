"""The queue that runs the core's calls on the event loop: in order, errors to their caller, the loop free between."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.channels.queue import AnswerQueue


async def test_calls_run_in_the_order_they_came_and_errors_reach_their_caller() -> None:
    queue, done = AnswerQueue(), []

    def call(n: int) -> int:
        done.append(n)
        if n == 3:
            raise ValueError("bad question")
        return n * 10

    results = await asyncio.gather(*(queue.run(call, n) for n in range(6)), return_exceptions=True)
    assert done == [0, 1, 2, 3, 4, 5]
    assert results[:3] == [0, 10, 20] and isinstance(results[3], ValueError) and results[4:] == [40, 50]
    await queue.close()


async def test_the_loop_turns_between_two_calls() -> None:
    queue, seen = AnswerQueue(), []

    async def ticker() -> None:
        for _ in range(5):
            seen.append("tick")
            await asyncio.sleep(0)

    def call(n: int) -> None:
        seen.append(n)

    await asyncio.gather(ticker(), *(queue.run(call, n) for n in range(3)))
    numbers = [i for i, s in enumerate(seen) if s != "tick"]
    assert len(numbers) == 3 and all(b - a > 1 for a, b in itertools.pairwise(numbers)), seen
    await queue.close()


async def test_a_call_whose_caller_left_is_not_run() -> None:
    queue, done = AnswerQueue(), []
    first = asyncio.create_task(queue.run(done.append, 1))
    gone = asyncio.create_task(queue.run(done.append, 2))
    await asyncio.sleep(0)
    gone.cancel()
    await first
    with pytest.raises(asyncio.CancelledError):
        await gone
    await asyncio.sleep(0)
    assert done == [1]
    await queue.close()


async def test_a_call_raising_cancelled_error_reaches_its_caller_and_the_queue_goes_on() -> None:
    queue = AnswerQueue()

    def cancelled() -> None:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(queue.run(cancelled), 2)
    assert await asyncio.wait_for(queue.run(lambda: 7), 2) == 7
    await queue.close()
