"""Specification: reduced movements told by setting today against the usual ("usually he never
stops, since breakfast really quiet", "normalmente no para de moverse pero hoy casi nada", "с обеда
ни одного толчка, а обычно пинается") are U6 (urgent) in en, es and ru, while the usual said to go
on today, a quiet belly after food or another thing that usually never stops stay quiet (rules
only, so content/safety/redflags.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("usually she never stops at night but since dinner barely anything, 35 wks", "en"),
        ("normally he's non stop in the evening, tonight hardly a thing, 30 weeks", "en"),
        ("usually he never stops, this afternoon totally silent, 31 weeks", "en"),
        ("siempre está pateando a esta hora y desde la comida ni una patada, 31 semanas", "es"),
        ("suele estar como loca después de cenar, hoy apenas la noto, 29 sem", "es"),
        ("generalmente no deja de moverse, desde el desayuno muy poquito, 33 semanas", "es"),
        ("обычно после ужина толкается без остановки, а с утра ни разу не пнул, 33 недели", "ru"),
        ("ни одного шевеления с завтрака, обычно она активная, 30 недель", "ru"),
        ("обычно постоянно крутится, а с обеда почти ничего, 34 недели", "ru"),
    ],
)
def test_less_than_usual_is_urgent(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Movements said to be fewer today than usual get the urgent call to action."""
    assert rules_only.screen(text, lang).level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my tummy has been really quiet since i stopped eating dairy, 33 weeks", "en"),
        ("usually my heartburn never stops but today it is quiet, 33 weeks", "en"),
        ("normalmente no para de moverse y hoy igual, 34 semanas", "es"),
        ("normalmente se mueve mucho por la tarde, hoy también, 30 semanas", "es"),
        ("ни одного пропуска витаминов, 32 недели", "ru"),
        ("обычно ни одного дня без изжоги, 30 недель", "ru"),
    ],
)
def test_the_usual_going_on_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """The usual said to go on, or something other than the baby, gets no call to action."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    "text",
    [
        "he used to be so active in the mornings, today barely anything, 33 weeks",
        "sleepy bump today, 30 weeks, hardly a wriggle",
        "26 weeks and i still havent felt any kicks, first baby",
    ],
)
def test_used_to_quiet_or_still_nothing_is_urgent(rules_only: SafetyScreen, text: str) -> None:
    """The old pattern said against today, a quiet baby or nothing felt yet gets the urgent call."""
    assert rules_only.screen(text, "en").level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "quiet baby all day, she's 3 weeks old, is that normal?",
        "i used to love coffee, now nothing tastes right, 30 weeks",
        "still dont feel any nausea at 10 weeks, normal?",
    ],
)
def test_a_newborn_a_taste_or_early_weeks_are_no_red_flag(
    rules_only: SafetyScreen, text: str
) -> None:
    """A quiet newborn, a lost taste or nothing felt early on gets no call to action."""
    assert rules_only.screen(text, "en").level is None
