"""/cancel mid-way through onboarding, a check-in or a reminder prompt stops it and shows the
way on: the main menu, in the person's language (the real PTB Application, process_update, a
fake request at the wire)."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_country import to_country_step
from tests.test_handlers_flow import onboard_pregnant, press, send, stored_doc


@pytest.mark.parametrize("lang", ["en", "es", "ru"])
async def test_cancel_at_the_country_question_shows_the_main_menu(
    wired: Wired, catalog: Catalog, lang: str
) -> None:
    """/cancel at the country question says it stopped and offers the main menu, so the
    person is not left without a next step, and nothing is left waiting."""
    await to_country_step(wired, lang)
    await send(wired, "/cancel", language_code=lang)
    assert wired.wire.texts()[-1] == catalog.t(lang, "misc.cancelled")
    assert "checkin:start" in [data for _, data in wired.wire.last_buttons()]
    assert (await stored_doc(wired))["state"] is None


async def test_cancel_before_a_stage_is_chosen_offers_no_check_in(wired: Wired) -> None:
    """/cancel at the first stage question offers no check-in, which needs a stage."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await send(wired, "/cancel")
    assert "checkin:start" not in [data for _, data in wired.wire.last_buttons()]


async def test_cancel_mid_checkin_shows_the_main_menu(wired: Wired) -> None:
    """/cancel in a check-in says nothing was saved and offers the main menu, not a dead end."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    await send(wired, "/cancel")
    assert "Check-in cancelled" in wired.wire.texts()[-1]
    assert "checkin:start" in [data for _, data in wired.wire.last_buttons()]


async def test_cancel_at_the_reminder_time_prompt_shows_the_main_menu(wired: Wired) -> None:
    """/cancel while the bot waits for a typed reminder time stops and offers the main menu."""
    await onboard_pregnant(wired)
    await press(wired, "rem:offer:yes")
    await send(wired, "/cancel")
    assert wired.wire.texts()[-1] == "OK, stopped."
    assert "checkin:start" in [data for _, data in wired.wire.last_buttons()]


async def test_the_cancel_button_of_a_reminder_picker_shows_the_main_menu(wired: Wired) -> None:
    """The picker's Cancel button stops and offers the main menu too."""
    await onboard_pregnant(wired)
    await press(wired, "rem:time")
    await press(wired, "rem:cancel")
    assert wired.wire.texts()[-1] == "OK, stopped."
    assert "checkin:start" in [data for _, data in wired.wire.last_buttons()]
