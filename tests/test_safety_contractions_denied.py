"""Specification of contractions denied before 37 weeks ("no contractions at all", "ni una
contracción", "ни одной схватки"): no sign of preterm labour; a sign told beside the denial
still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no contractions at all, just checking, 33 weeks", "en"),
        ("35 weeks and not a single contraction yet, so bored", "en"),
        ("ni una contracción desde ayer, todo tranquilo, 32 semanas", "es"),
        ("ni una sola contracción todavía, 36 semanas", "es"),
        ("ни одной схватки со вчера, всё спокойно, 32 недели", "ru"),
    ],
)
def test_contractions_denied_are_no_preterm_labour(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Contractions denied are no sign of preterm labour."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no contractions but bleeding, 30 weeks", "en"),
        ("no contractions, just tightening and pressure down below, 33 weeks", "en"),
        ("ni una sola contracción pero mucha presión abajo, 32 semanas", "es"),
        ("схваток нет, но тянет низ живота как при месячных, 32 недели", "ru"),
    ],
)
def test_a_sign_beside_denied_contractions_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Bleeding, tightening or pressure told beside denied contractions stays urgent."""
    assert rules_only.screen(text, lang).level == "urgent"
