"""Shared fixtures: the content catalog (loaded once), the red-flag rules alone, a fake clock,
and an app at the wire."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from telegram.ext import Application

from bot.app import Core, build_application, build_core
from bot.catalog.catalog import Catalog
from bot.catalog.faq_content import load_safety
from bot.catalog.files import CONTENT_DIR
from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.safety import SafetyScreen
from bot.privacy import UserHasher
from bot.storage.memory import MemoryStorage
from tests.support.wire import FakeRequest

TEST_KEY = b"test-hash-key-0123456789abcdef!!"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The real content, validated once per test session."""
    return Catalog.load()


@pytest.fixture(scope="session")
def rules_only() -> SafetyScreen:
    """The safety screen as the bot builds it, without the meaning-based crisis screen: for
    behaviours the rules' data must carry, whatever that screen says."""
    rules = copy.copy(load_safety(CONTENT_DIR))
    rules.semantic = None
    rules.obstetric_semantic = None
    return rules


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock at a fixed instant (2026-06-01 10:00 UTC)."""
    return FakeClock(dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC))


@pytest.fixture
def core(catalog: Catalog, clock: FakeClock) -> Core:
    """The services over in-memory storage and the fake clock."""
    return build_core(catalog, MemoryStorage(), clock, UserHasher(TEST_KEY))


@dataclass
class Wired:
    """A real PTB Application whose Bot API calls go to a recording fake request."""

    app: Application  # type: ignore[type-arg]
    wire: FakeRequest
    core: Core


def wire_up(core: Core, *, rate_limit: bool = False) -> Wired:
    """The Application built as in production over ``core``, with a fake request at the wire
    (not yet initialised: use ``async with result.app``); ``rate_limit``: with its limiter."""
    wire = FakeRequest()
    settings = Settings(telegram_bot_token=None, _env_file=None)  # type: ignore[call-arg]
    app = build_application(
        settings, core, request=wire, get_updates_request=wire, rate_limit=rate_limit
    )
    return Wired(app=app, wire=wire, core=core)


@pytest.fixture
async def wired(core: Core) -> AsyncIterator[Wired]:
    """The Application built as in production, with the fake request at the wire."""
    made = wire_up(core)
    async with made.app:
        yield made
