"""Handler tests for the Russian locale: language from Telegram, /language, Russian replies."""

from __future__ import annotations

from tests.conftest import Wired
from tests.support.updates import message_update
from tests.test_handlers_flow import USER, onboard_pregnant, press, send


async def send_ru(w: Wired, text: str, user: int = USER) -> None:
    update = message_update(w.app.bot, user, text, language_code="ru")
    await w.app.process_update(update)


async def test_russian_telegram_user_gets_the_welcome_in_russian(wired: Wired) -> None:
    """A first /start from a user whose Telegram language is Russian is answered in Russian."""
    await send_ru(wired, "/start")
    text = wired.wire.texts()[-1]
    assert text.startswith("👋 <b>Здравствуйте!")
    assert "в России — 112 или 103" in text  # its own countries' numbers first
    labels = [label for label, _ in wired.wire.last_buttons()]
    assert "✅ Даю согласие" in labels


async def test_regional_russian_code_also_gets_russian(wired: Wired) -> None:
    """A regional code such as ru-RU is read as Russian."""
    update = message_update(wired.app.bot, USER, "/help", language_code="ru-RU")
    await wired.app.process_update(update)
    assert wired.wire.texts()[-1].startswith("ℹ️ <b>Как я работаю</b>")


async def test_language_command_switches_an_english_user_to_russian(wired: Wired) -> None:
    """/language offers Russian; choosing it answers in Russian and stores the choice."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/language")
    assert ("Русский", "lang:ru") in wired.wire.last_buttons()
    await press(wired, "lang:ru")
    assert wired.wire.texts()[-1] == "Язык: русский."
    await send(wired, "/help")
    assert wired.wire.texts()[-1].startswith("ℹ️ <b>Как я работаю</b>")
    doc = await wired.core.storage.load_user(wired.core.deps.hasher.user_key(USER))
    assert doc is not None and doc["locale"] == "ru"


async def test_russian_red_flag_text_gets_russian_emergency_advice_first(wired: Wired) -> None:
    """Heavy bleeding described in Russian gets the Russian 'call an ambulance now' first."""
    await send_ru(wired, "сильное кровотечение со сгустками, кружится голова, 12 недель")
    first_line = wired.wire.texts()[0].split("\n")[0]
    assert first_line.startswith("🚨 <b>Сейчас же вызовите скорую помощь</b>")


async def test_russian_question_gets_the_russian_faq_answer(wired: Wired) -> None:
    """A clear Russian question is answered outright from the Russian FAQ content."""
    await send_ru(wired, "что такое слизистая пробка и как она выглядит")
    text = wired.wire.texts()[-1]
    assert text.startswith("<b>Слизистая пробка</b>")
    assert "Источники (на английском):" in text
