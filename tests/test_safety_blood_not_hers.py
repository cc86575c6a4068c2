"""Specification of blood told that is not the writer's bleeding: a nail split in a car door
("se me partió una uña ... y sangró un montón"), a bruise over half the arm after a blood test
("синяк на пол руки": "пол" is half, not the floor), a pet giving birth ("my cat had kittens and
there was blood everywhere"). Her own bleeding told beside them keeps its level."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("se me partió una uña con la puerta del coche y sangró un montón, 19 semanas", "es"),
        ("сдала кровь из вены, синяк на пол руки. анализы хорошие", "ru"),
        ("my cat had kittens on the bed and there was blood everywhere lol gross", "en"),
    ],
)
def test_blood_that_is_not_hers_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A split nail, a bruise after a blood test or a pet's birth flags nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("se me partió una uña y ahora estoy sangrando mucho por abajo, 19 semanas", "es"),
        ("пол ноги в крови, 20 недель", "ru"),
        ("my cat had kittens on the bed and im bleeding heavily too, 30 weeks", "en"),
    ],
)
def test_her_own_heavy_bleeding_beside_them_stays_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Her own heavy bleeding told beside a nail, half a leg or a pet's birth is still E1."""
    assert rules_only.screen(text, lang).level == "emergency"
