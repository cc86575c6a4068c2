"""A greeting or thanks with the few words people add ("first time here", "de verdad", "у меня
вопрос") is still a greeting or thanks; a real question beside it is still a question."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send

GREETING_OPENS = {"en": "Hello!", "es": "¡Hola!", "ru": "Здравствуйте!"}
THANKS_OPENS = {"en": "You're welcome", "es": "De nada", "ru": "Пожалуйста"}


@pytest.mark.parametrize(
    "text",
    [
        "hey there, new here",
        "hola, es mi primera vez aquí",
        "buenas, tengo una consulta",
        "здравствуйте, я тут впервые",
        "добрый вечер, у меня вопрос",
        "ку, есть кто?",
    ],
)
def test_a_greeting_with_words_about_being_new_or_having_a_question_is_a_greeting(
    catalog: Catalog, text: str
) -> None:
    """Saying one is new, or has a question to come, beside a greeting asks nothing yet."""
    assert catalog.intents.read(text).intent == "greeting"


@pytest.mark.parametrize(
    "text", ["wow thank you, that makes sense", "gracias de verdad, me quedo tranquila", "🙌"]
)
def test_thanks_with_words_of_relief_or_raised_hands_is_thanks(catalog: Catalog, text: str) -> None:
    """Thanks beside relief ("makes sense", "de verdad"), or raised hands alone, is thanks."""
    assert catalog.intents.read(text).intent == "thanks"


@pytest.mark.parametrize(
    "text",
    [
        "hi, new here, is brown discharge normal at 6 weeks",
        "gracias, ¿y si el flujo es verde?",
        "¿es verdad que el flujo verde es infección?",
    ],
)
def test_a_real_question_beside_such_words_is_still_a_question(catalog: Catalog, text: str) -> None:
    """A discharge question after a greeting or thanks, or with "verdad", reaches the matcher."""
    assert catalog.intents.read(text).intent == "question"


def test_a_filler_word_is_not_a_field_word_by_its_stem(catalog: Catalog) -> None:
    """ "Verdad" (truly) shares a stem with "verde" (green) but is no discharge colour."""
    assert catalog.intents.read("muchas gracias, de verdad").intent == "thanks"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("hiya, first time using this", "en"),
        ("holis, acabo de encontrar este bot", "es"),
        ("добрый день, подскажите пожалуйста", "ru"),
    ],
)
async def test_such_a_greeting_gets_the_greeting_reply(wired: Wired, text: str, lang: str) -> None:
    """The greeting reply with the check-in button, not "I'm not sure I understood"."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(GREETING_OPENS[lang])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("thanks so much, that helped", "en"),
        ("te pasaste, gracias", "es"),
        ("спасибо, успокоили", "ru"),
    ],
)
async def test_such_thanks_gets_you_are_welcome(wired: Wired, text: str, lang: str) -> None:
    """Thanks with a word of relief or praise gets "you're welcome" in the person's language."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(THANKS_OPENS[lang])
