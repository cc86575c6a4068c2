"""Specification of someone hurt and kept in by a partner ("he hit her and won't let her leave the
flat", "le pegó y no la deja salir del piso"), told by the woman or by a relative or a friend:
domestic abuse with immediate danger (M2, emergency); and of being kept in without violence
named (coercive control, M5, urgent), a baby who won't let its mother leave the room, or a ward
that will not discharge her."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my sister's boyfriend hit her and won't let her leave the flat, she's pregnant", "en"),
        ("he punched me and wont let me out of the house", "en"),
        ("my friend says her husband locked her in and took her phone", "en"),
        ("mi hija me llamó llorando, el novio le pegó y no la deja salir del piso", "es"),
        ("me golpeó y no me deja salir de casa", "es"),
        ("mi hermana tiene moretones y el marido no la deja salir del departamento", "es"),
    ],
)
def test_hurt_and_kept_in_is_abuse_in_immediate_danger(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Violence with being kept in, told first hand or by someone close, is M2: emergency."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level == "emergency"
    assert "abuse_danger" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my husband won't let me leave the house and took my phone", "en"),
        ("no me deja salir de casa, me quitó el móvil", "es"),
    ],
)
def test_kept_in_without_violence_named_is_urgent_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Being kept in and watched, with no violence named, is coercive control: M5, urgent."""
    assert rules_only.screen(text, lang).crisis_level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "my toddler won't let me leave the room at bedtime",
        "they wont let me leave the ward till baby feeds properly",
        "the snow wont let us leave the house lol",
        "my boyfriend won't let me leave the house without a snack now lol he's so protective",
    ],
)
def test_a_baby_a_ward_or_the_weather_keeping_her_in_is_no_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """A toddler at bedtime, a ward before discharge, snow or a fond joke: no abuse."""
    assert rules_only.screen(text, "en").crisis == ()
