"""Sayings whose body words say nothing about the body ("keep an eye on", "a ojo", "на глаз")
never put a discharge question out of scope; discharge from a baby's eye still is."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send


@pytest.mark.parametrize(
    "text",
    [
        "should i keep an eye on this yellow discharge",
        "can you tell by eye if it's waters or discharge",
        "a ojo, ¿cómo sé si es flujo o líquido amniótico?",
        "le echo un ojo al flujo cada día, ¿qué es normal?",
        "на глаз можно отличить выделения от вод?",
        "слежу за выделениями во все глаза, они зеленые",
    ],
)
def test_a_saying_with_a_body_word_keeps_a_discharge_question_in_scope(
    catalog: Catalog, text: str
) -> None:
    """ "Keep an eye on", "by eye" or "на глаз" is no question about the eye."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "yellow discharge from my baby's eye",
        "me sale flujo amarillo de un ojo",
        "у малыша гной из глаза",
    ],
)
def test_discharge_from_an_eye_is_still_out_of_scope(catalog: Catalog, text: str) -> None:
    """An eye's own discharge, said plainly, is still another part of the body."""
    assert catalog.intents.read(text).intent == "out_of_scope"


async def test_such_a_question_reaches_a_waters_or_discharge_topic(wired: Wired) -> None:
    """ "Можно ли на глаз отличить" is answered with a topic, not the out-of-scope reply."""
    await send(wired, "на глаз можно отличить выделения от вод?", language_code="ru")
    assert any(data.startswith("fb:") for _, data in wired.wire.last_buttons())
