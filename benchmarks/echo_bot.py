"""A bare python-telegram-bot echo bot with the stock ``run_polling``: the throughput baseline.

It does the least a bot can do for the same kinds of updates the check-in bot gets: a text
message is echoed back with ``sendMessage``; a button tap is answered
(``answerCallbackQuery``) and its message edited (``editMessageText``), which is exactly the
pair of calls the check-in bot makes for a tap. No storage, no rate limiter, stock
``Application`` settings (updates processed one at a time). Settings come from the same
environment variables as the bot: ``TELEGRAM_BOT_TOKEN``, ``TELEGRAM_API_BASE_URL`` and
``BOT_POLL_TIMEOUT``. With ``--concurrent`` updates of different users run concurrently
(PTB's ``concurrent_updates``), like the check-in bot's poller. With ``--rate-limit`` every
chat request goes through PTB's ``AIORateLimiter`` as the check-in bot's do (30 a second): the
same pace, so the CPU an update costs at that pace can be compared (``e2e_bench.py --only
echo-limited``).

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=http://127.0.0.1:PORT/bot \\
        python benchmarks/echo_bot.py
"""

from __future__ import annotations

import argparse
import logging
import os

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)


async def echo_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back."""
    if update.message is not None and update.message.text:
        await update.message.reply_text(update.message.text)


async def echo_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the tap and write its data into the message."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await query.edit_message_text(f"echo {query.data} #{update.update_id}")


def build(token: str, base_url: str, concurrent: int, rate_limit: bool = False) -> Application:  # type: ignore[type-arg]
    """The echo application."""
    builder = ApplicationBuilder().token(token).base_url(base_url)
    if concurrent > 1:
        builder = builder.concurrent_updates(concurrent)
    if rate_limit:  # as bot.app.build_application sets it
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo_text))
    app.add_handler(CallbackQueryHandler(echo_button))
    return app


def main() -> None:
    """Run until SIGTERM / SIGINT (stock ``run_polling`` handles both)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=1, help="concurrent updates (1: stock)")
    parser.add_argument(
        "--rate-limit", action="store_true", help="chat requests through PTB's AIORateLimiter"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    app = build(
        os.environ["TELEGRAM_BOT_TOKEN"],
        os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"),
        args.concurrent,
        args.rate_limit,
    )
    app.run_polling(
        timeout=int(os.environ.get("BOT_POLL_TIMEOUT", "10")), allowed_updates=Update.ALL_TYPES
    )


if __name__ == "__main__":
    main()
