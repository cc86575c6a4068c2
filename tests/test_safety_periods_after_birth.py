"""Specification of the first periods after a birth told heavier, with clots (P5: the midwife,
health visitor or GP): told at length ("la primera regla después del parto fue mucho más abundante
que antes y con coágulos") or as periods, more than one, since the baby, they are no emergency.
One "period" days after a birth may be lochia, and clots with a size or faintness keep their
level; "mucho más abundante" is no longer read as many clots by spelling tolerance."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("la primera regla tras el parto fue mucho mas abundante que antes y con coagulos", "es"),
        ("mi primera regla después del parto fue mucho más abundante, con coágulos", "es"),
        ("my periods since the baby are way heavier with clots, she's 8 months", "en"),
        ("первые месячные после родов были намного обильнее чем раньше и со сгустками", "ru"),
    ],
)
def test_first_periods_after_a_birth_with_clots_are_no_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The periods back after a birth, heavier and with clots, flag nothing (P5)."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("6 days after birth, is this my period? heavy with clots", "en"),
        ("la primera regla después del parto con coágulos enormes y estoy mareada", "es"),
        ("salen muchos coágulos, 10 semanas", "es"),
    ],
)
def test_clots_days_after_a_birth_or_with_a_size_stay_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """One "period" days after a birth, huge clots with dizziness, or many clots stay E1."""
    assert rules_only.screen(text, lang).level == "emergency"
