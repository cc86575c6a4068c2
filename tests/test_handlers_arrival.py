""" "Has your baby arrived?" (issue 15): asked of a pregnant user two weeks past the due date,
before a check-in and on /start; the answers lead to after birth, after a loss, or a week's
rest (the real PTB Application, process_update, a fake request at the wire)."""

from __future__ import annotations

import datetime as dt

from bot.clock import FakeClock
from tests.conftest import Wired
from tests.test_handlers_flow import onboard_pregnant, press, send, stored_doc


def data(w: Wired) -> list[str]:
    """The callback data of the buttons now shown."""
    return [d for _, d in w.wire.last_buttons()]


async def test_three_weeks_past_the_due_date_a_checkin_first_asks_if_the_baby_arrived(
    wired: Wired,
) -> None:
    """At "43 weeks" /checkin asks whether the baby has arrived, with the three answers."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/checkin")
    assert "Has your baby arrived?" in wired.wire.texts()[-1]
    assert data(wired) == ["ob:status:postpartum", "ob:status:after_loss", "arr:wait:checkin"]


async def test_a_week_past_the_due_date_the_checkin_starts_at_once(wired: Wired) -> None:
    """At "41 weeks" (a week past the due date) /checkin shows the danger-sign question."""
    await onboard_pregnant(wired, "41")
    await send(wired, "/checkin")
    assert any(":danger_signs:" in d for d in data(wired))


async def test_welcome_back_long_past_the_due_date_asks_if_the_baby_arrived(
    wired: Wired,
) -> None:
    """/start of a known user three weeks past the due date asks the same question."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/start")
    assert "Has your baby arrived?" in wired.wire.texts()[-1]
    assert "arr:wait:menu" in data(wired)


async def test_yes_makes_the_stage_after_birth_and_asks_the_birth_date(wired: Wired) -> None:
    """ "Yes, my baby has arrived" stores "after birth" and asks the day of the birth."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/checkin")
    await press(wired, "ob:status:postpartum")
    assert "When was your baby born?" in wired.wire.texts()[-1]
    profile = (await stored_doc(wired))["profile"]
    assert profile["status"] == "postpartum" and profile["due_date"] is None


async def test_pregnancy_ended_answers_with_condolence_first(wired: Wired) -> None:
    """ "My pregnancy has ended" is answered with condolence and no week count."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/checkin")
    await press(wired, "ob:status:after_loss")
    text = wired.wire.texts()[-1]
    assert text.startswith("🤍 I'm so sorry for your loss") and "43" not in text


async def test_not_yet_starts_the_checkin_asked_for(wired: Wired) -> None:
    """ "Not yet" keeps the pregnancy and goes straight to the check-in's first question."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/checkin")
    await press(wired, "arr:wait:checkin")
    assert any(":danger_signs:" in d for d in data(wired))
    assert (await stored_doc(wired))["profile"]["status"] == "pregnant"


async def test_after_not_yet_the_question_rests_for_a_week(wired: Wired, clock: FakeClock) -> None:
    """After "not yet", /start does not ask again for six days, and asks on the seventh."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/start")
    await press(wired, "arr:wait:menu")
    await clock.advance(dt.timedelta(days=6))
    await send(wired, "/start")
    assert "Has your baby arrived?" not in wired.wire.texts()[-1]
    await clock.advance(dt.timedelta(days=1))
    await send(wired, "/start")
    assert "Has your baby arrived?" in wired.wire.texts()[-1]
