"""Specification of heavy bleeding told with clots beside the legs it runs down ("blood running
down my legs and big clots"), and of a postnatal pad dripping within the hour ("la compresa
chorreando cada 40 min"): emergency (E1, P1); and of a clot in a leg, which is no bleeding."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("blood running down my legs and big clots, 22 weeks pregnant", "en"),
        ("blood pouring down my legs with clots the size of a lemon", "en"),
        ("bleeding dripping down my legs, huge clots, 30 weeks", "en"),
        ("4 días de posparto, la compresa chorreando cada 40 min", "es"),
        ("la compresa chorrea cada media hora, parí el lunes", "es"),
        ("tuve a la bebé hace 5 días y la toalla chorreando a cada rato, cada 30 minutos", "es"),
    ],
)
def test_blood_down_the_legs_with_clots_or_a_dripping_pad_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Clots beside blood running down the legs, or a pad dripping within minutes: emergency."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "heavy_bleeding" in result.flags


@pytest.mark.parametrize(
    "text",
    [
        "blood clot in my leg after the section, on clexane",
        "history of clots in both legs, 12 weeks",
        "leg clots run in my family",
        "sweat running down my legs in this heat, 30 weeks",
    ],
)
def test_a_clot_in_a_leg_is_no_heavy_bleeding(rules_only: SafetyScreen, text: str) -> None:
    """A clot in a leg (DVT) or a family history of clots says nothing of bleeding."""
    assert "heavy_bleeding" not in rules_only.screen(text, "en").flags
