"""The commit-after-process poller under stop and outage (RELIABILITY U1, U3, O2).

The poller runs in-process against the fake Bot API over HTTP: a stop waits for the batch
in hand only up to the grace period and then leaves it unconfirmed (Telegram re-delivers it);
a batch that finishes within the grace is confirmed before the poller returns; and a Bot
API answering 502 for a while is waited out, after which the queued update is handled.
"""

from __future__ import annotations

import asyncio

import pytest
from telegram.ext import Application

from bot.services.chat import ChatService
from bot.services.events import Incoming, Outcome
from bot.tg.polling import CommitAfterProcessPoller
from tests.fakes.bot_api import FakeBotAPI

USER = 6_300_001


def slow_handling(monkeypatch: pytest.MonkeyPatch, seconds: float) -> asyncio.Event:
    """Make every update take ``seconds`` to handle; the event is set when one has begun."""
    begun = asyncio.Event()
    original = ChatService.handle

    async def handle(self: ChatService, incoming: Incoming) -> Outcome:
        begun.set()
        await asyncio.sleep(seconds)
        return await original(self, incoming)

    monkeypatch.setattr(ChatService, "handle", handle)
    return begun


async def test_stop_cancels_a_batch_still_running_after_the_grace_and_leaves_it_unconfirmed(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch stuck past the grace period is cancelled: the poller returns on time and the
    update stays unconfirmed, so Telegram delivers it again to the next start."""
    begun = slow_handling(monkeypatch, 60.0)
    poller = CommitAfterProcessPoller(app, timeout=1, stop_grace=0.5)
    run = asyncio.create_task(poller.run())
    update_id = api.push_command(USER, "help")
    await asyncio.wait_for(begun.wait(), timeout=60)
    poller.stop()
    # Waiting the 60-s handler out trips this guard; cancelling it at the grace does not.
    await asyncio.wait_for(run, timeout=30)
    assert api.confirmed_offset <= update_id
    assert api.pending_updates == 1


async def test_stop_lets_a_batch_finish_within_the_grace_and_confirms_it(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch that finishes inside the grace period is answered and confirmed on the way out."""
    begun = slow_handling(monkeypatch, 0.3)
    poller = CommitAfterProcessPoller(app, timeout=1, stop_grace=5.0)
    run = asyncio.create_task(poller.run())
    update_id = api.push_command(USER, "help")
    await asyncio.wait_for(begun.wait(), timeout=60)
    poller.stop()
    await asyncio.wait_for(run, timeout=60)
    assert api.sent_to(USER)
    assert api.confirmed_offset > update_id


async def test_a_bad_gateway_is_waited_out_and_the_update_then_handled(
    api: FakeBotAPI,
    app: Application,  # type: ignore[type-arg]
) -> None:
    """While the Bot API answers 502 the poller backs off instead of crashing; afterwards the
    queued update is handled and confirmed."""
    api.bad_gateway(2.5)
    poller = CommitAfterProcessPoller(app, timeout=1)
    run = asyncio.create_task(poller.run())
    update_id = api.push_command(USER, "help")
    await api.wait_confirmed(update_id)
    poller.stop()
    await asyncio.wait_for(run, timeout=60)
    assert 502 in [call.status for call in api.calls_to("getUpdates")]
    assert len(api.sent_to(USER)) == 1
