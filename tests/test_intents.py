"""Messages that are not questions: greetings, thanks, "how do I ...", distress without words,
and questions from another field, in every language; read at the wire through PTB."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.support.wire import inline_buttons
from tests.test_handlers_flow import send

REPLIES = [
    ("en", "hello", "I help you follow discharge"),
    ("en", "thank you so much!", "You're welcome"),
    ("en", "😭😭😭", "call your local emergency number"),
    ("en", "is jogging ok in the second trimester", "I can only help with discharge"),
    ("es", "hola", "Te ayudo a seguir tu flujo"),
    ("es", "muchas gracias", "De nada"),
    ("es", "😢😢", "número de emergencias"),
    ("es", "puedo ir al gimnasio estando embarazada", "Solo puedo ayudarte con el flujo"),
    ("ru", "привет", "Я помогаю следить"),
    ("ru", "спасибо большое", "Пожалуйста"),
    ("ru", "😭", "экстренную службу"),
    ("en", "🆘", "call your local emergency number"),
    ("es", "🚨🚨", "número de emergencias"),
    ("ru", "какую коляску купить", "Я могу помочь только с выделениями"),
    ("en", "i already told you", "Sorry for asking again"),
    ("es", "ya te lo dije", "Perdona que vuelva a preguntar"),
    ("ru", "я уже писала", "Простите, что спрашиваю снова"),
]


@pytest.mark.parametrize(("language", "text", "words"), REPLIES)
async def test_each_intent_gets_its_reply_in_the_persons_language(
    wired: Wired, language: str, text: str, words: str
) -> None:
    """Greetings, thanks, crying or SOS emojis and other fields each get their own kind reply."""
    await send(wired, text, language_code=language)
    assert words in wired.wire.texts()[-1]


@pytest.mark.parametrize(
    ("language", "text", "command"),
    [
        ("en", "how do i delete my data?", "cmd:delete"),
        ("en", "can i export my history", "cmd:export"),
        ("es", "como activo los recordatorios", "cmd:reminders"),
        ("ru", "как сменить язык", "cmd:language"),
    ],
)
async def test_a_feature_question_is_answered_with_the_button_that_does_it(
    wired: Wired, language: str, text: str, command: str
) -> None:
    """ "How do I ..." about the bot is answered with a button that runs the command."""
    await send(wired, text, language_code=language)
    assert command in [data for _, data in wired.wire.last_buttons()]


async def test_an_out_of_scope_question_is_never_answered_with_a_topic(wired: Wired) -> None:
    """A question from another field gets no FAQ answer and no "did you mean"."""
    for text in ("which baby monitor should i buy", "is soft cheese ok when pregnant"):
        await send(wired, text)
    datas = [
        button.get("callback_data", "")
        for call in wired.wire.sent()
        for button in inline_buttons(call.params.get("reply_markup"))
    ]
    assert not any(data.startswith(("faq:", "fb:")) for data in datas)


async def test_a_question_about_discharge_is_still_a_question(wired: Wired) -> None:
    """ "Hi" in front of a real question does not turn it into a greeting."""
    await send(wired, "hi, is creamy white discharge normal at 20 weeks?")
    assert "I help you follow discharge" not in wired.wire.texts()[-1]


def test_short_words_are_compared_whole(catalog: Catalog) -> None:
    """A short word never matches a list word by stem ("como" is not "comer")."""
    assert catalog.intents.read("como se que rompi aguas").intent == "question"


async def test_the_command_button_runs_the_command(wired: Wired) -> None:
    """The button under a feature answer runs that command (here: the language menu)."""
    from tests.test_handlers_flow import press

    await press(wired, "cmd:language")
    assert any(data.startswith("lang:") for _, data in wired.wire.last_buttons())


async def test_distress_names_the_users_own_emergency_number(wired: Wired) -> None:
    """Crying emojis from someone whose country is Spain get 112, not a generic line."""
    from tests.test_handlers_flow import press

    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:possibly_pregnant")
    await press(wired, "ob:country:ES")
    await send(wired, "😭😭")
    assert "call 112 now" in wired.wire.texts()[-1]


async def test_i_already_told_you_in_a_checkin_offers_the_way_back(wired: Wired) -> None:
    """ "I already told you" during a check-in gets an apology and the resume button."""
    from tests.test_handlers_flow import onboard_pregnant

    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    await send(wired, "i already said that")
    assert "Sorry for asking again" in " ".join(wired.wire.texts()[-2:])
    assert any(data.endswith(":r") for _, data in wired.wire.last_buttons())


@pytest.mark.parametrize(
    "text",
    ["when will the heartburn stop", "my hair keeps falling out since the birth"],
)
def test_an_ordinary_word_of_a_distress_phrase_is_not_distress(catalog: Catalog, text: str) -> None:
    """ "stop" or "falling" alone are not distress: the message is from another field."""
    assert catalog.intents.read(text).intent == "out_of_scope"


@pytest.mark.parametrize("text", ["what do i do 😰", "im falling apart", "it is all too much"])
def test_distress_is_read_from_phrases_and_emojis_beside_words(catalog: Catalog, text: str) -> None:
    """A short message with a crying emoji, or a distress phrase, gets the distress reply."""
    assert catalog.intents.read(text).intent == "distress"


def test_a_word_with_a_second_sense_keeps_a_question_in_scope(catalog: Catalog) -> None:
    """ "Antes de tiempo" (preterm) is about labour, not the weather."""
    text = "como se si me estoy poniendo de parto antes de tiempo"
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "is an epidural safe",
        "symptoms of mastitis",
        "que es la diabetes gestacional",
        "эпидуралка это больно?",
    ],
)
def test_another_pregnancy_subject_is_out_of_scope(catalog: Catalog, text: str) -> None:
    """Pain relief, breastfeeding or diabetes, even asking for symptoms, is out of scope."""
    assert catalog.intents.read(text).intent == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "yellow discharge from my baby's eye",
        "is discharge from the nipples normal in pregnancy",
        "me sale liquido de los pezones",
        "у малыша выделения из уха",
    ],
)
def test_discharge_from_another_part_of_the_body_is_out_of_scope(
    catalog: Catalog, text: str
) -> None:
    """Discharge from an eye, ear or nipple is another field, though it shares the words."""
    assert catalog.intents.read(text).intent == "out_of_scope"


def test_naming_the_vagina_keeps_such_a_message_in_scope(catalog: Catalog) -> None:
    """A message about the nose that also names vaginal discharge is still a question."""
    text = "blocked nose and yellow vaginal discharge, pregnant"
    assert catalog.intents.read(text).intent == "question"


def test_asking_where_to_turn_is_a_question_not_only_distress(catalog: Catalog) -> None:
    """Crying with "where do I turn" asks for the low-mood answer, so it stays a question."""
    text = "плачу каждый день, куда обратиться за помощью"
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "which symptoms after giving birth mean go straight to hospital",
        "can baby catch gonorrhea during birth",
    ],
)
def test_naming_the_birth_does_not_put_a_question_out_of_scope(catalog: Catalog, text: str) -> None:
    """ "Birth" says when, not what: warning signs after it are the bot's own field."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "im always scared to bother triage, when should i actually go",
        "i cry every day since baby came and feel so anxious, is this pnd",
        "que sintomas tiene la preeclampsia? me da miedo no darme cuenta",
    ],
)
def test_fear_beside_a_named_subject_of_the_field_is_a_question(
    catalog: Catalog, text: str
) -> None:
    """Fear beside triage, postnatal depression or pre-eclampsia asks for that answer."""
    assert catalog.intents.read(text).intent == "question"


def test_apologising_for_ones_english_is_not_asking_to_change_language(catalog: Catalog) -> None:
    """ "Sorry for my bad English" before a question asks the question, not for the menu."""
    text = "hi sorry for bad english, i am pregnant, much white discharge every day, it is normal?"
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "how do i record my cervical mucus",
        "¿debo avisar a la matrona cada vez que tengo flujo?",
        "как записывать выделения каждый день",
    ],
)
def test_a_word_that_asks_for_a_feature_only_beside_a_time_stays_a_question(
    catalog: Catalog, text: str
) -> None:
    """'Record' without 'today', or 'avisar' as written for telling the midwife, is a question."""
    assert catalog.intents.read(text).intent == "question"


def test_wiping_after_the_toilet_is_not_asking_to_delete_data(catalog: Catalog) -> None:
    """'Wipe' asks to delete only beside what to delete ('wipe my data'), not 'when I wipe'."""
    assert catalog.intents.read("me and my partner had sex, now pink when i wipe").intent == (
        "question"
    )
    assert catalog.intents.read("wipe my data please").feature == "delete"


def test_leaving_a_mark_is_not_maternity_leave(catalog: Catalog) -> None:
    """'Leaving' in a discharge question is not the out-of-scope subject 'maternity leave'."""
    assert catalog.intents.read("the gel is leaving white bits, normal?").intent == ("question")


@pytest.mark.parametrize(
    "text",
    ["feeling low and anxious since the birth, who can i talk to", "temp of 38 and scared"],
)
def test_asking_where_to_turn_or_naming_a_fever_keeps_fear_a_question(
    catalog: Catalog, text: str
) -> None:
    """Fear beside 'who can I talk to' or a temperature asks for the answer, not only comfort."""
    assert catalog.intents.read(text).intent == "question"


@pytest.mark.parametrize(
    "text",
    [
        "se me pone la barriga dura a ratos",
        "la panza se me pone dura y luego se afloja",
        "cuanto dura el sangrado despues del parto",
    ],
)
def test_a_hard_belly_or_how_long_bleeding_lasts_stays_a_question(
    catalog: Catalog, text: str
) -> None:
    """ "Dura" as a hardening belly, or bleeding that lasts, keeps a Spanish question in scope."""
    assert catalog.intents.read(text).intent == "question"


def test_a_greeting_among_words_that_ask_for_nobody_in_particular_is_a_greeting(
    catalog: Catalog,
) -> None:
    """ "Hello, anyone here?" is a greeting, not a question for the matcher."""
    assert catalog.intents.read("hello, anyone here?").intent == "greeting"


def test_holis_is_a_greeting(catalog: Catalog) -> None:
    """ "Holis", a Spanish chat greeting, is a greeting."""
    assert catalog.intents.read("holis").intent == "greeting"


async def test_the_out_of_scope_reply_names_no_health_visitor_outside_the_uk(
    wired: Wired,
) -> None:
    """A question from another field, from someone in the US, is pointed to a midwife or
    doctor, not to a health visitor (a UK service)."""
    from tests.test_handlers_flow import press

    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:possibly_pregnant")
    await press(wired, "ob:country:US")
    await send(wired, "is jogging ok in the second trimester")
    reply = wired.wire.texts()[-1]
    assert "Your midwife or doctor can help" in reply and "health visitor" not in reply
