"""Flood control (RELIABILITY S7): one person sending hundreds of updates harms nobody else.

The bot runs as a process against the fake Bot API. One person taps a button that stores
something 500 times in 10 seconds while ten others use the bot normally. Every other
person gets every reply, and the flooding person's stored effects stay within the per-user
limit (a burst of 40, then one per second). How long the others wait meanwhile is a speed
target, measured by ``benchmarks/flood_bench.py`` (``./scripts/bench --only flood``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.fakes.bot_api import FakeBotAPI
from tests.support.flooding import (
    BURST,
    HELPS_EACH,
    OTHERS,
    PER_SECOND,
    FloodRun,
    run_flood,
)

pytestmark = pytest.mark.e2e


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def run(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FloodRun]:
    """One run of the flood scenario, shared by the checks below."""
    async with FakeBotAPI() as api:
        yield await run_flood(api, tmp_path_factory.mktemp("flood"))


def test_every_other_person_gets_every_reply_during_a_flood(run: FloodRun) -> None:
    """Each of the ten others is answered once for each of their /help commands."""
    assert run.replies == {user: HELPS_EACH for user in OTHERS}


def test_the_flooders_stored_effects_stay_within_the_per_user_limit(run: FloodRun) -> None:
    """Of 500 taps, at most the burst plus one per second elapsed change the stored document."""
    assert 0 < run.stored_taps <= BURST + PER_SECOND * run.elapsed + 1


def test_the_bot_survives_a_flood(run: FloodRun) -> None:
    """The bot process is still running when the flood is over."""
    assert run.alive
