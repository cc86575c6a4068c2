"""E2E: starting, stopping and restarting the bot process.

SIGTERM (what ``docker stop`` and systemd send) must end the process promptly with exit
status 0, after confirming what it processed so Telegram does not re-deliver it; a restart
on the same data directory carries on every conversation where it was.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e import BotProcess, User, stored_doc, wait_polling
from tests.fakes.bot_api import FakeBotAPI

pytestmark = pytest.mark.e2e

# The idle test long-polls for LONG_POLL seconds; a stop that waited the poll out would take
# that long, one that does not takes a second or two. The bound between them is far from
# both, so only the behaviour decides the result, never how busy the machine is.
LONG_POLL = 50  # the most the settings allow
NOT_WAITED_OUT = 30.0
HANG_GUARD = 120.0  # a stop that hangs fails; a slow one does not


def _log_events(process: BotProcess) -> list[str]:
    events = []
    for line in process.stderr().splitlines():
        try:
            events.append(json.loads(line).get("event", ""))
        except ValueError:
            continue
    return events


async def _exit_code(process: BotProcess, within: float) -> tuple[int | None, float]:
    """Wait (without blocking the fake) for the process to exit; (code or None, seconds)."""
    started = time.monotonic()
    while process.alive() and time.monotonic() - started < within:
        await asyncio.sleep(0.02)
    return process.proc.poll(), time.monotonic() - started


async def test_sigterm_while_idle_exits_zero_without_waiting_out_the_poll(
    api: FakeBotAPI, start_bot: Callable[..., BotProcess]
) -> None:
    """SIGTERM during a long poll ends the process with status 0 before the poll would end."""
    bot = start_bot(BOT_POLL_TIMEOUT=str(LONG_POLL))
    await wait_polling(api, bot)
    bot.proc.terminate()
    code, took = await _exit_code(bot, NOT_WAITED_OUT)
    assert code == 0, f"exit status {code} after {took:.1f} s"
    assert "stopped" in _log_events(bot)


async def test_sigterm_after_work_confirms_the_last_update(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """Updates handled before SIGTERM are confirmed to the Bot API, so none is re-delivered."""
    user = User(api, 7_000_001)
    await user.command("start")
    last = api.push_command(user.user_id, "help")
    await api.wait_for_sent(user.user_id, 2)
    bot.proc.terminate()
    code, _ = await _exit_code(bot, HANG_GUARD)
    assert code == 0
    assert api.confirmed_offset > last
    assert api.pending_updates == 0


async def test_restart_continues_a_check_in_where_it_was(
    api: FakeBotAPI, bot: BotProcess, start_bot: Callable[..., BotProcess], data_dir: Path
) -> None:
    """A check-in begun before a restart goes on from the same question after it."""
    user = User(api, 7_000_002)
    await user.command("start")
    await user.tap(data="ob:consent")
    await user.tap(data="ob:status:pregnant")
    await user.tap(data="ob:weeks")
    await user.say("25")
    await user.tap(data="ob:country:skip")
    await user.command("checkin")
    await user.tap(data="t:danger_signs:none")
    await user.tap(data="d:danger_signs")
    await user.tap(data="a:colour:white")
    assert "question 3 of" in user.text()
    assert await bot.stop_async() == 0

    polls = len(api.calls_to("getUpdates"))
    second = start_bot()
    await wait_polling(api, second, after=polls)
    await user.tap(data="a:consistency:creamy")
    assert "question 4 of" in user.text()
    doc = stored_doc(data_dir, user.user_id)
    assert doc is not None and doc["state"] is not None
