"""The clock the bot reads time from, so tests can travel in time: the interface and both kinds.

``Clock`` is what the reminder scheduler, retention, health and the handlers depend on:
``now()`` is the wall clock (it can be stepped, as NTP or an operator may do); ``sleep()``
measures elapsed time, which a wall-clock step does not change. ``SystemClock`` is the real
one; ``FakeClock`` is moved by hand in tests.

``FakeClock`` keeps two timelines, like a real machine: the wall clock (``now()``) and
elapsed time (what ``sleep()`` waits for). ``advance()`` lets time pass (both move, and
sleepers whose time has come wake up, one wake-up at a time, in order); ``travel()`` and
``step()`` jump only the wall clock, as an NTP correction or ``date -s`` would, so sleepers
are not woken by them. Time is kept in whole microseconds, so instants compare exactly.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import math
from collections.abc import Awaitable, Callable
from typing import Protocol

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = 1_000_000


class Clock(Protocol):
    """Wall-clock time plus a sleep that is not affected by wall-clock steps."""

    def now(self) -> dt.datetime:
        """The current instant as an aware UTC datetime."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Suspend the calling task until ``seconds`` of elapsed time have passed."""
        ...


class SystemClock:
    """The real clock: ``datetime.now(UTC)`` and ``asyncio.sleep`` (monotonic)."""

    def now(self) -> dt.datetime:
        """The current instant as an aware UTC datetime."""
        return dt.datetime.now(dt.UTC)

    async def sleep(self, seconds: float) -> None:
        """Sleep on the event loop's monotonic clock."""
        await asyncio.sleep(max(0.0, seconds))


async def _yield_a_little() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


def _to_us(seconds: float | dt.timedelta) -> int:
    if isinstance(seconds, dt.timedelta):
        return (seconds.days * 86_400 + seconds.seconds) * _US + seconds.microseconds
    return math.ceil(seconds * _US)


class FakeClock:
    """A clock that only moves when a test says so.

    ``settle`` is awaited after every wake-up during ``advance()``, so woken tasks can run
    before time moves on; the default yields to the event loop a few times, and a test can
    pass something sharper (for example a scheduler's ``idle``).
    """

    def __init__(
        self,
        start: dt.datetime,
        *,
        settle: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Start the wall clock at ``start`` (an aware datetime)."""
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError("FakeClock needs an aware start time")
        self._wall_us = _to_us(start - _EPOCH)
        self._mono_us = 0
        self._seq = 0
        self._sleepers: list[tuple[int, int, asyncio.Future[None]]] = []
        self.settle: Callable[[], Awaitable[None]] = settle or _yield_a_little

    def now(self) -> dt.datetime:
        """The fake wall clock as an aware UTC datetime."""
        return _EPOCH + dt.timedelta(microseconds=self._wall_us)

    def monotonic(self) -> float:
        """Elapsed fake seconds since the clock was created (never stepped)."""
        return self._mono_us / _US

    async def sleep(self, seconds: float) -> None:
        """Wait until ``advance()`` has moved elapsed time by ``seconds``."""
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._seq += 1
        heapq.heappush(self._sleepers, (self._mono_us + _to_us(seconds), self._seq, future))
        await future

    def _drop_cancelled(self) -> None:
        while self._sleepers and self._sleepers[0][2].done():
            heapq.heappop(self._sleepers)

    def next_wake(self) -> float | None:
        """Seconds until the earliest sleeper wakes, or None when nobody sleeps."""
        self._drop_cancelled()
        if not self._sleepers:
            return None
        return max(0, self._sleepers[0][0] - self._mono_us) / _US

    def _move(self, delta_us: int) -> None:
        self._mono_us += delta_us
        self._wall_us += delta_us
        while self._sleepers and self._sleepers[0][0] <= self._mono_us:
            _, _, future = heapq.heappop(self._sleepers)
            if not future.done():
                future.set_result(None)

    async def advance(self, seconds: float | dt.timedelta) -> None:
        """Let ``seconds`` pass, waking each sleeper at its own time and settling in between."""
        remaining = _to_us(seconds)
        if remaining < 0:
            raise ValueError("time does not pass backwards; use step() for a clock step")
        await self.settle()
        while True:
            self._drop_cancelled()
            if not self._sleepers or self._sleepers[0][0] - self._mono_us > remaining:
                break
            jump = max(0, self._sleepers[0][0] - self._mono_us)
            self._move(jump)
            remaining -= jump
            await self.settle()
        self._move(remaining)
        await self.settle()

    async def advance_to(self, when: dt.datetime) -> None:
        """Let time pass until the wall clock shows ``when`` (which must not be in the past)."""
        await self.advance(when - self.now())

    def step(self, delta: dt.timedelta) -> None:
        """Jump the wall clock by ``delta`` (either way) without any time passing."""
        self._wall_us += _to_us(delta)

    def travel(self, to: dt.datetime) -> None:
        """Set the wall clock to ``to`` without any time passing (a clock step)."""
        self.step(to - self.now())
