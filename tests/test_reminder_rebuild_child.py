"""The reminder index's start-up rebuild in a child process (bot.reminders.rebuild): with a
TinyDB data directory the bot process reads no stored user for it, and reminders are
scheduled and sent exactly as when it reads them itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.app import PLACEHOLDER_TOKEN, build_core
from bot.catalog.catalog import Catalog
from bot.clock import FakeClock
from bot.config import Settings
from bot.privacy import UserHasher
from bot.reminders import rebuild
from bot.reminders.scheduler import ReminderScheduler
from bot.runner import build_scheduler
from bot.storage.base import JsonDoc
from bot.storage.memory import MemoryStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.conftest import TEST_KEY
from tests.test_reminder_schedule import DAY, NINE_UTC, RecordingSender, user_doc

INVALID = "reminder_prefs_invalid"

#: One user of each kind the rebuild tells apart, keyed by a 32-hex-digit key.
USERS = {
    "0" * 31 + "1": user_doc("0" * 31 + "1", 11),  # due now (09:00 Berlin)
    "0" * 31 + "2": user_doc("0" * 31 + "2", 12, time="18:30"),  # later today
    "0" * 31 + "3": user_doc("0" * 31 + "3", 13, checkin_on=DAY),  # checked in today
    "0" * 31 + "4": user_doc("0" * 31 + "4", 14, consent=False),  # never
    "0" * 31 + "5": user_doc("0" * 31 + "5", 15, active=False),  # never
    "0" * 31 + "6": user_doc("0" * 31 + "6", 16, time="08:30"),  # late, within grace
    "0" * 31 + "7": {
        **user_doc("0" * 31 + "7", 17),
        "reminder": {"enabled": True, "tz": "Nowhere"},
    },
}


class NoReadingHere(TinyDBStorage):
    """A TinyDB engine counting the times the bot process itself lists every user."""

    reads = 0

    async def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        NoReadingHere.reads += 1
        async for item in super().iter_users():
            yield item


async def seeded(data_dir: Path, users: dict[str, JsonDoc]) -> None:
    storage = await TinyDBStorage.open(data_dir)
    for key, doc in users.items():
        await storage.save_user(key, doc)
    await storage.close()


Looks = dict[str, dt.datetime | None]


async def rebuilt(
    data_dir: Path, rebuild_from: Path | None, *, child_at_least: int = 0
) -> tuple[Looks, list[tuple[int, dt.datetime]], int, int]:
    """Run the scheduler on ``data_dir`` until idle: the next look at every user, the sends,
    how many times the bot process listed the stored users itself, and how many users'
    settings were reported invalid."""
    NoReadingHere.reads = 0
    storage = await NoReadingHere.open(data_dir)
    clock = FakeClock(NINE_UTC)
    sender = RecordingSender(clock)
    scheduler = ReminderScheduler(
        storage, clock, sender, rebuild_from=rebuild_from, child_rebuild_at_least=child_at_least
    )
    clock.settle = scheduler.idle
    try:
        await scheduler.start()
        await scheduler.index_ready()
        await scheduler.idle()
        await clock.advance(dt.timedelta(hours=10))
        await scheduler.idle()
        looks = {key: scheduler.next_check(key) for key in USERS}
    finally:
        await scheduler.stop()
        await storage.close()
    return looks, sorted(sender.attempts), NoReadingHere.reads, scheduler.stats[INVALID]


async def test_with_a_data_directory_the_bot_process_lists_no_stored_user(
    tmp_path: Path,
) -> None:
    """Given its data directory, the scheduler rebuilds without iter_users in the bot process."""
    await seeded(tmp_path, USERS)
    _, sends, reads, _ = await rebuilt(tmp_path, tmp_path)
    assert reads == 0
    assert sends  # the child's index was used


async def test_the_child_schedules_and_sends_exactly_as_reading_here(tmp_path: Path) -> None:
    """The same sends at the same instants and the same next looks, child or not."""
    await seeded(tmp_path, USERS)
    looks_here, sends_here, _, invalid_here = await rebuilt(tmp_path, None)
    # The sends above were saved; a fresh copy of the users gives the child the same start.
    other = tmp_path.parent / (tmp_path.name + "-child")
    await seeded(other, USERS)
    looks_child, sends_child, reads, invalid_child = await rebuilt(other, other)
    assert reads == 0
    assert sends_child == sends_here
    assert looks_child == looks_here
    assert invalid_child == invalid_here == 1


async def test_a_failing_child_falls_back_to_reading_here(tmp_path: Path) -> None:
    """A child that cannot read the directory leaves the rebuild to the bot process."""
    await seeded(tmp_path, USERS)
    looks, sends, reads, _ = await rebuilt(tmp_path, tmp_path / "missing")
    assert reads == 1
    assert [chat for chat, _ in sends] == [11, 12, 16]
    assert looks["0" * 31 + "4"] is None


async def test_a_small_store_is_read_in_the_bot_process(tmp_path: Path) -> None:
    """Below the scheduler's threshold of stored users no child process is started."""
    await seeded(tmp_path, USERS)
    _, sends, reads, _ = await rebuilt(tmp_path, tmp_path, child_at_least=len(USERS) + 1)
    assert reads == 1
    assert [chat for chat, _ in sends] == [11, 12, 16]


async def test_the_runner_rebuilds_a_tinydb_store_in_a_child_and_others_here(
    tmp_path: Path, catalog: Catalog
) -> None:
    """build_scheduler gives the TinyDB engine's directory to the scheduler, and no other's."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    bot, hasher, clock = Bot(PLACEHOLDER_TOKEN), UserHasher(TEST_KEY), FakeClock(NINE_UTC)
    tinydb = await TinyDBStorage.open(tmp_path)
    try:
        core = build_core(catalog, tinydb, clock, hasher)
        assert build_scheduler(settings, core, bot, hasher).rebuild_from == tmp_path
    finally:
        await tinydb.close()
    core = build_core(catalog, MemoryStorage(), clock, hasher)
    assert build_scheduler(settings, core, bot, hasher).rebuild_from is None


def test_a_line_of_the_child_reads_as_the_look_it_carries() -> None:
    """'MICROS' is that instant; '!' is stored reminder settings that are not valid."""
    when = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert rebuild.line_look(str(rebuild.micros(when))) == when
    with pytest.raises(rebuild.InvalidPrefs):
        rebuild.line_look(rebuild.INVALID)
