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

PROMPT_EXIT = 3.0  # seconds; the poller long-polls 1 s here, and stops without waiting it out


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


async def test_sigterm_while_idle_exits_zero_promptly(bot: BotProcess) -> None:
    """SIGTERM during a long poll ends the process with status 0 within a few seconds."""
    bot.proc.terminate()
    code, took = await _exit_code(bot, PROMPT_EXIT)
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
    code, _ = await _exit_code(bot, PROMPT_EXIT)
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
