"""The Bot API rate limiter: PTB's ``AIORateLimiter``, with a way past its queue for safety replies.

Replies to all users share Telegram's 30 sends a second, so in a busy minute a reply waits
behind other people's routine replies. A call to action for a red flag or a crisis must not
(issue 14: never queued behind other work): its calls pass ``rate_limit_args=SAFETY_FIRST``
and go out at once. The few such sends above the limit in a burst are Telegram's to refuse
with a 429, which is answered as the limiter answers it: wait the time Telegram names, then
try again, up to ``max_retries`` times.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

#: What a Bot API call returns.
Result = bool | dict[str, Any] | list[dict[str, Any]]

#: Seconds added to Telegram's RetryAfter, as PTB's limiter does.
RETRY_MARGIN = 0.1


@dataclass(frozen=True)
class SafetyFirst:
    """``rate_limit_args`` of a call that skips the queue (a red flag's or a crisis reply)."""

    max_retries: int = 3


SAFETY_FIRST = SafetyFirst()


class SafetyFirstRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` for every call but those marked ``SAFETY_FIRST``, which go at once."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | SafetyFirst | None,
    ) -> Result:
        """Send a ``SAFETY_FIRST`` call now, waiting only for Telegram's 429s; queue the rest."""
        if not isinstance(rate_limit_args, SafetyFirst):
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        for attempt in range(rate_limit_args.max_retries + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == rate_limit_args.max_retries:
                    raise
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
                await asyncio.sleep(seconds + RETRY_MARGIN)
        raise AssertionError("unreachable: the last attempt returns or raises")
