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
