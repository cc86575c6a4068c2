"""Asking where someone else can get help, or who to tell, is a question for the low-mood topic
in every language; a partner's words about wetness or an infection are the bot's field too."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send


@pytest.mark.parametrize(
    "text",
    [
        "my wife has been crying every day since the birth, where can she get help",
        "mi esposa llora todo el tiempo desde el parto, ¿a quién puede acudir?",
        "жена после родов всё время плачет, куда ей обратиться",
        "who do i tell that i feel awful in pregnancy",
        "¿a quién le digo que me siento fatal?",
        "кому рассказать, что мне очень плохо",
        "мокро в трусах постоянно, 30 недель",
        "my partner has trichomonas, does it matter in pregnancy",
    ],
)
def test_asking_for_someone_else_or_who_to_tell_is_a_question(catalog: Catalog, text: str) -> None:
    """Where she can get help, who to tell, or wetness a partner reports reach the matcher."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize("text", ["i feel awful", "me siento fatal", "мне очень плохо"])
def test_the_feeling_alone_is_still_distress(catalog: Catalog, text: str) -> None:
    """Without asking who to tell, the same feeling gets the kind distress reply."""
    assert catalog.intents.read(text).intent == "distress"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my wife has been crying every day since the birth, where can she get help", "en"),
        ("mi novia está muy bajoneada desde el parto, ¿dónde puede buscar apoyo?", "es"),
        ("кому сказать, что мне морально очень плохо во время беременности", "ru"),
    ],
)
async def test_such_a_question_gets_the_low_mood_answer(wired: Wired, text: str, lang: str) -> None:
    """The low-mood answer, with its 'was this helpful' buttons, not the out-of-scope reply."""
    await send(wired, text, language_code=lang)
    assert "fb:low_mood_anxiety_self_harm_perinatal:1" in [
        data for _, data in wired.wire.last_buttons()
    ]
