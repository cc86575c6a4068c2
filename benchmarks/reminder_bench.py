"""Reminder fan-out benchmark: N users due at once, against a fake Bot API that answers 429.

Runs the real ``ReminderScheduler`` (over ``MemoryStorage``, with a fake clock standing at
09:00:05 on the due day) and the real ``TelegramReminderSender`` through a PTB ``Bot`` to
``tests.fakes.bot_api.FakeBotAPI`` on loopback, which answers a seeded ``--reject``
fraction of sends with 429 ``retry_after``. Then it reports, from the fake's own records:

- delivered messages, whether every user got exactly one, duplicates, and how many users
  storage records as sent;
- the sustained request and delivery rates against the configured ``--rate`` while fresh
  messages were waiting (first request to the last first attempt), the overall rates (first
  to last request, which adds the few seconds in which only 429'd messages wait out their
  ``retry_after``), and the most requests seen in any 1 s window;
- the smallest gap between two requests to the same chat, and sends that came before their
  chat's ``retry_after`` had run out.

Run from the repository root::

    .venv/bin/python benchmarks/reminder_bench.py --users 10000 --rate 100

``--via aio`` sends through an ``ExtBot`` with PTB's ``AIORateLimiter(max_retries=5)``
instead of a plain ``Bot``, to compare. ``--no-charge-rejected`` lets a 429'd request give
its slot back (delivery rate = limit, request rate above it). Exit status 0 when every check
passes.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Bot
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.clock import FakeClock
from bot.domain.models import ReminderPrefs, UserDoc
from bot.reminders.scheduler import ReminderScheduler
from bot.storage.memory import MemoryStorage
from bot.tg.reminder_sender import TelegramReminderSender
from tests.fakes.bot_api import FakeBotAPI

TOKEN = "123456:BENCHMARK-token"
DAY = dt.date(2026, 6, 10)
TZ = "Europe/Berlin"
TARGET_SHARE = 0.95


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=100.0, help="configured messages/s")
    parser.add_argument("--reject", type=float, default=0.2, help="fraction answered 429")
    parser.add_argument("--retry-after", type=int, default=1, help="seconds in each 429")
    parser.add_argument("--concurrency", type=int, default=128, help="scheduler workers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--via", choices=["bot", "aio"], default="bot")
    parser.add_argument(
        "--charge-rejected",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="count 429-answered requests against the rate (default: yes)",
    )
    return parser.parse_args(argv)


def user_key(i: int) -> str:
    return f"{i:032x}"


async def seed_users(storage: MemoryStorage, count: int) -> None:
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prefs = ReminderPrefs(enabled=True, time="09:00", tz=TZ, last_sent_date=DAY - dt.timedelta(1))
    for i in range(count):
        doc = UserDoc(
            key=user_key(i),
            chat_id=1_000_000 + i,
            created_at=created,
            consent_at=created,
            reminder=prefs,
        )
        await storage.save_user(user_key(i), doc.model_dump(mode="json"))


def max_in_window(times: list[float], window: float = 1.0) -> int:
    best, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def min_gap_per_chat(pairs: list[tuple[int, float]]) -> float | None:
    last: dict[int, float] = {}
    gap: float | None = None
    for chat, at in sorted(pairs, key=lambda p: p[1]):
        if chat in last:
            delta = at - last[chat]
            gap = delta if gap is None else min(gap, delta)
        last[chat] = at
    return gap


def rate(times: list[float]) -> float:
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0


async def run(args: argparse.Namespace) -> int:
    storage = MemoryStorage()
    await seed_users(storage, args.users)
    due = dt.datetime(2026, 6, 10, 9, 0, 5, tzinfo=ZoneInfo(TZ)).astimezone(dt.UTC)
    clock = FakeClock(due)
    request = HTTPXRequest(connection_pool_size=args.concurrency + 8, read_timeout=30)
    async with FakeBotAPI(seed=args.seed) as api:
        api.rate_limit(args.reject, retry_after=args.retry_after, seed=args.seed)
        bot: Bot
        if args.via == "aio":
            limiter = AIORateLimiter(overall_max_rate=args.rate, max_retries=5)
            bot = ExtBot(TOKEN, base_url=api.base_url, request=request, rate_limiter=limiter)
        else:
            bot = Bot(TOKEN, base_url=api.base_url, request=request)
        async with bot:
            sender = TelegramReminderSender(
                bot, rate=args.rate, charge_rejected=args.charge_rejected
            )
            scheduler = ReminderScheduler(storage, clock, sender, concurrency=args.concurrency)
            started = time.monotonic()
            await scheduler.start()
            await scheduler.idle()
            wall = time.monotonic() - started
            await scheduler.stop()

        sends = api.calls_to("sendMessage")
        request_times = sorted(c.at for c in sends)
        delivered = api.sent
        delivery_times = sorted(s.at for s in delivered)
        chats = [s.chat_id for s in delivered]
        unique = len(set(chats))
        duplicates = len(chats) - unique
        rejected = sum(1 for c in sends if c.status == 429)
        stored = 0
        async for _, doc in storage.iter_users():
            stored += doc["reminder"]["last_sent_date"] == DAY.isoformat()
        attempt_gap = min_gap_per_chat([(c.params["chat_id"], c.at) for c in sends])
        delivery_gap = min_gap_per_chat([(s.chat_id, s.at) for s in delivered])
        req_rate, del_rate = rate(request_times), rate(delivery_times)
        # Steady state: while fresh messages were still waiting, i.e. up to the last first
        # attempt. After it only 429'd messages remain, each waiting out its retry_after.
        first_attempts: dict[int, float] = {}
        for call in sorted(sends, key=lambda c: c.at):
            first_attempts.setdefault(call.params["chat_id"], call.at)
        steady_end = max(first_attempts.values())
        steady = steady_end - request_times[0]
        steady_req = (sum(1 for t in request_times if t <= steady_end) - 1) / steady
        steady_del = (sum(1 for t in delivery_times if t <= steady_end) - 1) / steady
        controlled = steady_req if args.charge_rejected else steady_del
        violations = len(api.retry_after_violations)

    def pct(value: float) -> str:
        return f"{value:7.1f} /s = {100 * value / args.rate:5.1f}% of the limit"

    def gap(value: float | None) -> str:
        return "none (one message per chat)" if value is None else f"{value:.3f} s"

    print(f"users                        {args.users}")
    print(
        f"configured                   rate {args.rate:g} msg/s, 1 s per chat, via {args.via}; "
        f"{100 * args.reject:g}% of sends answered 429 retry_after={args.retry_after}; "
        f"429s {'charged' if args.charge_rejected else 'not charged'} to the rate"
    )
    once = unique == args.users and duplicates == 0
    print(f"delivered                    {len(delivered)} (every user exactly once: {once})")
    print(f"duplicates                   {duplicates}")
    print(f"stored as sent               {stored}")
    print(f"send requests                {len(sends)} ({rejected} answered 429)")
    print(f"elapsed                      {wall:.1f} s (start to idle)")
    print(f"steady state                 {steady:.1f} s (first request to last first attempt)")
    print(f"sustained request rate       {pct(steady_req)}")
    print(f"sustained delivery rate      {pct(steady_del)}")
    print(f"overall request rate         {pct(req_rate)} (first to last request)")
    print(f"overall delivery rate        {pct(del_rate)}")
    print(f"most requests in any 1 s     {max_in_window(request_times)}")
    print(f"min gap, same chat, requests {gap(attempt_gap)}")
    print(f"min gap, same chat, delivered {gap(delivery_gap)}")
    print(f"sends inside retry_after     {violations}")
    checks = {
        "every user exactly once": unique == args.users
        and duplicates == 0
        and stored == args.users,
        f"sustained rate >= {TARGET_SHARE:.0%} of limit": controlled >= TARGET_SHARE * args.rate,
        "no chat twice within 1 s": (attempt_gap is None or attempt_gap >= 1.0),
        "retry_after honoured": violations == 0,
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
