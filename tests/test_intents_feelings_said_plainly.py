"""Feelings said plainly ("so drained and on edge", "estoy hecha polvo", "сил нет") or with a
sad face alone get the kind distress reply; beside a discharge question or a question about
where to turn, the same words keep it a question."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send

DISTRESS_OPENS = {"en": "I'm sorry", "es": "Siento mucho", "ru": "Мне очень жаль"}


@pytest.mark.parametrize(
    "text",
    [
        "so drained and on edge today",
        "no puedo con esto, estoy hecha polvo",
        "сил нет, руки опускаются",
        "😣😣",
        "☹️",
    ],
)
def test_a_feeling_said_plainly_or_a_sad_face_is_distress(catalog: Catalog, text: str) -> None:
    """Exhaustion, being on edge or a sad face alone, with nothing asked, is distress."""
    assert catalog.intents.read(text).intent == "distress"


@pytest.mark.parametrize(
    "text",
    [
        "i'm so tired, is brown discharge normal at 8 weeks?",
        "estoy agotada, ¿es normal tanto flujo?",
        "постоянно тревожно после родов, к кому обратиться",
        "очень тревожно, выделения с запахом",
        "what is the fam failure rate?",
    ],
)
def test_the_same_words_beside_a_question_of_the_field_keep_it_a_question(
    catalog: Catalog, text: str
) -> None:
    """Tiredness beside discharge, or anxiety with 'who do I turn to', asks for the answer."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("so drained and on edge today", "en"),
        ("estoy agobiadísima, hecha polvo", "es"),
        ("я так устала, всё навалилось", "ru"),
    ],
)
async def test_such_a_feeling_gets_the_kind_reply(wired: Wired, text: str, lang: str) -> None:
    """The distress reply in the person's language, which names the emergency route."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(DISTRESS_OPENS[lang])


@pytest.mark.parametrize(
    "text",
    [
        "is it normal to feel sad after birth",
        "baby blues or something worse?",
        "¿es normal sentirme triste después del parto?",
        "tristeza posparto, cuánto dura",
        "мне грустно после родов, это нормально?",
        "бэби блюз сколько длится",
    ],
)
def test_sadness_after_the_birth_asked_about_is_a_question(catalog: Catalog, text: str) -> None:
    """Asking whether sadness after the birth is normal asks the low-mood question."""
    assert catalog.intents.read(text).intent == "question"
