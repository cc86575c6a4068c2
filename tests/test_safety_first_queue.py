"""A red flag's or a crisis reply goes ahead of the rate limiter's queue; other replies wait in it
(bot/tg/rate_limiter.py; the real PTB Application, process_update, a fake request at the wire)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.app import Core
from bot.tg.rate_limiter import SAFETY_FIRST, SafetyFirst, SafetyFirstRateLimiter
from tests.conftest import Wired, wire_up
from tests.test_handlers_flow import danger_button, onboard_pregnant, press, send

Seen = list[tuple[str, object]]


@pytest.fixture
async def limited(core: Core, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[Wired, Seen]]:
    """The Application with its rate limiter, recording each call's endpoint and limit args."""
    seen: Seen = []
    original = SafetyFirstRateLimiter.process_request

    async def spy(self: SafetyFirstRateLimiter, *args: Any, **kwargs: Any) -> Any:
        seen.append((kwargs["endpoint"], kwargs["rate_limit_args"]))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SafetyFirstRateLimiter, "process_request", spy)
    made = wire_up(core, rate_limit=True)
    async with made.app:
        yield made, seen


SHOWN = {"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto", "sendDocument"}


def sends(seen: Seen) -> list[object]:
    """The limit args of the calls that show the person something."""
    return [args for endpoint, args in seen if endpoint in SHOWN]


async def test_a_typed_red_flag_reply_skips_the_queue(limited: tuple[Wired, Seen]) -> None:
    """Every message of the reply to a typed red flag is sent SAFETY_FIRST."""
    wired, seen = limited
    await send(wired, "I'm 30 weeks and bleeding heavily, soaking a pad every hour")
    assert sends(seen) and all(args is SAFETY_FIRST for args in sends(seen))


async def test_a_crisis_reply_skips_the_queue(limited: tuple[Wired, Seen]) -> None:
    """The reply to a text about ending one's life is sent SAFETY_FIRST."""
    wired, seen = limited
    await send(wired, "i want to kill myself tonight")
    assert sends(seen) and all(args is SAFETY_FIRST for args in sends(seen))


async def test_an_ordinary_reply_waits_in_the_queue(limited: tuple[Wired, Seen]) -> None:
    """A greeting's reply goes through the limiter's queue like every routine reply."""
    wired, seen = limited
    await send(wired, "hello")
    assert sends(seen) and all(args is None for args in sends(seen))


async def test_a_danger_sign_tapped_in_the_check_in_skips_the_queue(
    limited: tuple[Wired, Seen],
) -> None:
    """The emergency reply to a tapped danger sign is sent SAFETY_FIRST."""
    wired, seen = limited
    await onboard_pregnant(wired, "12")
    await send(wired, "/checkin")
    seen.clear()
    await press(wired, danger_button(wired, "heavy_bleeding"))
    assert sends(seen) and all(args is SAFETY_FIRST for args in sends(seen))


def calls(results: list[object]) -> tuple[list[int], Callable[[], Any]]:
    """A Bot API call stand-in that returns or raises ``results`` in turn, and its call log."""
    log: list[int] = []

    async def call() -> Any:
        log.append(1)
        result = results[len(log) - 1]
        if isinstance(result, Exception):
            raise result
        return result

    return log, call


async def test_a_safety_first_call_goes_while_the_queue_is_full() -> None:
    """With the limiter's one send an hour used, a SAFETY_FIRST call still goes at once and a
    routine call keeps waiting."""
    limiter = SafetyFirstRateLimiter(overall_max_rate=1, overall_time_period=3600)
    await limiter.initialize()
    data = {"chat_id": 1}
    _, first = calls([True])
    await limiter.process_request(first, (), {}, "sendMessage", data, None)
    _, routine = calls([True])
    waiting = asyncio.create_task(
        limiter.process_request(routine, (), {}, "sendMessage", data, None)
    )
    await asyncio.sleep(0)
    _, urgent = calls([{"ok": True}])
    assert await limiter.process_request(urgent, (), {}, "sendMessage", data, SAFETY_FIRST) == {
        "ok": True
    }
    assert not waiting.done()
    waiting.cancel()
    await limiter.shutdown()


async def test_a_safety_first_call_waits_out_telegrams_429_and_tries_again() -> None:
    """A RetryAfter from Telegram is waited out and the call made again."""
    limiter = SafetyFirstRateLimiter()
    log, call = calls([RetryAfter(0), True])
    result = await limiter.process_request(
        call, (), {}, "sendMessage", {"chat_id": 1}, SAFETY_FIRST
    )
    assert result is True and len(log) == 2


async def test_a_safety_first_call_gives_up_after_its_retries() -> None:
    """Telegram's RetryAfter is raised once the retries are used up."""
    limiter = SafetyFirstRateLimiter()
    log, call = calls([RetryAfter(0), RetryAfter(0)])
    with pytest.raises(RetryAfter):
        await limiter.process_request(
            call, (), {}, "sendMessage", {"chat_id": 1}, SafetyFirst(max_retries=1)
        )
    assert len(log) == 2
