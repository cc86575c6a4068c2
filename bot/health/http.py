"""HTTP endpoints for the health signals: ``/metrics`` (Prometheus) and ``/healthz``.

Webhook mode mounts them on its own aiohttp server; polling mode starts a small server on
``BOT_METRICS_PORT`` (loopback by default). The exposition is prometheus_client's own. Both
endpoints answer 200 while the process runs, also while an alert fires (the alert names are
in the body): a restart cures none of the alerts, so the orchestrator must not be told to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.health.metrics import Health

Handler = Callable[[web.Request], Awaitable[web.Response]]


def metrics_handler(health: Health) -> Handler:
    """``GET /metrics``: the registry in the Prometheus text format."""

    async def metrics(request: web.Request) -> web.Response:
        body = generate_latest(health.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    return metrics


def health_status(health: Health) -> dict[str, object]:
    """The ``/healthz`` body: ``ok`` or ``alerting``, and the firing alert names."""
    return {"status": "alerting" if health.firing else "ok", "alerts": list(health.firing)}


def healthz_handler(health: Health) -> Handler:
    """``GET /healthz``: liveness plus the alert state (always 200 while alive)."""

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response(health_status(health))

    return healthz


def metrics_app(health: Health) -> web.Application:
    """A tiny application with ``/metrics`` and ``/healthz`` (polling mode)."""
    app = web.Application()
    app.router.add_get("/metrics", metrics_handler(health))
    app.router.add_get("/healthz", healthz_handler(health))
    return app


async def serve_metrics(health: Health, host: str, port: int) -> web.AppRunner:
    """Listen on ``host:port``; the caller keeps the runner and calls ``cleanup()``."""
    runner = web.AppRunner(metrics_app(health), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
