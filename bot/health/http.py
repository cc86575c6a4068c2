"""HTTP endpoints for the health signals: ``/metrics`` (Prometheus) and ``/healthz``.

Webhook mode mounts them on its own aiohttp server; polling mode starts a small server on
``BOT_METRICS_PORT`` (loopback by default). The exposition is prometheus_client's own. Both
endpoints answer 200 while the process runs, also while an alert fires (the alert names are
in the body): a restart cures none of the alerts, so the orchestrator must not be told to.
``/healthz`` also reads the store (one lookup of a key no user has): 503 when that fails or
takes longer than ``STORE_TIMEOUT``, since a bot that cannot read its store serves nobody.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.health.metrics import Health
from bot.storage.base import Storage

Handler = Callable[[web.Request], Awaitable[web.Response]]
StoreCheck = Callable[[], Awaitable[object]]
STORE_TIMEOUT = 3.0
# A well-formed storage key that no user has: HMAC output is never all zeros in practice.
PROBE_KEY = "0" * 64

log = logging.getLogger("bot.health.http")


def store_check(storage: Storage) -> StoreCheck:
    """A read of the store that touches no user's data."""

    async def check() -> object:
        return await storage.load_user(PROBE_KEY)

    return check


async def _store_ok(check: StoreCheck | None) -> bool:
    if check is None:
        return True
    try:
        await asyncio.wait_for(check(), STORE_TIMEOUT)
    except Exception as exc:  # any failure to read means the store cannot serve users
        log.warning("healthz_store_failed", extra={"error": type(exc).__name__})
        return False
    return True


def metrics_handler(health: Health) -> Handler:
    """``GET /metrics``: the registry in the Prometheus text format."""

    async def metrics(request: web.Request) -> web.Response:
        body = generate_latest(health.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    return metrics


def health_status(health: Health) -> dict[str, object]:
    """The ``/healthz`` body: ``ok`` or ``alerting``, and the firing alert names."""
    return {"status": "alerting" if health.firing else "ok", "alerts": list(health.firing)}


def healthz_handler(
    health: Health,
    check: StoreCheck | None = None,
    extra: Callable[[], dict[str, object]] | None = None,
) -> Handler:
    """``GET /healthz``: the alert state and the store (200 while both can serve, else 503)."""

    async def healthz(request: web.Request) -> web.Response:
        body = health_status(health)
        if not await _store_ok(check):
            body.update(status="store_unavailable", store="unavailable")
            return web.json_response({**body, **(extra() if extra else {})}, status=503)
        return web.json_response({**body, "store": "ok", **(extra() if extra else {})})

    return healthz


def metrics_app(health: Health, check: StoreCheck | None = None) -> web.Application:
    """A tiny application with ``/metrics`` and ``/healthz`` (polling mode)."""
    app = web.Application()
    app.router.add_get("/metrics", metrics_handler(health))
    app.router.add_get("/healthz", healthz_handler(health, check))
    return app


async def serve_metrics(
    health: Health, host: str, port: int, check: StoreCheck | None = None
) -> web.AppRunner:
    """Listen on ``host:port``; the caller keeps the runner and calls ``cleanup()``."""
    runner = web.AppRunner(metrics_app(health, check), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
