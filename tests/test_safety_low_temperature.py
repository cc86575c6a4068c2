"""Specification of a temperature under the reference's fever line of 37.5 °C (37.0 to 37.4)
and of the word 'ковид': no red flag; a fever from 37.5, a later higher reading or shivering
beside it still fire (U7)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("temperature 37.2 this evening, 20 weeks, is that ok", "en"),
        ("temp of 37.3 at 30 weeks", "en"),
        ("tengo 37.2 de temperatura, 25 semanas", "es"),
        ("temperatura 37,4 por la tarde, 18 semanas", "es"),
        ("температура 37.4, 20 недель", "ru"),
        ("тест на ковид отрицательный, температура была 37.1 вечером, уже 36.6", "ru"),
    ],
)
def test_a_temperature_under_37_5_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A reading from 37.0 to 37.4 beside the word temperature is no fever."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("temperature 37.5 at 20 weeks", "en"),
        ("temperature 37.2 this morning, now 38.4, 30 weeks", "en"),
        ("temperature 37.2 and shivering, 2 days after birth", "en"),
        ("temperatura 37,9 y 25 semanas", "es"),
        ("температура 37.4 и озноб, 20 недель", "ru"),
        ("температура 37.2, вечером 38.1, 30 недель", "ru"),
    ],
)
def test_a_fever_or_shivering_beside_a_low_reading_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A reading from 37.5, a higher one later or shivering keeps the fever's level."""
    assert rules_only.screen(text, lang).level == "urgent"


def test_covid_is_no_word_for_blood(rules_only: SafetyScreen) -> None:
    """'ковид' is never read as a misspelt 'крови'."""
    assert rules_only.screen("сделала тест на ковид, 20 недель", "ru").level is None
