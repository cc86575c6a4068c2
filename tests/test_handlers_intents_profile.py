"""Handler tests: news of a birth or a change of stage or due date ("I had the baby", "ya nació
mi bebé", "поменять срок") is answered with the button that opens /profile, in the person's
language; a question about the body told beside such news stays a question."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import button, onboard_pregnant, press, send

PROFILE_OPENS = {"en": "Change your stage", "es": "Cambia tu etapa", "ru": "Изменить этап"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I had the baby", "en"),
        ("my due date changed", "en"),
        ("update my stage", "en"),
        ("ya nació mi bebé", "es"),
        ("cambiar fecha de parto", "es"),
        ("я родила", "ru"),
        ("поменять срок", "ru"),
    ],
)
async def test_news_of_a_birth_or_a_new_due_date_gets_the_profile_button(
    wired: Wired, text: str, lang: str
) -> None:
    """A birth told, or a stage or due date to change, gets the /profile reply and button."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(PROFILE_OPENS[lang])
    assert [data for _, data in wired.wire.last_buttons()] == ["cmd:profile"]


async def test_the_profile_button_asks_the_stage(wired: Wired) -> None:
    """Tapping the profile button after onboarding asks which stage fits now."""
    await onboard_pregnant(wired)
    await send(wired, "I had the baby", language_code="en")
    await press(wired, button(wired, "Change stage"))
    assert wired.wire.texts()[-1].startswith("Which of these fits you now?")


@pytest.mark.parametrize(
    "text",
    [
        "i had the baby 2 weeks ago and my discharge smells",
        "had my baby 2 weeks ago, when does lochia stop",
        "ya nació mi bebé y el flujo huele mal",
        "я родила две недели назад, выделения пахнут",
        "¿qué cambios hay antes del parto?",
        "life is total chaos since the baby arrived last week",
    ],
)
def test_a_question_told_beside_a_birth_stays_a_question(catalog: Catalog, text: str) -> None:
    """Discharge or another subject named beside a birth or a change is no profile request."""
    assert catalog.intents.read(text).feature != "profile"


def test_a_change_of_the_reminder_stays_the_reminder(catalog: Catalog) -> None:
    """Changing the time of the daily reminder asks for the reminder, not the profile."""
    assert catalog.intents.read("¿puedo cambiarla, la hora del aviso de cada día?").feature == (
        "reminders"
    )
