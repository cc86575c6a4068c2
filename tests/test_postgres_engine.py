"""What the PostgreSQL engine promises beyond the shared contract: several processes at once.

Two or three ``PostgresStorage`` instances over one schema stand in for bot processes: each
has its own pool and its own in-process locks, so only the database can coordinate them.
Runs when BOT_TEST_DATABASE_URL is set (``scripts/pg-test-server start``), else skipped.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest
from psycopg import sql

from benchmarks.write_counters import RoundTrips
from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.models import ReminderPrefs, UserDoc
from bot.reminders.scheduler import ReminderScheduler, SendOutcome
from bot.storage.base import JsonDoc, StorageCorruptError, StorageError
from bot.storage.factory import open_storage
from bot.storage.migrations import MigrationError, apply_migrations, load_migrations
from bot.storage.pg_lock import PING_AFTER_IDLE_S
from bot.storage.postgres import USER_LOCK_NAMESPACE, PostgresStorage
from tests.support import postgres as pg
from tests.support.senders import ClaimingSender

pytestmark = pytest.mark.skipif(pg.database_url() is None, reason=pg.SKIP_REASON)

Opener = Callable[..., Awaitable[PostgresStorage]]


def key(name: str) -> str:
    """An opaque hex user key."""
    return hashlib.sha256(name.encode()).hexdigest()[:32]


ALICE = key("alice")
BOB = key("bob")


_drop_schemas = pg.drop_schemas_when_done("module")


@pytest.fixture
def url() -> str:
    """The test server's URL."""
    found = pg.database_url()
    assert found is not None
    return found


@pytest.fixture
def schema() -> str:
    """A fresh schema shared by every instance a test opens."""
    return pg.new_schema()


@pytest.fixture
async def open_instance(url: str, schema: str) -> AsyncIterator[Opener]:
    """Open 'processes' (engine instances) over the test's schema; all closed afterwards."""
    opened: list[PostgresStorage] = []

    async def opener(**options: object) -> PostgresStorage:
        storage = await PostgresStorage.open(url, schema=schema, **options)  # type: ignore[arg-type]
        opened.append(storage)
        return storage

    yield opener
    for storage in opened:
        await storage.close()


async def test_two_instances_serialise_read_modify_write_on_one_key(open_instance: Opener) -> None:
    """50 load-increment-save tasks split over two instances end at exactly 50."""
    first, second = await open_instance(), await open_instance()

    async def bump(storage: PostgresStorage) -> None:
        async with storage.user_lock(ALICE):
            doc = await storage.load_user(ALICE) or {"n": 0}
            await asyncio.sleep(0.002)  # a window in which an unlocked writer would interleave
            doc["n"] += 1
            await storage.save_user(ALICE, doc)

    await asyncio.gather(*(bump(first if i % 2 else second) for i in range(50)))
    assert await first.load_user(ALICE) == {"n": 50}


async def test_a_lock_held_by_one_instance_excludes_another(open_instance: Opener) -> None:
    """While one instance holds a user's lock, another instance cannot take it."""
    first, second = await open_instance(), await open_instance()
    async with first.user_lock(ALICE):
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3), second.user_lock(ALICE):
                pass


async def test_a_lock_on_one_key_does_not_block_another_instance_on_another_key(
    open_instance: Opener,
) -> None:
    """Another instance can lock a different user while the first lock is held."""
    first, second = await open_instance(), await open_instance()
    async with first.user_lock(ALICE), asyncio.timeout(2), second.user_lock(BOB):
        pass


async def test_a_released_lock_can_be_taken_by_another_instance(open_instance: Opener) -> None:
    """Once the holder's block exits, another instance gets the lock promptly."""
    first, second = await open_instance(), await open_instance()
    async with first.user_lock(ALICE):
        pass
    async with asyncio.timeout(2), second.user_lock(ALICE):
        pass


async def test_a_save_inside_a_lock_is_committed_before_the_block_ends(
    open_instance: Opener,
) -> None:
    """A save returns only once committed: another instance reads it while the lock is held."""
    first, second = await open_instance(), await open_instance()
    async with first.user_lock(ALICE):
        await first.save_user(ALICE, {"saved": True})
        assert await second.load_user(ALICE) == {"saved": True}


async def test_a_lock_whose_connection_dies_is_released_and_the_holder_cannot_write(
    open_instance: Opener, url: str
) -> None:
    """Killing the holder's session frees the lock for others, and the holder's save fails."""
    first, second = await open_instance(), await open_instance()
    with pytest.raises(StorageError):
        async with first.user_lock(ALICE):
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
                await admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks"
                    " WHERE locktype = 'advisory' AND classid::bigint = %s AND granted",
                    (USER_LOCK_NAMESPACE,),
                )
            async with asyncio.timeout(5), second.user_lock(ALICE):
                await second.save_user(ALICE, {"by": "second"})
            await first.save_user(ALICE, {"by": "first"})
    assert await second.load_user(ALICE) == {"by": "second"}


async def test_a_cancelled_wait_for_a_lock_leaves_no_lock_behind(open_instance: Opener) -> None:
    """A wait given up (timeout) while the lock is held does not later grab and keep it."""
    first, second, third = await open_instance(), await open_instance(), await open_instance()
    async with first.user_lock(ALICE):
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.2), second.user_lock(ALICE):
                pass
    async with asyncio.timeout(2), third.user_lock(ALICE):
        pass


async def test_work_inside_a_lock_needs_no_second_connection(open_instance: Opener) -> None:
    """With a pool of one connection, every operation inside a user lock still completes."""
    storage = await open_instance(min_size=1, max_size=1, pool_timeout=2)
    async with asyncio.timeout(5), storage.user_lock(ALICE):
        await storage.save_user(ALICE, {"v": 1})
        await storage.append_audit({"action": "consent"})
        await storage.add_feedback("topic", True)
        assert await storage.count_users() == 1
        assert await storage.load_user(ALICE) == {"v": 1}


async def test_feedback_votes_from_two_instances_are_all_counted(open_instance: Opener) -> None:
    """Concurrent votes through two instances add up with none lost."""
    first, second = await open_instance(), await open_instance()
    await asyncio.gather(*(s.add_feedback("discharge_colour", True) for s in [first, second] * 25))
    assert await first.feedback_counts() == {"discharge_colour": {"helpful": 50, "not_helpful": 0}}


async def test_each_update_id_is_claimed_once_across_instances(open_instance: Opener) -> None:
    """Three instances claiming the same 100 update ids win each id exactly once in total."""
    instances = [await open_instance() for _ in range(3)]
    ids = list(range(1000, 1100))
    results = await asyncio.gather(
        *(storage.claim_update(update_id) for update_id in ids for storage in instances)
    )
    wins = [sum(results[i * 3 : i * 3 + 3]) for i in range(len(ids))]
    assert wins == [1] * len(ids)


async def test_a_pruned_update_id_can_be_claimed_again(open_instance: Opener) -> None:
    """prune_sent forgets ids claimed before the cut-off."""
    storage = await open_instance()
    await storage.claim_update(7)
    assert await storage.prune_sent(datetime.now(UTC) + timedelta(minutes=1)) == 1
    assert await storage.claim_update(7) is True


async def test_each_reminder_is_claimed_by_exactly_one_of_three_instances(
    open_instance: Opener,
) -> None:
    """1,000 due reminders claimed concurrently by three instances: each won exactly once."""
    instances = [await open_instance() for _ in range(3)]
    due = [(key(f"user{i}"), date(2026, 6, 1)) for i in range(1000)]

    async def claim_all(storage: PostgresStorage, seed: int) -> list[tuple[str, date]]:
        order = due[:]
        random.Random(seed).shuffle(order)
        won: list[tuple[str, date]] = []
        for start in range(0, len(order), 50):
            won.extend(await storage.claim_reminders(order[start : start + 50]))
        return won

    results = await asyncio.gather(*(claim_all(s, i) for i, s in enumerate(instances)))
    every_win = [pair for won in results for pair in won]
    assert sorted(every_win) == sorted(due)


async def test_a_claimed_reminder_is_not_claimed_again(open_instance: Opener) -> None:
    """A second claim of the same user and local date returns nothing."""
    storage = await open_instance()
    await storage.claim_reminders([(ALICE, date(2026, 6, 1))])
    assert await storage.claim_reminders([(ALICE, date(2026, 6, 1))]) == set()


async def test_a_reminder_of_the_next_local_date_is_a_new_claim(open_instance: Opener) -> None:
    """Claims are per local date: tomorrow's reminder is claimable after today's."""
    storage = await open_instance()
    await storage.claim_reminders([(ALICE, date(2026, 6, 1))])
    assert await storage.claim_reminders([(ALICE, date(2026, 6, 2))]) == {(ALICE, date(2026, 6, 2))}


async def test_a_released_reminder_can_be_claimed_again(open_instance: Opener) -> None:
    """release_reminder (the send certainly failed) makes the reminder claimable again."""
    storage = await open_instance()
    await storage.claim_reminders([(ALICE, date(2026, 6, 1))])
    assert await storage.release_reminder(ALICE, date(2026, 6, 1)) is True
    assert await storage.claim_reminders([(ALICE, date(2026, 6, 1))]) == {(ALICE, date(2026, 6, 1))}


async def test_deleting_a_user_erases_their_reminder_claims(open_instance: Opener) -> None:
    """delete_user removes the user's claims too (nothing linked to an erased user stays)."""
    storage = await open_instance()
    await storage.save_user(ALICE, {"v": 1})
    await storage.claim_reminders([(ALICE, date(2026, 6, 1))])
    await storage.delete_user(ALICE)
    assert await storage.release_reminder(ALICE, date(2026, 6, 1)) is False


async def test_migrations_are_applied_once_per_schema(open_instance: Opener) -> None:
    """Re-running the migrations on a migrated schema applies nothing and adds no row."""
    await open_instance()
    storage = await open_instance()
    async with storage._connection() as conn:
        assert await apply_migrations(conn, storage._schema) == []
        cursor = await conn.execute("SELECT version FROM schema_version ORDER BY version")
        versions = [row[0] for row in await cursor.fetchall()]
    assert versions == [m.version for m in load_migrations()]


async def test_concurrent_first_opens_apply_each_migration_once(
    open_instance: Opener,
) -> None:
    """Three instances opening a brand-new schema at once all succeed; one row per version."""
    instances = await asyncio.gather(*(open_instance() for _ in range(3)))
    async with instances[0]._connection() as conn:
        cursor = await conn.execute("SELECT count(*) FROM schema_version")
        row = await cursor.fetchone()
    assert row is not None and row[0] == len(load_migrations())


async def test_a_schema_newer_than_the_code_is_refused(open_instance: Opener) -> None:
    """A database migrated by newer code (an unknown version) makes open raise."""
    storage = await open_instance()
    async with storage._connection() as conn:
        await conn.execute("INSERT INTO schema_version VALUES (999, 'future', 'x')")
    with pytest.raises(MigrationError, match="newer"):
        await open_instance()


async def test_an_edited_applied_migration_is_refused(open_instance: Opener) -> None:
    """A migration whose file changed after it was applied makes open raise."""
    storage = await open_instance()
    async with storage._connection() as conn:
        await conn.execute("UPDATE schema_version SET sha256 = 'edited' WHERE version = 1")
    with pytest.raises(MigrationError, match="edited"):
        await open_instance()


async def test_tables_live_in_the_given_schema(open_instance: Opener, schema: str) -> None:
    """With a schema, the users table is created there and not in public."""
    storage = await open_instance()
    async with storage._connection() as conn:
        cursor = await conn.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'users'"
            " AND table_schema = %s",
            (schema,),
        )
        assert await cursor.fetchall() == [(schema,)]


async def test_an_unreachable_database_raises_storage_error_without_the_password() -> None:
    """Opening against a closed port fails within the pool timeout, naming no password."""
    with pytest.raises(StorageError) as info:
        await PostgresStorage.open("postgresql://bot:s3cret-pw@127.0.0.1:1/bot", pool_timeout=1.0)
    assert "s3cret-pw" not in str(info.value)


async def test_content_gaps_keep_only_the_newest(open_instance: Opener) -> None:
    """Beyond max_content_gaps the oldest unmatched questions are dropped."""
    storage = await open_instance(max_content_gaps=3)
    for i in range(5):
        await storage.add_content_gap(f"q{i}", "en", f"2026-05-01T00:00:0{i}Z")
    assert [g["text"] for g in await storage.content_gaps()] == ["q2", "q3", "q4"]


async def test_drop_audit_before_removes_only_older_days(open_instance: Opener) -> None:
    """Retention drops the events of whole UTC days before the cut-off and keeps the rest."""
    now = {"t": datetime(2026, 5, 1, 12, tzinfo=UTC)}
    storage = await open_instance(clock=lambda: now["t"])
    for day in (1, 2, 3):
        now["t"] = datetime(2026, 5, day, 12, tzinfo=UTC)
        await storage.append_audit({"day": day})
    assert await storage.drop_audit_before(date(2026, 5, 3)) == 2
    assert await storage.audit_events() == [{"day": 3}]


async def test_a_restarted_database_connection_is_replaced_transparently(
    open_instance: Opener, url: str
) -> None:
    """After the pooled session is killed (as by a database restart) and the connection sat
    idle, the next call succeeds on a new one."""
    storage = await open_instance(min_size=1, max_size=1)
    await storage.save_user(ALICE, {"v": 1})
    async with storage._connection() as conn:
        pid = conn.info.backend_pid
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
        await admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    await asyncio.sleep(PING_AFTER_IDLE_S + 0.1)  # a restart takes longer than this
    assert await storage.load_user(ALICE) == {"v": 1}


async def test_a_turn_makes_two_round_trips_to_take_the_lock_load_check_and_save(
    open_instance: Opener,
) -> None:
    """Lock, state, sent mark, save and unlock of one turn cost two round trips in all."""
    storage = await open_instance()
    await storage.save_user(ALICE, {"v": 1})
    trips = RoundTrips()
    with trips.counting():
        async with storage.user_lock(ALICE, update_id=5):
            doc = await storage.load_user(ALICE)
            assert not await storage.was_sent(5)
            await storage.save_user(ALICE, {"v": 2}, append=[{"id": "r1"}])
    assert (doc, trips.count) == ({"v": 1}, 2)


async def test_the_bot_opens_one_connection_per_concurrent_user_at_start(url: str) -> None:
    """The engine the bot opens holds a connection for each user it may handle at once
    before the first update, so a burst does not wait while the pool grows."""
    settings = Settings(
        telegram_bot_token=None,
        bot_database_url=url,
        bot_concurrency=3,
        _env_file=None,  # type: ignore[call-arg]
    )
    storage = await open_storage(settings)
    try:
        assert isinstance(storage, PostgresStorage)
        assert storage._pool.get_stats()["pool_size"] == 3
    finally:
        await storage.close()


async def test_a_swap_with_its_sent_mark_costs_one_round_trip(open_instance: Opener) -> None:
    """Lock, compare, save and sent mark after the replies went out: one round trip."""
    storage = await open_instance()
    await storage.save_user(ALICE, {"v": 1})
    trips = RoundTrips()
    with trips.counting():
        swapped = await storage.swap_user(ALICE, {"v": 1}, {"v": 2}, mark_sent=6)
    assert (swapped, trips.count, await storage.was_sent(6)) == (True, 1, True)


async def test_the_round_trip_counter_sees_the_prepare_psycopg_adds_to_a_repeated_statement(
    url: str,
) -> None:
    """The sixth run of a statement outside a pipeline, which psycopg prepares first, counts
    as two round trips."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        for _ in range(5):
            await conn.execute("SELECT %s::int", (1,))
        trips = RoundTrips()
        with trips.counting():
            await conn.execute("SELECT %s::int", (1,))
    assert trips.count == 2


async def test_a_block_that_writes_nothing_still_releases_the_lock(
    open_instance: Opener,
) -> None:
    """A turn that only reads ends its transaction, so another instance gets the lock."""
    first, second = await open_instance(), await open_instance()
    async with first.user_lock(ALICE):
        await first.load_user(ALICE)
    async with asyncio.timeout(2), second.user_lock(ALICE):
        pass


async def test_a_failed_audit_write_inside_a_turn_does_not_abort_its_save(
    open_instance: Opener,
) -> None:
    """Other work failing inside the lock's transaction leaves the turn's save possible."""
    storage = await open_instance()
    async with storage.user_lock(ALICE):
        await storage.load_user(ALICE)
        with pytest.raises(StorageError):
            async with storage._connection() as conn:  # as every storage method does
                await conn.execute("SELECT 1/0")
        await storage.save_user(ALICE, {"v": 3})
    assert await storage.load_user(ALICE) == {"v": 3}


class CountingSender(ClaimingSender):
    """Counts reminder sends per chat, across every scheduler that shares it."""

    def __init__(self) -> None:
        """No sends yet."""
        self.sends: dict[int, int] = {}

    async def deliver(self, chat_id: int, locale: str) -> SendOutcome:
        """Record one send; yield so other schedulers run in between."""
        self.sends[chat_id] = self.sends.get(chat_id, 0) + 1
        await asyncio.sleep(0)
        return SendOutcome.SENT


def reminder_user(i: int) -> UserDoc:
    """A consenting user whose 09:00 Berlin reminder was last sent the day before."""
    return UserDoc(
        key=f"{i:032x}",
        chat_id=10_000 + i,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        consent_at=datetime(2026, 1, 1, tzinfo=UTC),
        reminder=ReminderPrefs(
            enabled=True, time="09:00", tz="Europe/Berlin", last_sent_date=date(2026, 6, 9)
        ),
    )


async def test_three_schedulers_on_three_instances_send_each_due_reminder_once(
    open_instance: Opener,
) -> None:
    """300 reminders due at once, found by three schedulers over three instances: one send each."""
    instances = [await open_instance() for _ in range(3)]
    users = [reminder_user(i) for i in range(300)]
    await instances[0].save_users({u.key: u.model_dump(mode="json") for u in users})
    clock = FakeClock(datetime(2026, 6, 10, 7, 0, tzinfo=UTC))  # 09:00 in Berlin
    sender = CountingSender()
    schedulers = [ReminderScheduler(s, clock, sender, concurrency=8) for s in instances]
    for scheduler in schedulers:
        await scheduler.start()
    try:
        async with asyncio.timeout(30):
            while sum(sender.sends.values()) < len(users):
                await asyncio.sleep(0.05)
            await asyncio.gather(*(scheduler.idle() for scheduler in schedulers))
    finally:
        for scheduler in schedulers:
            await scheduler.stop()
    assert sender.sends == {u.chat_id: 1 for u in users}


def _needs_version(doc: JsonDoc) -> None:
    """A stand-in schema: documents must carry an integer "v"."""
    if not isinstance(doc.get("v"), int):
        raise ValueError(f"bad document {doc!r}")


async def test_a_document_failing_the_schema_refuses_the_open_without_its_content(
    open_instance: Opener,
) -> None:
    """A stored document that fails ``validate`` stops the next open, naming the key only."""
    first = await open_instance()
    await first.save_user(ALICE, {"v": "secret-value"})
    with pytest.raises(StorageCorruptError, match=ALICE) as caught:
        await open_instance(validate=_needs_version)
    assert "secret-value" not in str(caught.value)
    assert await first.load_user(ALICE) == {"v": "secret-value"}


async def test_the_full_check_reads_every_history_record(
    open_instance: Opener, url: str, schema: str
) -> None:
    """A history row that is not a record stops a full check; the quick check opens anyway."""
    storage = await open_instance()
    await storage.save_user(ALICE, {"v": 1}, append=[{"id": "r1"}])
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
        await admin.execute(
            sql.SQL("INSERT INTO {}.history (key, id, rec) VALUES (%s, 'r2', '[1]')").format(
                sql.Identifier(schema)
            ),
            (ALICE,),
        )
    await open_instance(check="quick")
    with pytest.raises(StorageCorruptError):
        await open_instance(check="full")
