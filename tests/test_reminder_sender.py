"""The Telegram reminder sender, through a real PTB ``Bot`` against the fake Bot API."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.reminders.scheduler import SendOutcome
from bot.tg.reminder_sender import CALLBACK_SNOOZE, CALLBACK_START, TelegramReminderSender
from tests.fakes.bot_api import FakeBotAPI

TOKEN = "123456:TEST-token-for-the-fake-api"
CHAT = 4242


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(seed=7) as server:
        yield server


def request(read_timeout: float = 5.0) -> HTTPXRequest:
    return HTTPXRequest(connection_pool_size=16, read_timeout=read_timeout)


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=api.base_url, request=request()) as client:
        yield client


def deliveries(api: FakeBotAPI, chat_id: int = CHAT) -> list[float]:
    return [s.at for s in api.sent_to(chat_id)]


async def test_reminder_is_sent_with_the_two_buttons(bot: Bot, api: FakeBotAPI) -> None:
    """A normal send is SENT and carries "start check-in" and "remind me later" buttons."""
    outcome = await TelegramReminderSender(bot).send_reminder(CHAT, "en")
    assert outcome is SendOutcome.SENT
    (sent,) = api.sent_to(CHAT)
    assert [data for _, data in sent.buttons] == [CALLBACK_START, CALLBACK_SNOOZE]
    assert CALLBACK_START == "checkin:start" and CALLBACK_SNOOZE == "rem:snooze:60"


async def test_text_and_labels_come_from_the_render_function(bot: Bot, api: FakeBotAPI) -> None:
    """The locale goes to ``render`` and its text and labels are what the user sees."""
    seen: list[str] = []

    def render(locale: str) -> tuple[str, str, str]:
        seen.append(locale)
        return "Zeit für deinen Check-in.", "Check-in starten", "In 1 Stunde erinnern"

    await TelegramReminderSender(bot, render).send_reminder(CHAT, "de")
    (sent,) = api.sent_to(CHAT)
    assert seen == ["de"]
    assert sent.text == "Zeit für deinen Check-in."
    assert [label for label, _ in sent.buttons] == ["Check-in starten", "In 1 Stunde erinnern"]


async def test_forbidden_means_blocked(bot: Bot, api: FakeBotAPI) -> None:
    """403 "bot was blocked by the user" maps to BLOCKED, with nothing delivered."""
    api.block(CHAT)
    assert await TelegramReminderSender(bot).send_reminder(CHAT, "en") is SendOutcome.BLOCKED
    assert api.sent_to(CHAT) == []


async def test_chat_not_found_means_blocked(bot: Bot, api: FakeBotAPI) -> None:
    """400 "chat not found" (the account is gone) is treated like a block."""
    api.inject_error(400, "Bad Request: chat not found", chat_ids=[CHAT])
    assert await TelegramReminderSender(bot).send_reminder(CHAT, "en") is SendOutcome.BLOCKED


async def test_rate_limited_send_is_retried_after_retry_after_and_sent_once(
    bot: Bot, api: FakeBotAPI
) -> None:
    """A 429 is not a failure: the same message is retried after retry_after, and sent once."""
    api.reject_next(1, retry_after=1)
    outcome = await TelegramReminderSender(bot).send_reminder(CHAT, "en")
    assert outcome is SendOutcome.SENT
    calls = api.calls_to("sendMessage")
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0
    assert api.retry_after_violations == []
    assert len(api.sent_to(CHAT)) == 1


async def test_persistent_rate_limiting_gives_up_as_a_transient_failure(
    bot: Bot, api: FakeBotAPI
) -> None:
    """After max_attempts 429s in a row the outcome is FAILED (retried later), never sent."""
    api.reject_next(2, retry_after=1)
    sender = TelegramReminderSender(bot, max_attempts=2)
    assert await sender.send_reminder(CHAT, "en") is SendOutcome.FAILED
    assert api.sent_to(CHAT) == []


async def test_timeout_counts_as_possibly_sent_and_is_not_resent(api: FakeBotAPI) -> None:
    """A response slower than the read timeout gives POSSIBLY_SENT and exactly one message."""
    api.delay(1.5)
    async with Bot(TOKEN, base_url=api.base_url, request=request(read_timeout=0.3)) as slow:
        outcome = await TelegramReminderSender(slow).send_reminder(CHAT, "en")
    assert outcome is SendOutcome.POSSIBLY_SENT
    assert len(api.calls_to("sendMessage")) == 1
    assert len(api.sent_to(CHAT)) == 1


async def test_bad_gateway_is_a_transient_failure(bot: Bot, api: FakeBotAPI) -> None:
    """502 maps to FAILED, which the scheduler retries within the grace window."""
    api.bad_gateway(5)
    assert await TelegramReminderSender(bot).send_reminder(CHAT, "en") is SendOutcome.FAILED


async def test_unreachable_api_is_a_transient_failure(api: FakeBotAPI) -> None:
    """A refused connection never reached Telegram: FAILED, not POSSIBLY_SENT."""
    port = api.port
    await api.stop()
    gone = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request())
    try:
        outcome = await TelegramReminderSender(gone).send_reminder(CHAT, "en")
    finally:
        await gone.shutdown()
    assert outcome is SendOutcome.FAILED


async def test_with_aioratelimiter_a_429_is_still_delivered_exactly_once(api: FakeBotAPI) -> None:
    """The application's ExtBot with AIORateLimiter(max_retries) plus this sender: one message."""
    api.reject_next(1, retry_after=1)
    limiter = AIORateLimiter(max_retries=3)
    async with ExtBot(TOKEN, base_url=api.base_url, request=request(), rate_limiter=limiter) as ext:
        outcome = await TelegramReminderSender(ext).send_reminder(CHAT, "en")
    assert outcome is SendOutcome.SENT
    assert [c.status for c in api.calls_to("sendMessage")] == [429, 200]
    assert len(api.sent_to(CHAT)) == 1


async def test_two_reminders_to_one_chat_are_at_least_a_second_apart(
    bot: Bot, api: FakeBotAPI
) -> None:
    """The per-chat pacing keeps 1 s between messages to the same chat."""
    sender = TelegramReminderSender(bot, rate=100)
    await sender.send_reminder(CHAT, "en")
    await sender.send_reminder(CHAT, "en")
    first, second = deliveries(api)
    assert second - first >= 0.95


async def test_overall_rate_is_kept(bot: Bot, api: FakeBotAPI) -> None:
    """20 reminders to 20 chats at rate 40/s take at least 19/40 s (even spacing)."""
    sender = TelegramReminderSender(bot, rate=40)
    started = time.monotonic()
    await asyncio.gather(*(sender.send_reminder(chat, "en") for chat in range(1, 21)))
    assert time.monotonic() - started >= 19 / 40 - 0.02
    assert len(api.sent) == 20


async def test_declined_claim_cancels_the_send(bot: Bot, api: FakeBotAPI) -> None:
    """When claim() says the reminder is no longer due, nothing is sent: CANCELLED."""

    async def decline() -> bool:
        return False

    outcome = await TelegramReminderSender(bot).send_reminder(CHAT, "en", claim=decline)
    assert outcome is SendOutcome.CANCELLED
    assert api.calls_to("sendMessage") == []


async def test_declined_claim_gives_its_rate_slot_to_the_next_reminder(
    bot: Bot, api: FakeBotAPI
) -> None:
    """At one per 10 s, a reminder after a cancelled one goes at once, not 10 s later."""
    sender = TelegramReminderSender(bot, rate=0.1)

    async def decline() -> bool:
        return False

    started = time.monotonic()
    await sender.send_reminder(CHAT, "en", claim=decline)
    await sender.send_reminder(CHAT + 1, "en")
    assert time.monotonic() - started < 5
    assert len(api.sent) == 1


async def test_claim_is_made_after_the_rate_limit_wait(bot: Bot, api: FakeBotAPI) -> None:
    """The claim for a second message to one chat happens after the 1 s per-chat wait."""
    sender = TelegramReminderSender(bot)
    claimed_at: list[float] = []

    async def claim() -> bool:
        claimed_at.append(time.monotonic())
        return True

    started = time.monotonic()
    await sender.send_reminder(CHAT, "en", claim=claim)
    await sender.send_reminder(CHAT, "en", claim=claim)
    assert claimed_at[0] - started < 0.5
    assert claimed_at[1] - started >= 0.95
    assert len(api.sent_to(CHAT)) == 2
