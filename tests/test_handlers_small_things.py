"""Small things people notice: one vote per answer, times in a history day with several
check-ins, and one message for every command after /delete. The real PTB Application at the
wire."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.clock import FakeClock
from tests.conftest import Wired
from tests.support.checkin_walk import NORMAL_AT_30_WEEKS
from tests.support.updates import callback_update
from tests.test_handlers_flow import USER, onboard_pregnant, press, send, walk_checkin


async def test_a_vote_takes_the_vote_buttons_off_the_answer(wired: Wired) -> None:
    """👍 on an answer is counted and the answer keeps only its related-topic buttons."""
    await send(wired, "what is the mucus plug")
    answer_id = wired.wire._next_message_id
    vote = next(d for _, d in wired.wire.last_buttons() if d.startswith("fb:"))
    await wired.app.process_update(
        callback_update(wired.app.bot, USER, vote, message_id=answer_id)  # type: ignore[arg-type]
    )
    edit = [c for c in wired.wire.calls if c.method == "editMessageReplyMarkup"][-1]
    assert int(edit.params["message_id"]) == answer_id
    markup = edit.params.get("reply_markup") or "{}"
    kept = json.loads(markup) if isinstance(markup, str) else markup
    data = [b["callback_data"] for row in kept.get("inline_keyboard", []) for b in row]
    assert not any(d.startswith("fb:") for d in data)
    counts = await wired.core.storage.feedback_counts()
    assert sum(c["helpful"] for c in counts.values()) == 1


async def test_a_day_with_several_checkins_shows_their_times(
    wired: Wired, clock: FakeClock
) -> None:
    """Three check-ins on one day are listed with their times of day."""
    await onboard_pregnant(wired, "30")
    for _ in range(3):
        await walk_checkin(wired, NORMAL_AT_30_WEEKS)
        clock.step(dt.timedelta(hours=2, minutes=15))
    await send(wired, "/history")
    page = wired.wire.texts()[-1]
    assert "1 Jun 2026, 14:30" in page and "1 Jun 2026, 12:15" in page
    assert "1 Jun 2026, 10:00" in page


async def test_a_single_checkin_of_a_day_shows_no_time(wired: Wired) -> None:
    """One check-in on a day is listed by its date alone."""
    await onboard_pregnant(wired, "30")
    await walk_checkin(wired, NORMAL_AT_30_WEEKS)
    await send(wired, "/history")
    assert "<b>1. 1 Jun 2026</b>" in wired.wire.texts()[-1]


COMMANDS_NEEDING_DATA = [
    "/checkin",
    "/history",
    "/summary",
    "/export",
    "/delete",
    "/reminders",
    "/profile",
]


@pytest.mark.parametrize("command", COMMANDS_NEEDING_DATA)
async def test_every_command_after_delete_gets_the_same_message(wired: Wired, command: str) -> None:
    """After /delete, each command that needs data answers with the one consent message."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/delete")
    await press(wired, "del:yes")
    await send(wired, command)
    assert wired.wire.texts()[-1] == wired.core.catalog.t("en", "onboarding.consent_needed")
