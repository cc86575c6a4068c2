"""A check-in's "watch for" lines say each warning once: after a birth, a fever with smelly
discharge and tummy pain gives one line about feeling very unwell or breathless, not two
that differ by a few words (the real PTB Application, process_update, a fake request)."""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.support.checkin_walk import walk_questions
from tests.test_handlers_flow import press, send

#: The words of the sepsis warning in each language.
BREATHLESS = {"en": "breathless", "es": "te falta el aire", "ru": "тяжело дышать"}

INFECTION_AFTER_BIRTH = {
    "danger_signs": ["none"],
    "colour": "red",
    "consistency": "watery",
    "amount": "increased",
    "odour": "fishy",
    "itch_soreness": "none",
    "pain": ["period_like_cramps"],
    "bleeding": "light",
    "fever": "yes",
    "days_since_end": None,
    "context": ["none"],
}


@pytest.mark.parametrize("lang", ["en", "es", "ru"])
async def test_the_sepsis_warning_after_a_birth_is_said_once(wired: Wired, lang: str) -> None:
    """Fever and signs of a womb infection after a birth: the call-an-ambulance line about
    feeling very unwell or breathless appears once, in the person's language."""
    await send(wired, "/start", language_code=lang)
    await press(wired, "ob:consent", language_code=lang)
    await press(wired, "ob:status:postpartum", language_code=lang)
    await press(wired, "ob:skip", language_code=lang)
    await press(wired, "ob:country:skip", language_code=lang)
    await send(wired, "/checkin", language_code=lang)
    await walk_questions(
        wired.wire.last_buttons,
        lambda data: press(wired, data, language_code=lang),
        INFECTION_AFTER_BIRTH,
    )
    reply = wired.wire.texts()[-1]
    lines = [line for line in reply.splitlines() if BREATHLESS[lang] in line]
    assert len(lines) == 1, lines
