"""Latency budget (RELIABILITY D6): handler time and event-loop health over a full data set.

Seeds a TinyDB data directory (``bot.storage.tinydb_store.TinyDBStorage``, the real engine
with its fsync'ed atomic writes) with ``--users`` people, each with ``--checkins`` valid
stored check-ins (``UserDoc`` documents built directly, answers drawn from the vocabulary and
triaged by the real rules), then drives the real PTB ``Application`` (built as the bot builds
it, a recording fake request at the wire) with a burst of ``--burst`` updates: seeded people
doing check-ins, ``/checkin`` and then every answer the flow asks for: button presses, and
a typed number where the flow wants one (cycle day). Each person sends an update once the
previous one was processed; the waiting updates are fetched in batches of ``--limit`` and
each batch goes through the real poller's ``process_batch`` (users concurrently, at most
``--concurrency``, each user's updates in order), with the bot's defaults (10 and 16).

The event loop runs in debug mode with ``slow_callback_duration = 0.5`` and asyncio's
"Executing ... took" warnings (logger ``asyncio``) are counted during the burst.

``--fan-out`` (RELIABILITY R8: the D6 load during a 09:00 fan-out) also runs the real
reminder scheduler, built as the runner builds it and sending through its own fake request
at the bot's reminder rate. Every seeded user with reminders on (about half) was due a
minute before seeding, so once its index is built (before the burst starts: a running bot
built it long before 09:00) thousands are due at once and go out while the answers are
handled. After the burst it waits for the scheduler to go idle and reports how many were
sent, skipped (the user checked in first), missed (beyond the grace window: must be 0),
failed or sent twice.

    .venv/bin/python benchmarks/latency_bench.py                # 5,000 x 60, 1,000 answers
    .venv/bin/python benchmarks/latency_bench.py --users 200 --burst 200   # smoke size
    .venv/bin/python benchmarks/latency_bench.py --dir /mnt/data   # on another file system
    .venv/bin/python benchmarks/latency_bench.py --fan-out          # D6 load during reminders

Reported: handler time (``app.process_update`` per update) p50 / p99 / max, slow-callback
warnings, the worst loop stall a 5 ms ticker saw, seeding time and the data size on disk,
and the CPU time per update of this process during the burst (all threads: the loop, the
storage worker and the harness's own fake wire; far less sensitive to other load on the
machine than the handler times).
Targets: p99 <= 200 ms and no slow callback. PTB's ``AIORateLimiter`` is left out: its
waits are Telegram's pacing, not handler work (``e2e_bench.py`` measures the bot with it).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import datetime as dt
import json
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram import Bot, Update  # noqa: E402
from telegram.ext import Application  # noqa: E402
from telegram.request import RequestData  # noqa: E402

from benchmarks.write_counters import RoundTrips, SaveBytes  # noqa: E402
from bot.app import PLACEHOLDER_TOKEN, Core, build_application, build_core  # noqa: E402
from bot.catalog.catalog import Catalog  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.domain.models import (  # noqa: E402
    CheckIn,
    HistoryInfo,
    Profile,
    ReminderPrefs,
    UserDoc,
)
from bot.domain.pregnancy import due_date_from_weeks  # noqa: E402
from bot.domain.stage import LifeStage  # noqa: E402
from bot.domain.triage import TriageResult, evaluate  # noqa: E402
from bot.domain.vocabulary import Answers  # noqa: E402
from bot.gc_tuning import settle_heap  # noqa: E402
from bot.privacy import UserHasher  # noqa: E402
from bot.runner import build_scheduler  # noqa: E402
from bot.services.flood import FloodGate  # noqa: E402
from bot.storage.base import DocValidator, Storage  # noqa: E402
from bot.storage.postgres import PostgresStorage, pool_bounds  # noqa: E402
from bot.storage.tinydb_store import TinyDBStorage  # noqa: E402
from bot.tg.polling import CommitAfterProcessPoller  # noqa: E402
from tests.support.checkin_walk import Buttons, Wanted, answer_taps, find, question  # noqa: E402
from tests.support.updates import callback_update, message_update  # noqa: E402
from tests.support.wire import FakeRequest, inline_buttons  # noqa: E402

TARGET_P99_MS = 200.0
TARGET_SLOW_CALLBACKS = 0
SLOW_CALLBACK_S = 0.5
HASH_KEY = b"latency-bench-key-0123456789abcd"
FIRST_USER_ID = 10_000_000
TICK_S = 0.005
FAN_OUT_LEAD = dt.timedelta(minutes=1)  # reminders were due this long before seeding
FAN_OUT_IDLE_TIMEOUT_S = 900.0
SEED_CHUNK = 64
ANSWER_POOL = 256  # distinct triaged answer sets the seeded check-ins are drawn from
WARM_UP_PEOPLE = 1
UPDATES_PER_PERSON = 20  # a check-in is about 16 updates: the burst has burst / 20 people
# Check-ins per person at most: the per-user flood gate (a burst of 40) must not drop any.
ROUNDS = 2
POLL_LIMIT = int(Settings.model_fields["bot_poll_limit"].default)
CONCURRENCY = int(Settings.model_fields["bot_concurrency"].default)
STATUSES = (("pregnant", 0.65), ("not_pregnant", 0.30), ("postpartum", 0.05))

AnyApp = Application[Any, Any, Any, Any, Any, Any]
Choices = dict[str, Wanted | int]  # per question: the wanted buttons, or a number to type


@dataclass
class Result:
    """What one run measured (times in ms unless named otherwise)."""

    users: int
    checkins_per_user: int
    burst: int
    limit: int
    concurrency: int
    debug: bool
    seed_s: float
    data_mb: float
    open_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    slow_callbacks: int
    worst_stall_ms: float
    burst_s: float
    people: int
    checkins_completed: int
    handler_errors: int
    tap_bytes_median: float  # payload bytes a save writes for a tap mid-check-in
    tap_bytes_max: int
    round_trips_per_update: float  # PostgreSQL only (0 for the embedded engine)
    cpu_ms_per_update: float  # this process's CPU (all threads) during the burst, per update
    slow_examples: list[str] = field(default_factory=list)
    fan_out: FanOut | None = None

    @property
    def records(self) -> int:
        """Stored check-ins before the burst."""
        return self.users * self.checkins_per_user

    @property
    def met(self) -> bool:
        """Both D6 targets (and R8's when the fan-out ran)."""
        return (
            self.p99_ms <= TARGET_P99_MS
            and self.slow_callbacks <= TARGET_SLOW_CALLBACKS
            and (self.fan_out is None or self.fan_out.met)
        )


@dataclass
class FanOut:
    """The reminder fan-out that ran during the burst (R8)."""

    due: int  # seeded users with reminders on: all due at the burst's start
    reminded: int  # of them, chats that got a reminder
    checked_in: int  # of the others, people who checked in during the burst (no reminder due)
    unreached: int  # due, not reminded and not checked in: must be 0
    missed: int  # skipped because found beyond the grace window
    failed: int  # sends that errored, timed out or found the user blocked
    duplicates: int  # chats that got more than one reminder
    during_burst: int  # reminders sent by the end of the burst
    seconds: float  # from the burst's start until the scheduler was idle

    @property
    def met(self) -> bool:
        """Every due reminder fired once, unless its user checked in first."""
        return (
            self.unreached == 0 and self.missed == 0 and self.failed == 0 and self.duplicates == 0
        )


# --- seeding -----------------------------------------------------------------------------------


def pick_status(rng: random.Random) -> str:
    """A life stage in roughly the mix the bot expects."""
    roll, total = rng.random(), 0.0
    for status, share in STATUSES:
        total += share
        if roll < total:
            return status
    return STATUSES[0][0]


def random_choices(catalog: Catalog, status: str, weeks: int | None, rng: random.Random) -> Choices:
    """One plausible answer per question the flow asks this stage: no danger sign, so every
    question is asked; multi-selects mostly "none"; numbers in range."""
    choices: Choices = {}
    stage = LifeStage(status, weeks)
    for step in catalog.flow.applicable(stage):
        spec = catalog.vocab.fields[step.field]
        offered = step.offered(spec.options, stage)
        if spec.type == "integer":
            low, high = spec.range or (1, 1)
            choices[step.field] = rng.randint(low, min(high, 35))
        elif spec.type == "many":
            others = [o for o in offered if o != "none"]
            if step.stop_unless or rng.random() < 0.6:
                choices[step.field] = ["none"]
            else:
                choices[step.field] = rng.sample(others, rng.randint(1, 2))
        else:
            choices[step.field] = rng.choice(offered)
    return choices


def answer_pool(catalog: Catalog, rng: random.Random) -> list[tuple[Answers, TriageResult]]:
    """Validated, triaged answer sets for seeded check-ins (level, reasons and topics real)."""
    pool = []
    for _ in range(ANSWER_POOL):
        status = pick_status(rng)
        weeks = rng.randint(6, 40) if status == "pregnant" else None
        raw: dict[str, object] = dict(random_choices(catalog, status, weeks, rng))
        raw["status"] = status
        if weeks is not None:
            raw["weeks"] = weeks
        answers = catalog.vocab.validate_answers(raw)
        pool.append((answers, evaluate(catalog.triage, answers)))
    return pool


def user_doc(
    hasher: UserHasher,
    user_id: int,
    checkins: int,
    pool: list[tuple[Answers, TriageResult]],
    now: dt.datetime,
    rng: random.Random,
) -> UserDoc:
    """A consented user with a stage and ``checkins`` past check-ins, one a day; about half
    have daily reminders, due a minute before ``now`` (UTC), for the fan-out."""
    today = now.date()
    status = pick_status(rng)
    if status == "pregnant":
        # At least 20 weeks on the day of the burst, so the longest flow is walked.
        profile = Profile(
            status="pregnant", due_date=due_date_from_weeks(rng.randint(20, 38), today)
        )
    elif status == "not_pregnant":
        profile = Profile(
            status="not_pregnant", cycle_start=today - dt.timedelta(days=rng.randint(0, 27))
        )
    else:
        profile = Profile(status="postpartum")
    history = []
    for day in range(checkins, 0, -1):
        at = now - dt.timedelta(days=day, minutes=rng.randint(0, 600))
        answers, result = rng.choice(pool)
        history.append(
            CheckIn(
                at=at,
                local_date=at.date(),
                answers=answers,
                level=result.level,
                reasons=list(result.reasons),
                topics=list(result.topics),
            )
        )
    doc = UserDoc(
        key=hasher.user_key(user_id),
        chat_id=user_id,
        created_at=now - dt.timedelta(days=checkins + 1),
        consent_at=now - dt.timedelta(days=checkins + 1),
        profile=profile,
        history=HistoryInfo.of(history),
        reminder=ReminderPrefs(
            enabled=rng.random() < 0.5, time=(now - FAN_OUT_LEAD).strftime("%H:%M"), tz="UTC"
        ),
        processed_updates=[rng.getrandbits(31) for _ in range(64)],
        last_seen=now - dt.timedelta(days=1),
    )
    doc.checkins = history
    return doc


# Opens the engine under test, with the start-up schema check when given a validator.
Opener = Callable[[DocValidator | None], Awaitable[Storage]]


def tinydb_opener(data_dir: Path) -> Opener:
    """The embedded engine over ``data_dir``."""

    async def open_it(validate: DocValidator | None) -> Storage:
        return await TinyDBStorage.open(data_dir, validate=validate)

    return open_it


def postgres_opener(url: str, schema: str) -> Opener:
    """The PostgreSQL engine over its own schema, with a pool sized like the bot's."""
    min_size, max_size = pool_bounds(CONCURRENCY)

    async def open_it(validate: DocValidator | None) -> Storage:
        return await PostgresStorage.open(
            url, schema=schema, validate=validate, min_size=min_size, max_size=max_size
        )

    return open_it


async def seed(
    opener: Opener, users: int, checkins: int, catalog: Catalog, hasher: UserHasher
) -> tuple[float, set[int]]:
    """Save ``users`` documents through the engine (durably); the seconds it took and the
    chats with reminders on."""
    rng = random.Random(6)
    pool = answer_pool(catalog, rng)
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    storage = await opener(None)
    reminders: set[int] = set()
    try:
        for start in range(0, users, SEED_CHUNK):
            docs = [
                user_doc(hasher, FIRST_USER_ID + i, checkins, pool, now, rng)
                for i in range(start, min(users, start + SEED_CHUNK))
            ]
            reminders.update(d.chat_id for d in docs if d.reminder.enabled)
            await asyncio.gather(
                *(
                    storage.save_user(
                        d.key,
                        d.model_dump(mode="json"),
                        append=[c.model_dump(mode="json") for c in d.checkins],
                    )
                    for d in docs
                )
            )
    finally:
        await storage.close()
    return time.perf_counter() - started, reminders


async def postgres_mb(url: str, schema: str) -> float:
    """Bytes of the schema's tables and indexes, in MB."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        cursor = await conn.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        )
        row = await cursor.fetchone()
    return float(row[0] if row else 0) / 1e6


async def drop_schema(url: str, schema: str) -> None:
    """Remove the benchmark's schema."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute(
            sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
        )


def disk_mb(path: Path) -> float:
    """Bytes of every file under ``path``, in MB."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += (Path(folder) / name).stat().st_size
    return total / 1e6


# --- the burst ---------------------------------------------------------------------------------


@dataclass
class ScreenWire(FakeRequest):
    """The fake request, also keeping each chat's current screen (message id, buttons)."""

    screens: dict[int, tuple[int, Buttons]] = field(default_factory=dict)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        status, body = await super().do_request(url, method, request_data)
        api_method = url.rsplit("/", 1)[-1]
        if api_method in ("sendMessage", "editMessageText") and request_data is not None:
            params = request_data.parameters
            result = json.loads(body).get("result")
            chat_id = int(str(params.get("chat_id", 0)))
            if isinstance(result, dict):
                buttons: Buttons = [
                    (b["text"], b.get("callback_data"))
                    for b in inline_buttons(params.get("reply_markup"))
                ]
                self.screens[chat_id] = (int(result["message_id"]), buttons)
        return status, body

    def buttons(self, chat_id: int) -> Buttons:
        """The buttons of the chat's last message (none when it had none)."""
        return self.screens.get(chat_id, (0, []))[1]

    def message_id(self, chat_id: int) -> int:
        """The id of the chat's last message sent or edited."""
        return self.screens.get(chat_id, (0, []))[0]


class Counter(logging.Handler):
    """Counts log records that match, keeping the first few messages."""

    def __init__(self, keep: Callable[[logging.LogRecord], bool]) -> None:
        super().__init__(logging.DEBUG)
        self.keep = keep
        self.count = 0
        self.examples: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.keep(record):
            self.count += 1
            if len(self.examples) < 5:
                self.examples.append(record.getMessage()[:300])


class TimedApp:
    """Stands in for the Application in the poller: times each ``process_update``."""

    def __init__(self, app: AnyApp, times: list[float]) -> None:
        self.app = app
        self.times = times

    async def process_update(self, update: object) -> None:
        """The real ``process_update``, its duration appended to ``times``."""
        started = time.perf_counter()
        await self.app.process_update(update)
        self.times.append(time.perf_counter() - started)


class Burst:
    """People doing check-ins, their updates fetched and processed as the poller does.

    Each person sends an update and waits until it was processed before sending the next
    (in order, as a person reading the reply does). A fetch loop takes the waiting updates in
    batches of ``limit`` (``getUpdates``) and hands each batch to the real
    ``CommitAfterProcessPoller.process_batch``: users concurrently, at most ``concurrency``.
    """

    def __init__(
        self, app: AnyApp, wire: ScreenWire, budget: int, limit: int, concurrency: int
    ) -> None:
        self.app = app
        self.wire = wire
        self.budget = budget
        self.limit = limit
        self.times: list[float] = []
        timed = cast(AnyApp, TimedApp(app, self.times))
        self.poller = CommitAfterProcessPoller(timed, limit=limit, concurrency=concurrency)
        self.pending: list[tuple[Update, asyncio.Future[None]]] = []
        self.arrived = asyncio.Event()
        self.completed = 0
        self.completed_by: set[int] = set()

    async def send(self, update: Update) -> bool:
        """Queue one update and wait until it was processed; False once the budget is spent."""
        if self.budget <= 0:
            return False
        self.budget -= 1
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.pending.append((update, done))
        self.arrived.set()
        await done
        return True

    async def fetch_loop(self) -> None:
        """Batches of waiting updates to the poller until cancelled."""
        while True:
            await self.arrived.wait()
            self.arrived.clear()
            while self.pending:
                batch, self.pending = self.pending[: self.limit], self.pending[self.limit :]
                await self.poller.process_batch([update for update, _ in batch])
                for _, done in batch:
                    done.set_result(None)

    async def run(self, plans: list[tuple[int, Choices]], rounds: int) -> None:
        """Every person at once, until each is done or the budget is spent."""
        fetcher = asyncio.create_task(self.fetch_loop())
        try:
            await asyncio.gather(*(self.person(u, c, rounds) for u, c in plans))
        finally:
            fetcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await fetcher

    async def person(self, user_id: int, choices: Choices, rounds: int) -> None:
        """One seeded person: up to ``rounds`` check-ins, while the budget lasts."""
        bot = self.app.bot
        for _ in range(rounds):
            if not await self.send(message_update(bot, user_id, "/checkin")):
                return
            for _ in range(40):
                asked = question(self.wire.buttons(user_id))
                if asked is None:
                    self.completed += 1
                    self.completed_by.add(user_id)
                    break
                wanted = choices.get(asked)
                if isinstance(wanted, int):
                    if not await self.send(message_update(bot, user_id, str(wanted))):
                        return
                    continue
                for end in answer_taps(asked, wanted):
                    data = find(self.wire.buttons(user_id), end)
                    press = callback_update(
                        bot, user_id, data, message_id=self.wire.message_id(user_id)
                    )
                    if not await self.send(press):
                        return
            else:
                raise RuntimeError("a check-in did not end after 40 questions")


class ReminderRun:
    """The real reminder scheduler (as the runner builds it) sending to its own fake wire."""

    def __init__(self, settings: Settings, core: Core, hasher: UserHasher) -> None:
        self.wire = FakeRequest()
        self.bot = Bot(PLACEHOLDER_TOKEN, request=self.wire)
        self.scheduler = build_scheduler(settings, core, self.bot, hasher)

    async def start(self) -> None:
        """Start the scheduler and wait for its index: everyone with reminders on is due."""
        await self.bot.initialize()
        await self.scheduler.start()
        await asyncio.wait_for(self.scheduler.index_ready(), FAN_OUT_IDLE_TIMEOUT_S)

    async def finish(self, due: set[int], checked_in: set[int], started: float) -> FanOut:
        """Note what went out during the burst, wait for the rest, and count."""
        during = self.scheduler.stats["reminder_sent"]
        await asyncio.wait_for(self.scheduler.idle(), FAN_OUT_IDLE_TIMEOUT_S)
        seconds = time.perf_counter() - started
        stats = self.scheduler.stats
        chats = collections.Counter(
            c.params.get("chat_id") for c in self.wire.calls if c.method == "sendMessage"
        )
        reminded = due & {int(str(chat)) for chat in chats}
        return FanOut(
            due=len(due),
            reminded=len(reminded),
            checked_in=len((due - reminded) & checked_in),
            unreached=len(due - reminded - checked_in),
            missed=stats["reminder_skipped_missed"],
            failed=sum(
                stats[e]
                for e in ("reminder_send_error", "reminder_send_timeout", "reminder_blocked")
            ),
            duplicates=sum(1 for n in chats.values() if n > 1),
            during_burst=during,
            seconds=seconds,
        )

    async def stop(self) -> None:
        """Stop the scheduler and the bot."""
        await self.scheduler.stop()
        await self.bot.shutdown()


async def watch_loop(stop: asyncio.Event, worst: list[float]) -> None:
    """Record the worst lateness of a 5 ms ticker: how long the loop was held."""
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(TICK_S)
        worst[0] = max(worst[0], time.perf_counter() - before - TICK_S)


async def drive(
    opener: Opener,
    catalog: Catalog,
    hasher: UserHasher,
    users: int,
    burst: int,
    limit: int,
    concurrency: int,
    debug: bool,
    fan_out_due: set[int] | None = None,
    checkins: int = 60,
) -> dict[str, Any]:
    """Open the data, start the app, warm up, then time the burst in a debug-mode loop;
    with ``fan_out_due`` (reminders due at the start), run the reminder fan-out beside it."""
    loop = asyncio.get_running_loop()
    loop.set_debug(debug)
    loop.slow_callback_duration = SLOW_CALLBACK_S
    rng = random.Random(11)
    started = time.perf_counter()
    storage = await opener(UserDoc.model_validate)
    open_s = time.perf_counter() - started
    try:
        core = build_core(catalog, storage, SystemClock(), hasher, flood=FloodGate(rate=1.0))
        wire = ScreenWire()
        settings = Settings(telegram_bot_token=None, _env_file=None)
        app = build_application(
            settings, core, request=wire, get_updates_request=wire, rate_limit=False
        )
        people_count = min(users - WARM_UP_PEOPLE, max(limit, burst // UPDATES_PER_PERSON))
        chosen = rng.sample(
            range(FIRST_USER_ID, FIRST_USER_ID + users), people_count + WARM_UP_PEOPLE
        )
        plans = []
        for user_id in chosen:
            doc = await storage.load_user(hasher.user_key(user_id))
            assert doc is not None
            status = UserDoc.model_validate(doc).profile.status or "pregnant"
            weeks = 30 if status == "pregnant" else None
            plans.append((user_id, random_choices(catalog, status, weeks, rng)))
        async with app:
            settle_heap()  # where the runner does it: the application started, no update yet
            # First updates pay for imports, templates and thread start: not part of a burst.
            warm = Burst(app, wire, 10_000, limit, concurrency)
            await warm.run(plans[:WARM_UP_PEOPLE], 1)
            measured = Burst(app, wire, burst, limit, concurrency)
            slow = Counter(lambda r: r.getMessage().startswith("Executing"))
            errors = Counter(lambda r: r.levelno >= logging.ERROR)
            asyncio_log, bot_log = logging.getLogger("asyncio"), logging.getLogger("bot")
            asyncio_log.addHandler(slow)
            bot_log.addHandler(errors)
            propagate = asyncio_log.propagate
            asyncio_log.propagate = False  # counted here, not printed by the last-resort handler
            reminders = None if fan_out_due is None else ReminderRun(settings, core, hasher)
            fan_out: FanOut | None = None
            if reminders is not None:
                await reminders.start()
            stop, worst = asyncio.Event(), [0.0]
            watcher = asyncio.create_task(watch_loop(stop, worst))
            saves, trips = SaveBytes(), RoundTrips()
            saves.install(storage)
            burst_started = time.perf_counter()
            cpu_started = time.process_time()
            try:
                with trips.counting():
                    await measured.run(plans[WARM_UP_PEOPLE:], ROUNDS)
                burst_s = time.perf_counter() - burst_started
                burst_cpu_s = time.process_time() - cpu_started
                if reminders is not None:
                    fan_out = await reminders.finish(
                        fan_out_due or set(), measured.completed_by, burst_started
                    )
            finally:
                if reminders is not None:
                    await reminders.stop()
                stop.set()
                await watcher
                asyncio_log.removeHandler(slow)
                asyncio_log.propagate = propagate
                bot_log.removeHandler(errors)
        # Each finished check-in must be stored (one more than seeded), or the burst measured
        # refusals.
        stored = 0
        for user_id in measured.completed_by:
            history = await storage.load_history(hasher.user_key(user_id))
            stored += len(history) > checkins
        if stored != len(measured.completed_by):
            raise RuntimeError(f"{len(measured.completed_by)} people finished, {stored} stored")
    finally:
        await storage.close()
        loop.set_debug(False)
    times = sorted(measured.times)
    tap_median, tap_max = saves.summary()
    return {
        "tap_bytes_median": tap_median,
        "tap_bytes_max": tap_max,
        "round_trips_per_update": trips.count / len(times),
        "cpu_ms_per_update": burst_cpu_s * 1000 / len(times),
        "open_s": open_s,
        "p50_ms": statistics.median(times) * 1000,
        "p99_ms": times[min(len(times) - 1, round(0.99 * (len(times) - 1)))] * 1000,
        "max_ms": times[-1] * 1000,
        "slow_callbacks": slow.count,
        "slow_examples": slow.examples,
        "worst_stall_ms": worst[0] * 1000,
        "burst_s": burst_s,
        "people": people_count,
        "checkins_completed": measured.completed,
        "fan_out": fan_out,
        "handler_errors": errors.count,
    }


async def measure(
    users: int,
    burst: int,
    *,
    checkins: int = 60,
    limit: int = POLL_LIMIT,
    concurrency: int = CONCURRENCY,
    debug: bool = True,
    base: Path | None = None,
    postgres: str | None = None,
    fan_out: bool = False,
) -> Result:
    """Seed a fresh data directory (or PostgreSQL schema), drive the burst (with the reminder
    fan-out beside it when ``fan_out``), remove it."""
    catalog = Catalog.load()
    hasher = UserHasher(HASH_KEY)
    root = Path(tempfile.mkdtemp(prefix="latency-bench-", dir=base))
    schema = f"latency_{os.getpid()}_{random.getrandbits(32):08x}"
    data_dir = root / "data"
    opener = postgres_opener(postgres, schema) if postgres else tinydb_opener(data_dir)
    try:
        print(f"[latency] seeding {users:,} users ...", file=sys.stderr, flush=True)
        seed_s, reminders = await seed(opener, users, checkins, catalog, hasher)
        data_mb = await postgres_mb(postgres, schema) if postgres else disk_mb(data_dir)
        print(f"[latency] seeded in {seed_s:.0f} s; burst ...", file=sys.stderr, flush=True)
        found = await drive(
            opener,
            catalog,
            hasher,
            users,
            burst,
            limit,
            concurrency,
            debug,
            fan_out_due=reminders if fan_out else None,
            checkins=checkins,
        )
    finally:
        # In a worker thread: removing thousands of files would hold the loop for a while.
        await asyncio.to_thread(shutil.rmtree, root, True)
        if postgres:
            await drop_schema(postgres, schema)
    return Result(
        users=users,
        checkins_per_user=checkins,
        burst=burst,
        limit=limit,
        concurrency=concurrency,
        debug=debug,
        seed_s=seed_s,
        data_mb=data_mb,
        **found,
    )


def report(r: Result) -> str:
    """The human-readable summary."""
    lines = [
        f"seeded {r.users:,} users x {r.checkins_per_user} check-ins = {r.records:,} records"
        f" in {r.seed_s:.1f} s ({r.users / r.seed_s:.0f} documents/s, fsync'ed);"
        f" {r.data_mb:.0f} MB on disk ({r.data_mb * 1000 / r.users:.0f} KB per user)",
        f"open (quick check, validated): {r.open_s:.2f} s",
        f"burst: {r.burst:,} updates from {r.people} people, batches of {r.limit},"
        f" concurrency {r.concurrency}, loop debug {'on' if r.debug else 'OFF'}:"
        f" {r.burst_s:.1f} s ({r.burst / r.burst_s:.0f} updates/s),"
        f" {r.checkins_completed} check-ins completed, {r.handler_errors} handler errors",
        f"handler time p50 / p99 / max: {r.p50_ms:.1f} / {r.p99_ms:.1f} / {r.max_ms:.1f} ms"
        f"   (target p99 <= {TARGET_P99_MS:g} ms)",
        f"CPU per update (this process, all threads, during the burst):"
        f" {r.cpu_ms_per_update:.2f} ms",
        f"bytes written per tap mid-check-in, median / max: {r.tap_bytes_median:,.0f} /"
        f" {r.tap_bytes_max:,}; PostgreSQL round trips per update: {r.round_trips_per_update:.2f}",
        f"'Executing ... took' warnings (> {SLOW_CALLBACK_S} s): {r.slow_callbacks}"
        f"   (target {TARGET_SLOW_CALLBACKS}); worst loop stall {r.worst_stall_ms:.0f} ms",
        *(f"  {example}" for example in r.slow_examples),
    ]
    if r.fan_out is not None:
        f = r.fan_out
        lines.append(
            f"reminder fan-out: {f.due:,} due at the start; {f.during_burst:,} sent by the end"
            f" of the burst; in {f.seconds:.0f} s: {f.reminded:,} reminded, {f.checked_in}"
            f" checked in first, {f.unreached} neither (target 0), {f.missed} missed"
            f" (target 0), {f.failed} failed, {f.duplicates} sent twice;"
            f" R8 {'met' if f.met else 'NOT met'}"
        )
    lines.append(f"D6 {'met' if r.met else 'NOT met'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run once and print the summary (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--checkins", type=int, default=60, help="stored check-ins per user")
    parser.add_argument("--burst", type=int, default=1_000, help="updates in the burst")
    parser.add_argument("--limit", type=int, default=POLL_LIMIT, help="updates per batch")
    parser.add_argument(
        "--concurrency", type=int, default=CONCURRENCY, help="updates of a batch in hand at once"
    )
    parser.add_argument(
        "--no-debug",
        action="store_true",
        help="diagnostic: loop debug mode off (it adds a stack capture to every callback)",
    )
    parser.add_argument("--dir", type=Path, default=None, help="parent of the temp data dir")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--postgres", metavar="URL", default=None, help="measure the PostgreSQL engine instead"
    )
    parser.add_argument(
        "--fan-out",
        action="store_true",
        help="R8: run the reminder fan-out (every user with reminders due) beside the burst",
    )
    args = parser.parse_args(argv)
    result = asyncio.run(
        measure(
            args.users,
            args.burst,
            checkins=args.checkins,
            limit=args.limit,
            concurrency=args.concurrency,
            debug=not args.no_debug,
            base=args.dir,
            postgres=args.postgres,
            fan_out=args.fan_out,
        )
    )
    print(json.dumps(asdict(result)) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
