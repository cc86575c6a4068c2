"""Specification of feeling worthless or needed by no one ("i'm a waste of space", "soy una
carga", "solo ocupo espacio", "nadie me extrañaría", "зачем я нужна", "я никому не нужна"),
an indirect thought of suicide (M3 or worse), and of the same words about a load, a pram, an
appointment or a thing nobody needs."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("im a waste of space", "en"),
        ("honestly i'm such a waste of oxygen", "en"),
        ("i am just a waste of space since the baby came", "en"),
        ("siento que soy una carga, mi mamá hace todo", "es"),
        ("yo solo ocupo espacio en esta casa", "es"),
        ("nadie me extrañaría, ni el bebé", "es"),
        ("зачем я вообще нужна", "ru"),
        ("кому я такая нужна", "ru"),
        ("я никому не нужна", "ru"),
        ("zachem ya voobshe nuzhna, vse ravno nichego ne poluchaetsya", "ru"),
    ],
)
def test_feeling_worthless_or_needed_by_no_one_is_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Worthlessness said of oneself is an indirect thought of suicide: at least urgent (M3)."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level in ("urgent", "emergency")
    assert result.crisis != ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("this pram is a waste of space", "en"),
        ("whats the point of my appointment tomorrow", "en"),
        ("soy una carga de trabajo enorme esta semana jaja", "es"),
        ("el carrito solo ocupa espacio", "es"),
        ("зачем я купила эту коляску, она никому не нужна", "ru"),
        ("зачем я нужна на приёме, если муж идёт?", "ru"),
        ("я думаю эта коляска никому не нужна", "ru"),
    ],
)
def test_those_words_about_a_thing_a_load_or_an_appointment_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A pram, a workload or an appointment nobody needs says nothing about the writer's worth."""
    assert rules_only.screen(text, lang).crisis == ()
