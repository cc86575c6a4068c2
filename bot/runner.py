"""``python -m bot run``: the Telegram bot (polling, commit-after-process), or the console chat
when no token is configured.

Start-up order matters: content is validated first (a broken catalog never serves users),
then the data directory is locked and checked (a second instance or a corrupt store stops
here, before any Telegram call), then Telegram is reached (``getMe``; a network failure is
one log line and a retry, a rejected token exit 78, Ctrl-C meanwhile one log line and exit
130), then the webhook is removed and polling begins.

Health (RELIABILITY O1): one ``Health`` per process is installed before anything reports
into it; an ``AlertMonitor`` task evaluates the alert rules every 30 s (and at once after a
Conflict), logging transitions and, with ``BOT_ALERT_CHAT_ID``, messaging the operator.
``/metrics`` is served beside ``/healthz`` in webhook mode, and on ``BOT_METRICS_PORT`` in
polling mode.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import signal
import sys
from collections.abc import Awaitable, Callable

from telegram import Bot
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot import gc_tuning, logging_setup
from bot import health as health_signals
from bot.app import Core, build_application, build_core, reminder_bot
from bot.catalog import babel_global
from bot.catalog.catalog import Catalog
from bot.catalog.check_stamp import load_checked
from bot.catalog.files import ContentError
from bot.clock import Clock, SystemClock
from bot.config import EXIT_CONFIG, Settings, SettingsError, load_settings
from bot.domain.models import UserDoc
from bot.health import AlertMonitor, Health
from bot.health.monitor import Notify
from bot.privacy import UserHasher, hash_key
from bot.reminders.scheduler import ReminderScheduler
from bot.retention import RetentionPolicy, purge_daily
from bot.services.flood import FloodGate
from bot.storage.base import Storage, StorageError
from bot.storage.factory import open_storage
from bot.storage.tinydb_store import TinyDBStorage
from bot.tg.handlers import set_commands
from bot.tg.polling import CommitAfterProcessPoller
from bot.tg.reminder_sender import TelegramReminderSender

log = logging.getLogger("bot.runner")
MAX_REACH_WAIT = 60.0
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C


def main(argv: list[str]) -> int:
    """Run until SIGTERM / SIGINT; exit non-zero when start-up checks fail."""
    parser = argparse.ArgumentParser(
        prog="python -m bot run",
        description="The Telegram bot: polling (commit-after-process) unless --webhook. With no "
        "TELEGRAM_BOT_TOKEN it starts the console chat when a person is at a terminal, and "
        f"otherwise exits {EXIT_CONFIG}.",
    )
    parser.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    args = parser.parse_args(argv)
    settings = load_settings()
    if settings.telegram_bot_token is None:
        if not sys.stdin.isatty():
            print(
                "error: TELEGRAM_BOT_TOKEN is not set (environment or .env); "
                "for the console chat run `python -m bot chat`",
                file=sys.stderr,
            )
            return EXIT_CONFIG
        print("TELEGRAM_BOT_TOKEN is not set: starting the console chat.", file=sys.stderr)
        from bot.console.chat import main as chat_main

        return chat_main([])
    if args.webhook:
        webhook_settings(settings)  # refused here, before the store or Telegram is touched
    secrets = [settings.telegram_bot_token.get_secret_value()]
    if settings.bot_webhook_secret is not None:
        secrets.append(settings.bot_webhook_secret.get_secret_value())
    logging_setup.configure(settings.bot_log_level, secrets=secrets)
    gc_tuning.one_malloc_arena()  # before the first thread (the encoder's, in run)
    babel_global.keep_per_key()  # before Babel's first look-up
    try:
        return asyncio.run(run(settings, webhook=args.webhook))
    except (ContentError, StorageError) as exc:
        log.critical("startup_refused", extra={"error": type(exc).__name__})
        print(f"start-up refused: {exc}", file=sys.stderr)
        return 1
    except InvalidToken:
        # PTB's message would repeat the token: say only which setting is wrong.
        log.critical("token_rejected")
        print("error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped)", file=sys.stderr)
        return EXIT_CONFIG
    except Conflict:
        # Another process polls with the same token: stop, so at most one keeps running.
        log.critical("polling_conflict_exit")
        return 3
    except KeyboardInterrupt:
        # Ctrl-C before the stop handlers are installed (say, while Telegram is unreachable):
        # asyncio.run has already cancelled start-up and closed the store.
        log.warning("interrupted_during_start_up")
        return EXIT_INTERRUPTED


def webhook_settings(settings: Settings) -> tuple[str, str]:
    """Webhook mode's secret and public URL; SettingsError names whichever is not set."""
    secret, url = settings.bot_webhook_secret, settings.bot_webhook_url
    if secret is None or url is None:
        unset = [
            name
            for name, value in (("BOT_WEBHOOK_SECRET", secret), ("BOT_WEBHOOK_URL", url))
            if value is None
        ]
        raise SettingsError(f"webhook mode needs {' and '.join(unset)}")
    return secret.get_secret_value(), url


async def reach_telegram(settings: Settings, clock: Clock, *, first_wait: float = 1.0) -> None:
    """Return once Telegram answers ``getMe``; a network failure is one log line and a retry
    (waits doubling up to ``MAX_REACH_WAIT``), never a traceback. InvalidToken propagates."""
    wait = first_wait
    while True:
        try:
            async with reminder_bot(settings, connections=1):  # initialising it calls getMe
                return
        except NetworkError as exc:  # TimedOut included; InvalidToken is not a NetworkError
            log.warning(
                "telegram_unreachable", extra={"error": type(exc).__name__, "retry_in": wait}
            )
        await clock.sleep(wait)
        wait = min(wait * 2, MAX_REACH_WAIT)


async def run(settings: Settings, *, webhook: bool = False) -> int:
    """Start everything, serve until a stop signal, then stop within the grace period."""
    catalog = load_checked()
    storage = await open_storage(settings, validate=UserDoc.model_validate)
    clock = SystemClock()
    health = Health(clock)
    health_signals.install(health)
    try:
        await reach_telegram(settings, clock)
        hasher = UserHasher(hash_key(settings))
        core = build_core(
            catalog,
            storage,
            clock,
            hasher,
            store_content_gaps=settings.bot_store_content_gaps,
            flood=FloodGate(
                capacity=settings.bot_user_burst, rate=settings.bot_user_rate_per_minute / 60
            ),
        )
        app = build_application(settings, core)
        async with app, reminder_bot(settings) as sender_bot:
            scheduler = build_scheduler(settings, core, sender_bot, hasher, health)
            core.deps.reminders_changed = _refresher(scheduler)
            await _publish_profile(app, catalog)
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            await scheduler.start()
            warm = asyncio.create_task(asyncio.to_thread(catalog.warm))
            # Start-up objects out of the collector's full passes, the FAQ index once built.
            gc_tuning.settle_heap()
            warm.add_done_callback(lambda _: gc_tuning.settle_heap())
            settled = asyncio.create_task(_settle_when_indexed(scheduler), name="settle-heap")
            monitor = AlertMonitor(
                health, notify=operator_notifier(sender_bot, settings.bot_alert_chat_id)
            )
            watch = asyncio.create_task(monitor.run(), name="health-monitor")
            purge = asyncio.create_task(
                purge_daily(
                    storage,
                    clock,
                    RetentionPolicy.from_settings(settings),
                    on_erased=_refresher(scheduler),
                ),
                name="retention-purge",
            )
            try:
                if webhook:
                    await _serve_webhook(settings, app, stop, health, clock, storage)
                else:
                    await _poll(settings, app, stop, health, storage)
            finally:
                watch.cancel()
                purge.cancel()
                settled.cancel()
                warm.cancel()
                await scheduler.stop()
            log.info("stopped")
    finally:
        await storage.close()
    return 0


async def _settle_when_indexed(scheduler: ReminderScheduler) -> None:
    """Settle the heap again once the reminder index is rebuilt (its reading is freed)."""
    await scheduler.index_ready()
    gc_tuning.settle_heap()


async def _publish_profile(app: Application, catalog: Catalog) -> None:  # type: ignore[type-arg]
    """The command menu and descriptions; a failure is logged, never a reason not to serve."""
    try:
        await set_commands(app, catalog)
    except TelegramError as exc:
        log.warning("profile_publish_failed", extra={"error": type(exc).__name__})


async def _poll(
    settings: Settings,
    app: Application,  # type: ignore[type-arg]
    stop: asyncio.Event,
    health: Health,
    storage: Storage,
) -> None:
    await app.bot.delete_webhook(drop_pending_updates=False)
    poller = CommitAfterProcessPoller(
        app,
        limit=settings.bot_poll_limit,
        timeout=settings.bot_poll_timeout,
        concurrency=settings.bot_concurrency,
        stop_grace=settings.bot_stop_grace_seconds,
        health=health,
    )
    metrics = None
    if settings.bot_metrics_port is not None:
        # aiohttp (about 0.15 s of CPU to import) only where a server is served.
        from bot.health.http import serve_metrics, store_check

        metrics = await serve_metrics(
            health,
            settings.bot_metrics_listen,
            settings.bot_metrics_port,
            store_check(storage),
        )
    stopper = asyncio.create_task(_stop_when(stop, poller.stop))
    log.info("started", extra={"mode": "polling"})
    try:
        await poller.run()
    finally:
        stopper.cancel()
        if metrics is not None:
            await metrics.cleanup()


async def _serve_webhook(
    settings: Settings,
    app: Application,  # type: ignore[type-arg]
    stop: asyncio.Event,
    health: Health,
    clock: Clock,
    storage: Storage,
) -> None:
    from bot.health.http import store_check
    from bot.tg.webhook import WebhookServer, random_path

    secret, url = webhook_settings(settings)
    server = WebhookServer(
        app,
        secret=secret,
        path=settings.bot_webhook_path or random_path(),
        max_body=settings.bot_webhook_max_body,
        health=health,
        store_check=store_check(storage),
    )
    runner = await server.serve(settings.bot_webhook_listen, settings.bot_webhook_port)
    await server.register(url)
    delivery = asyncio.create_task(server.watch_delivery(clock), name="webhook-delivery-check")
    log.info("started", extra={"mode": "webhook"})
    try:
        await stop.wait()
    finally:
        delivery.cancel()
        await runner.cleanup()


async def _stop_when(event: asyncio.Event, action: Callable[[], None]) -> None:
    await event.wait()
    action()


def build_scheduler(
    settings: Settings, core: Core, bot: Bot, hasher: UserHasher, health: Health | None = None
) -> ReminderScheduler:
    """The reminder scheduler over the core's storage, sending through ``bot``."""
    catalog = core.catalog

    def render(locale: str) -> tuple[str, str, str]:
        return (
            catalog.t(locale, "reminders.message"),
            catalog.t(locale, "reminders.btn_start"),
            catalog.t(locale, "reminders.btn_later"),
        )

    sender = TelegramReminderSender(bot, render, rate=settings.bot_reminder_rate, health=health)
    return ReminderScheduler(
        core.storage,
        core.deps.clock,
        sender,
        grace=dt.timedelta(minutes=settings.bot_reminder_grace_minutes),
        log_id=hasher.log_id_for_key,
        health=health,
        # The TinyDB engine's users are read for the index in a child process (memory).
        rebuild_from=core.storage.data_dir if isinstance(core.storage, TinyDBStorage) else None,
    )


def operator_notifier(bot: Bot, chat_id: int | None) -> Notify | None:
    """Alert messages to the operator's chat (None: no chat configured, log only)."""
    if chat_id is None:
        return None

    async def notify(text: str) -> None:
        await bot.send_message(chat_id, text)

    return notify


def _refresher(scheduler: ReminderScheduler) -> Callable[[str], Awaitable[None]]:
    async def refresh(key: str) -> None:
        scheduler.refresh(key)

    return refresh
