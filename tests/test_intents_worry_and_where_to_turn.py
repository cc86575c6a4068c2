"""Questions that carry a feeling word are questions: "when should I worry", "who do I turn to"
when sad, a psychologist, infections tested for, an ambulance; a feeling said alone is distress."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send


@pytest.mark.parametrize(
    "text",
    [
        "after the c-section when should i be concerned",
        "¿cuándo me tengo que preocupar después de la cesárea?",
        "когда бить тревогу после кесарева?",
    ],
)
def test_asking_when_to_worry_is_a_question_for_the_warning_signs(
    catalog: Catalog, text: str
) -> None:
    """ "When should I worry" asks which signs matter, so it goes to the matcher, not comfort."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize("text", ["i'm so worried", "estoy muy preocupada", "я переживаю"])
def test_worry_said_alone_is_still_distress(catalog: Catalog, text: str) -> None:
    """A feeling said alone, with no question about signs, keeps the kind distress reply."""
    assert catalog.intents.read(text).intent == "distress"


def test_a_three_letter_listed_word_is_not_matched_by_its_stem(catalog: Catalog) -> None:
    """ "Malos" (bad, of a soap) is not the distress word "mal" (unwell) by stem."""
    assert catalog.intents.read("¿los jabones perfumados son malos?").intent == "question"
    assert catalog.intents.read("me siento mal").intent == "distress"


@pytest.mark.parametrize(
    "text",
    [
        "¿con quién puedo hablar si estoy triste después del parto?",
        "¿hay psicólogas para embarazadas?",
        "нужен психолог после родов, где найти",
        "is there a therapist for new mums",
    ],
)
def test_asking_who_to_turn_to_or_for_a_psychologist_is_a_question(
    catalog: Catalog, text: str
) -> None:
    """Asking who to talk to or for a psychologist is a question for the low-mood topic."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "какие инфекции проверяют у беременных",
        "нужна ли скорая, если беременна и сильно болит голова",
        "¿qué jabón íntimo es mejor?",
    ],
)
def test_infections_an_ambulance_or_intimate_hygiene_keep_a_question_in_scope(
    catalog: Catalog, text: str
) -> None:
    """Infections tested for, an ambulance or intimate hygiene are the bot's own field."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        (
            "¿con quién puedo hablar si estoy triste después del parto?",
            "es",
            "low_mood_anxiety_self_harm_perinatal",
        ),
        ("какие инфекции проверяют у беременных", "ru", "chlamydia_gonorrhoea_pregnancy"),
    ],
)
async def test_such_a_question_is_answered_with_its_topic(
    wired: Wired, text: str, lang: str, topic: str
) -> None:
    """The question reaches its topic's answer, not the distress or out-of-scope reply."""
    await send(wired, text, language_code=lang)
    assert f"fb:{topic}:1" in [data for _, data in wired.wire.last_buttons()]
