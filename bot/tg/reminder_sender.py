"""Sends reminder messages through the Bot API, paced under Telegram's limits.

``TelegramReminderSender.send_reminder`` sends one message with two inline buttons,
"Start check-in" (``checkin:start``) and "Remind me in 1 hour" (``rem:snooze:60``), and maps
the result to a ``SendOutcome`` for the scheduler:

==============================  ===============  ==========================================
Telegram says                   Outcome          Why
==============================  ===============  ==========================================
200                             SENT
429 ``RetryAfter``              (retried)        Not delivered. That chat is held for
                                                 ``retry_after`` and the *same* message is
                                                 retried; never counted as a failure (R5).
                                                 After ``max_attempts`` (10) 429s: FAILED.
403 ``Forbidden``               BLOCKED          Blocked / deactivated: stop reminding (R7).
400 "chat not found"            BLOCKED          The chat is gone for good.
``TimedOut`` (read/write)       POSSIBLY_SENT    The request went out and may have been
                                                 processed: never resent (R6).
``TimedOut`` (connect/pool)     FAILED           Nothing left the process; safe to retry.
5xx, other network errors       FAILED           The scheduler retries within the grace window.
(``claim()`` returned False)    CANCELLED        No longer due; no request was made, and
                                                 the rate slot is given back.
==============================  ===============  ==========================================

Health signals (O1): each reminder that reaches Telegram counts once as a send on path
``reminder``, whatever its outcome; one that ends in an error also counts as a send error
labelled with the exception class (``Forbidden``, ``TimedOut``, ``RetryAfter`` when the
attempts ran out, ...). A 429 that is waited out and retried counts as rate limited only.

The scheduler's ``claim`` callback is awaited once, after the first rate-limit wait and
right before the first request, so the send is recorded as made only when it is about to be
made (see ``bot.reminders.scheduler``).

Pacing is done here, not only in PTB's ``AIORateLimiter``, for two measured reasons: the
AIORateLimiter applies no per-chat limit to private chats (only to negative, group ids), and
on any ``RetryAfter`` it halts *all* requests of the bot, so a few rejected messages stall
the whole fan-out and releases a burst afterwards (measured with 20% 429s at a configured
100/s: 86% of the limit sustained, and 122 requests within one second). This pacer spaces
requests evenly at ``rate`` per second overall (default 25, under Telegram's ~30), keeps
``per_chat_interval`` (1 s) between two messages to one chat, and holds only the rejected
chat for ``retry_after`` (measured: 97% of the limit sustained, at most 103 in any second).

``charge_rejected`` (default True) counts a request answered 429 against the overall rate,
so the *request* rate never exceeds ``rate``; that is the safe setting for the real API,
where a 429 means we are already too fast. With False a rejected request gives its slot
back, so *delivered* messages run at ``rate`` and requests above it (useful only against a
fake API that rejects at random).

Combining with the application's bot: pass either a plain ``telegram.Bot`` that shares the
token (then this pacer is the only limiter for reminders), or the application's ``ExtBot``
built with ``AIORateLimiter(max_retries=n)``. The combination never double-sends: a 429 is
by definition not delivered, neither layer retries a ``TimedOut``, and a message that
exhausted the limiter's retries comes back here as ``RetryAfter`` and is retried once its
chat's hold expires; but the limiter's global halt brings back the stall and the bursts
above. Either way, size the bot's ``connection_pool_size`` above the scheduler's
``concurrency`` (a pool timeout is reported as FAILED: nothing left, retried later).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import httpx
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.domain.limits import REMINDER_RATE
from bot.health import Health, current
from bot.reminders.scheduler import Claim, SendOutcome
from bot.tg import retry_after_seconds

log = logging.getLogger(__name__)

CALLBACK_START = "checkin:start"
CALLBACK_SNOOZE = "rem:snooze:60"
DEFAULT_PER_CHAT_INTERVAL = 1.0
DEFAULT_MAX_ATTEMPTS = 10
# Telegram's retry_after is whole seconds; a little slack keeps the retry clearly after it.
_RETRY_SLACK = 0.05
_PRUNE_AT = 4096

Render = Callable[[str], tuple[str, str, str]]


def default_render(locale: str) -> tuple[str, str, str]:
    """Plain English text and button labels (the application passes its own catalog)."""
    del locale
    return (
        "Time for your daily check-in. It takes about a minute.",
        "Start check-in",
        "Remind me in 1 hour",
    )


def reminder_markup(start_label: str, snooze_label: str) -> InlineKeyboardMarkup:
    """The two buttons under a reminder."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(start_label, callback_data=CALLBACK_START)],
            [InlineKeyboardButton(snooze_label, callback_data=CALLBACK_SNOOZE)],
        ]
    )


def _never_left(exc: TimedOut) -> bool:
    """True when the timeout happened before the request reached the network."""
    return isinstance(exc.__cause__, httpx.PoolTimeout | httpx.ConnectTimeout)


class Pacer:
    """Even spacing overall (``rate`` per second), a gap per chat, and per-chat holds.

    Every send reserves the next free slot (first come, first served) and sleeps until it.
    A send that wakes more than one interval after its slot (the event loop was blocked)
    gives the slot up and reserves a new one, because firing late would bunch it together
    with the sends behind it; so no window of any length sees more than one send beyond its
    share, and the capacity lost to a blocked loop is not made up in a burst.
    """

    def __init__(self, rate: float, per_chat_interval: float) -> None:
        """``rate`` requests per second overall; ``per_chat_interval`` seconds per chat."""
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._interval = 1.0 / rate
        self._per_chat = per_chat_interval
        self._next_slot = 0.0
        self._chat_ready: dict[int, float] = {}
        self.slots_given_up = 0  # slots a late wake-up gave up (a sign of a blocked loop)

    async def acquire(self, chat_id: int) -> None:
        """Wait until this chat may receive again and an overall slot has come."""
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            ready = self._chat_ready.get(chat_id, 0.0)
            if ready > now:
                await asyncio.sleep(ready - now)
                continue
            # No await between the check above and these reservations, so two sends to one
            # chat cannot both pass.
            slot = max(now, self._next_slot)
            self._next_slot = slot + self._interval
            self._chat_ready[chat_id] = slot + self._interval + self._per_chat
            if slot > now:
                await asyncio.sleep(slot - now)
            fired = loop.time()
            if fired - slot <= self._interval:
                self._chat_ready[chat_id] = max(self._chat_ready[chat_id], fired + self._per_chat)
                break
            self.slots_given_up += 1
            self._chat_ready[chat_id] = 0.0  # the slot was given up; reserve again
        if len(self._chat_ready) > _PRUNE_AT:
            self._chat_ready = {c: t for c, t in self._chat_ready.items() if t > fired}

    def hold(self, chat_id: int, seconds: float) -> None:
        """Send nothing to this chat for ``seconds`` from now."""
        until = asyncio.get_running_loop().time() + seconds
        self._chat_ready[chat_id] = max(self._chat_ready.get(chat_id, 0.0), until)

    def give_back(self) -> None:
        """Return the last overall slot (for a request that was not accepted)."""
        now = asyncio.get_running_loop().time()
        self._next_slot = max(now, self._next_slot - self._interval)


class TelegramReminderSender:
    """The ``ReminderSender`` for Telegram; see the module docstring."""

    def __init__(
        self,
        bot: Bot,
        render: Render | None = None,
        *,
        rate: float = REMINDER_RATE,
        per_chat_interval: float = DEFAULT_PER_CHAT_INTERVAL,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        charge_rejected: bool = True,
        read_timeout: float | None = None,
        health: Health | None = None,
    ) -> None:
        """Send through ``bot``; ``render(locale)`` gives (text, start label, snooze label)."""
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._bot = bot
        self._render = render or default_render
        self._pacer = Pacer(rate, per_chat_interval)
        self._max_attempts = max_attempts
        self._charge_rejected = charge_rejected
        self._read_timeout = read_timeout
        self._health = health or current()

    async def _send(self, chat_id: int, text: str, markup: InlineKeyboardMarkup) -> None:
        if self._read_timeout is None:
            await self._bot.send_message(chat_id=chat_id, text=text, reply_markup=markup)
        else:
            await self._bot.send_message(
                chat_id=chat_id, text=text, reply_markup=markup, read_timeout=self._read_timeout
            )

    async def send_reminder(
        self, chat_id: int, locale: str, *, claim: Claim | None = None
    ) -> SendOutcome:
        """Send one reminder; RetryAfter is retried here, everything else is mapped.

        ``claim`` is awaited once, when the first slot has come and right before the first
        request; False cancels the send.
        """
        text, start_label, snooze_label = self._render(locale)
        markup = reminder_markup(start_label, snooze_label)
        claimed = claim is None
        last_429: RetryAfter | None = None
        for _ in range(self._max_attempts):
            await self._pacer.acquire(chat_id)
            if not claimed:
                assert claim is not None
                if not await claim():
                    # No request was made: the slot goes to the next reminder. With several
                    # processes most due reminders are claimed by another one, and without
                    # this each such cancellation would waste a slot of this process's rate.
                    self._pacer.give_back()
                    return SendOutcome.CANCELLED
                claimed = True
            try:
                await self._send(chat_id, text, markup)
            except RetryAfter as exc:
                last_429 = exc
                self._health.rate_limited("reminder")
                wait = retry_after_seconds(exc)
                self._pacer.hold(chat_id, wait + _RETRY_SLACK)
                if not self._charge_rejected:
                    self._pacer.give_back()
                log.info("reminder_rate_limited")
                continue
            except Forbidden as exc:
                self._health.record_send("reminder", exc)
                return SendOutcome.BLOCKED
            except TimedOut as exc:
                self._health.record_send("reminder", exc)
                if _never_left(exc):
                    log.warning("reminder_not_sent")
                    return SendOutcome.FAILED
                return SendOutcome.POSSIBLY_SENT
            except BadRequest as exc:
                self._health.record_send("reminder", exc)
                # The description is Telegram's, not user content, but it is not logged anyway.
                if "chat not found" in str(exc).lower():
                    return SendOutcome.BLOCKED
                log.error("reminder_bad_request")
                return SendOutcome.FAILED
            except (NetworkError, TelegramError) as exc:
                self._health.record_send("reminder", exc)
                log.warning(
                    "reminder_network_error",
                    extra={"error": type(exc).__name__},
                )
                return SendOutcome.FAILED
            self._health.record_send("reminder")
            return SendOutcome.SENT
        self._health.record_send("reminder", last_429)
        log.warning("reminder_rate_limit_exhausted")
        return SendOutcome.FAILED
