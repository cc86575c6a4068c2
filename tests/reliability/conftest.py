"""Fixtures shared by the reliability tests that poll the fake Bot API over HTTP.

``api`` is a fake Bot API on a local port; ``app`` is the production Application built from
the shared ``core`` and pointed at it, without the rate limiter so the tests stay fast. A
test module that needs something else defines its own fixture of the same name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.app import Core, build_application
from bot.config import Settings
from tests.e2e import FAKE_TOKEN
from tests.fakes.bot_api import FakeBotAPI


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """A fake Bot API serving HTTP on a local port, stopped afterwards."""
    async with FakeBotAPI() as fake:
        yield fake


@pytest.fixture
async def app(api: FakeBotAPI, core: Core) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The production Application over HTTP to the fake (no rate limiter, for speed)."""
    settings = Settings(
        telegram_bot_token=FAKE_TOKEN,
        telegram_api_base_url=api.base_url,
        _env_file=None,
    )
    application = build_application(settings, core, rate_limit=False)
    async with application:
        yield application
