""" "How do I ..." about the bot in the words people use: its commands, how to use it, the daily
reminder's time, a chart of one's own entries, recording today's discharge here; the same
words about the body or another app stay questions."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_flow import send


@pytest.mark.parametrize(
    "text",
    [
        "which commands do you have",
        "¿qué comandos tienes?",
        "какие команды есть у бота",
        "how do i use the bot",
        "¿cómo se usa esto?",
        "как пользоваться этим ботом?",
    ],
)
def test_asking_for_the_commands_or_how_to_use_the_bot_is_help(catalog: Catalog, text: str) -> None:
    """The bot's commands, or how to use it, are answered as /help."""
    assert catalog.intents.read(text).feature == "help"


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("quiero que me llegue el aviso diario a las 9", "reminders"),
        ("¿hay algún gráfico de lo que apunté?", "history"),
        ("есть ли у бота график?", "history"),
        ("como registro lo de hoy", "checkin"),
        ("запиши сюда: выделения белые", "checkin"),
    ],
)
def test_the_daily_notice_a_chart_or_recording_here_asks_for_that_feature(
    catalog: Catalog, text: str, feature: str
) -> None:
    """The daily notice, a chart of one's entries or recording today's entry here is a feature."""
    assert catalog.intents.read(text).feature == feature


@pytest.mark.parametrize(
    "text",
    [
        "¿aviso a la matrona si tengo flujo verde?",
        "es normal el flujo de hoy?",
        "mi cm hoy está cremoso, ¿cómo lo anoto en el calendario de la app?",
        "como es el tapon mucoso",
        "puedo comer jamón serrano embarazada?",
    ],
)
def test_the_same_words_about_the_body_or_another_app_are_no_feature(
    catalog: Catalog, text: str
) -> None:
    """Telling the midwife, today's discharge, another app's chart or 'como' are no feature."""
    assert catalog.intents.read(text).intent != "feature_help"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what commands are there", "en"),
        ("¿qué comandos hay?", "es"),
        ("какие у тебя есть команды", "ru"),
    ],
)
async def test_asking_for_the_commands_gets_the_help_reply(
    wired: Wired, text: str, lang: str
) -> None:
    """Asking for the commands gets the /help reply, which names every command."""
    await send(wired, text, language_code=lang)
    assert "/checkin" in wired.wire.texts()[-1]


async def test_changing_the_daily_notice_time_gets_the_reminders_button(wired: Wired) -> None:
    """ "Cambiar la hora del aviso diario" is answered with the reminders button."""
    await send(wired, "quiero cambiar la hora del aviso diario", language_code="es")
    assert "cmd:reminders" in [data for _, data in wired.wire.last_buttons()]
