"""Commit-after-process polling: Telegram is told an update is handled only after it is.

PTB's stock ``run_polling`` confirms a fetched batch before processing it, so a crash loses
it (RELIABILITY F2: 954 of 1,000 lost). Here each batch (at most ``limit`` updates) is
processed first; only then does the next ``getUpdates`` carry the new offset. Updates of
different users in a batch run concurrently (bounded); each user's updates stay in order.
A crash re-delivers at most one batch, and idempotency by ``update_id`` makes that harmless.

Health signals (O1) go to a ``bot.health.Health``: every successful ``getUpdates``, each
Conflict, failed polls by exception type, processed updates and the batch still in hand.

Stopping (SIGTERM) lets the batch in hand finish, but only for ``stop_grace`` seconds: a batch
still running then is cancelled and left unconfirmed, so the process exits inside the
orchestrator's grace period and Telegram re-delivers the batch to the next start (U3).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.health import Health, current
from bot.tg import retry_after_seconds

log = logging.getLogger("bot.tg.polling")

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
MAX_CONFLICTS = 5
CONFLICT_PAUSE = 5.0
STOP_GRACE = 8.0


class PollingHealth:
    """The poller's own state: consecutive Conflicts, which decide when to give up.

    The health signals (last successful poll, all Conflicts, processed updates) are in
    ``bot.health``.
    """

    def __init__(self) -> None:
        self.conflicts = 0


class CommitAfterProcessPoller:
    """Fetch, process, then confirm; stops cleanly when ``stop()`` is called."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        *,
        limit: int = 10,
        timeout: int = 30,
        concurrency: int = 16,
        stop_grace: float = STOP_GRACE,
        max_conflicts: int = MAX_CONFLICTS,
        conflict_pause: float = CONFLICT_PAUSE,
        backoff: float = 1.0,
        health: Health | None = None,
    ) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout
        self.concurrency = asyncio.Semaphore(concurrency)
        self.stop_grace = stop_grace
        self.max_conflicts = max_conflicts
        self.conflict_pause = conflict_pause
        self.backoff = backoff
        self.health = PollingHealth()
        self.signals = health or current()
        self._stopping = asyncio.Event()
        self._offset: int | None = None

    def stop(self) -> None:
        """Ask the loop to finish the batch in hand and return."""
        self._stopping.set()

    async def run(self) -> None:
        """Poll until stopped; raises after repeated Conflict (another instance polls)."""
        backoff = self.backoff
        while not self._stopping.is_set():
            try:
                updates = await self._fetch()
            except Conflict:
                self.health.conflicts += 1
                self.signals.conflict()
                log.error("polling_conflict", extra={"count": self.health.conflicts})
                if self.health.conflicts >= self.max_conflicts:
                    raise
                await self._pause(self.conflict_pause)
                continue
            except RetryAfter as exc:
                self.signals.poll_failed(exc)
                await self._pause(retry_after_seconds(exc))
                continue
            except (TimedOut, NetworkError) as exc:
                self.signals.poll_failed(exc)
                log.warning("polling_network_error", extra={"error": type(exc).__name__})
                await self._pause(backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = self.backoff
            self.health.conflicts = 0
            self.signals.telegram_ok()
            if updates:
                if not await self._process_within_grace(updates):
                    break
                self._offset = updates[-1].update_id + 1
        await self._confirm()

    async def _process_within_grace(self, updates: tuple[Update, ...]) -> bool:
        """Process the batch; False when a stop's grace period ran out first (then cancelled)."""
        batch = asyncio.ensure_future(self.process_batch(updates))
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({batch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not batch.done():
                await asyncio.wait({batch}, timeout=self.stop_grace)
            if not batch.done():
                batch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await batch
                # Unconfirmed, so re-delivered; updates already stored are skipped by update_id.
                log.warning("stop_grace_expired", extra={"unconfirmed": len(updates)})
                return False
        finally:
            stopping.cancel()
            if not batch.done():  # run() itself was cancelled
                batch.cancel()
        batch.result()
        return True

    async def process_batch(self, updates: tuple[Update, ...] | list[Update]) -> None:
        """Process a batch: users concurrently, each user's updates in order."""
        lanes: dict[int, list[Update]] = defaultdict(list)
        for update in updates:
            lanes[_lane(update)].append(update)
        done = [0]
        self.signals.in_flight(len(updates))
        try:
            await asyncio.gather(*(self._lane(lane, done) for lane in lanes.values()))
        finally:
            self.signals.in_flight(-(len(updates) - done[0]))

    async def _lane(self, updates: list[Update], done: list[int]) -> None:
        async with self.concurrency:
            for update in updates:
                # process_update routes handler exceptions to the error handler; it does not raise.
                await self.app.process_update(update)
                done[0] += 1
                self.signals.in_flight(-1)
                self.signals.update_processed("poll")

    async def _fetch(self) -> tuple[Update, ...]:
        timeout = 0 if self._stopping.is_set() else self.timeout
        fetch = self.app.bot.get_updates(
            offset=self._offset,
            limit=self.limit,
            timeout=timeout,
            allowed_updates=ALLOWED_UPDATES,
            read_timeout=timeout + 10,
        )
        stop = asyncio.ensure_future(self._stopping.wait())
        task = asyncio.ensure_future(fetch)
        done, _ = await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        if task not in done:
            # Stopping while long-polling: nothing fetched yet, so nothing can be lost.
            task.cancel()
            return ()
        result: tuple[Update, ...] = task.result()
        return result

    async def _confirm(self) -> None:
        """Tell Telegram about the last processed batch before exiting."""
        if self._offset is None:
            return
        try:
            await self.app.bot.get_updates(
                offset=self._offset, limit=1, timeout=0, allowed_updates=ALLOWED_UPDATES
            )
        except Exception as exc:
            log.warning("final_confirm_failed", extra={"error": type(exc).__name__})

    async def _pause(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        except TimeoutError:
            return


def _lane(update: Update) -> int:
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.update_id
