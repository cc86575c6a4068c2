"""The process's health signals as Prometheus metrics (RELIABILITY O1).

One ``Health`` per process owns a dedicated ``CollectorRegistry`` (never the global default,
so tests and several in-process instances stay apart). The poller, the webhook server, the
reply and reminder send paths and the reminder scheduler report into it; ``/metrics`` exposes
it, and ``AlertMonitor`` reads it back through ``snapshot()``.

Labels are closed sets chosen by code: a send path (``reply`` / ``reminder``), an update
source (``poll`` / ``webhook``), a reminder outcome, an alert name, and an exception *class
name*. Never a user id, chat id, text or anything a user controls.

The reply path cannot be handed a ``Health`` (the handlers call ``deliver`` directly), so the
process's instance is installed once with ``install()`` and found with ``current()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    ProcessCollector,
)

from bot.clock import Clock, SystemClock
from bot.health.alerts import Snapshot

# A blocked bot is the user's choice, not an outage: counted by type, but never paged on.
NOT_PAGING_ERRORS = frozenset({"Forbidden"})
SEND_PATHS = ("reply", "reminder")
UPDATE_SOURCES = ("poll", "webhook")
# What a free-text question came to: an answer, "did you mean" buttons, or the fallback.
FAQ_OUTCOMES = ("answered", "suggested", "unmatched")
# Handler time buckets (seconds): a reply is expected well under a second.
HANDLER_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Health:
    """Recorders for every health signal, over one dedicated registry."""

    def __init__(self, clock: Clock | None = None) -> None:
        """Timestamps come from ``clock`` (the system clock when None)."""
        self.clock: Clock = clock or SystemClock()
        self.registry = CollectorRegistry(auto_describe=True)
        self.started_at = self.clock.now()
        self.firing: tuple[str, ...] = ()
        # Called on a Conflict so the monitor evaluates at once: the poller gives up after a few.
        self.on_conflict: Callable[[], None] = _nothing
        r = self.registry
        self._started = Gauge(
            "bot_started_timestamp_seconds", "When this process started (Unix time).", registry=r
        )
        self._last_ok = Gauge(
            "bot_telegram_last_ok_timestamp_seconds",
            "Last successful getUpdates, webhook update or webhook check (0: none yet).",
            registry=r,
        )
        self._poll_errors = Counter(
            "bot_poll_errors",
            "Failed getUpdates / getWebhookInfo calls, by exception class.",
            ["error"],
            registry=r,
        )
        self._conflicts = Counter(
            "bot_conflicts",
            "Telegram 409 Conflict: another instance uses the same token.",
            registry=r,
        )
        self._processed = Counter(
            "bot_updates_processed", "Updates processed, by source.", ["source"], registry=r
        )
        self._in_flight = Gauge(
            "bot_updates_in_flight",
            "Updates fetched or received and not yet processed (queue depth).",
            registry=r,
        )
        self._sends = Counter(
            "bot_sends",
            "Messages the bot tried to send or edit (each once, whatever the outcome), by path.",
            ["path"],
            registry=r,
        )
        self._send_errors = Counter(
            "bot_send_errors",
            "Sends that failed, by path and exception class.",
            ["path", "error"],
            registry=r,
        )
        self._rate_limited = Counter(
            "bot_send_rate_limited",
            "429 answers that were waited out and retried (not failures), by path.",
            ["path"],
            registry=r,
        )
        self._reminder_run = Gauge(
            "bot_reminder_last_run_timestamp_seconds",
            "Last pass of the reminder loop (Unix time; 0: not yet).",
            registry=r,
        )
        self._reminders = Counter(
            "bot_reminders",
            "Reminders by outcome (sent, possibly_sent, blocked, failed, cancelled).",
            ["outcome"],
            registry=r,
        )
        self._reminder_queue = Gauge(
            "bot_reminder_queue_depth", "Reminders queued or being sent.", registry=r
        )
        self._alert = Gauge(
            "bot_alert_firing", "1 while the built-in alert fires.", ["alert"], registry=r
        )
        self._handler_errors = Counter(
            "bot_handler_errors",
            "Updates whose handler raised, by exception class (the user got the generic reply).",
            ["error"],
            registry=r,
        )
        self._handler_seconds = Histogram(
            "bot_handler_seconds",
            "Time from an update reaching the handler to its last reply sent.",
            buckets=HANDLER_BUCKETS,
            registry=r,
        )
        self._faq = Counter(
            "bot_faq_outcomes",
            "Free-text questions by outcome (answered, suggested, unmatched).",
            ["outcome"],
            registry=r,
        )
        # The standard process_* (CPU, memory, open files) and python_gc_* series.
        ProcessCollector(registry=r)
        GCCollector(registry=r)
        self._started.set(self.started_at.timestamp())
        for path in SEND_PATHS:
            self._sends.labels(path)
        for source in UPDATE_SOURCES:
            self._processed.labels(source)
        for outcome in FAQ_OUTCOMES:
            self._faq.labels(outcome)

    def _now(self) -> float:
        return self.clock.now().timestamp()

    # --- Telegram contact -------------------------------------------------------------------

    def telegram_ok(self) -> None:
        """A getUpdates, a webhook update or a webhook check succeeded just now."""
        self._last_ok.set(self._now())

    def poll_failed(self, error: BaseException) -> None:
        """A getUpdates or getWebhookInfo failed."""
        self._poll_errors.labels(type(error).__name__).inc()

    def conflict(self) -> None:
        """Telegram said another instance uses the token (409, or our webhook replaced)."""
        self._conflicts.inc()
        self.on_conflict()

    def update_processed(self, source: str) -> None:
        """One update (from ``poll`` or ``webhook``) went through the application."""
        self._processed.labels(source).inc()

    def in_flight(self, delta: int) -> None:
        """Updates taken in (positive) or finished (negative)."""
        self._in_flight.inc(delta)

    def handler_failed(self, error: BaseException) -> None:
        """A handler raised while processing an update."""
        self._handler_errors.labels(type(error).__name__).inc()

    def handler_time(self, seconds: float) -> None:
        """One update took ``seconds`` in the handler, replies included."""
        self._handler_seconds.observe(seconds)

    def faq_outcome(self, outcome: str) -> None:
        """A free-text question was ``answered``, ``suggested`` or ``unmatched``."""
        self._faq.labels(outcome).inc()

    # --- sends ------------------------------------------------------------------------------

    def record_send(self, path: str, error: BaseException | None = None) -> None:
        """One message sent on ``path``; ``error`` when it failed."""
        self._sends.labels(path).inc()
        if error is not None:
            self._send_errors.labels(path, type(error).__name__).inc()

    def rate_limited(self, path: str) -> None:
        """A 429 that will be retried (never a failure)."""
        self._rate_limited.labels(path).inc()

    # --- reminders --------------------------------------------------------------------------

    def reminder_loop_ran(self) -> None:
        """The reminder loop made a pass just now."""
        self._reminder_run.set(self._now())

    def reminder_outcome(self, outcome: str) -> None:
        """One reminder settled with ``outcome``."""
        self._reminders.labels(outcome).inc()

    def track_reminder_queue(self, depth: Callable[[], float]) -> None:
        """Read the reminder queue depth from ``depth`` at every scrape."""
        self._reminder_queue.set_function(depth)

    # --- alerts -----------------------------------------------------------------------------

    def set_firing(self, names: Iterable[str], known: Iterable[str]) -> None:
        """Record which of the ``known`` alerts fire now."""
        firing = tuple(sorted(set(names)))
        for name in known:
            self._alert.labels(name).set(1 if name in firing else 0)
        self.firing = firing

    # --- reading back -----------------------------------------------------------------------

    def _total(self, name: str, *, skip_errors: frozenset[str] = frozenset()) -> float:
        total = 0.0
        for family in self.registry.collect():
            for sample in family.samples:
                if sample.name == name and sample.labels.get("error") not in skip_errors:
                    total += sample.value
        return total

    def snapshot(self) -> Snapshot:
        """The alert inputs now, read from the registry (the same numbers /metrics shows)."""
        last_ok = self._total("bot_telegram_last_ok_timestamp_seconds")
        return Snapshot(
            at=self.clock.now(),
            started_at=self.started_at,
            last_ok=dt.datetime.fromtimestamp(last_ok, dt.UTC) if last_ok > 0 else None,
            conflicts=int(self._total("bot_conflicts_total")),
            sends=int(self._total("bot_sends_total")),
            send_failures=int(self._total("bot_send_errors_total", skip_errors=NOT_PAGING_ERRORS)),
            handler_errors=int(self._total("bot_handler_errors_total")),
        )

    def metric_names(self) -> set[str]:
        """Every series name this registry can export (``_total`` forms included)."""
        names: set[str] = set()
        for family in self.registry.collect():
            names.add(family.name)
            names.update(sample.name for sample in family.samples)
            if family.type == "counter":
                names.update({family.name + "_total", family.name + "_created"})
        return names


def _nothing() -> None:
    return None


_current: Health | None = None


def current() -> Health:
    """The process's ``Health`` (a default one on the system clock until ``install``)."""
    global _current
    if _current is None:
        _current = Health()
    return _current


def install(health: Health | None) -> Health | None:
    """Make ``health`` the process's instance; returns the previous one (for tests)."""
    global _current
    previous, _current = _current, health
    return previous
