"""One person flooding the bot while ten others use it: the scenario behind RELIABILITY S7.

Shared by ``tests/reliability/test_flood.py`` (what must hold on any machine: nobody else's
reply is lost, the flooder's stored effects stay within the per-user limit) and
``benchmarks/flood_bench.py`` (how long the others wait, a speed target).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from pathlib import Path

from tests.e2e import User, spawn_bot, stored_doc, wait_polling
from tests.fakes.bot_api import FakeBotAPI

FLOODER = 6_200_001
OTHERS = [6_200_101 + i for i in range(10)]
FLOOD = 500
SECONDS = 10.0
HELPS_EACH = 3
BURST, PER_SECOND = 40, 1.0  # FloodGate's defaults
# A guard against a reply that never comes, not a speed bound.
HANG_GUARD = 180.0


@dataclass
class FloodRun:
    """What one run of the scenario observed."""

    delays: list[float]  # seconds from each other person's /help to its reply
    replies: dict[int, int]  # replies each other person received
    stored_taps: int  # the flooder's taps that changed their stored document
    elapsed: float  # seconds from the first flooding tap until the last was confirmed
    alive: bool  # the bot process was still running at the end


async def flood(api: FakeBotAPI, message_id: int) -> list[int]:
    """FLOOD taps on 'reminder on/off' under the menu, spread over SECONDS."""
    pushed = []
    for _ in range(FLOOD):
        pushed.append(api.push_callback(FLOODER, "rem:toggle", message_id))
        await asyncio.sleep(SECONDS / FLOOD)
    return pushed


async def use_normally(api: FakeBotAPI, user: int, rng: random.Random) -> list[float]:
    """HELPS_EACH /help commands at random moments; seconds from each to its reply."""
    delays = []
    for _ in range(HELPS_EACH):
        await asyncio.sleep(rng.uniform(0.5, SECONDS / HELPS_EACH))
        before = len(api.sent_to(user))
        pushed_at = time.time()
        api.push_command(user, "help")
        sent = await api.wait_for_sent(user, before + 1, timeout=HANG_GUARD)
        delays.append(sent[before].at - pushed_at)
    return delays


async def run_flood(api: FakeBotAPI, workdir: Path) -> FloodRun:
    """Start the bot in ``workdir``, run the scenario once and stop the bot."""
    data_dir = workdir / "data"
    process = spawn_bot(api, data_dir, workdir / "logs")
    try:
        await wait_polling(api, process)
        flooder = User(api, FLOODER)
        await flooder.command("start")
        await flooder.tap(data="ob:consent")
        await flooder.command("reminders")
        menu = flooder.screen().message_id
        rng = random.Random(7)
        started = time.monotonic()
        flooding = asyncio.create_task(flood(api, menu))
        others = await asyncio.gather(*(use_normally(api, user, rng) for user in OTHERS))
        taps = await flooding
        await api.wait_confirmed(taps[-1], timeout=HANG_GUARD)
        elapsed = time.monotonic() - started
        doc = stored_doc(data_dir, FLOODER)
        pushed = set(taps)
        stored = [] if doc is None else [i for i in doc["processed_updates"] if i in pushed]
        return FloodRun(
            delays=[delay for user_delays in others for delay in user_delays],
            replies={user: len(api.sent_to(user)) for user in OTHERS},
            stored_taps=len(stored),
            elapsed=elapsed,
            alive=process.alive(),
        )
    finally:
        await process.stop_async()
