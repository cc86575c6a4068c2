"""Webhook mode: an aiohttp server that answers Telegram 200 only after the update is processed.

Hardening (RELIABILITY S5, U1): the secret token header is compared in constant time (403
when absent or wrong, nothing processed); the path is random unless configured; bodies over
the cap get 413 before they are read; the raw body is never logged. A ``/healthz`` endpoint
reports liveness (and the firing alert names) for the orchestrator, ``/metrics`` the health
signals (O1) for Prometheus; neither is forwarded by the reverse proxy.

Silence is normal for a webhook (nobody writes at night), so a quiet period alone must not
look like an outage: ``watch_delivery`` asks Telegram (``getWebhookInfo``) every minute and
counts it as healthy contact when our URL is registered and nothing is waiting. When Telegram
cannot reach us, updates pile up, nothing refreshes the signal and ``no_successful_poll``
fires; when another instance replaced our webhook (or polls), that counts as a Conflict.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import time

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.clock import Clock
from bot.health import Health, current
from bot.health.http import StoreCheck, healthz_handler, metrics_handler
from bot.tg.polling import ALLOWED_UPDATES

log = logging.getLogger("bot.tg.webhook")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


def random_path() -> str:
    """An unguessable URL path (not derived from the token)."""
    return "/tg/" + secrets.token_urlsafe(24)


class WebhookServer:
    """Receives updates over HTTPS (behind a reverse proxy) and processes them before 200."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        *,
        secret: str,
        path: str,
        max_body: int = 1_048_576,
        health: Health | None = None,
        store_check: StoreCheck | None = None,
    ) -> None:
        if len(secret) < 32:
            raise ValueError("the webhook secret must be at least 32 characters")
        self.app = app
        self.secret = secret.encode()
        self.path = path
        self.max_body = max_body
        self.signals = health or current()
        self.processed = 0
        self.last_update_at: float | None = None
        self.registered_url: str | None = None
        self.web = web.Application(client_max_size=max_body)
        self.web.router.add_post(path, self._receive)
        self.web.router.add_get(
            "/healthz",
            healthz_handler(self.signals, store_check, lambda: {"processed": self.processed}),
        )
        self.web.router.add_get("/metrics", metrics_handler(self.signals))

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            log.warning("webhook_forbidden")
            return web.Response(status=403)
        if request.content_length is not None and request.content_length > self.max_body:
            return web.Response(status=413)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413)
        try:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise TypeError("an update is a JSON object")
            update = Update.de_json(data, self.app.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("webhook_bad_body")
            return web.Response(status=400)
        self.signals.in_flight(1)
        try:
            await self.app.process_update(update)
        finally:
            self.signals.in_flight(-1)
        self.processed += 1
        self.last_update_at = time.time()
        self.signals.update_processed("webhook")
        self.signals.telegram_ok()
        return web.Response(status=200)

    async def register(self, public_url: str) -> None:
        """Tell Telegram where to send updates, with the secret and the allowed update types."""
        url = public_url.rstrip("/") + self.path
        await self.app.bot.set_webhook(
            url=url,
            secret_token=self.secret.decode(),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
            max_connections=40,
        )
        self.registered_url = url

    async def check_delivery(self) -> None:
        """Ask Telegram whether it can deliver to us, and record the answer (see above)."""
        try:
            info = await self.app.bot.get_webhook_info()
        except TelegramError as exc:
            self.signals.poll_failed(exc)
            log.warning("webhook_check_failed", extra={"error": type(exc).__name__})
            return
        if self.registered_url is not None and info.url != self.registered_url:
            log.error("webhook_replaced")
            self.signals.conflict()
            return
        if info.pending_update_count == 0:
            self.signals.telegram_ok()

    async def watch_delivery(self, clock: Clock, every: float = 60.0) -> None:
        """``check_delivery`` every ``every`` seconds until cancelled."""
        while True:
            try:
                await self.check_delivery()
            except Exception as exc:  # a surprise in one check must not end the watch
                log.error("webhook_check_error", extra={"error": type(exc).__name__})
            await clock.sleep(every)

    async def serve(self, host: str, port: int) -> web.AppRunner:
        """Start listening; the caller keeps the runner and calls ``cleanup()`` to stop."""
        runner = web.AppRunner(self.web, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        return runner
