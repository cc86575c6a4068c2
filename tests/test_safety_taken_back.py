"""Specification of a sign told and taken back in the same breath (issue 14): a joke or a false
alarm ("my waters broke lol jk it was the juice", "sangro muchísimo... es broma", "воды отошли,
шучу") is not the writer's sign. Never when the joke is denied, when the sign is told apart from
the joke, or when the message says it is real after all or leaves it unsure."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my waters broke lol jk it was a glass of juice i knocked over, 36 weeks", "en"),
        ("omg i'm bleeding everywhere... jk, beetroot juice on my leggings, 20 weeks", "en"),
        ("heavy bleeding! false alarm, it was red paint from the nursery, 25 weeks", "en"),
        ("se me rompió la fuente jaja es broma, era el vaso del niño, 36 semanas", "es"),
        ("sangro muchísimo... es broma, era salsa de tomate, 20 semanas", "es"),
        ("воды отошли, шучу, это кот стакан опрокинул, 36 недель", "ru"),
        ("кровотечение сильное! шутка, это краска, 25 недель", "ru"),
    ],
)
def test_a_sign_taken_back_as_a_joke_or_false_alarm_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A sign told and at once taken back as a joke or a false alarm fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my waters broke, not joking, 36 weeks", "en"),
        ("my waters broke lol jk... actually no they really did, water everywhere, 37 weeks", "en"),
        ("jk about the pram lol. my waters broke, 37 weeks", "en"),
        ("my waters broke jk, maybe? there's water running down my legs, 37 weeks", "en"),
        ("false alarm yesterday but now i'm bleeding heavily, 20 weeks", "en"),
        ("this is not a false alarm, i'm bleeding heavily, 20 weeks", "en"),
        ("se me rompió la fuente, no es broma, 36 semanas", "es"),
        ("es broma lo del carrito. se me rompió la fuente, 37 semanas", "es"),
        ("se me rompió la fuente, es broma... no, en serio, sale agua, 37 semanas", "es"),
        ("воды отошли, не шучу, 36 недель", "ru"),
        ("шучу про коляску. воды отошли, 37 недель", "ru"),
        ("воды отошли, шутка... нет, правда отходят, 37 недель", "ru"),
    ],
)
def test_a_sign_not_taken_back_still_fires(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A denied joke, a joke about something else, or a sign said to be real after all fires."""
    assert rules_only.screen(text, lang).level is not None
