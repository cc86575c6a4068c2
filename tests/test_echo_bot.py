"""The benchmark's echo bot: bare by default, behind the check-in bot's limiter on request."""

from __future__ import annotations

from telegram.ext import AIORateLimiter

from benchmarks import echo_bot

TOKEN = "1:test"  # made up: nothing is called
BASE = "http://127.0.0.1:9/bot"


def test_the_stock_echo_bot_has_no_rate_limiter() -> None:
    """Without --rate-limit the echo bot sends as fast as it can."""
    assert echo_bot.build(TOKEN, BASE, 1).bot.rate_limiter is None


def test_rate_limit_puts_the_echo_bot_behind_aioratelimiter() -> None:
    """With --rate-limit the echo bot's requests go through PTB's AIORateLimiter."""
    limiter = echo_bot.build(TOKEN, BASE, 1, rate_limit=True).bot.rate_limiter
    assert isinstance(limiter, AIORateLimiter)
