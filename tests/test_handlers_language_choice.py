"""Handler tests: a language picked with /language holds for whatever is being asked, before
consent too, when nothing may be stored yet (the real PTB Application, process_update, a fake
request at the wire)."""

from __future__ import annotations

from tests.conftest import Wired
from tests.test_handlers_flow import USER, button, press, send, stored_doc


async def test_a_language_picked_before_consent_asks_for_consent_in_that_language(
    wired: Wired,
) -> None:
    """/language before /start shows the welcome and its consent buttons in the new language."""
    await send(wired, "/language")
    await press(wired, "lang:es")
    assert "¿Aceptas que guarde tus respuestas" in wired.wire.texts()[-1]
    assert button(wired, "Acepto") == "ob:consent:es"


async def test_agreeing_after_a_language_picked_before_consent_stores_that_language(
    wired: Wired,
) -> None:
    """Agreeing on the welcome shown after /language stores the language and goes on in it."""
    await send(wired, "/language")
    await press(wired, "lang:ru")
    await press(wired, button(wired, "Даю согласие"))
    assert (await stored_doc(wired))["locale"] == "ru"
    assert "Беременна" in " ".join(label for label, _ in wired.wire.last_buttons())


async def test_declining_then_changing_mind_keeps_the_language_picked_before_consent(
    wired: Wired,
) -> None:
    """ "Not now" then "changed my mind" still stores the language picked before consent."""
    await send(wired, "/language")
    await press(wired, "lang:es")
    await press(wired, "ob:decline:es")
    await press(wired, button(wired, "cambiado de idea"))
    assert (await stored_doc(wired))["locale"] == "es"


async def test_a_consent_button_with_an_unknown_language_stores_nothing(wired: Wired) -> None:
    """Forged consent data naming a language the bot does not have is refused, not stored."""
    await send(wired, "/start")
    await press(wired, "ob:consent:xx")
    assert await wired.core.storage.load_user(wired.core.deps.hasher.user_key(USER)) is None


async def test_a_language_picked_at_the_stage_question_asks_it_again_in_that_language(
    wired: Wired,
) -> None:
    """/language while the stage question waits asks the stage question again, translated."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await send(wired, "/language")
    await press(wired, "lang:es")
    assert "Embarazada" in " ".join(label for label, _ in wired.wire.last_buttons())
