"""Replies survive a crash between storing an answer and sending its reply (the outbox).

The replies of a state-changing update are stored in the same write as its effects and
cleared once sent. A "restart" here is a second Application and chat service over the same
storage: its in-memory record of handled updates is empty, as after ``kill -9``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import build_core
from bot.catalog.catalog import Catalog
from bot.clock import FakeClock
from bot.domain.models import OUTBOX_LEASE
from bot.privacy import UserHasher
from bot.services.events import Incoming
from bot.storage.memory import MemoryStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.conftest import TEST_KEY, Wired, wire_up
from tests.support.shared_storage import SharedMemoryStorage
from tests.support.updates import callback_update, message_update
from tests.support.wire import Call
from tests.test_handlers_flow import USER, onboard_pregnant, press

SEND_METHODS = ("sendMessage", "editMessageText")
SAVED = "Saved to your history"


@pytest.fixture
async def shared(catalog: Catalog, clock: FakeClock) -> AsyncIterator[Wired]:
    """A process over a store that several processes share (it records answered updates)."""
    made = wire_up(build_core(catalog, SharedMemoryStorage(), clock, UserHasher(TEST_KEY)))
    async with made.app:
        yield made


Restart = Callable[[Wired], Awaitable[Wired]]


@pytest.fixture
async def restart(catalog: Catalog, clock: FakeClock) -> AsyncIterator[Restart]:
    """Start a fresh process (service, Application, wire) over a process's storage and hash
    key, as after a crash; every one is shut down after the test."""
    made: list[Wired] = []

    async def restarted(wired: Wired) -> Wired:
        again = wire_up(build_core(catalog, wired.core.storage, clock, wired.core.deps.hasher))
        await again.app.initialize()
        made.append(again)
        return again

    yield restarted
    for w in made:
        await w.app.shutdown()


def fail_sends(w: Wired) -> None:
    """Every message the bot sends or edits fails, as if the process died before sending."""
    for method in SEND_METHODS:
        w.wire.fail_methods[method] = (502, "Bad Gateway")


async def stored_outbox(w: Wired) -> object:
    """The outbox of USER's stored document."""
    doc = await w.core.storage.load_user(w.core.deps.hasher.user_key(USER))
    assert doc is not None
    return doc["outbox"]


async def danger_signs_none(w: Wired, update_id: int) -> Update:
    """Start a check-in and return the update answering 'no danger signs' (not yet sent)."""
    await press(w, "checkin:start")
    data = next(d for _, d in w.wire.last_buttons() if d.endswith(":t:danger_signs:none"))
    return callback_update(w.app.bot, USER, data, update_id=update_id)  # type: ignore[arg-type]


async def stored_unanswered(w: Wired, update_id: int) -> Update:
    """Onboard, then store an answer whose replies cannot be sent (as if the process died
    before sending them); return its update, for a re-delivery."""
    await onboard_pregnant(w)
    update = await danger_signs_none(w, update_id)
    fail_sends(w)
    await w.app.process_update(update)
    return update


def replies(w: Wired) -> list[Call]:
    """The messages this process sent or edited."""
    return [c for c in w.wire.calls if c.method in SEND_METHODS]


async def answer_until_saved(w: Wired) -> None:
    """Run a check-in, skipping what can be skipped, until a check-in is stored."""
    key = w.core.deps.hasher.user_key(USER)
    await press(w, "checkin:start")
    for _ in range(30):
        if await w.core.storage.load_history(key):
            return
        data = [d for _, d in w.wire.last_buttons()]
        none = [d for d in data if d.endswith(":t:danger_signs:none")]
        if none:
            await press(w, none[0])
            await press(w, next(d for _, d in w.wire.last_buttons() if ":d:" in d))
            continue
        skip = [d for d in data if ":s:" in d]
        await press(w, skip[0] if skip else next(d for d in data if ":a:" in d))
    raise AssertionError("no check-in was stored")


async def test_an_update_is_marked_sent_once_its_replies_went_out(wired: Wired) -> None:
    """After a state-changing update's replies went out, its update id is marked sent."""
    await onboard_pregnant(wired)
    await wired.app.process_update(await danger_signs_none(wired, 880001))
    assert await wired.core.storage.was_sent(880001)


async def test_replies_that_could_not_be_sent_are_not_marked_sent(wired: Wired) -> None:
    """When sending fails, the kept replies stay unmarked for a re-delivery to send."""
    await stored_unanswered(wired, 880009)
    assert not await wired.core.storage.was_sent(880009)


async def test_replies_lost_to_a_crash_are_sent_when_the_update_comes_again(
    wired: Wired, restart: Restart
) -> None:
    """An answer stored but never answered gets its reply when Telegram re-delivers it."""
    update = await stored_unanswered(wired, 880002)
    assert await stored_outbox(wired) is not None
    again = await restart(wired)
    await again.app.process_update(update)
    sent = replies(again)
    assert sent, "the kept reply was not sent"
    assert any(d.startswith("ck:") for _, d in again.wire.last_buttons())
    assert await again.core.storage.was_sent(880002)


async def test_kept_replies_are_resent_at_most_once(wired: Wired, restart: Restart) -> None:
    """The resend is marked before it goes out, so a third copy after another crash sends
    nothing (RELIABILITY R6: re-sent at most once)."""
    update = await stored_unanswered(wired, 880010)
    second = await restart(wired)
    fail_sends(second)
    await second.app.process_update(update)
    third = await restart(wired)
    await third.app.process_update(update)
    assert replies(third) == []


async def test_the_checkin_result_lost_to_a_crash_is_sent_with_saved(
    wired: Wired, restart: Restart
) -> None:
    """The last answer of a check-in, stored but unanswered, later gets its result and 'Saved'."""
    await onboard_pregnant(wired)
    sent_to_wire = wired.wire.do_request
    updates: list[Update] = []
    processed = wired.app.process_update

    async def drop_saved(url: str, method: str, request_data: Any = None, **kw: Any) -> Any:
        if request_data is not None and SAVED in str(request_data.parameters.get("text", "")):
            return 502, b'{"ok": false, "error_code": 502, "description": "Bad Gateway"}'
        return await sent_to_wire(url, method, request_data, **kw)

    async def recorded(update: object) -> None:
        assert isinstance(update, Update)
        updates.append(update)
        await processed(update)

    wired.wire.do_request = drop_saved  # type: ignore[assignment]
    wired.app.process_update = recorded  # type: ignore[method-assign]
    await answer_until_saved(wired)
    assert len(await wired.core.storage.load_history(wired.core.deps.hasher.user_key(USER))) == 1
    assert not any(SAVED in t for t in wired.wire.texts())
    again = await restart(wired)
    await again.app.process_update(updates[-1])
    assert any(SAVED in t for t in again.wire.texts()), again.wire.texts()
    assert len(await again.core.storage.load_history(again.core.deps.hasher.user_key(USER))) == 1


async def test_a_copy_arriving_while_the_first_is_sending_stays_silent(
    shared: Wired, clock: FakeClock, restart: Restart
) -> None:
    """A copy reaching another process within the lease waits, and once the first process
    reports its replies sent, the copy sends nothing."""
    update = await stored_unanswered(shared, 880006)
    other = await restart(shared)
    copy = asyncio.create_task(other.app.process_update(update))
    await clock.advance(1)
    assert not copy.done()
    incoming = Incoming(user_id=USER, chat_id=USER, kind="button", update_id=880006)
    await shared.core.service.sent(incoming)
    await clock.advance(1)
    await copy
    assert replies(other) == []


async def test_a_copy_waits_out_the_lease_and_then_sends_the_kept_replies(
    shared: Wired, clock: FakeClock, restart: Restart
) -> None:
    """When the first process never reports its replies sent, the copy sends them later."""
    update = await stored_unanswered(shared, 880007)
    other = await restart(shared)
    copy = asyncio.create_task(other.app.process_update(update))
    await clock.advance(OUTBOX_LEASE / 2)
    assert not copy.done()
    await clock.advance(OUTBOX_LEASE)
    await copy
    assert replies(other)


async def test_on_a_single_instance_store_kept_replies_are_resent_without_waiting(
    wired: Wired, restart: Restart
) -> None:
    """With the data directory's single-instance lock no other process can be sending, so a
    re-delivery after a restart sends the kept replies at once, inside the lease."""
    update = await stored_unanswered(wired, 880008)
    again = await restart(wired)
    await asyncio.wait_for(again.app.process_update(update), timeout=60)
    assert replies(again)


async def test_a_redelivered_update_already_answered_gets_no_second_reply(
    wired: Wired, restart: Restart
) -> None:
    """An update re-delivered after a restart, whose replies went out, is answered once only."""
    await onboard_pregnant(wired)
    update = await danger_signs_none(wired, 880003)
    await wired.app.process_update(update)
    again = await restart(wired)
    await again.app.process_update(update)
    assert replies(again) == []


async def test_a_failed_save_keeps_no_replies(wired: Wired) -> None:
    """When the write fails, nothing is kept: the user is told it was not saved."""
    await onboard_pregnant(wired)
    update = await danger_signs_none(wired, 880004)
    storage = wired.core.storage
    assert isinstance(storage, MemoryStorage)
    storage.fail_next_save()
    await wired.app.process_update(update)
    assert "could not save" in wired.wire.texts()[-1]
    outbox = await stored_outbox(wired)
    assert outbox is None or outbox["update_id"] != 880004  # type: ignore[index]
    assert not await wired.core.storage.was_sent(880004)


async def test_read_only_updates_are_not_written(wired: Wired) -> None:
    """/help changes nothing, so it writes nothing: no outbox, the document is as it was."""
    await onboard_pregnant(wired)
    key = wired.core.deps.hasher.user_key(USER)
    before = await wired.core.storage.load_user(key)
    update = message_update(wired.app.bot, USER, "/help", update_id=880005)  # type: ignore[arg-type]
    await wired.app.process_update(update)
    assert await wired.core.storage.load_user(key) == before


class Killed(Exception):
    """The process dying at this point (not a storage error: nothing is undone)."""


@pytest.fixture
async def on_disk(catalog: Catalog, clock: FakeClock, tmp_path: Path) -> AsyncIterator[Wired]:
    """A bot over the TinyDB engine, which writes the history and the state one after the other."""
    storage = await TinyDBStorage.open(tmp_path / "data")
    wired = wire_up(build_core(catalog, storage, clock, UserHasher(TEST_KEY)))
    async with wired.app:
        yield wired
    await storage.close()


async def test_a_crash_between_the_history_and_the_state_write_stores_the_check_in_once(
    on_disk: Wired, restart: Restart, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finishing answer killed after its record was appended but before its state was
    written is stored once when it comes again, and then answered with 'Saved'."""
    await onboard_pregnant(on_disk)
    await press(on_disk, "checkin:start")
    sign = next(d for _, d in on_disk.wire.last_buttons() if d.endswith(":heavy_bleeding"))
    update = callback_update(on_disk.app.bot, USER, sign, update_id=990001)

    def killed(self: TinyDBStorage, key: str, text: str) -> None:
        raise Killed

    monkeypatch.setattr(TinyDBStorage, "_write_state", killed)
    with contextlib.suppress(Killed):
        await on_disk.app.process_update(update)
    monkeypatch.undo()
    key = on_disk.core.deps.hasher.user_key(USER)
    assert len(await on_disk.core.storage.load_history(key)) == 1  # the crash came in between
    again = await restart(on_disk)
    await again.app.process_update(update)
    assert len(await again.core.storage.load_history(key)) == 1
    assert any(SAVED in t for t in again.wire.texts())
