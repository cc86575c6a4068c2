"""E2E: the bot process answers red flags and crises first, whatever else is going on.

The process runs with the real flood-gate defaults; the assertions hold however fast the
machine is, because a red flag never meets the gate.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e import BotProcess, User, wait_polling
from tests.fakes.bot_api import FakeBotAPI

pytestmark = pytest.mark.e2e

USER_ID = 77_001


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("I'm bleeding a lot and soaking pads", "Call emergency services now"),
        ("i want to kill myself", "Thank you for telling me"),
    ],
)
async def test_a_red_flag_after_a_60_message_burst_is_answered_first(
    api: FakeBotAPI, start_bot: Callable[..., BotProcess], text: str, opening: str
) -> None:
    """After 60 quick messages, a red flag still gets its call to action as the first reply."""
    process = start_bot(BOT_USER_BURST="40", BOT_USER_RATE_PER_MINUTE="60")
    await wait_polling(api, process)
    user = User(api, USER_ID)
    await user.command("start")
    burst = [api.push_text(USER_ID, "hello", language_code="en") for _ in range(60)]
    await api.wait_confirmed(burst[-1], 60.0)
    replies = await user.say(text)
    assert replies and opening in replies[0].text
    assert process.alive(), process.stderr()


async def test_a_red_flag_in_a_photo_caption_is_answered(api: FakeBotAPI, bot: BotProcess) -> None:
    """A photo whose caption describes heavy bleeding gets the emergency call to action."""
    new_user = User(api, USER_ID)
    photo = {
        "photo": [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}],
        "caption": "I'm bleeding a lot, is this normal?",
    }
    replies = await new_user.send_message(photo)
    assert replies and "Call emergency services now" in replies[0].text
