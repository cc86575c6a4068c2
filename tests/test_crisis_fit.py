"""The crisis reply fits the person: words about a baby only for people who are pregnant or
have given birth.

Driven at the wire: the real PTB Application, process_update, a fake request.
"""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.test_handlers_country import onboard_in
from tests.test_handlers_flow import onboard_pregnant, press, send

#: A suicidal message in each language, and the words about a baby its reply must not hold.
BABY_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": ("i want to kill myself", ("baby",)),
    "es": ("quiero matarme", ("bebé",)),
    "ru": ("хочу покончить с собой", ("малыш",)),
}


async def onboard(w: Wired, status: str, language: str = "en") -> None:
    """/start, consent, ``status``, the date skipped, no country."""
    await send(w, "/start", language_code=language)
    for step in ("ob:consent", f"ob:status:{status}", "ob:skip", "ob:country:skip"):
        await press(w, step, language_code=language)
    w.wire.clear()


@pytest.mark.parametrize("language", list(BABY_WORDS))
async def test_a_crisis_reply_after_a_loss_never_mentions_a_baby(
    wired: Wired, language: str
) -> None:
    """After a pregnancy loss the crisis reply says nothing about a baby, in any language."""
    await onboard(wired, "after_loss", language)
    text, words = BABY_WORDS[language]
    await send(wired, text, language_code=language)
    reply = wired.wire.texts()[0].lower()
    assert not any(word in reply for word in words)


async def test_a_crisis_reply_to_a_cycle_tracker_never_mentions_a_baby(wired: Wired) -> None:
    """Someone tracking their cycle reads no baby in the crisis reply."""
    await onboard(wired, "not_pregnant")
    await send(wired, "i want to kill myself")
    assert "baby" not in wired.wire.texts()[0].lower()


async def test_a_crisis_reply_before_the_stage_is_known_never_mentions_a_baby(
    wired: Wired,
) -> None:
    """Before the stage is known the crisis reply says nothing about a baby."""
    await send(wired, "i want to kill myself")
    assert "baby" not in wired.wire.texts()[0].lower()


async def test_a_crisis_reply_in_pregnancy_says_help_rarely_means_separation(
    wired: Wired,
) -> None:
    """A pregnant person's crisis reply keeps the sourced line about not being separated."""
    await onboard_pregnant(wired)
    wired.wire.clear()
    await send(wired, "i want to kill myself")
    text = wired.wire.texts()[0]
    assert "rarely means being separated from your baby" in text and "tommys.org" in text


async def test_a_distress_reply_to_a_cycle_tracker_never_mentions_a_baby(wired: Wired) -> None:
    """A Russian cycle tracker's crying emoji gets a reply with no baby in it."""
    await onboard(wired, "not_pregnant", "ru")
    await send(wired, "😭😭😭", language_code="ru")
    texts = wired.wire.texts()
    assert texts and not any("малыш" in text.lower() for text in texts)


async def tap_thoughts_of_harm(w: Wired) -> None:
    """A pregnant person at 8 weeks starts a check-in and taps "Thoughts of harming myself"."""
    await onboard_pregnant(w, "8")
    await send(w, "/checkin")
    data = next(
        d for _, d in w.wire.last_buttons() if d.endswith(":t:danger_signs:thoughts_of_harm")
    )
    w.wire.clear()
    await press(w, data)


async def test_thoughts_of_harm_tapped_in_a_checkin_get_the_crisis_reply(wired: Wired) -> None:
    """Tapping thoughts of harm gets the crisis reply with a crisis line, not labour-ward advice."""
    await tap_thoughts_of_harm(wired)
    reply = wired.wire.texts()[-1]
    assert "Thank you for telling me" in reply and "116 123" in reply
    assert "labour ward" not in reply


async def test_a_spanish_crisis_reply_before_the_country_is_known_reads_correctly(
    wired: Wired,
) -> None:
    """Before the country is known the Spanish reply says "llama ya al número", not "al el"."""
    await send(wired, "quiero matarme", language_code="es")
    reply = wired.wire.texts()[0]
    assert "llama ya al número de emergencias de tu país" in reply and "al el " not in reply


@pytest.mark.parametrize(
    ("country", "language", "text", "said", "english"),
    [
        ("ES", "es", "quiero matarme", "gratuita, 24/7, desde el 10 de mayo de 2022", "free"),
        ("RU", "ru", "хочу покончить с собой", "для детей, подростков и родителей", "for children"),
    ],
)
async def test_a_countrys_crisis_line_is_described_in_the_persons_language(
    wired: Wired, country: str, language: str, text: str, said: str, english: str
) -> None:
    """The country's crisis line is described in the reader's language, with no English."""
    await onboard_in(wired, country, language_code=language)
    wired.wire.clear()
    await send(wired, text, language_code=language)
    reply = wired.wire.texts()[0]
    assert said in reply and english not in reply


async def test_a_crisis_before_consent_leaves_a_way_back_to_the_consent_question(
    wired: Wired,
) -> None:
    """A crisis typed at the consent question is followed by a button that asks it again."""
    await send(wired, "/start")
    await send(wired, "i want to kill myself")
    [(_, way_back)] = wired.wire.last_buttons()
    await press(wired, way_back)
    assert "ob:consent" in [data for _, data in wired.wire.last_buttons()]


async def test_a_crisis_mid_checkin_leaves_a_way_back_to_the_question(wired: Wired) -> None:
    """A crisis typed during a check-in is followed by a button that shows the question again."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    await send(wired, "i want to kill myself")
    [(_, way_back)] = wired.wire.last_buttons()
    await press(wired, way_back)
    assert any(data.endswith(":t:danger_signs:none") for _, data in wired.wire.last_buttons())


async def test_the_spanish_crisis_reply_asks_if_you_might_act_in_correct_spanish(
    wired: Wired,
) -> None:
    """The Spanish crisis reply's "if you might act on these thoughts" is grammatical Spanish."""
    await onboard(wired, "pregnant", "es")
    await send(wired, "quiero morirme", language_code="es")
    reply = wired.wire.texts()[0]
    assert "Si podrías" not in reply and "Si crees que podrías hacer caso" in reply


#: A suicidal message in each language, and the baby-care professional its reply names (with
#: no country known: the UK's health visitor only for UK users).
BABY_CARERS: dict[str, tuple[str, str]] = {
    "en": ("i want to kill myself", "baby's nurse or doctor"),
    "es": ("quiero matarme", "pediatra"),
    "ru": ("хочу покончить с собой", "педиатр"),
}


@pytest.mark.parametrize("language", list(BABY_CARERS))
async def test_a_crisis_reply_to_a_cycle_tracker_names_no_baby_carer(
    wired: Wired, language: str
) -> None:
    """Someone tracking their cycle is not sent to a health visitor or paediatrician."""
    await onboard(wired, "not_pregnant", language)
    text, carer = BABY_CARERS[language]
    await send(wired, text, language_code=language)
    assert carer not in wired.wire.texts()[0].lower()


@pytest.mark.parametrize("language", list(BABY_CARERS))
async def test_a_crisis_reply_after_a_birth_still_names_the_baby_carer(
    wired: Wired, language: str
) -> None:
    """After a birth the crisis reply still names the baby's nurse or doctor, or paediatrician."""
    await onboard(wired, "postpartum", language)
    text, carer = BABY_CARERS[language]
    await send(wired, text, language_code=language)
    assert carer in wired.wire.texts()[0].lower()
