"""Specification of a wrist or veins cut on purpose in es and ru ("me corté las venas", "me rajé
la muñeca", "полоснула по запястью", "вскрыла вены"): self-harm, E11; and of a wrist cut by
accident on glass or a knife, or veins named for a clot."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me corté las venas", "es"),
        ("me rajé la muñeca y sangra mucho", "es"),
        ("anoche me corté la muñeca otra vez", "es"),
        ("полоснула по запястью, кровь капает", "ru"),
        ("резанула себе по венам", "ru"),
        ("вскрыла вены", "ru"),
    ],
)
def test_a_wrist_or_veins_cut_is_self_harm(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Cutting one's wrist or veins is self-harm that needs care now: E11, emergency."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level == "emergency"
    assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me corté la muñeca con un cristal sin querer", "es"),
        ("порезала запястье об стекло случайно", "ru"),
        ("полоснула ножом по пальцу когда резала лук", "ru"),
        ("в венах тромбы, колю гепарин", "ru"),
    ],
)
def test_a_wrist_cut_by_accident_or_veins_with_a_clot_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A cut on glass or while cooking, or a clot in a vein, is no self-harm."""
    assert rules_only.screen(text, lang).crisis == ()
