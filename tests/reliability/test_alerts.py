"""Alerts under real faults (RELIABILITY O1): a Bot API outage, a second instance, a lost webhook.

The poller runs against the fake Bot API over HTTP while the health timestamps and the
monitor run on a fake clock, so "five minutes without a successful poll" takes no real
time. The last test runs ``python -m bot run`` as a process: its /metrics port answers, and
a second instance polling with the same token makes the operator chat receive the alert.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import Bot
from telegram.error import Conflict, TelegramError
from telegram.ext import Application

from bot.clock import FakeClock
from bot.health import AlertMonitor, Health
from bot.tg.polling import CommitAfterProcessPoller
from bot.tg.webhook import WebhookServer
from tests.e2e import FAKE_TOKEN, spawn_bot, wait_polling
from tests.fakes.bot_api import FakeBotAPI

T0 = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
OPERATOR_CHAT = 55_501


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def health(clock: FakeClock) -> Health:
    return Health(clock)


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.02)


def firing_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.alert for r in caplog.records if r.getMessage() == "alert_firing"]  # type: ignore[attr-defined]


@contextlib.asynccontextmanager
async def running(coro: Awaitable[Any]) -> AsyncIterator[asyncio.Task[Any]]:
    """Run ``coro`` as a task for the block; cancel it afterwards."""
    task = asyncio.ensure_future(coro)
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(BaseException):
            await task


async def test_a_bad_gateway_outage_fires_no_successful_poll_after_five_minutes(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    health: Health,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With the Bot API answering 502, the alert fires once, within 5 minutes of fake time of
    the outage starting, and resolves once polling succeeds again."""
    caplog.set_level(logging.INFO, logger="bot.health")
    poller = CommitAfterProcessPoller(app, timeout=1, backoff=0.05, health=health)
    monitor = AlertMonitor(health)
    async with running(poller.run()), running(monitor.run()):
        await until(lambda: health.snapshot().last_ok is not None)
        api.bad_gateway(60)
        bad = len([c for c in api.calls_to("getUpdates") if c.status == 502])
        await until(lambda: len([c for c in api.calls_to("getUpdates") if c.status == 502]) > bad)
        await clock.advance(dt.timedelta(minutes=4, seconds=59))
        assert firing_logs(caplog) == []
        await clock.advance(dt.timedelta(seconds=1))
        assert firing_logs(caplog) == ["no_successful_poll"]
        await clock.advance(dt.timedelta(minutes=2))
        assert firing_logs(caplog) == ["no_successful_poll"]
        errors = health.registry.get_sample_value(
            "bot_poll_errors_total", {"error": "NetworkError"}
        )
        assert (errors or 0) > 0
        api.clear_faults()
        await until(lambda: (clock.now() - (health.snapshot().last_ok or T0)).total_seconds() < 1)
        await clock.advance(30)
        assert monitor.firing == {}
    resolved = [r for r in caplog.records if r.getMessage() == "alert_resolved"]
    assert [r.alert for r in resolved] == ["no_successful_poll"]  # type: ignore[attr-defined]


async def compete(api: FakeBotAPI, stop: asyncio.Event) -> None:
    """A second instance with the same token, long-polling whenever it is overtaken."""
    async with Bot(FAKE_TOKEN, base_url=api.base_url) as other:
        while not stop.is_set():
            with contextlib.suppress(TelegramError):
                await other.get_updates(timeout=2, read_timeout=5)


async def test_a_second_instance_raises_the_conflict_alert(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
    health: Health,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another poller on the token makes the poller see Conflicts: the alert fires once, right
    away (before the poller gives up), and every Conflict is counted."""
    caplog.set_level(logging.INFO, logger="bot.health")
    poller = CommitAfterProcessPoller(
        app, timeout=2, max_conflicts=3, conflict_pause=0.05, health=health
    )
    monitor = AlertMonitor(health)
    stop = asyncio.Event()
    async with running(monitor.run()), running(compete(api, stop)):
        await asyncio.sleep(0.3)
        with pytest.raises(Conflict):
            await asyncio.wait_for(poller.run(), timeout=60)
        await until(lambda: bool(firing_logs(caplog)))
        stop.set()
    assert firing_logs(caplog) == ["conflict"]
    assert health.registry.get_sample_value("bot_conflicts_total") == 3


@pytest.fixture
async def registered(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
    health: Health,
) -> WebhookServer:
    """Our webhook server, registered with the fake Bot API and reporting into ``health``."""
    server = WebhookServer(app, secret="s" * 40, path="/tg/x", health=health)
    await server.register("https://bot.example.test")
    return server


async def test_webhook_check_counts_a_quiet_registered_webhook_as_healthy(
    registered: WebhookServer, health: Health
) -> None:
    """Our webhook registered and nothing pending: silence is not an outage."""
    await registered.check_delivery()
    assert health.snapshot().last_ok is not None


async def test_webhook_check_with_updates_piling_up_is_not_healthy(
    registered: WebhookServer, api: FakeBotAPI, health: Health
) -> None:
    """Updates waiting at Telegram (it cannot reach us) do not count as contact."""
    api.push_command(6_100_001, "help")
    await registered.check_delivery()
    assert health.snapshot().last_ok is None


async def test_webhook_replaced_by_another_instance_counts_as_a_conflict(
    registered: WebhookServer, api: FakeBotAPI, health: Health
) -> None:
    """When another instance deletes our webhook (to poll), the check records a Conflict."""
    async with Bot(FAKE_TOKEN, base_url=api.base_url) as other:
        await other.delete_webhook()
    await registered.check_delivery()
    assert health.registry.get_sample_value("bot_conflicts_total") == 1
    assert health.snapshot().last_ok is None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.e2e
async def test_bot_process_serves_metrics_and_tells_the_operator_about_a_conflict(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """``python -m bot run`` with BOT_METRICS_PORT serves /metrics; a second instance makes
    it send the conflict alert to BOT_ALERT_CHAT_ID (name and numbers only)."""
    port = free_port()
    process = spawn_bot(
        api,
        tmp_path / "data",
        tmp_path / "logs",
        BOT_METRICS_PORT=str(port),
        BOT_ALERT_CHAT_ID=str(OPERATOR_CHAT),
    )
    stop = asyncio.Event()
    try:
        await wait_polling(api, process, after=1)
        url = f"http://127.0.0.1:{port}/metrics"
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            body = await response.text()
        assert response.status == 200
        assert "bot_telegram_last_ok_timestamp_seconds" in body
        assert "bot_telegram_last_ok_timestamp_seconds 0.0" not in body
        async with running(compete(api, stop)):
            (alert,) = await api.wait_for_sent(OPERATOR_CHAT)
        assert (alert.text or "").startswith("[bot] alert conflict firing: conflicts=")
    finally:
        stop.set()
        process.kill()
