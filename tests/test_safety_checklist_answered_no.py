"""Specification of signs the writer asks about and answers no ("fever? nope."), and of waters
said not to leak ("воды не текут", "ni pérdida de líquido"): no red flag; a sign answered
yes or told after the answer still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("fever? nope. pain? nope. bleeding? nope. just a lot of white discharge", "en"),
        ("spotting? no. pain? no. just asking if thick discharge at 30 weeks is ok", "en"),
        ("¿sangrado? no. ¿dolor? no. ¿fiebre? nada. solo flujo blanco, 20 semanas", "es"),
        ("кровь? нет. температура? нет. боль? неа. просто много белых выделений, 25 недель", "ru"),
    ],
)
def test_a_checklist_answered_no_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Signs the writer asks about and answers no with a lone word are denied."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ni sangre, ni dolor, ni pérdida de líquido: quiero ir a la playa a las 32 semanas", "es"),
        ("ni pérdidas ni dolor, 30 semanas, puedo viajar?", "es"),
        ("отошла пробка на 39+2, воды не текут, схваток нет", "ru"),
        ("36 недель, воды не отошли, живот не болит, можно в баню?", "ru"),
        ("krovi net, vody ne tekut, prosto interesno kak vyglyadit probka", "ru"),
    ],
)
def test_waters_said_not_to_leak_are_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A leak or waters denied in a list of signs is no red flag."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("fever? yes. pain? nope. 30 weeks", "en", "urgent"),
        (
            "spotting? no. but now bleeding heavily and soaking a pad an hour, 20 weeks",
            "en",
            "emergency",
        ),
        ("im bleeding heavily. no. please help", "en", "emergency"),
        ("¿sangrado? sí, mucho, empapo una compresa cada hora", "es", "emergency"),
        ("кровь? нет. но температура 38.5, 25 недель", "ru", "urgent"),
        (
            "ni dolor ni nada, pero tengo pérdida de líquido desde la mañana, 33 semanas",
            "es",
            "urgent",
        ),
        ("воды не текут, а подтекают понемногу, 34 недели", "ru", "urgent"),
        ("vody ne otoshli, no podtekaet uzhe chas, 33 nedeli", "ru", "urgent"),
    ],
)
def test_a_sign_answered_yes_or_told_after_still_fires(
    rules_only: SafetyScreen, text: str, lang: str, level: str
) -> None:
    """A sign answered yes, or told beside the denied ones, keeps its level."""
    assert rules_only.screen(text, lang).level == level
