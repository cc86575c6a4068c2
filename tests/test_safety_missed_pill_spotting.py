"""Specification of spotting after missed contraceptive pills (C5) and at mid-cycle (C7): no red
flag; a positive pregnancy test beside it makes every pregnancy red flag apply again."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("missed two pills last week and now spotting a bit", "en"),
        ("forgot the pill twice and now spotting", "en"),
        ("se me olvidó la pastilla dos días y ahora mancho un poco", "es"),
        ("sangrado leve a mitad de ciclo", "es"),
        ("пропустила две таблетки ок и теперь мажет", "ru"),
    ],
)
def test_spotting_after_missed_pills_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Spotting after missed pills or at mid-cycle is a usual cycle event."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("missed two pills, now positive test and bleeding", "en"),
        ("forgot my pills and now spotting", "en"),
        ("se me olvidó la pastilla, test positivo y sangro", "es"),
        ("пропустила таблетки ок, тест положительный, кровит", "ru"),
        ("пропустила таблетки ок, две полоски, мажет", "ru"),
    ],
)
def test_a_positive_test_or_other_pills_keep_the_bleeding_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A positive test, or pills that may be vitamins, keep bleeding in pregnancy urgent."""
    assert rules_only.screen(text, lang).level == "urgent"
