"""Handler tests: messages that are not questions (greetings, thanks, distress, "how do I ...")
get their own kind reply in the person's language, never a topic or the fallback."""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.test_handlers_flow import send

GREETING_OPENS = {"en": "Hello!", "es": "¡Hola!", "ru": "Здравствуйте!"}
THANKS_OPENS = {"en": "You're welcome", "es": "De nada", "ru": "Пожалуйста"}
DISTRESS_OPENS = {"en": "I'm sorry", "es": "Siento mucho", "ru": "Мне очень жаль"}


def last_datas(w: Wired) -> list[str]:
    return [data for _, data in w.wire.last_buttons()]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("hello", "en"), ("hola", "es"), ("привет", "ru"), ("privet", "ru"), ("zdravstvuyte", "ru")],
)
async def test_greeting_gets_a_greeting_with_the_checkin_button(
    wired: Wired, text: str, lang: str
) -> None:
    """A greeting, Russian typed in Latin letters too, is greeted back with a check-in button."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(GREETING_OPENS[lang])
    assert "checkin:start" in last_datas(wired)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("thank you!", "en"),
        ("thanks a lot, feeling better now", "en"),
        ("muchas gracias", "es"),
        ("спасибо", "ru"),
        ("spasibo", "ru"),
    ],
)
async def test_thanks_gets_you_are_welcome(wired: Wired, text: str, lang: str) -> None:
    """Thanks, Russian typed in Latin letters too, gets "you're welcome" and no topic."""
    await send(wired, text, language_code=lang)
    reply = wired.wire.texts()[-1]
    assert reply.startswith(THANKS_OPENS[lang])
    assert "Sources:" not in reply


@pytest.mark.parametrize(
    ("text", "lang"), [("👍", "en"), ("🙏🙏", "es"), ("❤️", "ru"), ("🙂", "en")]
)
async def test_a_thumbs_up_or_a_heart_alone_gets_you_are_welcome(
    wired: Wired, text: str, lang: str
) -> None:
    """A thumbs-up, folded hands, a heart or a smile alone is thanks, not "not understood"."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(THANKS_OPENS[lang])


async def test_crying_beside_a_heart_is_still_distress(wired: Wired) -> None:
    """Crying emojis beside a heart get the kind distress reply, not "you're welcome"."""
    await send(wired, "😭❤️", language_code="en")
    assert wired.wire.texts()[-1].startswith(DISTRESS_OPENS["en"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("idk what to do", "en"),
        ("i dont know what to do", "en"),
        ("no sé q hacer", "es"),
        ("no se que hacer", "es"),
        ("не знаю что делать", "ru"),
    ],
)
async def test_not_knowing_what_to_do_gets_a_kind_reply_naming_the_emergency_route(
    wired: Wired, text: str, lang: str
) -> None:
    """ "I don't know what to do" alone is distress: a kind reply with the emergency route."""
    await send(wired, text, language_code=lang)
    reply = wired.wire.texts()[-1]
    assert reply.startswith(DISTRESS_OPENS[lang])
    assert "🚨" in reply
    assert not any(data.startswith("faq:") for data in last_datas(wired))


async def test_not_knowing_what_to_do_anymore_gets_the_crisis_reply(wired: Wired) -> None:
    """ "I don't know what to do anymore" is more than the bare phrase: the crisis reply."""
    await send(wired, "i dont know what to do anymore")
    reply = wired.wire.texts()[0]
    assert reply.startswith("💛 <b>Thank you for telling me.</b>")


@pytest.mark.parametrize(
    ("text", "lang", "command"),
    [
        ("how do i do a check in", "en", "checkin"),
        ("where are my old entries", "en", "history"),
        ("can you ping me every morning", "en", "reminders"),
        ("quiero hacer un registro", "es", "checkin"),
        ("donde veo mi historial", "es", "history"),
        ("recuérdame cada mañana", "es", "reminders"),
        ("как сделать отметку", "ru", "checkin"),
        ("где посмотреть прошлые записи", "ru", "history"),
        ("напомни мне утром", "ru", "reminders"),
    ],
)
async def test_feature_question_gets_the_button_that_does_it(
    wired: Wired, text: str, lang: str, command: str
) -> None:
    """Asking how to check in, see past entries or get reminders gets that feature's button."""
    await send(wired, text, language_code=lang)
    assert last_datas(wired) == [f"cmd:{command}"]


async def test_record_is_not_read_as_the_spanish_word_for_remind(wired: Wired) -> None:
    """'record' in English is not the stem of Spanish 'recordar', so no reminders button."""
    await send(wired, "how do i record a new entry", language_code="en")
    assert last_datas(wired) == ["cmd:checkin"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("bleeding gums", "en"),
        ("my gums are bleeding when i brush my teeth", "en"),
        ("me sangran las encías", "es"),
        ("кровоточат дёсны", "ru"),
    ],
)
async def test_bleeding_gums_gets_no_bleeding_topic(wired: Wired, text: str, lang: str) -> None:
    """Bleeding gums share only the word 'bleeding' with the bleeding topics: none is offered."""
    await send(wired, text, language_code=lang)
    assert not any(data.startswith(("faq:", "fb:")) for data in last_datas(wired))
    assert "Sources:" not in wired.wire.texts()[-1]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my water bottle broke", "en"),
        ("se me rompió la botella de agua", "es"),
        ("разбилась бутылка с водой", "ru"),
    ],
)
async def test_a_broken_water_bottle_gets_no_waters_topic(
    wired: Wired, text: str, lang: str
) -> None:
    """A broken water bottle shares words with waters breaking: no waters topic is offered."""
    await send(wired, text, language_code=lang)
    assert not any(data.startswith(("faq:", "fb:")) for data in last_datas(wired))
    assert "Sources:" not in wired.wire.texts()[-1]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("avísame cada mañana", "es"),
        ("remind me every morning", "en"),
        ("напоминай каждое утро", "ru"),
    ],
)
async def test_asking_to_be_told_every_morning_gets_the_reminders_button(
    wired: Wired, text: str, lang: str
) -> None:
    """Asking to be told every morning is asking for reminders: the reminders button."""
    await send(wired, text, language_code=lang)
    assert last_datas(wired) == ["cmd:reminders"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("record my cm for today", "en"),
        ("anota mi flujo de hoy", "es"),
        ("запиши мои выделения за сегодня", "ru"),
    ],
)
async def test_asking_to_record_todays_mucus_starts_a_checkin(
    wired: Wired, text: str, lang: str
) -> None:
    """Asking to record today's mucus is a check-in: the check-in button, not the charting topic."""
    await send(wired, text, language_code=lang)
    assert last_datas(wired) == ["cmd:checkin"]
    assert "Sources:" not in wired.wire.texts()[-1]


OUT_OF_SCOPE_OPENS = {
    "en": "I can only help",
    "es": "Solo puedo ayudarte",
    "ru": "Я могу помочь только",
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("cuéntame un chiste", "es"),
        ("¿qué tiempo hace hoy en Madrid?", "es"),
        ("расскажи анекдот", "ru"),
        ("посоветуйте автокресло для новорождённого", "ru"),
        ("столица франции?", "ru"),
    ],
)
async def test_a_joke_the_weather_or_a_car_seat_gets_the_out_of_scope_reply(
    wired: Wired, text: str, lang: str
) -> None:
    """A joke, the weather, a car seat or a capital get "I can only help with ...", no topic."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(OUT_OF_SCOPE_OPENS[lang])
    assert not any(data.startswith("faq:") for data in last_datas(wired))


async def test_pink_after_sex_in_pregnancy_is_a_question_in_spanish(wired: Wired) -> None:
    """'Rosa' after sex in pregnancy is about spotting, not sex as a subject: never out of scope."""
    await send(wired, "algo rosa tras tener sexo, estoy embarazada", language_code="es")
    assert not wired.wire.texts()[-1].startswith(OUT_OF_SCOPE_OPENS["es"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("feeling anxious since the birth, where can i find support", "en"),
        ("estoy triste desde el parto, ¿dónde puedo pedir ayuda?", "es"),
    ],
)
async def test_asking_where_to_get_support_is_a_question_not_distress(
    wired: Wired, text: str, lang: str
) -> None:
    """Asking where to get support when low is a question for the low-mood topic, not distress."""
    await send(wired, text, language_code=lang)
    assert not wired.wire.texts()[-1].startswith(DISTRESS_OPENS[lang])
    assert "fb:low_mood_anxiety_self_harm_perinatal:1" in last_datas(wired)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("heyyy", "en"),
        ("hiiii", "en"),
        ("hellooo there", "en"),
        ("holaaa", "es"),
        ("привееет", "ru"),
    ],
)
async def test_a_greeting_with_drawn_out_letters_gets_a_greeting(
    wired: Wired, text: str, lang: str
) -> None:
    """A greeting with a letter drawn out ("heyyy", "holaaa") is greeted back, not doubted."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(GREETING_OPENS[lang])


@pytest.mark.parametrize(
    ("text", "lang"),
    [("goood morning", "en"), ("buenosss días", "es"), ("доброе утрооо", "ru")],
)
async def test_a_two_word_greeting_with_drawn_out_letters_gets_a_greeting(
    wired: Wired, text: str, lang: str
) -> None:
    """A greeting phrase with a letter drawn out ("goood morning") is greeted back, not doubted."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(GREETING_OPENS[lang])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("how many weeks is a full term baby", "en"),
        ("when is my due date if my last period was on the 3rd", "en"),
        ("cuánto dura la baja de maternidad", "es"),
        ("сколько длится декретный отпуск", "ru"),
    ],
)
async def test_how_long_pregnancy_or_leave_lasts_gets_the_out_of_scope_reply(
    wired: Wired, text: str, lang: str
) -> None:
    """How long a pregnancy or maternity leave lasts, or the due date, gets "I can only help"."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(OUT_OF_SCOPE_OPENS[lang])
    assert not any(data.startswith("faq:") for data in last_datas(wired))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("when should i start weaning", "en"),
        ("cuándo empiezan los bebés con papillas", "es"),
        ("когда вводить прикорм", "ru"),
    ],
)
async def test_weaning_gets_the_out_of_scope_reply(wired: Wired, text: str, lang: str) -> None:
    """Starting a baby on solid food is another field: "I can only help with ...", no topic."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(OUT_OF_SCOPE_OPENS[lang])
    assert not any(data.startswith("faq:") for data in last_datas(wired))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("for my wife after the birth next month, when do we call an ambulance", "en"),
        ("mi esposa da a luz el mes que viene, cuándo llamar a una ambulancia", "es"),
        ("жена рожает через месяц, когда после родов вызывать скорую", "ru"),
    ],
)
async def test_asking_when_to_call_an_ambulance_after_the_birth_is_a_question(
    wired: Wired, text: str, lang: str
) -> None:
    """When to call an ambulance after a birth next month is the field's question, though it
    names a month (a word of the baby's age questions that are out of scope)."""
    await send(wired, text, language_code=lang)
    assert not wired.wire.texts()[-1].startswith(OUT_OF_SCOPE_OPENS[lang])


HELP_OPENS = {
    "en": "ℹ️ <b>How I work</b>",
    "es": "ℹ️ <b>Cómo funciono</b>",
    "ru": "ℹ️ <b>Как я работаю</b>",
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what can you do?", "en"),
        ("hi, what can you do?", "en"),
        ("¿qué puedes hacer?", "es"),
        ("что ты умеешь?", "ru"),
    ],
)
async def test_asking_what_the_bot_can_do_gets_the_help_reply(
    wired: Wired, text: str, lang: str
) -> None:
    """ "What can you do?" gets the /help reply in the person's language."""
    await send(wired, text, language_code=lang)
    assert wired.wire.texts()[-1].startswith(HELP_OPENS[lang])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i feel so empty", "en"),
        ("me siento vacía", "es"),
        ("пусто внутри", "ru"),
    ],
)
async def test_sadness_said_without_a_question_gets_the_kind_reply(
    wired: Wired, text: str, lang: str
) -> None:
    """Saying one feels sad or empty, with nothing to ask, gets the kind reply with the
    emergency route, not "I'm not sure I understood"."""
    await send(wired, text, language_code=lang)
    reply = wired.wire.texts()[-1]
    assert reply.startswith(DISTRESS_OPENS[lang])
    assert "🚨" in reply
