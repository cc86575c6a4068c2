"""Disk full (RELIABILITY D1, D2b): the user hears "not saved", old data stays, the bot goes on.

Through the real PTB Application at the wire: first with the in-memory storage double, whose
``fail_next_save`` raises ``StorageFullError`` exactly as the TinyDB engine does on ENOSPC,
then (as root, where mounting is allowed) with the real TinyDB engine on a 1 MiB tmpfs that
is filled up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram.ext import ContextTypes

from bot.app import build_core
from bot.catalog.catalog import Catalog
from bot.clock import FakeClock
from bot.privacy import UserHasher
from bot.storage.memory import MemoryStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.conftest import TEST_KEY, Wired, wire_up
from tests.support.stored import state_and_history
from tests.support.updates import callback_update, message_update

USER = 5151


async def say(w: Wired, text: str) -> None:
    await w.app.process_update(message_update(w.app.bot, USER, text))


async def press(w: Wired, data: str) -> None:
    await w.app.process_update(callback_update(w.app.bot, USER, data))


async def onboard(w: Wired, weeks: str = "20") -> None:
    await say(w, "/start")
    await press(w, "ob:consent")
    await press(w, "ob:status:pregnant")
    await press(w, "ob:weeks")
    await say(w, weeks)


async def answer_weeks(w: Wired, weeks: str) -> None:
    """Change the stage again: 'Pregnant', 'I know the weeks', then the number."""
    await press(w, "ob:status:pregnant")
    await press(w, "ob:weeks")
    await say(w, weeks)


def errors_seen(w: Wired) -> list[BaseException]:
    """Exceptions that reached PTB's error handlers (recorded by an extra handler)."""
    found: list[BaseException] = w.app.bot_data.setdefault("errors", [])
    return found


@pytest.fixture
def app(wired: Wired) -> Wired:
    """The wired Application with an extra error handler that records exceptions."""

    async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            errors_seen(wired).append(context.error)

    wired.app.add_error_handler(record)
    return wired


def memory(w: Wired) -> MemoryStorage:
    storage = w.core.storage
    assert isinstance(storage, MemoryStorage)
    return storage


async def stored(w: Wired) -> dict[str, object] | None:
    return await state_and_history(w.core.storage, w.core.deps.hasher.user_key(USER))


async def test_a_failed_save_is_answered_with_not_saved(app: Wired, catalog: Catalog) -> None:
    """When the save of an answer fails, the reply says it was not saved and never 'Saved'."""
    await onboard(app)
    await press(app, "ob:status:pregnant")
    await press(app, "ob:weeks")
    memory(app).fail_next_save()
    app.wire.clear()
    await say(app, "25")
    last = app.wire.texts()[-1]
    assert last == catalog.t("en", "errors.not_saved")
    assert not any("Saved" in text for text in app.wire.texts())


async def test_earlier_data_is_intact_after_a_failed_save(app: Wired) -> None:
    """The document stored before the failed save is exactly what storage still holds."""
    await onboard(app)
    before = await stored(app)
    await press(app, "ob:status:pregnant")
    await press(app, "ob:weeks")
    memory(app).fail_next_save()
    await say(app, "25")
    after = await stored(app)
    assert before is not None and after is not None
    assert after["profile"] == before["profile"]


async def test_a_failed_save_at_the_end_of_a_check_in_says_not_saved(
    app: Wired, catalog: Catalog
) -> None:
    """A check-in whose final save fails gives the advice with 'could not save', not 'Saved'."""
    await onboard(app)
    await say(app, "/checkin")
    buttons = [d for _, d in app.wire.last_buttons()]
    sign = next(d for d in buttons if d.endswith(":t:danger_signs:heavy_bleeding"))
    memory(app).fail_next_save()
    app.wire.clear()
    await press(app, sign)  # a danger sign ends the check-in at once
    final = app.wire.texts()[-1]
    assert catalog.t("en", "checkin.not_saved") in final
    assert catalog.t("en", "checkin.saved") not in final
    doc = await stored(app)
    assert doc is not None and doc["checkins"] == []


async def test_the_bot_keeps_working_and_the_next_answer_is_saved(app: Wired) -> None:
    """After a failed save no exception reached the error handler and the next answer saves."""
    await onboard(app)
    await press(app, "ob:status:pregnant")
    await press(app, "ob:weeks")
    memory(app).fail_next_save()
    await say(app, "25")
    app.wire.clear()
    await answer_weeks(app, "26")
    assert "✅ Saved. You are 26 weeks pregnant." in app.wire.texts()[-1]
    doc = await stored(app)
    assert doc is not None and "due_date" in str(doc["profile"])
    assert errors_seen(app) == []


# --- a real full disk ------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs mounted for this test; skipped where mounting is not permitted."""
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(directory: Path) -> Path:
    """Write a filler file until the file system is full; return it."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    return filler


@pytest.fixture
async def on_tiny_disk(catalog: Catalog, tiny_disk: Path) -> AsyncIterator[Wired]:
    """The Application over the TinyDB engine whose data directory is on the tiny tmpfs."""
    storage = await TinyDBStorage.open(tiny_disk / "data")
    clock = FakeClock(dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC))
    made = wire_up(build_core(catalog, storage, clock, UserHasher(TEST_KEY)))
    try:
        async with made.app:
            yield made
    finally:
        await storage.close()


async def test_a_full_tmpfs_gives_not_saved_keeps_the_file_and_recovers(
    on_tiny_disk: Wired, tiny_disk: Path, catalog: Catalog
) -> None:
    """On a really full disk: 'not saved', the user file parses with the earlier data, and
    once space is free again the next answer is saved."""
    w = on_tiny_disk
    await onboard(w, "20")
    await press(w, "ob:status:pregnant")
    await press(w, "ob:weeks")
    user_file = next((tiny_disk / "data" / "users").glob("*.json"))
    before = json.loads(user_file.read_text(encoding="utf-8"))
    filler = fill(tiny_disk)
    probe = tiny_disk / "probe"
    with pytest.raises(OSError) as full:
        probe.write_bytes(b"x" * 8192)
    assert full.value.errno == errno.ENOSPC
    probe.unlink(missing_ok=True)
    w.wire.clear()
    await say(w, "25")
    assert w.wire.texts() == [catalog.t("en", "errors.not_saved")]
    assert json.loads(user_file.read_text(encoding="utf-8")) == before
    assert not list((tiny_disk / "data").rglob("*.tmp"))
    filler.unlink()
    await answer_weeks(w, "26")
    assert "✅ Saved. You are 26 weeks pregnant." in w.wire.texts()[-1]
