"""E2E: the bot's profile (menu, descriptions) published at start-up, and never a reason not
to start."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.e2e import BotProcess, User, wait_polling
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
