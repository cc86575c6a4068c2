"""Specification of a pregnancy week written without the word ("¿normal a las 34?", "нормально
на 34?"): a number from 25 to 42 ending its clause right after "las" or "на" is the week for the
week-dependent rules; an hour, an age, a weight or English "at 34" is no week."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang", "week"),
    [
        ("se mueve menos desde ayer, ¿normal a las 34?", "es", 34),
        ("ya tengo contracciones, estoy a las 30", "es", 30),
        ("он со вчера почти не толкается, нормально на 34?", "ru", 34),
        ("на 28, можно ли летать?", "ru", 28),
    ],
)
def test_a_bare_number_after_las_or_na_is_the_week(
    rules_only: SafetyScreen, text: str, lang: str, week: int
) -> None:
    """A number from 25 to 42 that ends its clause after 'las' or 'на' is the pregnancy week."""
    assert rules_only.mentioned_weeks(text) == (week,)


@pytest.mark.parametrize(
    "text",
    [
        "embarazada a los 34, ¿es normal?",
        "contracciones desde las 4?",
        "nos vemos a las 12?",
        "a las 34 de la tarde",
        "antes de las 34?",
        "похудела на 30 кг",
        "будильник на 6?",
        "normal at 34?",
        "pregnant at 40, is that normal?",
    ],
)
def test_an_hour_an_age_or_an_english_at_is_no_week(rules_only: SafetyScreen, text: str) -> None:
    """An hour, an age ('a los'), a number with its noun or English 'at N' names no week."""
    assert rules_only.mentioned_weeks(text) == ()


def test_a_bare_week_lets_a_preterm_rule_fire(rules_only: SafetyScreen) -> None:
    """Regular contractions 'на 33?' are possible preterm labour, as at '33 недели'."""
    result = rules_only.screen("схватки каждые 10 минут, нормально на 33?", "ru")
    assert "possible_preterm_labour" in result.flags
