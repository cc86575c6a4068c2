"""Specification: clots, even small ones, told with feeling dizzy, faint or very pale are bleeding
with a sign of shock (P1, E2: emergency) in es and ru as in en ("3 день после родов, мелкие сгустки,
голова кружится", "coágulos pequeños y me mareo"), while small clots that are settling, dizziness
from hunger or a clotting test stay as they were (rules only, so content/safety/redflags.yaml
carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("3 días después del parto, coágulos pequeños y me mareo", "es"),
        ("a la semana del parto salen cuajitos y estoy muy pálida", "es"),
        ("10 días posparto, me salen coagulitos y me mareo al pararme", "es"),
        ("неделя после родов, выходят маленькие сгустки, и шатает когда встаю", "ru"),
        ("5 день после кесарева, сгусточки и голова кружится", "ru"),
        ("после родов 2 недели, мелкие сгустки, побледнела", "ru"),
        ("day 3 after birth, small clots and i feel dizzy", "en"),
    ],
)
def test_clots_with_dizziness_are_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Clots told with dizziness, faintness or pallor get the emergency call to action."""
    assert rules_only.screen(text, lang).level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("3 день после родов, мелкие сгустки, всё меньше и светлее", "ru"),
        ("голова кружится от голода, 3 день после родов", "ru"),
        ("у мамы тромб в ноге, а у меня от жары голова кружится", "ru"),
        ("a los 4 días del parto tengo coagulitos y va a menos", "es"),
        ("me mareo un poco cuando me levanto rápido, 30 semanas", "es"),
    ],
)
def test_settling_clots_or_dizziness_alone_are_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Small clots that settle, or dizziness with no bleeding, get no call to action."""
    assert rules_only.screen(text, lang).level is None
