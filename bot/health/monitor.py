"""The alert monitor: evaluates the built-in rules every 30 s and reports transitions.

It also wakes on the no-poll deadline itself (the last successful poll + 5 min), so that
alert fires on the 5-minute mark rather than up to one interval later: a network lost at
any moment is reported within 5 min of losing it (O1).

Each evaluation samples the metrics (``Health.snapshot``), compares them with the sample
taken a window ago, and logs only *changes*: ``alert_firing`` (ERROR) when an alert starts,
``alert_resolved`` (WARNING) when it stops, each with the alert name and numbers only. With
an operator chat configured, the same two events go there as a short plain-text message; a
failure to notify is logged by exception type and never stops the monitor.

A Conflict wakes the monitor at once, because the poller gives up after a few of them and
the process may be gone before the next regular evaluation.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable

from bot.health.alerts import (
    ALERT_NAMES,
    NO_SUCCESSFUL_POLL,
    Alert,
    AlertRules,
    Snapshot,
    evaluate,
    measure,
    no_poll_deadline,
)
from bot.health.metrics import Health

log = logging.getLogger("bot.health")

EVALUATE_EVERY = 30.0
NOTIFY_TIMEOUT = 10.0

Notify = Callable[[str], Awaitable[None]]


def alert_text(state: str, name: str, values: dict[str, float]) -> str:
    """The operator message: state, alert name and numbers; nothing about any user."""
    numbers = ", ".join(f"{key}={value:g}" for key, value in values.items())
    return f"[bot] alert {name} {state}: {numbers}"


class AlertMonitor:
    """Evaluates the alert rules over ``health``; ``run()`` is the periodic task."""

    def __init__(
        self,
        health: Health,
        *,
        rules: AlertRules | None = None,
        interval: float = EVALUATE_EVERY,
        notify: Notify | None = None,
        notify_timeout: float = NOTIFY_TIMEOUT,
    ) -> None:
        """Evaluate every ``interval`` s on ``health.clock``; ``notify`` reaches an operator."""
        self.health = health
        self.rules = rules or AlertRules()
        self.interval = interval
        self._notify = notify
        self._notify_timeout = notify_timeout
        self._history: deque[Snapshot] = deque([Snapshot.at_start(health.started_at)])
        self.firing: dict[str, Alert] = {}
        self._wake: asyncio.Event | None = None
        self._last: Snapshot | None = None
        health.on_conflict = self._poke

    def _poke(self) -> None:
        if self._wake is not None:
            self._wake.set()

    def _baseline(self, current: Snapshot) -> Snapshot:
        """The newest sample at least a window old (the start sample while younger)."""
        cutoff = current.at - self.rules.window
        while len(self._history) > 1 and self._history[1].at <= cutoff:
            self._history.popleft()
        return self._history[0]

    async def check(self) -> list[Alert]:
        """Evaluate now; log and notify what started or stopped firing. Returns the firing."""
        current = self.health.snapshot()
        baseline = self._baseline(current)
        self._history.append(current)
        self._last = current
        alerts = evaluate(current.at, current, baseline, self.rules)
        now_firing = {alert.name: alert for alert in alerts}
        for name, alert in now_firing.items():
            if name not in self.firing:
                log.error("alert_firing", extra={"alert": name, **alert.values})
                await self._send(alert_text("firing", name, alert.values))
        resolved = [name for name in self.firing if name not in now_firing]
        if resolved:
            m = measure(current.at, current, baseline)
            for name in resolved:
                values = m.values(name)
                log.warning("alert_resolved", extra={"alert": name, **values})
                await self._send(alert_text("resolved", name, values))
        self.firing = now_firing
        self.health.set_firing(now_firing, ALERT_NAMES)
        return alerts

    async def _send(self, text: str) -> None:
        if self._notify is None:
            return
        try:
            await asyncio.wait_for(self._notify(text), timeout=self._notify_timeout)
        except Exception as exc:  # an unreachable operator chat must never stop monitoring
            log.warning("alert_notify_failed", extra={"error": type(exc).__name__})

    async def run(self) -> None:
        """Evaluate every ``interval`` seconds, and at once after a Conflict, until cancelled."""
        self._wake = asyncio.Event()
        while True:
            try:
                await self.check()
            except Exception as exc:  # a broken evaluation must not end monitoring
                log.error("alert_check_failed", extra={"error": type(exc).__name__})
            await self._pause()

    def _pause_seconds(self) -> float:
        """The interval, or less when the no-poll deadline comes first."""
        if self._last is None or NO_SUCCESSFUL_POLL in self.firing:
            return self.interval
        due = (no_poll_deadline(self._last, self.rules) - self._last.at).total_seconds()
        if due < 0:  # past it and still not firing: the evaluation failed, keep the pace
            return self.interval
        return min(self.interval, due)

    async def _pause(self) -> None:
        assert self._wake is not None
        if self._wake.is_set():
            self._wake.clear()
            return
        sleeper = asyncio.ensure_future(self.health.clock.sleep(self._pause_seconds()))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            self._wake.clear()
