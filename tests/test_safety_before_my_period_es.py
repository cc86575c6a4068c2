"""Specification of 'antes de bajarme / venirme' (before my period comes, es) as a cue that
the writer is not pregnant, as 'antes de la regla' is: brown spotting before a period is C6;
a positive test, a pregnancy week or a heavy period's signs beside it keep their level."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "me mancha marroncito justo antes de bajarme, llevo años así",
        "mancho un poco antes de bajarme cada mes",
        "siempre mancho marrón antes de venirme, es normal?",
    ],
)
def test_spotting_before_a_period_comes_is_no_red_flag(rules_only: SafetyScreen, text: str) -> None:
    """Brown spotting before a period comes is a usual cycle."""
    assert rules_only.screen(text, "es").level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("antes de bajarme tuve un positivo y ahora sangro, 6 semanas", "urgent"),
        ("me tenía que bajar hace 10 días, test positivo, mancho marrón", "urgent"),
        ("antes de bajarme sangré mucho con coágulos y me mareo", "emergency"),
    ],
)
def test_a_pregnancy_or_faintness_beside_it_still_fires(
    rules_only: SafetyScreen, text: str, level: str
) -> None:
    """A positive test, a pregnancy week or faintness keeps the level."""
    assert rules_only.screen(text, "es").level == level
