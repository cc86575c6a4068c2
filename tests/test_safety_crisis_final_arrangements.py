"""Specification of final arrangements told without a word of dying ("sorted out who gets my
things", "dónde están los papeles del seguro", "ya hice las paces con todos", "кота отдала
соседке", "место и время выбрала", "это моё последнее сообщение"), a plan to end one's life
(E11), and of a will made for a birth, papers for the hospital, a pet minded for a while or the
last message of a day."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i sorted out who gets my things. baby is with my sister", "en"),
        ("made a list of who should have my jewellery, left it on the table", "en"),
        ("i've put my affairs in order, the kids will be ok", "en"),
        ("i've written down where my bank details and passwords are", "en"),
        ("les expliqué a mis papás dónde están los papeles del seguro", "es"),
        ("ya dejé escrito dónde está la clave del banco", "es"),
        ("ya hice las paces con todos. me despido", "es"),
        ("este es mi último mensaje, cuiden a la nena", "es"),
        ("кота отдала соседке, записки написала", "ru"),
        ("место и время выбрала. никто не виноват", "ru"),
        ("подруга написала «это моё последнее сообщение» и не берёт трубку", "ru"),
        ("оставила мужу пароли от всех карт", "ru"),
    ],
)
def test_final_arrangements_are_a_plan_to_end_ones_life(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Things given away, papers shown, peace made with everyone, a last message: E11."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level == "emergency"
    assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("writing a will before the baby comes, who gets what if something happens to us", "en"),
        ("we made a will and put our affairs in order before the birth", "en"),
        ("decluttering, deciding who gets my old maternity clothes", "en"),
        ("told my husband where the bank cards are while im in hospital", "en"),
        ("my phone died so i wrote down where my bank pin is lol", "en"),
        ("le expliqué a mi marido dónde están los papeles del hospital para el parto", "es"),
        ("hice las paces con mi suegra por fin", "es"),
        ("último mensaje por hoy, gracias por todo", "es"),
        ("кота отдала соседке на время роддома", "ru"),
        ("место и время родов выбрала, платные роды", "ru"),
        ("это моё последнее сообщение на сегодня, спокойной ночи", "ru"),
    ],
)
def test_arrangements_for_a_birth_a_stay_or_a_day_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A will for the birth, papers for the hospital, a cat minded, the day's last message."""
    assert rules_only.screen(text, lang).crisis == ()
