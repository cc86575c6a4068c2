"""Specification of a Russian period soaking a pad or tampon within the hour said otherwise
("прокладка каждые 45 минут", "супер тампона на час не хватает", "сильнее любых месячных"): C3,
urgent; and of a pad every few hours, a tampon that lasts hours, or money short for pads."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "внезапно кровь гораздо сильнее любых месячных, не беременна",
        "месячные, супер тампона на час не хватает, уже 5 часов",
        "не беременна, прокладку меняю каждые 40 минут уже полдня",
        "тампон меняю раз в час уже 4 часа, не беременна",
    ],
)
def test_a_period_that_soaks_a_pad_within_the_hour_is_urgent(
    rules_only: SafetyScreen, text: str
) -> None:
    """A pad or tampon used up within the hour, not pregnant, is C3: urgent."""
    result = rules_only.screen(text, "ru")
    assert result.level == "urgent"
    assert "very_heavy_bleeding_not_pregnant" in result.flags


@pytest.mark.parametrize(
    "text",
    [
        "месячные обычные, прокладку меняю каждые 3 часа",
        "прокладок хватает на весь день, месячные скудные",
        "тампона хватает часа на 4, нормально?",
        "не хватает денег на прокладки",
    ],
)
def test_a_pad_every_few_hours_or_money_short_is_no_red_flag(
    rules_only: SafetyScreen, text: str
) -> None:
    """A pad every three hours, a tampon lasting hours, or money short: no red flag."""
    assert rules_only.screen(text, "ru").level is None
