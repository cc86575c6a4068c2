"""The reminder scheduler: sends each user's daily reminder at most once per local date.

Storage is the truth. The scheduler keeps only an in-memory index (user key -> the next
instant worth looking at, packed: ``bot.reminders.due_index``), rebuilt from
``storage.iter_users()`` in the background at every start (R1), so nothing is lost by a
restart and start-up is not delayed. A loop sleeps until
the earliest indexed instant, but never longer than ``recheck`` (60 s), so a wall-clock step
is noticed within a minute (R4). Due users go to a small pool of workers.

Per user, a worker takes the user's lock, re-loads the document and decides with
``bot.reminders.schedule.decide`` (so an erased, blocked, paused, re-timed or already-served
user is handled correctly, whatever the index said). For a send it releases the lock and
hands the message to the ``ReminderSender``, which waits for its rate-limit slot and then,
right before the request goes out, calls back ``claim()``:

1. **Claim** (under the lock again): re-load, re-decide, and save the send as done
   (``last_sent_date`` = the local date, or the snooze cleared) *before* the request. If the
   reminder is no longer due (erased, checked in, changed), nothing is sent (CANCELLED).
2. **Send**: the one request (429s are retried by the sender; they were not delivered).
3. **Settle** by outcome: ``SENT`` and ``POSSIBLY_SENT`` (a timeout: the message may have
   arrived) keep the claim and are never re-sent (R6); ``BLOCKED`` marks the user inactive
   and turns reminders off (R7); ``FAILED`` (certainly not delivered) releases the claim and
   retries with back-off, which ``decide`` turns into a recorded skip once the grace window
   has passed.

Why claim-first, and why so late: a ``kill -9`` between claim and request loses that one
reminder, and between request and settle changes nothing, so a reminder is delivered at
most once per local date even across crashes. Because the claim is made after the rate
limiter's wait, what a crash can lose is only the requests in flight at that moment, not
every reminder queued behind the limiter; and no lock is held while waiting for a slot. The
alternative, recording after the send, would re-send every in-flight reminder after a crash.

One user's failure (storage error, bad document, send error) is logged and retried for
that user only. Logs carry an event name and a hashed user key; never a chat id, time,
zone or text. Users with ``active: False`` or no ``consent_at`` get nothing.

Health signals (O1, ``bot.health``): the time of the loop's last pass, the number of users
queued or being served, and each settled reminder by outcome.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import enum
import functools
import hashlib
import logging
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from bot.clock import Clock
from bot.domain.models import ReminderPrefs, UserDoc
from bot.health import Health, current
from bot.reminders import rebuild
from bot.reminders.due_index import DueIndex
from bot.reminders.rebuild import InvalidPrefs, eligible, first_look
from bot.reminders.schedule import (
    DEFAULT_GRACE,
    Decision,
    NotDue,
    ReminderSettingsError,
    SendNow,
    SkipCheckedIn,
    SkipMissed,
    claim,
    decide,
    record_skip,
    release,
)
from bot.services.stored_form import stored_form
from bot.storage.base import Storage, work_in_background

log = logging.getLogger("bot.reminders")

# Messages in flight, including those waiting out a 429; the rate limiter's queue needs about
# rate x 1.3 s of them to stay full when a fifth of sends are retried (measured).
DEFAULT_CONCURRENCY = 64
DEFAULT_RECHECK = dt.timedelta(seconds=60)
_REBUILD_CHUNK = 200
# Stored users from which the start-up rebuild reads them in a child process: below, the
# documents leave little behind, and a child's start (imports: about 0.4 s of CPU) would
# compete with the bot's own start for nothing.
CHILD_REBUILD_AT_LEAST = 2000
_LOCKED_AT_ONCE = 2  # workers inside a user's lock at once; sending is not limited by it
_SETTLE_TURNS = 10
_MAX_STEPS = 4  # skip -> send -> reschedule is the longest chain for one look at a user


class SendOutcome(enum.Enum):
    """What happened to one reminder message."""

    SENT = "sent"
    POSSIBLY_SENT = "possibly_sent"  # timed out after the request went out: never resent
    BLOCKED = "blocked"  # Forbidden: the user blocked the bot or the account is gone
    FAILED = "failed"  # certainly not delivered (network, 5xx): retried within grace
    CANCELLED = "cancelled"  # claim() said no: the reminder is no longer due; nothing sent


Claim = Callable[[], Awaitable[bool]]


class ReminderSender(Protocol):
    """Delivers one reminder; implementations map transport errors to a ``SendOutcome``.

    ``claim`` is awaited exactly once, after any rate-limit wait and right before the first
    request; when it returns False nothing is sent and the outcome is CANCELLED. Exceptions
    from it propagate (nothing was sent). The scheduler always passes it.
    """

    async def send_reminder(
        self, chat_id: int, locale: str, *, claim: Claim | None = None
    ) -> SendOutcome:
        """Send the reminder to ``chat_id`` in ``locale``, calling ``claim`` right before."""
        ...


def user_hash(key: str) -> str:
    """A log id for a storage key (unkeyed hash; the default when no hasher is passed)."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


class ChildRebuildError(Exception):
    """The rebuild's child process ended without reading every user."""


class ReminderScheduler:
    """Runs the reminder loop for every stored user; see the module docstring."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        sender: ReminderSender,
        *,
        grace: dt.timedelta = DEFAULT_GRACE,
        concurrency: int = DEFAULT_CONCURRENCY,
        recheck: dt.timedelta = DEFAULT_RECHECK,
        retry_base: dt.timedelta = dt.timedelta(seconds=30),
        retry_max: dt.timedelta = dt.timedelta(minutes=10),
        log_id: Callable[[str], str] = user_hash,
        health: Health | None = None,
        rebuild_from: Path | None = None,
        child_rebuild_at_least: int = CHILD_REBUILD_AT_LEAST,
    ) -> None:
        """Wire the collaborators; nothing runs until ``start()``.

        ``log_id`` turns a storage key into the id that appears in logs (pass the
        application's keyed hasher, e.g. ``UserHasher.log_id_for_key``, to match its logs).
        ``rebuild_from``: the TinyDB data directory of ``storage``, whose users the start-up
        rebuild then reads in a child process (``bot.reminders.rebuild``) when there are at
        least ``child_rebuild_at_least`` of them; if that fails, it reads them here, as it
        does without one.
        """
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._storage = storage
        self._clock = clock
        self._sender = sender
        self._grace = grace
        self._concurrency = concurrency
        self._recheck = recheck.total_seconds()
        self._retry_base = retry_base
        self._retry_max = retry_max
        self._log_id = log_id
        self._rebuild_from = rebuild_from
        self._child_rebuild_at_least = child_rebuild_at_least
        self._index = DueIndex()
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._busy: set[str] = set()  # queued or being processed
        self._dirty: set[str] = set()  # refreshed while being processed
        self._forgotten: set[str] = set()
        self._failures: dict[str, int] = {}
        self._locked_at_once = asyncio.Semaphore(_LOCKED_AT_ONCE)
        self._wake = asyncio.Event()
        self._rebuilt = asyncio.Event()
        self._loop_waiting = False
        self._tasks: list[asyncio.Task[None]] = []
        self.stats: Counter[str] = Counter()  # events by name, for health signals (O1)
        self._health = health or current()
        self._health.track_reminder_queue(lambda: len(self._busy))

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the loop, the workers and the background index rebuild; returns at once."""
        if self._tasks:
            return
        self._rebuilt.clear()
        self._tasks = [
            asyncio.create_task(self._rebuild(), name="reminders-rebuild"),
            asyncio.create_task(self._run(), name="reminders-loop"),
            *(
                asyncio.create_task(self._work(), name=f"reminders-worker-{i}")
                for i in range(self._concurrency)
            ),
        ]

    async def stop(self) -> None:
        """Cancel everything; a claim in flight stays claimed (at most once)."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._loop_waiting = False

    @property
    def rebuild_from(self) -> Path | None:
        """The data directory the start-up rebuild may read in a child process (None: none)."""
        return self._rebuild_from

    @property
    def running(self) -> bool:
        """True between ``start()`` and ``stop()``."""
        return bool(self._tasks)

    async def index_ready(self) -> None:
        """Wait until the background rebuild has looked at every stored user once."""
        await self._rebuilt.wait()

    async def idle(self) -> None:
        """Wait until the index is rebuilt and nothing is due, queued or being sent.

        For tests (as ``FakeClock.settle``) and benchmarks; it polls, cheaply.
        """
        spins = 0
        while self._tasks:
            if self._quiet():
                # A sleeper the clock has just woken needs a few loop turns to reach the
                # loop task; quiet must hold across them.
                for _ in range(_SETTLE_TURNS):
                    await asyncio.sleep(0)
                if self._quiet():
                    return
            spins += 1
            await asyncio.sleep(0 if spins < 200 else 0.005)

    def _quiet(self) -> bool:
        # Entries already due after a wall-clock step do not count: the loop only notices
        # them at its next re-check, which is exactly the behaviour under test.
        return (
            self._rebuilt.is_set()
            and self._loop_waiting
            and not self._busy
            and not self._wake.is_set()
        )

    # --- index -----------------------------------------------------------------------------

    def refresh(self, key: str) -> None:
        """Look at this user again now (after their preferences or consent changed)."""
        self._forgotten.discard(key)
        self._index.note(key, None)
        if key in self._busy:
            self._dirty.add(key)
        self._schedule(key, self._clock.now(), earliest=True)

    def forget(self, key: str) -> None:
        """Drop the user from the index (erasure); a send still waiting for its slot is
        cancelled when it comes to claim."""
        self._forgotten.add(key)
        self._unschedule(key)
        self._dirty.discard(key)

    def next_check(self, key: str) -> dt.datetime | None:
        """When the scheduler will next look at this user (None: not indexed)."""
        return self._index.when(key)

    def _schedule(self, key: str, when: dt.datetime, *, earliest: bool = False) -> None:
        if self._index.schedule(key, when, earliest=earliest):
            self._wake.set()

    def _unschedule(self, key: str) -> None:
        self._index.discard(key)
        self._failures.pop(key, None)
        self._index.note(key, None)

    def _enqueue(self, key: str) -> None:
        if key in self._busy:
            self._dirty.add(key)
            return
        self._busy.add(key)
        self._queue.put_nowait(key)

    # --- loop ------------------------------------------------------------------------------

    async def _rebuild(self) -> None:
        work_in_background()
        while True:
            try:
                count = await self._rebuild_once()
            except Exception as exc:
                log.error(
                    "reminder_rebuild_failed",
                    extra={"error": type(exc).__name__},
                )
                await self._clock.sleep(self._recheck)
                continue
            self._rebuilt.set()
            log.info("reminder_index_rebuilt", extra={"users": count})
            return

    async def _rebuild_once(self) -> int:
        count: int | None = None
        if (
            self._rebuild_from is not None
            and await self._storage.count_users() >= self._child_rebuild_at_least
        ):
            try:
                count = await self._rebuild_in_child(self._rebuild_from)
            except (OSError, ValueError, ChildRebuildError) as exc:
                # Whatever it scheduled stands; reading every user here repeats it harmlessly
                # (each is scheduled at the earliest of the instants) and reports what fails.
                log.warning("reminder_rebuild_child_failed", extra={"error": type(exc).__name__})
        if count is None:
            count = await self._rebuild_here()
        self._index.pack()
        return count

    async def _rebuild_here(self) -> int:
        count = 0
        async for key, doc in self._storage.iter_users():
            count += 1
            if count % _REBUILD_CHUNK == 0:
                await asyncio.sleep(0)  # let start-up and handlers run between chunks
            self._apply_look(
                key, functools.partial(first_look, doc, self._clock.now(), self._grace)
            )
        return count

    def _apply_look(self, key: str, look: Callable[[], dt.datetime | None]) -> None:
        """Schedule ``key`` as one start-up look says (``first_look`` here, or a line of the
        child's): at the earliest of its instants, not at all for None; stored reminder
        settings that are not valid are reported."""
        try:
            when = look()
        except InvalidPrefs:
            self._event(logging.WARNING, "reminder_prefs_invalid", key)
            return
        if when is not None:
            self._schedule(key, when, earliest=True)

    async def _rebuild_in_child(self, data_dir: Path) -> int:
        """Schedule every user as the child process reads them (``bot.reminders.rebuild``);
        the number of users read. ChildRebuildError when it does not finish."""
        process = await asyncio.create_subprocess_exec(
            *rebuild.command(data_dir, self._clock.now(), self._grace),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=rebuild.child_env(),
        )
        try:
            assert process.stdout is not None
            count: int | None = None
            lines = 0
            async for raw in process.stdout:
                key, _, value = raw.decode("ascii").rstrip("\n").rpartition(" ")
                if key == rebuild.END:
                    count = int(value)
                    break
                lines += 1
                if lines % _REBUILD_CHUNK == 0:
                    await asyncio.sleep(0)  # let start-up and handlers run between chunks
                self._apply_look(key, functools.partial(rebuild.line_look, value))
            if await process.wait() != 0 or count is None:
                raise ChildRebuildError(f"exit {process.returncode}")
            return count
        finally:
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()

    async def _run(self) -> None:
        while True:
            now = self._clock.now()
            self._health.reminder_loop_ran()
            self._wake.clear()
            for key in self._index.pop_due(now):
                self._enqueue(key)
            top = self._index.peek()
            delay = self._recheck
            if top is not None:
                delay = min(delay, (top - now).total_seconds())
            await self._wait(delay)

    async def _wait(self, seconds: float) -> None:
        if self._wake.is_set():
            return
        sleeper = asyncio.ensure_future(self._clock.sleep(seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            # One turn of the event loop lets both tasks start (the sleeper registers with
            # the clock) before idle() may report the loop as waiting.
            await asyncio.sleep(0)
            self._loop_waiting = True
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._loop_waiting = False
            sleeper.cancel()
            waker.cancel()

    async def _work(self) -> None:
        work_in_background()
        while True:
            key = await self._queue.get()
            try:
                await self._process(key)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._event(logging.ERROR, "reminder_error", key, error=type(exc).__name__)
                self._retry_later(key)
            finally:
                self._busy.discard(key)
                self._queue.task_done()
            if key in self._dirty:
                self._dirty.discard(key)
                self._enqueue(key)

    # --- one user --------------------------------------------------------------------------

    def _event(self, level: int, event: str, key: str, **fields: object) -> None:
        self.stats[event] += 1
        log.log(level, event, extra={"user": self._log_id(key), **fields})

    def _retry_later(self, key: str) -> None:
        failures = self._failures.get(key, 0) + 1
        self._failures[key] = failures
        delay = min(self._retry_base * 2 ** (failures - 1), self._retry_max)
        self._schedule(key, self._clock.now() + delay)

    async def _load(self, key: str) -> UserDoc | None:
        """The user's document, or None (after dropping the user) when there is nothing to do."""
        raw = await self._storage.load_user(key)
        if raw is None:
            self._unschedule(key)
            return None
        try:
            user = UserDoc.model_validate(raw)
        except ValidationError:
            self._event(logging.WARNING, "reminder_doc_invalid", key)
            self._unschedule(key)
            return None
        if not eligible(user.active, user.consent_at, user.reminder):
            self._unschedule(key)
            return None
        return user

    async def _save(self, key: str, user: UserDoc) -> None:
        await self._storage.save_user(key, stored_form(user))

    @contextlib.asynccontextmanager
    async def _locked(self, key: str) -> AsyncIterator[None]:
        """The user's lock, held by at most ``_LOCKED_AT_ONCE`` workers at a time.

        A worker holding a lock waits for storage behind the other background work; with
        dozens of workers inside locks, a user whose reminder is being claimed would wait
        that long for their own reply (R8 with the D6 load: a 0.7 s handler time).
        """
        async with self._locked_at_once, self._storage.user_lock(key):
            yield

    async def _decide_locked(self, key: str) -> tuple[UserDoc, Decision] | None:
        """Under the user's lock: the loaded user and the decision, or None (nothing to do)."""
        user = await self._load(key)
        if user is None:
            return None
        try:
            decision = decide(
                user.reminder, user.history.last_local_date, self._clock.now(), grace=self._grace
            )
        except ReminderSettingsError:
            self._event(logging.WARNING, "reminder_prefs_invalid", key)
            self._unschedule(key)
            return None
        return user, decision

    async def _process(self, key: str) -> None:
        for _ in range(_MAX_STEPS):
            async with self._locked(key):
                loaded = await self._decide_locked(key)
                if loaded is None:
                    return
                user, decision = loaded
                if isinstance(decision, NotDue):
                    self._set_next(key, decision.next_due)
                    return
                if isinstance(decision, SkipCheckedIn):
                    # Noted in the index (4 bytes a user), not in a dict of every user
                    # who checked in before their reminder today.
                    if self._index.noted(key) != decision.local_date:
                        self._index.note(key, decision.local_date)
                        self._event(logging.INFO, "reminder_skipped_checked_in", key)
                    self._set_next(key, decision.next_due)
                    return
                if isinstance(decision, SkipMissed):
                    user.reminder = record_skip(user.reminder, decision.local_date)
                    await self._save(key, user)
                    self._event(logging.INFO, "reminder_skipped_missed", key)
                    continue
                assert isinstance(decision, SendNow)
            if not await self._deliver(key, user.chat_id, user.locale, decision):
                return
        self._schedule(key, self._clock.now() + dt.timedelta(seconds=self._recheck))

    def _set_next(self, key: str, when: dt.datetime | None) -> None:
        if when is None:
            self._unschedule(key)
        else:
            self._schedule(key, when)

    async def _deliver(self, key: str, chat_id: int, locale: str, decision: SendNow) -> bool:
        """Send, claiming just before the request, and settle; True: decide again."""
        claims: list[tuple[ReminderPrefs, ReminderPrefs]] = []  # (before, claimed)

        async def claim_now() -> bool:
            if claims:
                return True  # the sender asked twice; the claim stands
            if key in self._forgotten:
                return False
            async with self._locked(key):
                loaded = await self._decide_locked(key)
                if loaded is None:
                    return False
                user, now_decision = loaded
                if now_decision != decision or user.chat_id != chat_id:
                    return False
                before = user.reminder
                user.reminder = claim(before, decision)
                await self._save(key, user)
                claims.append((before, user.reminder))
                return True

        try:
            outcome = await self._sender.send_reminder(chat_id, locale, claim=claim_now)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if not claims:
                raise  # nothing was claimed, so nothing was sent: retry later
            # Unknown whether anything went out; at most once means: assume it did.
            self._event(logging.ERROR, "reminder_send_error", key, error=type(exc).__name__)
            outcome = SendOutcome.POSSIBLY_SENT
        self._health.reminder_outcome(outcome.value)
        if outcome is SendOutcome.CANCELLED:
            self._event(logging.INFO, "reminder_cancelled", key)
            return key not in self._forgotten
        if not claims and outcome is not SendOutcome.FAILED:
            # A sender that broke its contract and never called claim(): record what it did.
            await claim_now()
        if outcome is SendOutcome.SENT:
            self._failures.pop(key, None)
            self._event(logging.INFO, "reminder_sent", key)
            return True
        if outcome is SendOutcome.POSSIBLY_SENT:
            self._failures.pop(key, None)
            self._event(logging.WARNING, "reminder_send_timeout", key)
            return True
        if outcome is SendOutcome.BLOCKED:
            await self._mark_blocked(key)
            return False
        if claims:
            before, claimed = claims[0]
            await self._release(key, claimed, before)
        self._retry_later(key)
        return False

    async def _mark_blocked(self, key: str) -> None:
        async with self._locked(key):
            raw = await self._storage.load_user(key)
            if raw is not None:
                user = UserDoc.model_validate(raw)
                # Inactive stops every reminder; the settings stay so /start can resume them.
                user.active = False
                await self._save(key, user)
        self._unschedule(key)
        self._event(logging.WARNING, "reminder_blocked", key)

    async def _release(self, key: str, claimed: ReminderPrefs, before: ReminderPrefs) -> None:
        async with self._locked(key):
            raw = await self._storage.load_user(key)
            if raw is None:
                return
            user = UserDoc.model_validate(raw)
            released = release(user.reminder, claimed, before)
            if released is not None:
                user.reminder = released
                await self._save(key, user)
        self._event(logging.WARNING, "reminder_send_failed", key)
