"""Specification: someone stored as after a birth or a loss who says her discharge smells bad
gets the same-day call (P2, L3) without naming the birth; in pregnancy or a cycle the same
words stay unflagged (S1, S6 are SOON, answered by the FAQ)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        ("my discharge smells really bad, like fish", "en", "postpartum"),
        ("it stinks down there and its greenish", "en", "after_loss"),
        ("tengo un olor feo abajo como a pescado", "es", "postpartum"),
        ("el flujo huele fatal", "es", "after_loss"),
        ("выделения с неприятным запахом", "ru", "postpartum"),
        ("там внизу воняет", "ru", "after_loss"),
    ],
)
def test_a_bad_smell_after_a_birth_or_loss_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str, status: str
) -> None:
    """A smelly discharge told by someone after a birth or a loss is urgent (infection)."""
    result = rules_only.screen(text, lang, status)
    assert result.level == "urgent"
    assert "fever_or_infection" in result.flags


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        ("my discharge smells really bad, like fish", "en", "pregnant"),
        ("my discharge smells really bad, like fish", "en", "not_pregnant"),
        ("my discharge doesnt smell at all", "en", "postpartum"),
        ("discharge smells normal, just asking about the colour", "en", "postpartum"),
        ("el flujo no huele a nada", "es", "postpartum"),
        ("выделения без запаха", "ru", "after_loss"),
    ],
)
def test_a_smell_in_another_stage_or_denied_is_not_flagged(
    rules_only: SafetyScreen, text: str, lang: str, status: str
) -> None:
    """The same words in pregnancy or a cycle, or a smell said to be absent or normal, stay
    quiet."""
    assert rules_only.screen(text, lang, status).level is None
