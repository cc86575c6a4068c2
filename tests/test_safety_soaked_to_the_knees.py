"""Specification: being soaked to the knees or the ankles with no word for what soaks her
("soaked down to my knees, 26 weeks", "estoy mojada hasta los tobillos", "я мокрая по колени") may
be heavy bleeding or the waters and gets the heavy-bleeding emergency (E1) in en, es and ru, while
rain, snow or a puddle that soaked her stay quiet (rules only, so content/safety/redflags.yaml
carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("soaked down to my knees, 26 weeks", "en"),
        ("2 weeks after the birth, soaked to my knees in the bathroom", "en"),
        ("empapada hasta las rodillas, 24 semanas", "es"),
        ("estoy mojada hasta los tobillos, 30 semanas", "es"),
        ("я мокрая по колени, 33 недели", "ru"),
    ],
)
def test_soaked_to_the_knees_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Soaked to the knees with nothing named gets the emergency call to action."""
    assert rules_only.screen(text, lang).level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("soaked to my knees in the rain walking the dog, 30 weeks", "en"),
        ("the snow was up to my knees, soaked, 25 weeks", "en"),
        ("empapada hasta las rodillas por la lluvia, 28 semanas", "es"),
        ("промокла до колен под дождём, 30 недель", "ru"),
        ("играла с ребёнком в луже, промокла до колен, 30 недель", "ru"),
    ],
)
def test_soaked_by_the_weather_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Rain, snow or a puddle that soaked her gets no call to action."""
    assert rules_only.screen(text, lang).level is None
