"""Specification of a leak said with no other word from 24 weeks on ("33 weeks and leaking since
lunch", "33 semanas y goteando", "33 недели, подтекает"): possible waters, urgent (U2), while a
leak of milk, a nose or a roof, or a leak denied, is none."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("33 weeks and leaking since lunch", "en"),
        ("34 wks leaking a bit since this morning", "en"),
        ("33 semanas y goteando desde el mediodía", "es"),
        ("32 semanas y tengo pérdidas desde ayer", "es"),
        ("35 недель и что-то течет весь день", "ru"),
    ],
)
def test_a_leak_said_alone_late_in_pregnancy_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A bare leak at 24 weeks or later may be the waters: urgent (U2)."""
    result = rules_only.screen(text, lang)
    assert "fluid_leak_or_waters" in result.flags
    assert result.level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("33 weeks and my boobs are leaking colostrum", "en"),
        ("33 weeks and the roof is leaking again", "en"),
        ("33 weeks, no leaking, just tired", "en"),
        ("33 semanas y me gotea la nariz", "es"),
        ("33 недели и течет из носа", "ru"),
        ("34 недели, грудь подтекает молозивом", "ru"),
    ],
)
def test_a_leak_of_something_else_or_denied_is_no_waters(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Leaking milk, a runny nose, a roof, or 'no leaking' is no possible waters."""
    assert rules_only.screen(text, lang).level is None


def test_a_leak_said_alone_before_24_weeks_is_not_read_as_waters(
    rules_only: SafetyScreen,
) -> None:
    """A bare leak with a week before 24 named is not read as the waters by this rule."""
    assert rules_only.screen("16 weeks and leaking since lunch", "en").level is None
