"""The clock the domain and the reminder scheduler read time from, so tests can travel in time.

``now()`` is the wall clock (it can be stepped, as NTP or an operator may do); ``sleep()``
measures elapsed time, which a wall-clock step does not change. Implementations live in
``bot.clock``: ``SystemClock`` for production and ``FakeClock`` for tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Wall-clock time plus a sleep that is not affected by wall-clock steps."""

    def now(self) -> dt.datetime:
        """The current instant as an aware UTC datetime."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Suspend the calling task until ``seconds`` of elapsed time have passed."""
        ...
