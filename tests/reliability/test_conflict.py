"""Conflict (RELIABILITY D4b, O1): another poller on the same token makes the bot give up.

Telegram answers 409 Conflict to a ``getUpdates`` that another ``getUpdates`` of the same bot
overtook (the fake Bot API does the same). One conflict is survivable (a rolling restart
overlaps for a moment); after ``max_conflicts`` in a row the poller raises, so the process
exits non-zero and the orchestrator's alert fires instead of two instances fighting forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import Conflict, TelegramError
from telegram.ext import Application

from bot.tg.polling import MAX_CONFLICTS, CommitAfterProcessPoller
from tests.e2e import FAKE_TOKEN, BotProcess, spawn_bot, wait_polling
from tests.fakes.bot_api import WAIT_GUARD, FakeBotAPI


async def compete(api: FakeBotAPI, stop: asyncio.Event) -> None:
    """Another instance with the same token: long-polls again as soon as it is overtaken."""
    async with Bot(FAKE_TOKEN, base_url=api.base_url) as other:
        while not stop.is_set():
            with contextlib.suppress(TelegramError):
                await other.get_updates(timeout=2, read_timeout=5)


@contextlib.asynccontextmanager
async def competitor(api: FakeBotAPI) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(compete(api, stop))
    await asyncio.sleep(0.3)
    try:
        yield
    finally:
        stop.set()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_poller_raises_after_consecutive_conflicts(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """With another instance polling, the poller raises Conflict after max_conflicts 409s."""
    poller = CommitAfterProcessPoller(app, timeout=2, max_conflicts=3, conflict_pause=0.05)
    async with competitor(api):
        with pytest.raises(Conflict):
            await asyncio.wait_for(poller.run(), timeout=60)
    assert poller.health.conflicts == 3
    assert [c.status for c in api.calls_to("getUpdates")].count(409) >= 3


async def test_a_single_conflict_is_survived(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """One overtaken poll (an overlapping restart) is followed by normal polling."""
    poller = CommitAfterProcessPoller(app, timeout=1, max_conflicts=3, conflict_pause=0.05)
    run = asyncio.create_task(poller.run())
    # Overtake a poll the poller has in flight, however long the machine takes to start one.
    guard = time.monotonic() + WAIT_GUARD
    async with Bot(FAKE_TOKEN, base_url=api.base_url) as other:
        while 409 not in [call.status for call in api.calls_to("getUpdates")]:
            assert not run.done() and time.monotonic() < guard
            if api.polling:
                await other.get_updates(timeout=0)
            await asyncio.sleep(0.01)
    update_id = api.push_command(4040, "help")
    await api.wait_confirmed(update_id)
    poller.stop()
    await asyncio.wait_for(run, timeout=60)
    assert 409 in [call.status for call in api.calls_to("getUpdates")]
    assert api.sent_to(4040)
    assert poller.health.conflicts == 0


def _events(process: BotProcess) -> list[str]:
    events = []
    for line in process.stderr(200_000).splitlines():
        with contextlib.suppress(ValueError, AttributeError):
            events.append(json.loads(line).get("event", ""))
    return events


async def _exited(process: BotProcess, within: float) -> int | None:
    deadline = time.monotonic() + within
    while process.alive() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return process.proc.poll()


@pytest.mark.e2e
async def test_bot_process_exits_non_zero_when_another_instance_keeps_polling(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """``python -m bot run`` gives up with a non-zero exit after repeated Conflict."""
    process = spawn_bot(api, tmp_path / "data", tmp_path / "logs")
    try:
        await wait_polling(api, process)
        async with competitor(api):
            # MAX_CONFLICTS conflicts with the production pause of 5 s between them.
            code = await _exited(process, within=MAX_CONFLICTS * 5.0 + 15.0)
        assert code not in (None, 0), process.stderr()
        assert _events(process).count("polling_conflict") == MAX_CONFLICTS
    finally:
        process.kill()
