"""``python -m bot run``: the Telegram bot (polling, commit-after-process), or the console chat
when no token is configured.

Start-up order matters: content is validated first (a broken catalog never serves users),
then the data directory is locked and checked (a second instance or a corrupt store stops
here, before any Telegram call), then the webhook is removed and polling begins.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from bot import logging_setup
from bot.app import build_application, build_core
from bot.catalog.catalog import Catalog
from bot.catalog.files import ContentError
from bot.clock import SystemClock
from bot.config import Settings
from bot.privacy import UserHasher, load_or_create_key
from bot.storage.base import StorageError
from bot.storage.tinydb_store import TinyDBStorage
from bot.tg.handlers import set_commands
from bot.tg.polling import CommitAfterProcessPoller

log = logging.getLogger("bot.runner")


def main(argv: list[str]) -> int:
    """Run until SIGTERM / SIGINT; exit non-zero when start-up checks fail."""
    parser = argparse.ArgumentParser(prog="python -m bot run")
    parser.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    args = parser.parse_args(argv)
    settings = Settings()
    if settings.telegram_bot_token is None:
        print("TELEGRAM_BOT_TOKEN is not set: starting the console chat instead.", file=sys.stderr)
        from bot.console.chat import main as chat_main

        return chat_main([])
    secrets = [settings.telegram_bot_token.get_secret_value()]
    if settings.bot_webhook_secret is not None:
        secrets.append(settings.bot_webhook_secret.get_secret_value())
    logging_setup.configure(settings.bot_log_level, secrets=secrets)
    try:
        return asyncio.run(run(settings, webhook=args.webhook))
    except (ContentError, StorageError) as exc:
        log.critical("startup_refused", extra={"error": type(exc).__name__})
        print(f"start-up refused: {exc}", file=sys.stderr)
        return 1


async def run(settings: Settings, *, webhook: bool = False) -> int:
    """Start everything, serve until a stop signal, then stop within the grace period."""
    catalog = Catalog.load()
    storage = await TinyDBStorage.open(settings.bot_data_dir)
    try:
        hasher = UserHasher(
            settings.bot_hash_key.get_secret_value().encode()
            if settings.bot_hash_key
            else load_or_create_key(settings.bot_data_dir)
        )
        core = build_core(
            catalog,
            storage,
            SystemClock(),
            hasher,
            store_content_gaps=settings.bot_store_content_gaps,
        )
        app = build_application(settings, core)
        async with app:
            await app.bot.delete_webhook(drop_pending_updates=False)
            await set_commands(app, catalog)
            poller = CommitAfterProcessPoller(
                app,
                limit=settings.bot_poll_limit,
                timeout=settings.bot_poll_timeout,
                concurrency=settings.bot_concurrency,
            )
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, poller.stop)
            log.info("started")
            await poller.run()
            log.info("stopped")
    finally:
        await storage.close()
    return 0
