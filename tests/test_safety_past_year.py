"""Specification of a sign told with a past year (issue 14): "fainted once at a concert in 2019"
is the past, like "years ago". The same year beside a sign of now still fires."""

from __future__ import annotations

import copy

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i fainted once at a concert in 2019, is that a problem in pregnancy?", "en"),
        ("had a big bleed in 2016 after a fall, will it matter for this pregnancy", "en"),
        ("passed out at the gym in 2022, never since", "en"),
        ("me desmayé una vez en un concierto en 2018, importa ahora que estoy embarazada?", "es"),
        ("tuve un sangrado fuerte en 2015 por un pólipo, afecta al embarazo?", "es"),
        ("me desmayé en la playa en 2021 por el calor", "es"),
        ("один раз упала в обморок на концерте в 2019, это важно при беременности?", "ru"),
        ("было кровотечение в 2017 из-за полипа, это важно?", "ru"),
        ("потеряла сознание в 2020 в жару, больше не было", "ru"),
    ],
)
def test_a_sign_told_with_a_past_year_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A sign said to have happened in a past year fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("had a big bleed in 2021 with my son, now 30 weeks and bleeding heavily", "en"),
        ("i fainted in 2023 and again today, 30 weeks", "en"),
        ("me desmayé en 2020 y hoy otra vez, 30 semanas", "es"),
        ("sangrado fuerte en 2019, y ahora estoy sangrando mucho, 10 semanas", "es"),
        ("в 2019 было кровотечение, а сейчас опять кровь идёт, 12 недель", "ru"),
        ("потеряла сознание в 2020, сейчас опять упала в обморок, 30 недель", "ru"),
    ],
)
def test_a_past_year_beside_a_sign_of_now_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A sign of now or a sign back again, told beside a past year, still fires."""
    assert rules_only.screen(text, lang).level is not None


def test_the_past_years_come_from_the_clock(rules_only: SafetyScreen) -> None:
    """A year is past when the clock has moved beyond it, and not before."""
    text = "had a big bleed in 2029 after a fall"
    later, same = copy.copy(rules_only), copy.copy(rules_only)
    later.this_year = lambda: 2031
    same.this_year = lambda: 2029
    assert later.screen(text, "en").level is None
    assert same.screen(text, "en").level is not None
