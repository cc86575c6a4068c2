"""Handler tests for the reminder-time prompt: times typed as people type them, in en, es, ru.

Driven at the wire: the real PTB Application, process_update, a fake request.
"""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.test_handlers_country import to_country_step
from tests.test_handlers_flow import press, send
from tests.test_handlers_reminders import prefs

#: (language, what the person types, the time stored).
SPOKEN: list[tuple[str, str, str]] = [
    ("en", "8pm", "20:00"),
    ("en", "8 pm", "20:00"),
    ("en", "20h", "20:00"),
    ("en", "8 in the evening", "20:00"),
    ("en", "7.45pm", "19:45"),
    ("en", "half past 7 in the evening", "19:30"),
    ("es", "8 de la noche", "20:00"),
    ("es", "a las 9 de la mañana", "09:00"),
    ("es", "las 8 y media de la tarde", "20:30"),
    ("es", "20h", "20:00"),
    ("ru", "8 вечера", "20:00"),
    ("ru", "в 9 утра", "09:00"),
    ("ru", "в половине девятого вечера", "20:30"),
    ("ru", "в 20 часов", "20:00"),
]

#: (language, a bare hour, the words of the reply that name the other half of the day).
BARE_HOUR: list[tuple[str, str, str]] = [
    ("en", "8", "If you meant 20:00"),
    ("es", "a las 8", "Si querías decir las 20:00"),
    ("ru", "в 8", "Если вы имели в виду 20:00"),
]

#: (language, a text that is no clear time, an example the retry gives in that language).
NOT_A_TIME: list[tuple[str, str, str]] = [
    ("en", "in the evening", "8 in the evening"),
    ("es", "por la tarde", "8 de la noche"),
    ("ru", "вечером", "8 вечера"),
]

#: (language, a red flag that names a time): the call to action, never a reminder time.
FLAG_WITH_A_TIME: list[tuple[str, str]] = [
    ("en", "I've been bleeding heavily since 8pm and soaking pads"),
    ("es", "sangro mucho desde las 8 de la noche y empapo las compresas"),
    ("ru", "сильно кровит с 8 вечера, прокладки промокают насквозь"),
]


async def at_time_prompt(w: Wired, language: str) -> None:
    """Onboarded in ``language`` with no country, then "Change time" pressed."""
    await to_country_step(w, language)
    await press(w, "ob:country:skip", language_code=language)
    await press(w, "rem:time", language_code=language)
    w.wire.clear()


@pytest.mark.parametrize(("language", "typed", "stored"), SPOKEN)
async def test_a_time_typed_as_people_say_it_is_stored_and_turns_the_reminder_on(
    wired: Wired, language: str, typed: str, stored: str
) -> None:
    """A time typed with am/pm, a part of the day or a half hour is stored as HH:MM."""
    await at_time_prompt(wired, language)
    await send(wired, typed, language_code=language)
    reminder = await prefs(wired)
    assert (reminder["time"], reminder["enabled"]) == (stored, True)


@pytest.mark.parametrize(
    ("language", "typed", "opening"),
    [
        ("en", "8pm", "⏰ Reminder set for <b>20:00</b>."),
        ("es", "8 de la noche", "⏰ Recordatorio a las <b>20:00</b>."),
        ("ru", "8 вечера", "⏰ Напоминание на <b>20:00</b>."),
    ],
)
async def test_the_reply_says_which_time_was_set(
    wired: Wired, language: str, typed: str, opening: str
) -> None:
    """The reply to a typed time opens with the time it was read as, in the user's language."""
    await at_time_prompt(wired, language)
    await send(wired, typed, language_code=language)
    assert wired.wire.texts()[-1].startswith(opening)


@pytest.mark.parametrize(("language", "typed", "other"), BARE_HOUR)
async def test_a_bare_hour_is_set_as_typed_and_the_reply_names_the_evening(
    wired: Wired, language: str, typed: str, other: str
) -> None:
    """A bare 8 is set to 08:00 on the 24-hour clock, and the reply says how to get 20:00."""
    await at_time_prompt(wired, language)
    await send(wired, typed, language_code=language)
    assert (await prefs(wired))["time"] == "08:00"
    reply = wired.wire.texts()[-1]
    assert "08:00" in reply and other in reply


@pytest.mark.parametrize(("language", "typed", "example"), NOT_A_TIME)
async def test_a_text_that_is_no_clear_time_gets_examples_in_the_users_language(
    wired: Wired, language: str, typed: str, example: str
) -> None:
    """A part of the day without an hour is refused with examples in the user's language."""
    await at_time_prompt(wired, language)
    before = await prefs(wired)
    await send(wired, typed, language_code=language)
    assert example in wired.wire.texts()[-1]
    assert await prefs(wired) == before


@pytest.mark.parametrize(("language", "text"), FLAG_WITH_A_TIME)
async def test_a_red_flag_that_names_a_time_gets_the_call_to_action_not_a_reminder(
    wired: Wired, language: str, text: str
) -> None:
    """A red flag at the time prompt is screened first: no reminder time is read from it."""
    await at_time_prompt(wired, language)
    before = await prefs(wired)
    await send(wired, text, language_code=language)
    assert "20:00" not in wired.wire.texts()[0]
    assert "112" in wired.wire.texts()[0] or "999" in wired.wire.texts()[0]
    assert await prefs(wired) == before
