"""The built-in alert rules as a pure function of two snapshots and ``now`` (RELIABILITY O1).

- ``no_successful_poll``: 5 minutes or more since the last successful ``getUpdates``,
  webhook update or webhook check, counting from the process start when there was none.
- ``conflict``: any Telegram Conflict in the window (another instance uses the token).
- ``send_failures``: more than 5 % of the sends in the window failed, once the window holds
  at least ``min_sends`` of them (so 1 failure in 2 sends does not page). A blocked bot
  (``Forbidden``) is not a failure here: it is the user's choice, not an outage.
- ``handler_errors``: a handler raised in the window (a bug: the user got the generic reply).

The window is "since ``baseline``": the monitor passes the sample taken a window ago (or the
zero sample of the process start while the process is younger than a window).
``deploy/prometheus-alerts.yml`` states the same rules over the exported metrics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NO_SUCCESSFUL_POLL = "no_successful_poll"
CONFLICT = "conflict"
SEND_FAILURES = "send_failures"
HANDLER_ERRORS = "handler_errors"
ALERT_NAMES = (NO_SUCCESSFUL_POLL, CONFLICT, SEND_FAILURES, HANDLER_ERRORS)


@dataclass(frozen=True)
class Snapshot:
    """The numbers the alert rules need, read from the metrics at one instant."""

    at: dt.datetime
    started_at: dt.datetime
    last_ok: dt.datetime | None  # last successful getUpdates / webhook update / webhook check
    conflicts: int
    sends: int
    send_failures: int  # failed sends that page (a blocked bot does not)
    handler_errors: int = 0

    @classmethod
    def at_start(cls, started_at: dt.datetime) -> Snapshot:
        """Every counter is zero when the process starts."""
        return cls(started_at, started_at, None, 0, 0, 0)


@dataclass(frozen=True)
class AlertRules:
    """Thresholds; the defaults are RELIABILITY O1's."""

    no_poll_after: dt.timedelta = dt.timedelta(minutes=5)
    window: dt.timedelta = dt.timedelta(minutes=5)
    max_failure_ratio: float = 0.05
    min_sends: int = 20
    max_handler_errors: int = 0


@dataclass(frozen=True)
class Measures:
    """What the rules compare, over the window from the baseline to now."""

    seconds_since_ok: float
    conflicts: int
    sends: int
    failures: int
    handler_errors: int

    @property
    def failure_ratio(self) -> float:
        """Failed sends per send in the window (0 when nothing was sent)."""
        return self.failures / self.sends if self.sends else 0.0

    def values(self, alert: str) -> dict[str, float]:
        """The numbers worth reporting with ``alert`` (numbers only, never user data)."""
        if alert == NO_SUCCESSFUL_POLL:
            return {"seconds_since_ok": round(self.seconds_since_ok, 1)}
        if alert == CONFLICT:
            return {"conflicts": self.conflicts}
        if alert == HANDLER_ERRORS:
            return {"handler_errors": self.handler_errors}
        return {
            "sends": self.sends,
            "failures": self.failures,
            "failure_ratio": round(self.failure_ratio, 4),
        }


@dataclass(frozen=True)
class Alert:
    """One firing alert and its numbers."""

    name: str
    values: dict[str, float]


def measure(now: dt.datetime, current: Snapshot, baseline: Snapshot) -> Measures:
    """The window's numbers; counters that went down (a reset) count from zero."""
    last_ok = current.last_ok or current.started_at

    def delta(now_value: int, then_value: int) -> int:
        return now_value - then_value if now_value >= then_value else now_value

    return Measures(
        seconds_since_ok=(now - last_ok).total_seconds(),
        conflicts=delta(current.conflicts, baseline.conflicts),
        sends=delta(current.sends, baseline.sends),
        failures=delta(current.send_failures, baseline.send_failures),
        handler_errors=delta(current.handler_errors, baseline.handler_errors),
    )


def no_poll_deadline(current: Snapshot, rules: AlertRules) -> dt.datetime:
    """When ``no_successful_poll`` fires if nothing succeeds before then."""
    return (current.last_ok or current.started_at) + rules.no_poll_after


def evaluate(
    now: dt.datetime,
    current: Snapshot,
    baseline: Snapshot,
    rules: AlertRules | None = None,
) -> list[Alert]:
    """The alerts that fire at ``now``, in ``ALERT_NAMES`` order."""
    rules = rules or AlertRules()
    m = measure(now, current, baseline)
    firing: list[str] = []
    if m.seconds_since_ok >= rules.no_poll_after.total_seconds():
        firing.append(NO_SUCCESSFUL_POLL)
    if m.conflicts > 0:
        firing.append(CONFLICT)
    if m.sends >= rules.min_sends and m.failure_ratio > rules.max_failure_ratio:
        firing.append(SEND_FAILURES)
    if m.handler_errors > rules.max_handler_errors:
        firing.append(HANDLER_ERRORS)
    return [Alert(name, m.values(name)) for name in firing]
