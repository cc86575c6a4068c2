"""Erasure on request (/delete): every trace leaves the data directory, reminders stop, and
late updates store nothing until the user starts again and consents (RELIABILITY P5).

These tests run the real PTB Application over the embedded TinyDB engine in a temporary
directory, so "nothing left" is checked on the files themselves.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.app import Core, build_core
from bot.catalog.catalog import Catalog
from bot.clock import FakeClock
from bot.privacy import UserHasher
from bot.reminders.scheduler import ReminderScheduler, SendOutcome
from bot.storage.tinydb_store import TinyDBStorage
from tests.conftest import TEST_KEY, Wired, wire_up
from tests.support.senders import ClaimingSender
from tests.support.stored import expected_whole, store_user, whole_user
from tests.support.updates import callback_update, message_update

FIXTURE = Path(__file__).parent / "data" / "history-fixture.json"
ALICE = 7_311_911_733  # distinctive, so its digits can be searched for in the files
BOB = 7_422_022_844
NOW = dt.datetime(2026, 6, 2, 10, 0, tzinfo=dt.UTC)  # the day after the fixture's last check-in


@dataclass
class RecordingSender(ClaimingSender):
    """A reminder sender that notes the chat of every attempt."""

    chats: list[int] = field(default_factory=list)

    async def deliver(self, chat_id: int, locale: str) -> SendOutcome:
        self.chats.append(chat_id)
        return SendOutcome.SENT


@dataclass
class Bot:
    """The Application over TinyDB, with a reminder scheduler wired as in production."""

    wired: Wired
    storage: TinyDBStorage
    data_dir: Path
    clock: FakeClock
    sender: RecordingSender
    scheduler: ReminderScheduler
    changed: list[str]


@pytest.fixture
async def bot(tmp_path: Path, catalog: Catalog) -> AsyncIterator[Bot]:
    """A running bot on a TinyDB data directory in ``tmp_path``."""
    data_dir = tmp_path / "data"
    storage = await TinyDBStorage.open(data_dir)
    clock = FakeClock(NOW)
    core: Core = build_core(catalog, storage, clock, UserHasher(TEST_KEY))
    sender = RecordingSender()
    scheduler = ReminderScheduler(storage, clock, sender)
    changed: list[str] = []

    async def reminders_changed(key: str) -> None:
        changed.append(key)
        scheduler.refresh(key)

    core.deps.reminders_changed = reminders_changed
    made = wire_up(core)
    async with made.app:
        yield Bot(made, storage, data_dir, clock, sender, scheduler, changed)
    await scheduler.stop()
    await storage.close()


async def seed(bot: Bot, user: int, *, reminder_at: str = "10:30") -> dict[str, Any]:
    """Store the fixture history for ``user`` with a daily reminder at ``reminder_at`` UTC."""
    key = bot.wired.core.deps.hasher.user_key(user)
    doc: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc.update(key=key, chat_id=user)
    doc["reminder"].update(enabled=True, time=reminder_at, tz="UTC", last_sent_date="2026-06-01")
    for n, record in enumerate(doc["checkins"]):
        record["id"] = f"{user:012x}{n:012x}"[-24:]  # unique per user and findable in files
    await store_user(bot.storage, key, doc)
    return doc


async def send(bot: Bot, text: str, user: int = ALICE) -> None:
    app = bot.wired.app
    await app.process_update(message_update(app.bot, user, text))


async def press(bot: Bot, data: str, user: int = ALICE) -> None:
    app = bot.wired.app
    await app.process_update(callback_update(app.bot, user, data))


def files_mentioning(data_dir: Path, markers: list[str]) -> list[str]:
    """Every (file, marker) pair where a marker is in a file's name or bytes."""
    hits = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        content = path.read_bytes()
        for marker in markers:
            if marker in str(path.relative_to(data_dir)) or marker.encode() in content:
                hits.append(f"{path.relative_to(data_dir)}: {marker}")
    return hits


def markers(doc: dict[str, Any], user: int) -> list[str]:
    return [doc["key"], str(user), *(c["id"] for c in doc["checkins"])]


async def test_delete_asks_before_erasing(bot: Bot) -> None:
    """/delete only asks; nothing is erased until 'Yes' is pressed."""
    doc = await seed(bot, ALICE)
    await send(bot, "/delete")
    assert "Delete everything?" in bot.wired.wire.texts()[-1]
    assert ("🗑 Yes, delete everything", "del:yes") in bot.wired.wire.last_buttons()
    assert await whole_user(bot.storage, doc["key"]) == expected_whole(doc)


async def test_keep_my_data_erases_nothing(bot: Bot) -> None:
    """'No, keep my data' leaves the stored document as it was."""
    doc = await seed(bot, ALICE)
    await send(bot, "/delete")
    await press(bot, "del:no")
    assert await whole_user(bot.storage, doc["key"]) == expected_whole(doc)
    assert "nothing was deleted" in bot.wired.wire.texts()[-1]


async def test_delete_leaves_no_trace_in_the_data_directory(bot: Bot) -> None:
    """After 'Yes', no file in the data directory names or holds the user's key, id or records."""
    alice = await seed(bot, ALICE)
    bob = await seed(bot, BOB)
    assert files_mentioning(bot.data_dir, markers(alice, ALICE))  # the search can find them
    await send(bot, "/delete")
    await press(bot, "del:yes")
    assert files_mentioning(bot.data_dir, markers(alice, ALICE)) == []
    assert await whole_user(bot.storage, bob["key"]) == expected_whole(bob)
    assert "Everything I stored about you is deleted" in bot.wired.wire.texts()[-1]


async def test_delete_my_data_is_the_same_command(bot: Bot) -> None:
    """/delete_my_data asks the same question and erases the same way."""
    alice = await seed(bot, ALICE)
    await send(bot, "/delete_my_data")
    await press(bot, "del:yes")
    assert await bot.storage.count_users() == 0
    assert files_mentioning(bot.data_dir, markers(alice, ALICE)) == []


async def test_delete_is_audited_with_the_hashed_id_only(bot: Bot) -> None:
    """The erasure leaves one audit event: the action, the hashed id and the time."""
    await seed(bot, ALICE)
    await send(bot, "/delete")
    await press(bot, "del:yes")
    events = await bot.storage.audit_events()
    assert events == [
        {
            "action": "delete",
            "user": bot.wired.core.deps.hasher.log_id(ALICE),
            "at": NOW.isoformat(),
        }
    ]


async def test_no_reminder_is_sent_after_delete(bot: Bot) -> None:
    """The scheduler is told, and the user's 10:30 reminder never goes out; Bob's still does."""
    alice = await seed(bot, ALICE)
    await seed(bot, BOB)
    bot.clock.settle = bot.scheduler.idle
    await bot.scheduler.start()
    await bot.scheduler.idle()
    assert bot.scheduler.next_check(alice["key"]) is not None
    await send(bot, "/delete")
    await press(bot, "del:yes")
    assert bot.changed == [alice["key"]]
    await bot.clock.advance(dt.timedelta(hours=3))
    assert bot.sender.chats == [BOB]
    assert bot.scheduler.next_check(alice["key"]) is None


async def test_late_updates_store_nothing_until_start_and_consent(bot: Bot) -> None:
    """After erasure, buttons, answers and commands store nothing; /start + consent start afresh."""
    alice = await seed(bot, ALICE)
    await send(bot, "/checkin")
    question = next(d for _, d in bot.wired.wire.last_buttons() if d.startswith("ck:"))
    await send(bot, "/delete")
    await press(bot, "del:yes")
    await press(bot, question)  # the check-in that was open before the erasure
    await send(bot, "I have brown discharge at 30 weeks")
    await press(bot, f"del:cy:{alice['checkins'][0]['id']}")
    for command in ("/history", "/export", "/checkin", "/reminders", "/start"):
        await send(bot, command)
    assert await bot.storage.count_users() == 0
    assert list((bot.data_dir / "users").iterdir()) == []
    await press(bot, "ob:consent")
    fresh = await bot.storage.load_user(alice["key"])
    assert fresh is not None
    assert await bot.storage.load_history(alice["key"]) == []
    assert fresh["profile"]["due_date"] is None
    assert fresh["reminder"]["enabled"] is False
