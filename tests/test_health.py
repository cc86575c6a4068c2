"""Health signals and alerts (RELIABILITY O1): the rules, the monitor, the metrics, /metrics.

The rules are checked as a pure function of two snapshots; the monitor runs on a fake clock;
the metrics are filled by the real send paths (the PTB Application at the wire, the reminder
sender and scheduler) and then scraped, including a check that no user or chat id appears.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from telegram import Bot
from telegram.error import NetworkError

from bot import health as health_signals
from bot.clock import FakeClock
from bot.health import ALERT_NAMES, AlertMonitor, AlertRules, Health, Snapshot, evaluate
from bot.health.http import metrics_app
from bot.reminders.scheduler import ReminderScheduler, SendOutcome
from bot.storage.memory import MemoryStorage
from bot.tg.reminder_sender import TelegramReminderSender
from bot.tg.webhook import WebhookServer
from tests.conftest import Wired
from tests.fakes.bot_api import FakeBotAPI
from tests.support.senders import ClaimingSender
from tests.test_handlers_flow import button, press, send
from tests.test_reminder_schedule import CHAT_A, DAY, KEY_A, berlin, user_doc

T0 = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
RULES_FILE = Path(__file__).resolve().parents[1] / "deploy" / "prometheus-alerts.yml"
# Ours, then the histogram bucket bound and prometheus_client's GC generation.
ALLOWED_LABELS = {"path", "error", "source", "outcome", "alert", "le", "generation"}


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def snap(
    seconds: float,
    *,
    last_ok: float | None = 0.0,
    conflicts: int = 0,
    sends: int = 0,
    failures: int = 0,
) -> Snapshot:
    """A snapshot ``seconds`` after a process start at T0."""
    ok = None if last_ok is None else at(last_ok)
    return Snapshot(at(seconds), T0, ok, conflicts, sends, failures)


def names(now: float, current: Snapshot, baseline: Snapshot | None = None) -> list[str]:
    return [a.name for a in evaluate(at(now), current, baseline or Snapshot.at_start(T0))]


def records(caplog: pytest.LogCaptureFixture, event: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == event]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def health(clock: FakeClock) -> Iterator[Health]:
    """A fresh Health on the fake clock, installed as the process's one for the test."""
    fresh = Health(clock)
    previous = health_signals.install(fresh)
    yield fresh
    health_signals.install(previous)


def value(health: Health, name: str, **labels: str) -> float:
    found = health.registry.get_sample_value(name, labels)
    return 0.0 if found is None else found


# --- the rules, pure --------------------------------------------------------------------------


def test_no_successful_poll_fires_at_five_minutes() -> None:
    """Five minutes after the last successful poll the alert fires."""
    assert names(300, snap(300, last_ok=0)) == ["no_successful_poll"]


def test_no_successful_poll_does_not_fire_just_before_five_minutes() -> None:
    """Half a second short of five minutes is not yet an alert."""
    assert names(299.5, snap(299.5, last_ok=0)) == []


def test_no_successful_poll_does_not_fire_at_four_minutes() -> None:
    """Four minutes without a successful poll is not yet an alert."""
    assert names(240, snap(240, last_ok=0)) == []


def test_no_successful_poll_counts_from_the_start_when_there_was_none() -> None:
    """A process that never polled successfully alerts five minutes after it started."""
    assert names(299, snap(299, last_ok=None)) == []
    assert names(301, snap(301, last_ok=None)) == ["no_successful_poll"]


def test_any_conflict_in_the_window_fires() -> None:
    """A single Conflict since the window began fires the conflict alert."""
    assert names(30, snap(30, last_ok=29, conflicts=1)) == ["conflict"]


def test_a_conflict_before_the_window_does_not_fire() -> None:
    """A Conflict already counted in the baseline (older than the window) is not an alert."""
    baseline = snap(300, last_ok=299, conflicts=1)
    assert names(600, snap(600, last_ok=599, conflicts=1), baseline) == []


def test_six_failures_in_a_hundred_sends_fire() -> None:
    """6 % failed sends in the window is above 5 %: the alert fires with its numbers."""
    (alert,) = evaluate(at(60), snap(60, last_ok=59, sends=100, failures=6), Snapshot.at_start(T0))
    assert alert.name == "send_failures"
    assert alert.values == {"sends": 100, "failures": 6, "failure_ratio": 0.06}


def test_four_failures_in_a_hundred_sends_do_not_fire() -> None:
    """4 % failed sends is below the threshold."""
    assert names(60, snap(60, last_ok=59, sends=100, failures=4)) == []


def test_one_failure_in_two_sends_does_not_page() -> None:
    """Below the minimum number of sends in the window, even 50 % does not fire."""
    assert names(60, snap(60, last_ok=59, sends=2, failures=1)) == []


def test_send_failures_count_only_the_window() -> None:
    """Failures before the baseline do not count: 10 old failures, 1 new in 100 new sends."""
    baseline = snap(300, last_ok=299, sends=100, failures=10)
    assert names(600, snap(600, last_ok=599, sends=200, failures=11), baseline) == []


def test_a_counter_reset_counts_from_zero() -> None:
    """After a restart the counters are lower than the baseline; the new values are used."""
    baseline = snap(300, last_ok=299, sends=500, failures=0)
    assert names(600, snap(600, last_ok=599, sends=100, failures=6), baseline) == ["send_failures"]


def test_thresholds_are_configurable() -> None:
    """A stricter rule set fires where the default does not."""
    rules = AlertRules(max_failure_ratio=0.01, min_sends=10)
    current = snap(60, last_ok=59, sends=100, failures=4)
    assert [a.name for a in evaluate(at(60), current, Snapshot.at_start(T0), rules)] == [
        "send_failures"
    ]


# --- the monitor on a fake clock --------------------------------------------------------------


async def test_monitor_logs_firing_once_and_resolving_once(
    health: Health, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Repeated evaluations of a lasting alert log one alert_firing, then one alert_resolved."""
    caplog.set_level(logging.INFO, logger="bot.health")
    monitor = AlertMonitor(health)
    health.telegram_ok()
    for _ in range(4):
        await clock.advance(120)
        await monitor.check()
    health.telegram_ok()
    await monitor.check()
    await monitor.check()
    (fired,) = records(caplog, "alert_firing")
    (resolved,) = records(caplog, "alert_resolved")
    assert fired.levelno == logging.ERROR
    assert (fired.alert, fired.seconds_since_ok) == ("no_successful_poll", 360.0)  # type: ignore[attr-defined]
    assert resolved.alert == "no_successful_poll"  # type: ignore[attr-defined]


@pytest.fixture
async def monitoring(
    health: Health, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[AlertMonitor]:
    """The monitor running as its task (as the runner starts it), alert logs captured."""
    caplog.set_level(logging.INFO, logger="bot.health")
    monitor = AlertMonitor(health)
    task = asyncio.create_task(monitor.run())
    yield monitor
    task.cancel()


def fired(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The alert names logged as firing, in order."""
    return [r.alert for r in records(caplog, "alert_firing")]  # type: ignore[attr-defined]


async def test_monitor_task_fires_a_poll_outage_on_the_five_minute_mark(
    monitoring: AlertMonitor,
    health: Health,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Run as a task, the monitor reports a poll outage at 5:00 of fake time, not at the next
    30 s evaluation: an outage starting at any moment is reported within 5 minutes."""
    await clock.advance(17)
    health.telegram_ok()  # the 30 s evaluations fall at 300 and 330: 283 and 313 s after
    await clock.advance(299)
    assert fired(caplog) == []
    await clock.advance(1)
    assert (fired(caplog), health.firing) == (["no_successful_poll"], ("no_successful_poll",))


async def test_monitor_task_evaluates_every_30_seconds_on_the_injected_clock(
    monitoring: AlertMonitor,
    health: Health,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Between deadlines the rules are evaluated every 30 s: failing sends page within 30 s."""
    health.telegram_ok()
    await clock.advance(1)
    for _ in range(20):
        health.record_send("reply", NetworkError("down"))
    await clock.advance(29)
    assert fired(caplog) == ["send_failures"]


async def test_a_conflict_wakes_the_monitor_at_once(
    monitoring: AlertMonitor,
    health: Health,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A Conflict is reported without waiting for the next 30 s evaluation."""
    health.telegram_ok()
    await clock.advance(1)
    health.conflict()
    for _ in range(20):
        await asyncio.sleep(0)
    assert fired(caplog) == ["conflict"]


async def test_the_conflict_alert_resolves_once_the_window_has_passed(
    health: Health, clock: FakeClock
) -> None:
    """Five minutes after the last Conflict (and a successful poll since) the alert clears."""
    monitor = AlertMonitor(health)
    health.telegram_ok()
    health.conflict()
    assert [a.name for a in await monitor.check()] == ["conflict"]
    for _ in range(11):
        await clock.advance(30)
        health.telegram_ok()
        await monitor.check()
    assert monitor.firing == {}


async def test_forbidden_sends_are_counted_but_do_not_page(
    health: Health, clock: FakeClock
) -> None:
    """Users who blocked the bot show up by type in the metrics but not in the failure rule."""
    monitor = AlertMonitor(health)
    health.telegram_ok()
    forbidden = type("Forbidden", (Exception,), {})()
    for i in range(100):
        health.record_send("reminder", forbidden if i < 10 else None)
    assert value(health, "bot_send_errors_total", path="reminder", error="Forbidden") == 10
    assert await monitor.check() == []


async def test_operator_is_notified_on_fire_and_resolve_with_numbers_only(
    health: Health, clock: FakeClock
) -> None:
    """With a notifier, firing and resolving each send one plain message: name and numbers."""
    texts: list[str] = []

    async def notify(text: str) -> None:
        texts.append(text)

    monitor = AlertMonitor(health, notify=notify)
    health.telegram_ok()
    health.conflict()
    await monitor.check()
    await monitor.check()
    await clock.advance(301)
    health.telegram_ok()
    await monitor.check()
    assert texts == [
        "[bot] alert conflict firing: conflicts=1",
        "[bot] alert conflict resolved: conflicts=0",
    ]


async def test_a_failing_notifier_is_logged_by_type_and_never_stops_monitoring(
    health: Health, caplog: pytest.LogCaptureFixture
) -> None:
    """An unreachable operator chat is logged as alert_notify_failed; the alert still fires."""

    async def notify(text: str) -> None:
        raise ConnectionError("operator chat unreachable")

    caplog.set_level(logging.INFO, logger="bot.health")
    monitor = AlertMonitor(health, notify=notify)
    health.conflict()
    assert [a.name for a in await monitor.check()] == ["conflict"]
    (failed,) = records(caplog, "alert_notify_failed")
    assert failed.error == "ConnectionError"  # type: ignore[attr-defined]


# --- metrics from the real send paths ---------------------------------------------------------


async def test_metrics_carry_no_user_or_chat_id(wired: Wired, health: Health) -> None:
    """After real conversations of two users, no id (raw or hashed) appears in the exposition."""
    users = [731_945_227, 864_201_593]
    for user in users:
        await send(wired, "/start", user)
        await press(wired, button(wired, "I agree"), user)
        await send(wired, "/help", user)
        await send(wired, "I have some white discharge", user)
    text = generate_latest(health.registry).decode()
    assert value(health, "bot_sends_total", path="reply") >= 4
    hasher = wired.core.deps.hasher
    for user in users:
        assert str(user) not in text
        assert hasher.log_id(user) not in text
        assert hasher.user_key(user) not in text


def test_metric_labels_are_only_the_closed_sets(health: Health) -> None:
    """Every label is one of path, error, source, outcome or alert: never an identifier."""
    health.record_send("reply", ValueError())
    health.update_processed("poll")
    health.reminder_outcome("sent")
    health.set_firing(["conflict"], ALERT_NAMES)
    labels = {
        label
        for family in health.registry.collect()
        for sample in family.samples
        for label in sample.labels
    }
    assert labels <= ALLOWED_LABELS


async def test_a_failed_reply_is_counted_by_exception_type(wired: Wired, health: Health) -> None:
    """A reply Telegram refuses counts as a send and as a send error labelled with its class."""
    wired.wire.fail_methods["sendMessage"] = (400, "Bad Request: chat not found")
    await send(wired, "/help")
    assert value(health, "bot_sends_total", path="reply") == 1
    assert value(health, "bot_send_errors_total", path="reply", error="BadRequest") == 1


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(seed=3) as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot("123456:TEST-token-for-the-fake-api", base_url=api.base_url) as client:
        yield client


async def test_reminder_sends_and_blocks_are_counted(
    api: FakeBotAPI, bot: Bot, health: Health
) -> None:
    """A delivered reminder counts as a send; a blocked one also as a Forbidden error."""
    sender = TelegramReminderSender(bot, health=health, per_chat_interval=0)
    api.block(2)
    assert await sender.send_reminder(1, "en") is SendOutcome.SENT
    assert await sender.send_reminder(2, "en") is SendOutcome.BLOCKED
    assert value(health, "bot_sends_total", path="reminder") == 2
    assert value(health, "bot_send_errors_total", path="reminder", error="Forbidden") == 1


async def test_a_retried_429_is_rate_limited_not_failed(
    api: FakeBotAPI, bot: Bot, health: Health
) -> None:
    """A 429 that is waited out counts as rate limited; the one send is not an error."""
    sender = TelegramReminderSender(bot, health=health)
    api.reject_next(1, retry_after=1)
    assert await sender.send_reminder(1, "en") is SendOutcome.SENT
    assert value(health, "bot_send_rate_limited_total", path="reminder") == 1
    assert value(health, "bot_sends_total", path="reminder") == 1
    assert health.snapshot().send_failures == 0


class _Sender(ClaimingSender):
    """Every reminder goes out."""


async def test_scheduler_reports_its_last_run_and_outcomes() -> None:
    """The reminder loop stamps its last pass and counts each settled reminder by outcome."""
    storage = MemoryStorage()
    await storage.save_user(KEY_A, user_doc(KEY_A, CHAT_A))
    clock = FakeClock(berlin(DAY, 8, 59))
    health = Health(clock)
    scheduler = ReminderScheduler(storage, clock, _Sender(), health=health)
    clock.settle = scheduler.idle
    await scheduler.start()
    try:
        await clock.advance_to(berlin(DAY, 9, 5))
    finally:
        await scheduler.stop()
    assert value(health, "bot_reminders_total", outcome="sent") == 1
    last_run = value(health, "bot_reminder_last_run_timestamp_seconds")
    assert berlin(DAY, 9).timestamp() <= last_run <= clock.now().timestamp()
    assert value(health, "bot_reminder_queue_depth") == 0


# --- endpoints and the Prometheus rules -------------------------------------------------------


async def test_metrics_endpoint_serves_the_exposition_format(health: Health) -> None:
    """GET /metrics (polling mode's server) answers the Prometheus text format."""
    health.conflict()
    async with TestClient(TestServer(metrics_app(health))) as client:
        response = await client.get("/metrics")
        body = await response.text()
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    families = {f.name: f for f in text_string_to_metric_families(body)}
    assert families["bot_conflicts"].samples[0].value == 1


async def test_webhook_server_serves_metrics_and_alert_state(wired: Wired, health: Health) -> None:
    """In webhook mode /metrics sits beside /healthz, which names the firing alerts."""
    server = WebhookServer(wired.app, secret="s" * 40, path="/tg/x", health=health)
    health.set_firing(["conflict"], ALERT_NAMES)
    async with TestClient(TestServer(server.web)) as client:
        metrics = await client.get("/metrics")
        status = await (await client.get("/healthz")).json()
        metrics_body = await metrics.text()
    assert metrics.status == 200
    assert 'bot_alert_firing{alert="conflict"} 1.0' in metrics_body
    assert status["status"] == "alerting" and status["alerts"] == ["conflict"]


def _rules() -> list[dict[str, object]]:
    document = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return [rule for group in document["groups"] for rule in group["rules"]]


def test_prometheus_rules_use_only_exported_metric_names() -> None:
    """Every bot_* series in deploy/prometheus-alerts.yml is one this process exports."""
    exported = Health(FakeClock(T0)).metric_names()
    used = {name for rule in _rules() for name in re.findall(r"\bbot_\w+", str(rule["expr"]))}
    assert used
    assert used <= exported, used - exported


def test_prometheus_rules_cover_the_built_in_alerts_with_the_same_thresholds() -> None:
    """One rule per built-in alert, with 300 s, 5 % and the minimum send count in it."""
    rules = {rule["labels"]["builtin"]: str(rule["expr"]) for rule in _rules()}  # type: ignore[index]
    assert set(rules) == set(ALERT_NAMES)
    defaults = AlertRules()
    assert str(int(defaults.no_poll_after.total_seconds())) in rules["no_successful_poll"]
    assert "[5m]" in rules["conflict"] and "[5m]" in rules["send_failures"]
    assert str(defaults.max_failure_ratio) in rules["send_failures"]
    assert f">= {defaults.min_sends}" in rules["send_failures"]
