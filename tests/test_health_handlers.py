"""Handler health signals: errors counted and alerted on, handler time, FAQ outcomes, the
standard process and GC series, and a /healthz that reads the store."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.health import Health, evaluate
from bot.health.alerts import Snapshot
from bot.health.http import metrics_app, store_check
from bot.services import freetext
from bot.storage.memory import MemoryStorage
from bot.tg.webhook import WebhookServer
from tests.conftest import Wired
from tests.test_handlers_flow import onboard_pregnant, send
from tests.test_health import T0, at, clock, health, value

__all__ = ["clock", "health"]


async def explode(turn: object, text: str) -> None:
    raise RuntimeError("boom")


@pytest.fixture
async def failed_once(wired: Wired, monkeypatch: pytest.MonkeyPatch) -> None:
    """One question whose handler raised."""
    await onboard_pregnant(wired)
    monkeypatch.setattr(freetext, "on_text", explode)
    await send(wired, "is creamy discharge normal")


async def test_a_handler_error_is_counted_by_exception_class(
    health: Health, failed_once: None
) -> None:
    """An exception inside a handler adds one to bot_handler_errors_total{error=...}."""
    assert value(health, "bot_handler_errors_total", error="RuntimeError") == 1


async def test_a_handler_error_fires_the_built_in_alert(health: Health, failed_once: None) -> None:
    """One handler error in the window fires handler_errors with its count."""
    (alert,) = [
        a
        for a in evaluate(at(1), health.snapshot(), Snapshot.at_start(T0))
        if a.name != "no_successful_poll"
    ]
    assert alert.name == "handler_errors" and alert.values == {"handler_errors": 1}


async def test_every_update_is_timed_in_the_handler_histogram(wired: Wired, health: Health) -> None:
    """Each update the handler takes is one observation of bot_handler_seconds."""
    await send(wired, "/start")
    await send(wired, "/help")
    assert value(health, "bot_handler_seconds_count") == 2


async def test_free_text_questions_are_counted_by_outcome(wired: Wired, health: Health) -> None:
    """An answered question and one nobody can answer count as answered and unmatched."""
    await onboard_pregnant(wired)
    await send(wired, "is brown discharge normal")
    await send(wired, "qwzx vbnm plkj")
    assert value(health, "bot_faq_outcomes_total", outcome="answered") == 1
    assert value(health, "bot_faq_outcomes_total", outcome="unmatched") == 1


def test_process_and_gc_series_are_exported(health: Health) -> None:
    """The registry carries the standard process_* and python_gc_* series."""
    names = health.metric_names()
    assert "process_resident_memory_bytes" in names
    assert "python_gc_collections_total" in names


async def test_healthz_reports_a_readable_store(health: Health) -> None:
    """Polling mode's /healthz reads the store and says ok."""
    app = metrics_app(health, store_check(MemoryStorage()))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 200 and body["store"] == "ok"


async def test_healthz_is_503_when_the_store_cannot_be_read(health: Health) -> None:
    """A closed store makes polling mode's /healthz answer 503 store_unavailable."""
    storage = MemoryStorage()
    await storage.close()
    async with TestClient(TestServer(metrics_app(health, store_check(storage)))) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 503 and body["status"] == "store_unavailable"


async def test_webhook_healthz_reads_the_store_too(wired: Wired, health: Health) -> None:
    """Webhook mode's /healthz answers 503 when its store cannot be read."""
    storage = MemoryStorage()
    await storage.close()
    server = WebhookServer(
        wired.app, secret="s" * 40, path="/tg/x", health=health, store_check=store_check(storage)
    )
    async with TestClient(TestServer(server.web)) as client:
        response = await client.get("/healthz")
    assert response.status == 503
