"""Questions about other subjects get the out-of-scope reply, never a topic: money, food places,
sport, beauty treatments, trips, a baby's sleep, colic or age milestones, carriers, paperwork,
prices, asking the bot to book; the same words beside a discharge question keep it a question."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.support.wire import inline_buttons
from tests.test_handlers_flow import send

OTHER_SUBJECTS = [
    "what's the pound to dollar rate today",
    "who won the game last night",
    "can i get gel nails done at 20 weeks",
    "how do i get my 4 month old to nap",
    "my baby has colic, what do i give him",
    "how much does a private scan cost",
    "can you book me in with a midwife",
    "horrible heartburn tonight, what can i take?",
    "¿a cómo está el dólar?",
    "¿puedo hacerme las pestañas embarazada?",
    "¿a qué edad gatean los bebés?",
    "mi bebé tiene gases, ¿qué le doy?",
    "¿cuánto cuesta una ecografía 4d?",
    "¿me pides cita con la matrona?",
    "¿qué portabebés me recomiendas?",
    "можно ли красить брови при беременности",
    "в каком возрасте ребенок начинает сидеть",
    "у малыша колики, что дать малышу",
    "сколько стоит узи в частной клинике",
    "запишите меня к гинекологу",
    "можно ли поехать на море в третьем триместре",
]


@pytest.mark.parametrize("text", OTHER_SUBJECTS)
def test_a_question_about_another_subject_is_out_of_scope(catalog: Catalog, text: str) -> None:
    """Money, sport, beauty, a baby's own care, prices or booking are not the bot's field."""
    assert catalog.intents.read(text).intent == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "can i go to the beach with brown discharge at 30 weeks",
        "¿puedo ir a la playa si tengo flujo?",
        "можно ли на море с молочницей",
        "my toddler gave me a cold and now i have thrush",
        "how much does discharge increase in pregnancy",
        "cuanto flujo es normal en el embarazo",
    ],
)
def test_the_same_words_beside_a_discharge_question_keep_it_a_question(
    catalog: Catalog, text: str
) -> None:
    """A trip, a toddler or 'how much' beside discharge or thrush still asks the bot's question."""
    assert catalog.intents.read(text).intent == "question"


def test_fear_said_without_asking_about_another_subject_is_still_distress(
    catalog: Catalog,
) -> None:
    """A feeling beside sleep, not asked as a question about sleep, keeps the distress reply."""
    assert catalog.intents.read("i'm so scared and can't sleep").intent == "distress"


OUT_OF_SCOPE_OPENS = {
    "en": "I can only help with discharge",
    "es": "Solo puedo ayudarte con el flujo",
    "ru": "Я могу помочь только с выделениями",
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("whats the exchange rate euro to pound", "en"),
        ("do you know a good place for pizza", "en"),
        ("¿quién ganó el partido ayer?", "es"),
        ("¿el aceite de rosa mosqueta sirve para las estrías?", "es"),
        ("курс доллара на завтра", "ru"),
        ("как уложить малыша спать без укачивания", "ru"),
    ],
)
async def test_such_a_question_gets_the_out_of_scope_reply_and_no_topic(
    wired: Wired, text: str, lang: str
) -> None:
    """The out-of-scope reply in the person's language, with no answer or 'did you mean'."""
    await send(wired, text, language_code=lang)
    assert OUT_OF_SCOPE_OPENS[lang] in wired.wire.texts()[-1]
    datas = [
        button.get("callback_data", "")
        for call in wired.wire.sent()
        for button in inline_buttons(call.params.get("reply_markup"))
    ]
    assert not any(data.startswith(("faq:", "fb:")) for data in datas)


def test_a_word_listed_as_another_subject_is_not_a_field_word_by_its_stem(
    catalog: Catalog,
) -> None:
    """ "Partido" (a match) shares a stem with "parto" (birth) but is no question about birth."""
    assert catalog.intents.read("¿quién ganó el partido?").intent == "out_of_scope"
    assert catalog.intents.read("¿es normal sangrar tres semanas después del parto?").intent == (
        "question"
    )
