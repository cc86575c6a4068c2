"""Three bot processes on one PostgreSQL, each behind its own webhook, against one fake Bot API.

The deployment of issue 8: N workers share a database, Telegram (here: this test) posts each
update to any of them, and re-delivers some. Per user, updates arrive one at a time, as
Telegram delivers them per chat; a re-delivery may reach another process while the first
copy is still being processed. See ``tests.multiprocess`` for the harness and the scripts.

Skipped without ``BOT_TEST_DATABASE_URL`` (``scripts/test`` starts a server and sets it).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import random
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.catalog.catalog import Catalog
from bot.domain.models import UserDoc
from bot.reminders.schedule import local_date
from tests.fakes.bot_api import FakeBotAPI, parse_html
from tests.multiprocess import (
    ClusterConfig,
    Schema,
    WebhookBot,
    drive,
    load_users,
    make_script,
    reminder_due_now,
    reply_texts,
    save_users,
    start_bots,
    stop_bots,
    user_docs,
)
from tests.support import postgres as pg

pytestmark = [
    pytest.mark.skipif(pg.database_url() is None, reason=pg.SKIP_REASON),
    pytest.mark.slow,
]

PROCESSES = 3
USERS = 50
UPDATES_PER_USER = 20
REDELIVERED_SHARE = 0.15
REMINDER_USERS = 1000
SEED = 8
FIRST_USER = 810_000_001
FIRST_REMINDER_USER = 820_000_001
REMINDERS_TIMEOUT = 90.0
QUIET_AFTER_LAST_SEND = 3.0
# Per process. The send rate is not under test here; at the default 25/s each process needs
# 40 s to walk through 1,000 due users (it spends a slot on a reminder another process won).
REMINDER_RATE = "100"


@pytest.fixture
def schema() -> Iterator[Schema]:
    """A fresh schema for this test's bots, dropped afterwards."""
    url = pg.database_url()
    assert url is not None
    created = Schema.create(url)
    try:
        yield created
    finally:
        created.drop()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """The one fake Bot API every process talks to."""
    async with FakeBotAPI() as fake:
        yield fake


@pytest.fixture
async def started(request: pytest.FixtureRequest) -> AsyncIterator[list[WebhookBot]]:
    """Every process the test starts; all are stopped (SIGTERM, then SIGKILL) in teardown."""
    bots: list[WebhookBot] = []
    try:
        yield bots
    finally:
        await stop_bots(bots, grace=5.0)


@contextlib.contextmanager
def stderr_on_failure(request: pytest.FixtureRequest, bots: list[WebhookBot]) -> Iterator[None]:
    """On failure, attach the stderr (JSON log lines) of every process to the report."""
    try:
        yield
    except BaseException:
        for bot in bots:
            title = f"{bot.name} stderr (pid {bot.process.pid})"
            request.node.add_report_section("call", title, bot.stderr_report())
        raise


async def test_updates_of_50_users_are_each_processed_once_and_in_order_by_three_processes(
    api: FakeBotAPI,
    schema: Schema,
    started: list[WebhookBot],
    catalog: Catalog,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """1,000 updates spread over three processes, some delivered twice, get one reply each in
    the order sent, each reply reflecting every earlier update of that user exactly once."""
    config = ClusterConfig(api, schema.url)
    rng = random.Random(SEED)
    users = list(range(FIRST_USER, FIRST_USER + USERS))
    scripts = {u: make_script(rng, catalog, UPDATES_PER_USER) for u in users}
    now = dt.datetime.now(dt.UTC)
    await save_users(schema.url, user_docs(config.hash_key, users, now))
    with stderr_on_failure(request, started):
        bots = await start_bots(config, PROCESSES, tmp_path, started)
        result = await drive(
            api, bots, scripts, secret=config.secret, seed=SEED, redeliver=REDELIVERED_SHARE
        )
        print(
            f"\n{result.updates} updates (+{result.redelivered} re-delivered) in "
            f"{result.elapsed:.1f} s; posts per process {dict(result.per_bot)}"
        )
        assert result.updates == USERS * UPDATES_PER_USER
        assert result.redelivered > 0.1 * result.updates
        assert set(result.per_bot) == {bot.name for bot in bots}
        assert dict(result.statuses) == {200: result.updates + result.redelivered}
        wrong = {
            user: reply_texts(api, user)
            for user in users
            if reply_texts(api, user) != [step.expected for step in scripts[user].steps]
        }
        assert not wrong, f"{len(wrong)} chats got other replies than expected: {wrong}"
        stored = await load_users(schema.url, list(user_docs(config.hash_key, users, now)))
        by_chat = {doc.chat_id: doc for doc in map(UserDoc.model_validate, stored.values())}
        for user in users:
            doc, script = by_chat[user], scripts[user]
            assert (doc.locale, doc.reminder.tz) == (script.locale, script.zone)
            assert doc.processed_updates == result.update_ids[user]


async def _wait_for_reminders(api: FakeBotAPI, chats: set[int]) -> None:
    """Until every chat got something and then nothing more was sent for a while."""
    deadline = time.monotonic() + REMINDERS_TIMEOUT
    while {s.chat_id for s in api.sent} < chats and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    count, quiet_since = len(api.sent), time.monotonic()
    while time.monotonic() - quiet_since < QUIET_AFTER_LAST_SEND:
        await asyncio.sleep(0.2)
        if len(api.sent) != count:
            count, quiet_since = len(api.sent), time.monotonic()


async def test_due_reminders_of_1000_users_are_each_sent_once_by_three_processes(
    api: FakeBotAPI,
    schema: Schema,
    started: list[WebhookBot],
    catalog: Catalog,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """1,000 reminders due at start, seen by all three schedulers, arrive exactly once each."""
    config = ClusterConfig(api, schema.url, extra_env={"BOT_REMINDER_RATE": REMINDER_RATE})
    users = list(range(FIRST_REMINDER_USER, FIRST_REMINDER_USER + REMINDER_USERS))
    now = dt.datetime.now(dt.UTC)
    prefs = reminder_due_now(now)
    docs = user_docs(config.hash_key, users, now, reminder=prefs)
    await save_users(schema.url, docs)
    with stderr_on_failure(request, started):
        bots = await start_bots(config, PROCESSES, tmp_path, started)
        await _wait_for_reminders(api, set(users))
        await stop_bots(bots)
        sent_by = {bot.name: bot.count_events("reminder_sent") for bot in bots}
        print(f"\nreminders sent per process: {sent_by}")
        # Every process indexed every user: each reminder was contended, not partitioned.
        for bot in bots:
            rebuilt = [r for r in bot.log_records() if r.get("event") == "reminder_index_rebuilt"]
            assert [r.get("users") for r in rebuilt] == [REMINDER_USERS], bot.name
        message = parse_html(catalog.t("en", "reminders.message"))
        per_chat = {user: [s.text for s in api.sent_to(user)] for user in users}
        wrong = {user: texts for user, texts in per_chat.items() if texts != [message]}
        assert not wrong, f"{len(wrong)} chats did not get exactly one reminder: {wrong}"
        assert len(api.sent) == REMINDER_USERS
        assert sum(sent_by.values()) == REMINDER_USERS
        today = local_date(now, prefs.tz)
        stored = await load_users(schema.url, list(docs))
        assert {UserDoc.model_validate(d).reminder.last_sent_date for d in stored.values()} == {
            today
        }
