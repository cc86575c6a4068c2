"""Handler tests: the daily reminder offered at the end of onboarding can be answered by
typing, as people do: "yes please", "sí", "да" act as its Yes button, "no thanks" as its No
button, and a time ("8pm") turns the reminder on at it (the real PTB Application,
process_update, a fake request at the wire)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Wired
from tests.test_handlers_country import onboard_in
from tests.test_handlers_flow import send, stored_doc

ASK_TIME_OPENS = {"en": "Pick a time", "es": "Elige una hora", "ru": "Выберите время"}
DECLINED_OPENS = {
    "en": "OK, no daily reminder",
    "es": "De acuerdo, sin recordatorio",
    "ru": "Хорошо, без ежедневного",
}


async def reminder(w: Wired) -> dict[str, Any]:
    prefs: dict[str, Any] = (await stored_doc(w))["reminder"]
    return prefs


@pytest.mark.parametrize(
    ("text", "lang", "country"),
    [("yes please", "en", "GB"), ("sí", "es", "ES"), ("да", "ru", "RU")],
)
async def test_a_typed_yes_to_the_offer_asks_the_time(
    wired: Wired, text: str, lang: str, country: str
) -> None:
    """A typed yes to the reminder offer shows the time picker, as the Yes button does."""
    await onboard_in(wired, country, lang)
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(ASK_TIME_OPENS[lang])
    assert any(data.startswith("rem:time:") for _, data in wired.wire.last_buttons())


@pytest.mark.parametrize(
    ("text", "lang", "country"),
    [("no thanks", "en", "GB"), ("no, gracias", "es", "ES"), ("нет, спасибо", "ru", "RU")],
)
async def test_a_typed_no_to_the_offer_declines_it(
    wired: Wired, text: str, lang: str, country: str
) -> None:
    """A typed no to the reminder offer declines it, as the No button does."""
    await onboard_in(wired, country, lang)
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(DECLINED_OPENS[lang])
    assert (await reminder(wired))["enabled"] is False


async def test_a_time_typed_after_the_offer_turns_the_reminder_on_at_it(wired: Wired) -> None:
    """ "8pm" typed right after the reminder offer turns the reminder on at 20:00."""
    await onboard_in(wired, "GB")
    await send(wired, "8pm")
    stored = await reminder(wired)
    assert (stored["enabled"], stored["time"]) == (True, "20:00")


@pytest.mark.parametrize(("lang", "country"), [("en", "GB"), ("es", "ES"), ("ru", "RU")])
async def test_cancel_while_the_offer_waits_declines_it_kindly(
    wired: Wired, lang: str, country: str
) -> None:
    """/cancel while the reminder offer waits declines it with the offer's own kind line (not
    "stopped", as if something had been running), and leaves nothing waiting."""
    await onboard_in(wired, country, lang)
    await send(wired, "/cancel", language_code=lang)
    assert wired.wire.texts()[-1].startswith(DECLINED_OPENS[lang])
    doc = await stored_doc(wired)
    assert doc["state"] is None
    assert doc["reminder"]["enabled"] is False


async def test_cancel_after_the_offer_was_declined_has_nothing_to_cancel(wired: Wired) -> None:
    """A second /cancel after the offer was closed says there is nothing to cancel."""
    await onboard_in(wired, "GB")
    await send(wired, "/cancel")
    await send(wired, "/cancel")
    assert wired.wire.texts()[-1].startswith("Nothing to cancel")
