"""Retention: which users' data has expired (a pure decision) and the purge that erases them,
tells the reminder scheduler, drops old audit days and runs once a day.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.models import CheckIn, Profile, UserDoc
from bot.retention import RetentionPolicy, decide, next_run, purge, purge_daily
from bot.storage.base import JsonDoc
from bot.storage.memory import MemoryStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.support.stored import expected_whole, store_user, whole_user, with_checkins

NOW = dt.datetime(2027, 6, 1, 12, 0, tzinfo=dt.UTC)
POLICY = RetentionPolicy()
KEYS = {name: f"{n:x}" * 32 for n, name in enumerate(("ann", "bea", "cat", "dee", "eve"), 1)}


def ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def user(
    key: str = KEYS["ann"],
    *,
    checkins_ago: list[float] | None = None,
    seen_ago: float | None = 1,
    created_ago: float = 800,
    active: bool = True,
    status: str | None = "not_pregnant",
    due_ago: int | None = None,
) -> UserDoc:
    """A consented user with check-ins the given number of days ago."""
    checkins = [
        CheckIn(at=ago(d), local_date=ago(d).date(), answers={}, level="normal")
        for d in checkins_ago or []
    ]
    due = (NOW - dt.timedelta(days=due_ago)).date() if due_ago is not None else None
    doc = UserDoc(
        key=key,
        chat_id=1,
        created_at=ago(created_ago),
        consent_at=ago(created_ago),
        active=active,
        profile=Profile(status=status, due_date=due),
        last_seen=ago(seen_ago) if seen_ago is not None else None,
    )
    return with_checkins(doc, checkins)


# --- the decision -----------------------------------------------------------------------------


def test_recent_check_ins_are_kept() -> None:
    """A user who checked in last week keeps their data."""
    assert decide(user(checkins_ago=[400, 7]), NOW, POLICY) is None


def test_data_expires_a_year_after_the_last_check_in() -> None:
    """366 days after the last check-in the data has expired; 364 days after, it has not."""
    assert decide(user(checkins_ago=[364]), NOW, POLICY) is None
    expiry = decide(user(checkins_ago=[500, 366]), NOW, POLICY)
    assert expiry is not None and expiry.reason == "last_checkin"
    assert expiry.since == ago(1)


def test_pregnancy_data_expires_six_months_after_the_due_date() -> None:
    """184 days after the due date a pregnancy's data has expired, even with recent check-ins."""
    assert decide(user(status="pregnant", due_ago=182, checkins_ago=[1]), NOW, POLICY) is None
    expiry = decide(user(status="postpartum", due_ago=184, checkins_ago=[1]), NOW, POLICY)
    assert expiry is not None and expiry.reason == "due_date"


def test_an_old_due_date_does_not_expire_someone_no_longer_pregnant() -> None:
    """The due-date rule applies only while the profile is a pregnancy."""
    assert decide(user(status="not_pregnant", due_ago=400, checkins_ago=[3]), NOW, POLICY) is None


def test_users_without_check_ins_expire_after_ninety_days_unseen() -> None:
    """No check-ins: kept 89 days after last seen, expired after 91."""
    assert decide(user(seen_ago=89), NOW, POLICY) is None
    expiry = decide(user(seen_ago=91), NOW, POLICY)
    assert expiry is not None and expiry.reason == "inactive"


def test_users_never_seen_are_judged_by_when_they_were_created() -> None:
    """Without a last-seen time the creation time counts."""
    assert decide(user(seen_ago=None, created_ago=30), NOW, POLICY) is None
    assert decide(user(seen_ago=None, created_ago=91), NOW, POLICY) is not None


def test_blocked_users_expire_after_ninety_days_even_with_check_ins() -> None:
    """A user who blocked the bot 91 days ago has expired although the check-ins are recent."""
    expiry = decide(user(active=False, seen_ago=91, checkins_ago=[95]), NOW, POLICY)
    assert expiry is not None and expiry.reason == "inactive"


def test_active_users_with_check_ins_are_not_expired_for_being_quiet() -> None:
    """Being unseen for 200 days alone does not expire a user with check-ins within a year."""
    assert decide(user(seen_ago=200, checkins_ago=[200]), NOW, POLICY) is None


def test_the_earliest_passed_deadline_is_the_reason() -> None:
    """When several rules have passed, the one that passed first is reported."""
    expiry = decide(user(status="pregnant", due_ago=600, checkins_ago=[370]), NOW, POLICY)
    assert expiry is not None and expiry.reason == "due_date"


def test_policy_comes_from_settings() -> None:
    """BOT_RETENTION_* settings set the periods."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_retention_days_after_last_checkin=30,
        bot_retention_days_after_due_date=10,
        bot_retention_days_inactive=5,
    )
    assert RetentionPolicy.from_settings(settings) == RetentionPolicy(30, 10, 5)


# --- the purge --------------------------------------------------------------------------------


async def stored(storage: Any, *docs: UserDoc) -> None:
    for doc in docs:
        await store_user(storage, doc.key, doc)


async def test_purge_erases_expired_users_and_keeps_the_rest() -> None:
    """Expired users are erased and reported; everyone else is untouched."""
    storage = MemoryStorage()
    keep = user(KEYS["ann"], checkins_ago=[3])
    await stored(
        storage,
        keep,
        user(KEYS["bea"], checkins_ago=[400]),
        user(KEYS["cat"], seen_ago=120),
    )
    erased: list[str] = []

    async def forget(key: str) -> None:
        erased.append(key)

    report = await purge(storage, FakeClock(NOW), POLICY, on_erased=forget)
    assert sorted(erased) == sorted([KEYS["bea"], KEYS["cat"]])
    assert (report.checked, report.erased) == (3, 2)
    assert report.reasons == {"last_checkin": 1, "inactive": 1}
    assert await whole_user(storage, KEYS["ann"]) == expected_whole(keep)
    assert await storage.count_users() == 1


async def test_purge_records_one_audit_event_with_counts_only() -> None:
    """The run is audited once: action, time and how many were erased; no keys."""
    storage = MemoryStorage()
    await stored(storage, user(KEYS["bea"], checkins_ago=[400]))
    await purge(storage, FakeClock(NOW), POLICY)
    assert await storage.audit_events() == [{"action": "purge", "at": NOW.isoformat(), "erased": 1}]


class CheckInDuringScan(MemoryStorage):
    """Storage where the user checks in right after the purge has read them."""

    async def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        async for key, doc in super().iter_users():
            yield key, doc
            fresh = UserDoc.model_validate(doc)
            record = CheckIn(at=NOW, local_date=NOW.date(), answers={}, level="normal")
            fresh.history = fresh.history.plus(record)
            await self.save_user(
                key, fresh.model_dump(mode="json"), append=[record.model_dump(mode="json")]
            )


async def test_a_user_who_checks_in_during_the_purge_is_kept() -> None:
    """Expiry is decided again under the user's lock, so a fresh check-in saves the data."""
    storage = CheckInDuringScan()
    await stored(storage, user(KEYS["bea"], checkins_ago=[400]))
    report = await purge(storage, FakeClock(NOW), POLICY)
    assert report.erased == 0
    assert await storage.count_users() == 1


async def test_documents_that_do_not_validate_are_left_for_an_operator() -> None:
    """A document that fails validation is counted as unreadable and not erased."""
    storage = MemoryStorage()
    await storage.save_user(KEYS["dee"], {"key": KEYS["dee"], "unexpected": True})
    report = await purge(storage, FakeClock(NOW), POLICY)
    assert (report.unreadable, report.erased) == (1, 0)
    assert await storage.count_users() == 1


async def test_purge_leaves_no_trace_of_expired_users_and_drops_old_audit_days(
    tmp_path: Path,
) -> None:
    """On TinyDB, no file names or holds an expired user's record id; old audit days go."""
    when = {"now": NOW - dt.timedelta(days=200)}
    storage = await TinyDBStorage.open(tmp_path / "data", clock=lambda: when["now"])
    try:
        expired = user(KEYS["bea"], checkins_ago=[400])
        kept = user(KEYS["ann"], checkins_ago=[2])
        await stored(storage, expired, kept)
        await storage.append_audit({"action": "consent", "user": "x", "at": "old"})
        when["now"] = NOW
        report = await purge(storage, FakeClock(NOW), POLICY)
        canary = expired.checkins[0].id
        files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
        assert [
            p for p in files if canary.encode() in p.read_bytes() or KEYS["bea"] in p.name
        ] == []
        assert report.audit_days_dropped == 1
        assert [e["action"] for e in await storage.audit_events()] == ["purge"]
        assert await storage.load_user(KEYS["ann"]) is not None
    finally:
        await storage.close()


def test_next_run_is_the_next_three_oclock_utc() -> None:
    """Before 03:00 the run is today; at or after 03:00, tomorrow."""
    assert next_run(dt.datetime(2027, 6, 1, 2, 59, tzinfo=dt.UTC)) == dt.datetime(
        2027, 6, 1, 3, tzinfo=dt.UTC
    )
    assert next_run(dt.datetime(2027, 6, 1, 3, 0, tzinfo=dt.UTC)) == dt.datetime(
        2027, 6, 2, 3, tzinfo=dt.UTC
    )


async def test_purge_daily_runs_once_a_day_at_three() -> None:
    """From 01:00 on day one to noon on day two the purge runs exactly twice, at 03:00."""
    storage = MemoryStorage()
    clock = FakeClock(dt.datetime(2027, 6, 1, 1, 0, tzinfo=dt.UTC))
    task = asyncio.create_task(purge_daily(storage, clock, POLICY))
    try:
        await clock.advance(dt.timedelta(hours=1, minutes=59))
        assert await storage.audit_events() == []
        await clock.advance(dt.timedelta(days=1, hours=10))
        runs = [e["at"] for e in await storage.audit_events()]
        assert runs == ["2027-06-01T03:00:00+00:00", "2027-06-02T03:00:00+00:00"]
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_purge_forgets_sent_marks_after_48_hours() -> None:
    """Sent marks older than 48 h are pruned; younger ones are kept."""
    times = iter([NOW - dt.timedelta(hours=49), NOW - dt.timedelta(hours=47)])
    storage = MemoryStorage(clock=lambda: next(times))
    await storage.mark_sent(1)
    await storage.mark_sent(2)
    report = await purge(storage, FakeClock(NOW), POLICY)
    assert report.update_ids_pruned == 1
    assert (await storage.was_sent(1), await storage.was_sent(2)) == (False, True)
