"""Flood control (RELIABILITY S7): one person sending hundreds of updates slows nobody else.

The bot runs as a process against the fake Bot API. One person taps a button that stores
something 500 times in 10 seconds while ten others use the bot normally; the others are
answered quickly and the flooding person's stored effects stay within the per-user limit
(a burst of 40, then one per second).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e import User, spawn_bot, stored_doc, wait_polling
from tests.fakes.bot_api import FakeBotAPI

pytestmark = pytest.mark.e2e

FLOODER = 6_200_001
OTHERS = [6_200_101 + i for i in range(10)]
FLOOD = 500
SECONDS = 10.0
BURST, PER_SECOND = 40, 1.0  # FloodGate's defaults


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as fake:
        yield fake


async def flood(api: FakeBotAPI, message_id: int) -> list[int]:
    """FLOOD taps on 'reminder on/off' under the menu, spread over SECONDS."""
    pushed = []
    for _ in range(FLOOD):
        pushed.append(api.push_callback(FLOODER, "rem:toggle", message_id))
        await asyncio.sleep(SECONDS / FLOOD)
    return pushed


async def use_normally(api: FakeBotAPI, user: int, rng: random.Random) -> list[float]:
    """Three /help commands at random moments; seconds from each to its reply."""
    delays = []
    for _ in range(3):
        await asyncio.sleep(rng.uniform(0.5, SECONDS / 3))
        before = len(api.sent_to(user))
        pushed_at = time.time()
        api.push_command(user, "help")
        sent = await api.wait_for_sent(user, before + 1, timeout=30)
        delays.append(sent[before].at - pushed_at)
    return delays


async def test_a_flooding_user_does_not_slow_the_others(api: FakeBotAPI, tmp_path: Path) -> None:
    """Others' median time to reply stays under 1 s; the flooder's effects stay in the limit."""
    data_dir = tmp_path / "data"
    process = spawn_bot(api, data_dir, tmp_path / "logs")
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
        await api.wait_confirmed(taps[-1], timeout=60)
        elapsed = time.monotonic() - started
        delays = [delay for user_delays in others for delay in user_delays]
        assert statistics.median(delays) < 1.0, sorted(delays)
        doc = stored_doc(data_dir, FLOODER)
        assert doc is not None
        stored_taps = [i for i in doc["processed_updates"] if i in set(taps)]
        assert len(stored_taps) <= BURST + PER_SECOND * elapsed + 1
        assert process.alive()
    finally:
        await process.stop_async()
