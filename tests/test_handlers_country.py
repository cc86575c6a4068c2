"""Handler tests for the user's own country: asked in onboarding, changed from /profile, and
named in every call to action (the real PTB Application, process_update, a fake request)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.models import UserDoc
from tests.conftest import Wired
from tests.test_handlers_flow import USER, button, press, send, stored_doc, walk_checkin


async def to_country_step(w: Wired, language_code: str = "en", weeks: str = "30") -> None:
    """/start, consent, "pregnant", the weeks: the country question is the last message."""
    await send(w, "/start", language_code=language_code)
    await press(w, "ob:consent", language_code=language_code)
    await press(w, "ob:status:pregnant", language_code=language_code)
    await press(w, "ob:weeks", language_code=language_code)
    await send(w, weeks, language_code=language_code)


async def onboard_in(w: Wired, country: str, language_code: str = "en", weeks: str = "30") -> None:
    """A full onboarding that picks ``country`` from the buttons."""
    await to_country_step(w, language_code, weeks)
    await press(w, f"ob:country:{country}", language_code=language_code)


async def typed_country(w: Wired, name: str) -> None:
    """At the country question, "Other country" and then ``name`` typed."""
    await to_country_step(w)
    await press(w, "ob:country:other")
    await send(w, name)


async def test_onboarding_asks_the_country_suggesting_the_one_of_the_language_code(
    wired: Wired,
) -> None:
    """After the weeks, a Mexican-Spanish user is asked the country with Mexico offered first."""
    await to_country_step(wired, language_code="es-MX")
    assert "¿En qué país estás?" in wired.wire.texts()[-1]
    data = [d for _, d in wired.wire.last_buttons()]
    assert data[0] == "ob:country:MX"
    assert {"ob:country:ES", "ob:country:other", "ob:country:skip"} <= set(data)
    assert wired.wire.last_buttons()[0][0].endswith("México")


async def test_skipping_the_country_finishes_onboarding_without_one(wired: Wired) -> None:
    """Skip ends onboarding with the stage line and stores no country."""
    await to_country_step(wired)
    await press(wired, "ob:country:skip")
    done = wired.wire.texts()[-2]  # then the reminder offer
    assert "30 weeks pregnant" in done
    assert "your local emergency number" in done
    doc = await stored_doc(wired)
    # Onboarding is over: only the reminder offer waits, for a typed "yes" or a time (4ddc3dd).
    assert doc["profile"]["country"] is None and doc["state"]["flow"] == "reminders"


async def test_an_emergency_flag_for_a_user_in_spain_names_112_and_not_999(wired: Wired) -> None:
    """A user who picked Spain is told to call 112 for heavy bleeding, never 999."""
    await onboard_in(wired, "ES")
    wired.wire.clear()
    await send(wired, "I'm bleeding a lot and soaking pads")
    first = wired.wire.texts()[0]
    assert first.startswith("🚨 <b>Call 112 now</b>")
    assert "999" not in first


async def test_a_crisis_reply_for_a_uk_user_lists_only_uk_lines(wired: Wired) -> None:
    """A crisis reply to a user in the UK gives Samaritans and 999, not the US 988 line."""
    await onboard_in(wired, "GB")
    wired.wire.clear()
    await send(wired, "i want to kill myself")
    [reply] = wired.wire.texts()
    assert "Samaritans 116 123" in reply and "999" in reply
    assert "988" not in reply


async def test_an_unknown_typed_country_gets_your_local_emergency_number(wired: Wired) -> None:
    """A typed name that is no country of the table is told "your local emergency number",
    stores nothing, and later calls to action say it too."""
    await typed_country(wired, "Atlantis")
    assert "your local emergency number" in wired.wire.texts()[-1]
    assert (await stored_doc(wired))["profile"]["country"] is None
    await press(wired, "ob:country:skip")
    wired.wire.clear()
    await send(wired, "I'm bleeding a lot and soaking pads")
    assert "your local emergency number" in wired.wire.texts()[0]


async def test_a_russian_user_in_russia_never_reads_nhs_in_a_call_to_action(wired: Wired) -> None:
    """For a Russian user in Russia the urgent and emergency calls to action (typed flags and a
    check-in outcome) name 112 or 103 and never NHS."""
    await onboard_in(wired, "RU", language_code="ru", weeks="9")
    wired.wire.clear()
    await send(wired, "у меня сильное кровотечение, прокладка промокает за час", language_code="ru")
    emergency = wired.wire.texts()[0]
    wired.wire.clear()
    await send(wired, "кажется, отошли воды", language_code="ru")
    urgent = wired.wire.texts()[0]
    await walk_checkin(
        wired,
        {"danger_signs": ["none"], "colour": "brown", "bleeding": "spotting", "pain": ["none"]},
    )
    outcome = wired.wire.texts()[-1]
    assert emergency.startswith("🚨 <b>Сейчас же звоните 112 или 103</b>")
    assert outcome.startswith("📞 <b>Свяжитесь с роддомом")
    for text in (emergency, urgent, outcome):
        assert "NHS" not in text


@pytest.mark.parametrize(("typed", "code"), [("Россия", "RU"), ("España", "ES"), ("Mexico", "MX")])
async def test_a_typed_country_name_is_matched_in_any_language(
    wired: Wired, typed: str, code: str
) -> None:
    """A country name typed after "Other country" is found whatever its language or accents."""
    await typed_country(wired, typed)
    assert (await stored_doc(wired))["profile"]["country"] == code
    assert "30 weeks pregnant" in wired.wire.texts()[-2]  # then the reminder offer


async def test_a_country_name_typed_at_the_buttons_is_taken(wired: Wired) -> None:
    """Typing "spain" instead of tapping a country button stores Spain."""
    await to_country_step(wired)
    await send(wired, "spain")
    assert (await stored_doc(wired))["profile"]["country"] == "ES"


async def test_a_question_typed_at_the_country_buttons_is_answered_as_a_question(
    wired: Wired,
) -> None:
    """A typed question at the country question is not read as a country."""
    await to_country_step(wired)
    await send(wired, "is creamy white discharge normal")
    doc = await stored_doc(wired)
    assert doc["profile"]["country"] is None
    assert doc["state"]["step"] == "country"
    assert "Sorry, I don't have the numbers" not in wired.wire.texts()[-1]


async def test_forged_country_data_is_refused_and_nothing_is_stored(wired: Wired) -> None:
    """A button naming a country not in the table gets a polite notice and stores nothing."""
    await to_country_step(wired)
    wired.wire.clear()
    await press(wired, "ob:country:XX")
    [call] = wired.wire.calls
    assert call.method == "answerCallbackQuery"
    assert "not on my list" in str(call.params.get("text"))
    doc = await stored_doc(wired)
    assert doc["profile"]["country"] is None and doc["state"]["step"] == "country"


async def test_profile_can_change_the_country(wired: Wired) -> None:
    """/profile has a Country button; picking Spain there stores it and says 112."""
    await onboard_in(wired, "GB")
    await send(wired, "/profile")
    await press(wired, button(wired, "Country: United Kingdom"))
    await press(wired, "ob:country:ES")
    assert (await stored_doc(wired))["profile"]["country"] == "ES"
    last = wired.wire.texts()[-1]
    assert "Spain" in last and "call 112" in last
    assert (await stored_doc(wired))["state"] is None


async def test_the_reminder_time_zone_suggests_its_country(wired: Wired) -> None:
    """With the reminder zone set to Europe/Madrid, the country buttons offer Spain first."""
    await onboard_in(wired, "GB")
    key = wired.core.deps.hasher.user_key(USER)
    raw: Any = await wired.core.storage.load_user(key)
    doc = UserDoc.model_validate(raw)
    doc.profile.country = None
    doc.reminder.tz = "Europe/Madrid"
    await wired.core.storage.save_user(key, doc.model_dump(mode="json"))
    await send(wired, "/profile")
    await press(wired, "ob:country")
    assert wired.wire.last_buttons()[0][1] == "ob:country:ES"


def test_a_document_stored_before_the_country_existed_still_loads() -> None:
    """A stored profile without a country field validates, with no country."""
    doc = UserDoc.model_validate(
        {
            "key": "k",
            "chat_id": 1,
            "created_at": "2026-01-01T00:00:00+00:00",
            "profile": {"status": "pregnant", "due_date": "2026-09-01"},
        }
    )
    assert doc.profile.country is None


async def test_an_faq_answer_to_a_user_in_spain_names_112_and_no_uk_service(
    wired: Wired,
) -> None:
    """ "When should I go to hospital" answers a user in Spain with 112, never 999 or A&E."""
    await onboard_in(wired, "ES")
    wired.wire.clear()
    await send(wired, "when should I go to hospital in pregnancy")
    answer = wired.wire.texts()[-1]
    assert "<b>Call 112 if you:</b>" in answer
    assert "999" not in answer and "A&amp;E" not in answer


async def test_an_faq_answer_to_a_user_in_the_uk_names_999_and_nhs_111(wired: Wired) -> None:
    """The sepsis answer tells a UK user to call 999, and NHS 111 for advice today."""
    await onboard_in(wired, "GB")
    wired.wire.clear()
    await send(wired, "what are the warning signs of sepsis in pregnancy")
    answer = wired.wire.texts()[-1]
    assert "<b>Call 999 or 112</b>" in answer and "NHS 111" in answer


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("argentina, cordoba", "es", "AR"),
        ("soy de méxico", "es", "MX"),
        ("from ireland", "en", "IE"),
    ],
)
async def test_a_short_answer_naming_a_country_at_the_buttons_sets_it(
    wired: Wired, text: str, lang: str, code: str
) -> None:
    """At the country buttons, a short answer that names a country with other words sets it."""
    await to_country_step(wired, language_code=lang)
    await send(wired, text, language_code=lang)
    assert (await stored_doc(wired))["profile"]["country"] == code


@pytest.mark.parametrize(("text", "lang"), [("росия", "ru"), ("Argentinia", "es")])
async def test_a_misspelt_country_at_the_buttons_gets_the_buttons_again(
    wired: Wired, text: str, lang: str
) -> None:
    """A misspelt country name at the country buttons is told it was not found and gets the
    country buttons again, not the "not understood" fallback of questions."""
    await to_country_step(wired, language_code=lang)
    wired.wire.clear()
    await send(wired, text, language_code=lang)
    datas = [d for _, d in wired.wire.last_buttons()]
    assert "ob:country:other" in datas and "ob:country:skip" in datas
    assert (await stored_doc(wired))["profile"]["country"] is None


@pytest.mark.parametrize(
    ("language_code", "country", "line"),
    [
        ("en", "Spain", "You are 8 weeks pregnant"),
        ("es", "España", "Estás embarazada de 8 semanas"),
        ("ru", "Россия", "8 недель"),
    ],
)
async def test_a_typed_country_does_not_repeat_the_stage(
    wired: Wired, language_code: str, country: str, line: str
) -> None:
    """The stage said above the country question, which stays, is not said again after a
    country typed at its buttons."""
    await to_country_step(wired, language_code, weeks="8")
    await send(wired, country, language_code=language_code)
    said = [text for text in wired.wire.texts() if line in text]
    assert len(said) == 1, said
    assert (await stored_doc(wired))["profile"]["country"] is not None


async def test_a_country_button_keeps_the_stage_in_the_message_it_replaces(
    wired: Wired,
) -> None:
    """A country tapped replaces the question's message, so the closing words say the stage."""
    await onboard_in(wired, "ES", weeks="8")
    [edit] = [c for c in wired.wire.sent("editMessageText") if "Country:" in c.params["text"]]
    assert "✅ Saved. You are 8 weeks pregnant." in edit.params["text"]


async def test_the_closing_words_still_give_the_stage_when_it_was_not_said(wired: Wired) -> None:
    """A stage changed from /profile (no country question) is confirmed in the closing words."""
    await onboard_in(wired, "GB", weeks="8")
    await send(wired, "/profile")
    await press(wired, "ob:status:pregnant")
    await press(wired, "ob:weeks")
    await send(wired, "9")
    assert "✅ Saved. You are 9 weeks pregnant." in wired.wire.texts()[-2]  # then the offer
