"""Words that ask for a feature only beside what it acts on: "clear" and "check" in English and
"quitar" in Spanish describe discharge or a symptom far more often than they ask to delete or
look back; a listed word is matched by stem only when that stem has four letters or more."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send


@pytest.mark.parametrize(
    "text",
    [
        "sometimes clear discharge, is something wrong with me",
        "clear stretchy cm for two days, is that ovulation",
        "¿cómo se quita el mal olor de ahí abajo?",
        "el dolor no se me quita y tengo flujo",
        "should i check my cm in the morning and write it in my chart",
        "у мамы был гестоз, когда она меня носила, на что смотреть?",
        "хлопковое белье или синтетика?",
    ],
)
def test_such_a_word_describing_the_body_keeps_a_question(catalog: Catalog, text: str) -> None:
    """Clear discharge, a smell that will not go, checking mucus or 'носила' are questions."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("clear my history please", "delete"),
        ("¿cómo quito mis datos?", "delete"),
        ("check my past entries", "history"),
    ],
)
def test_beside_what_it_acts_on_such_a_word_asks_for_the_feature(
    catalog: Catalog, text: str, feature: str
) -> None:
    """'Clear my history', 'quito mis datos' and 'check my past entries' ask for the feature."""
    assert catalog.intents.read(text).feature == feature


async def test_clear_discharge_about_oneself_gets_a_topic_not_the_delete_button(
    wired: Wired,
) -> None:
    """Clear discharge with 'wrong with me' is answered, not offered the delete command."""
    await send(wired, "sometimes my knickers have clear slippy stuff, is something wrong with me")
    assert "cmd:delete" not in [data for _, data in wired.wire.last_buttons()]


def test_two_short_words_typed_apart_are_not_joined_into_a_feature_word(catalog: Catalog) -> None:
    """'to do' is no Spanish 'todo' (everything): 'get rid of odor ... said to do it' asks
    about washing, not to delete."""
    text = "is it ok to douche to get rid of odor, my mom always said to do it"
    assert catalog.intents.read(text).intent == "question"


def test_a_language_named_beside_a_question_of_the_field_keeps_the_question(
    catalog: Catalog,
) -> None:
    """'English is not my first language' before a question about mucus is no language switch."""
    text = "sorry english not my first language, what is the slime in my knickers every day"
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text", ["switch the app to russian", "can you answer in spanish", "cambiar idioma de la app"]
)
def test_a_language_switch_asked_alone_still_gets_the_button(catalog: Catalog, text: str) -> None:
    """Asking for another language, the app named or not, is the language feature."""
    assert catalog.intents.read(text).feature == "language"
