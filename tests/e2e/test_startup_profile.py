"""E2E: the bot's profile (menu, descriptions) published at start-up, and never a reason not
to start; a token Telegram rejects is."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import EXIT_CONFIG
from tests.e2e import (
    FAKE_TOKEN,
    STARTUP_TIMEOUT,
    BotProcess,
    User,
    spawn_bot,
    wait_polling,
)
from tests.fakes.bot_api import FakeBotAPI

pytestmark = pytest.mark.e2e


async def test_descriptions_are_published_per_language_at_start(
    bot: BotProcess, api: FakeBotAPI
) -> None:
    """A started bot has set its description and short description for en (default), es, ru."""
    assert set(api.descriptions) == {"", "es", "ru"}
    assert set(api.short_descriptions) == {"", "es", "ru"}


async def test_a_refused_description_does_not_stop_the_bot(
    api: FakeBotAPI, start_bot: Callable[..., BotProcess]
) -> None:
    """Telegram refusing the description is one warning line; the bot polls and answers."""
    api.inject_error(400, "Bad Request: description is too long", methods=["setMyDescription"])
    process = start_bot()
    await wait_polling(api, process)
    replies = await User(api, 7_100_001).command("start")
    assert replies
    events = [json.loads(line)["event"] for line in process.stderr().splitlines()]
    assert "profile_publish_failed" in events


async def test_a_rejected_token_exits_78_with_one_line_and_no_token(
    data_dir: Path, tmp_path: Path
) -> None:
    """A token Telegram answers 401 to stops the start: exit 78, one plain line, no token."""
    async with FakeBotAPI(token="654321:" + "B" * 35) as other:
        process = spawn_bot(other, data_dir, tmp_path / "logs")
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while process.alive() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        code = process.stop()
    plain = [line for line in process.stderr().splitlines() if not line.startswith("{")]
    assert code == EXIT_CONFIG
    assert plain == ["error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped)"]
    assert FAKE_TOKEN.split(":")[1] not in process.stderr()
