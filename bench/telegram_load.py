"""Load benchmark: 2,000 questions from 100 chats through the real Telegram stack on loopback.

    .venv/bin/python bench/telegram_load.py [--chats 100] [--per-chat 20] [--no-rate-limit] [--redis-url URL]

A fake Bot API server (tests/bot/channels/fake_telegram.py) feeds the updates; the bot runs
with its production settings (python-telegram-bot's AIORateLimiter, which keeps
within Telegram's 30 messages a second) and answers chats concurrently. Checks
that every question is answered and each chat's replies come in order; prints
answers per second and the p99 time from update to reply. Chat state is a SQLite
file, or the Redis server of --redis-url (which it empties).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.channels.telegram import build_application, render_html  # noqa: E402
from knowledge.answering.answerer import Answerer  # noqa: E402
from knowledge.chat.state import ChatState  # noqa: E402
from knowledge.ingest.files import rebuild  # noqa: E402
from knowledge.service import Service  # noqa: E402
from knowledge.store.read import Catalog  # noqa: E402
from tests.bot.channels.fake_telegram import TOKEN, FakeTelegram, serving  # noqa: E402

SHARED = ROOT.parent / "shared"


def dev_questions() -> list[str]:
    lines = (SHARED / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if '"q"' in line and '"chat"' not in line]


async def run(chats: int, per_chat: int, rate_limit: bool, redis_url: str | None) -> None:
    questions = dev_questions()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.db"
        rebuild(db, [SHARED / "corpus"])
        plan = {1000 + c: [questions[(c * per_chat + i) % len(questions)] for i in range(per_chat)]
                for c in range(chats)}
        reference = Service(Answerer(Catalog(db), ChatState(Path(tmp) / "ref.db")))
        expected = {chat: [render_html(reference.ask(q, chat=str(chat))) for q in qs] for chat, qs in plan.items()}
        fake = FakeTelegram()
        if redis_url:
            import redis

            redis.Redis.from_url(redis_url).flushdb()
        service = Service(Answerer(Catalog(db), ChatState(redis_url or Path(tmp) / "state.db")))
        async with serving(fake):
            app = build_application(service, TOKEN, fake.base_url, rate_limit=rate_limit)
            await app.initialize()
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            pushed: dict[tuple[int, int], float] = {}
            start = time.perf_counter()
            for i in range(per_chat):
                for chat, qs in plan.items():
                    fake.message(chat, qs[i])
                    pushed[(chat, i)] = time.perf_counter()
            total = chats * per_chat
            deadline = time.monotonic() + 600
            while sum(1 for s in fake.sent if s.method == "sendMessage") < total and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            elapsed = time.perf_counter() - start
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
    replies = [s for s in fake.sent if s.method == "sendMessage"]
    latencies, out_of_order = [], 0
    for chat, want in expected.items():
        got = [s for s in replies if s.chat_id == chat]
        out_of_order += sum(1 for g, w in zip(got, want, strict=False) if g.text != w)
        latencies += [(g.at - pushed[(chat, i)]) * 1000 for i, g in enumerate(got)]
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    print(f"questions {total}  answered {len(replies)}  lost {total - len(replies)}  wrong order {out_of_order}  "
          f"rate limiter {'on' if rate_limit else 'off'}")
    print(f"{len(replies) / elapsed:.1f} answers/s  median {statistics.median(latencies):.0f} ms  "
          f"p99 {p99:.0f} ms (update pushed → reply received)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--per-chat", type=int, default=20)
    parser.add_argument("--no-rate-limit", action="store_true")
    parser.add_argument("--redis-url", default=None)
    args = parser.parse_args()
    asyncio.run(run(args.chats, args.per_chat, not args.no_rate_limit, args.redis_url))


if __name__ == "__main__":
    main()
