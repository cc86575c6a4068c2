"""Handler tests for Spanish: it follows Telegram's language code, /language switches to it,
free-text questions are answered from the Spanish content and the command menu is published
in Spanish."""

from __future__ import annotations

import json

from bot.catalog.catalog import Catalog
from bot.tg.handlers import set_commands
from tests.conftest import Wired
from tests.support.updates import callback_update, message_update

USER = 5151


async def send(w: Wired, text: str, language_code: str = "en") -> None:
    update = message_update(w.app.bot, USER, text, language_code=language_code)
    await w.app.process_update(update)


async def press(w: Wired, data: str) -> None:
    await w.app.process_update(callback_update(w.app.bot, USER, data))


def button(w: Wired, label_part: str) -> str:
    for label, data in w.wire.last_buttons():
        if label_part.lower() in label.lower():
            return data
    raise AssertionError(f"no button {label_part!r} in {w.wire.last_buttons()}")


async def test_a_spanish_telegram_user_gets_the_welcome_in_spanish(wired: Wired) -> None:
    """A first /start from a user whose Telegram language is es-MX is answered in Spanish."""
    await send(wired, "/start", language_code="es-MX")
    text = wired.wire.texts()[-1]
    assert "<b>Qué no soy:</b> un médico" in text
    assert "112 España/UE, 911 México/EE. UU." in text  # its own countries' numbers first
    assert button(wired, "Acepto") == "ob:consent"


async def test_language_command_switches_an_english_user_to_spanish(wired: Wired) -> None:
    """/language offers Español; choosing it answers in Spanish and stores the choice."""
    await send(wired, "/start")
    await press(wired, button(wired, "I agree"))
    await send(wired, "/language")
    await press(wired, button(wired, "Español"))
    assert "Idioma cambiado a español." in wired.wire.texts()[-2:]
    await send(wired, "/help")
    assert "Cómo funciono" in wired.wire.texts()[-1]
    doc = await wired.core.storage.load_user(wired.core.deps.hasher.user_key(USER))
    assert doc is not None and doc["locale"] == "es"


async def test_a_spanish_question_gets_the_spanish_faq_answer(wired: Wired) -> None:
    """A question typed in Spanish is matched against, and answered with, the Spanish content."""
    await send(wired, "q es el tapon mucoso? como es", language_code="es")
    text = wired.wire.texts()[-1]
    assert "<b>El tapón mucoso</b>" in text
    assert "Fuentes (en inglés)" in text


async def test_the_command_menu_is_published_in_spanish(wired: Wired, catalog: Catalog) -> None:
    """The command menu for language code es carries the Spanish descriptions."""
    await set_commands(wired.app, catalog)
    calls = [c for c in wired.wire.calls if c.method == "setMyCommands"]
    spanish = [c for c in calls if c.params.get("language_code") == "es"]
    assert len(spanish) == 1
    raw = spanish[0].params["commands"]
    commands = json.loads(raw) if isinstance(raw, str) else raw
    described = {item["command"]: item["description"] for item in commands}
    assert described["delete"] == "Borrar todos mis datos"
