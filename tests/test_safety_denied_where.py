"""Specification of a denied sign named with where it is (issue 14, reference row S5): "sin
fiebre ni dolor de espalda" denies the back pain as it denies the fever, so burning when peeing
without them is no kidney infection. A sign not denied, or told after the denial, still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "me arde al orinar y tengo flujo, sin fiebre ni dolor de espalda",
        "me arde al orinar, sin dolor de espalda",
        "ardor al hacer pipí desde ayer, ni fiebre ni dolor de espalda",
    ],
)
def test_back_pain_denied_with_where_it_is_is_no_fever_sign(
    rules_only: SafetyScreen, text: str
) -> None:
    """Burning when peeing with back pain denied as "sin dolor de espalda" fires nothing."""
    assert rules_only.screen(text, "es").level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me arde al orinar, con dolor de espalda", "es"),
        ("me arde al orinar, sin dolor pero tengo fiebre de 39", "es"),
        ("sin dolor, sangrado de golpe muy fuerte", "es"),
        ("burning when i pee, back pain and fever", "en"),
        ("burning when i pee, no pain of the back but fever", "en"),
        ("жжение при мочеиспускании, болит спина и температура", "ru"),
    ],
)
def test_a_sign_not_denied_still_fires(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Back pain said, or a sign told after the denial, still fires."""
    assert rules_only.screen(text, lang).level is not None
