"""Russian typed in Latin letters ("kak udalit moi dannye", "mne ochen strashno") is read by the
Russian intent lists, as the red-flag screen and the matcher already read it; English and
Spanish text, and a discharge question in Latin letters, are left as they are."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("kak udalit moi dannye", "feature_help"),
        ("mne ochen strashno", "distress"),
        ("privet, u menya vopros", "greeting"),
        ("kakoy molokootsos kupit", "out_of_scope"),
    ],
)
def test_russian_in_latin_letters_gets_its_intent(catalog: Catalog, text: str, intent: str) -> None:
    """A Latin-letter reading with enough words of the Russian lists is read as Russian."""
    assert catalog.intents.read(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("u menya zheltye vydeleniya", "question"),
        ("tampons or pads after birth?", "question"),
        ("salut, merci", "unclear"),
        ("ok bot", "unclear"),
    ],
)
def test_other_text_in_latin_letters_is_left_a_question(
    catalog: Catalog, text: str, intent: str
) -> None:
    """A Russian discharge question or English with Russian cognates stays a question; French,
    or words of no field, are no chat of the Russian lists: unclear (the fallback)."""
    assert catalog.intents.read(text).intent == intent


async def test_deleting_data_asked_in_latin_letters_gets_the_delete_button(wired: Wired) -> None:
    """'Kak udalit moi dannye' gets the delete button, not the not-understood fallback."""
    await send(wired, "kak udalit moi dannye", language_code="ru")
    assert "cmd:delete" in [data for _, data in wired.wire.last_buttons()]


async def test_fear_said_in_latin_letters_gets_the_kind_reply(wired: Wired) -> None:
    """'Mne ochen strashno' gets the Russian distress reply."""
    await send(wired, "mne ochen strashno", language_code="ru")
    assert wired.wire.texts()[-1].startswith("Мне очень жаль")
