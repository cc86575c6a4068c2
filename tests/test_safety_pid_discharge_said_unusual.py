"""Specification: new lower-tummy pain or pain deep inside during sex told with discharge said to be
unusual ("the discharge is weird", "el flujo es extraño", "выделения странные") is a possible pelvic
infection (U14, urgent) in en, es and ru, while unusual discharge with no pain and an odd pain with
discharge said to be normal stay quiet (rules only, so content/safety/redflags.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "not pregnant, new ache low in my belly, it hurts deep during sex and the "
            "discharge is weird",
            "en",
        ),
        ("lower tummy pain and unusual discharge since my coil went in, not pregnant", "en"),
        (
            "no estoy embarazada, me duele abajo distinto a la regla, me duele adentro en las "
            "relaciones y el flujo es extraño",
            "es",
        ),
        ("тянет низ живота, выделения необычные, больно при близости, не беременна", "ru"),
    ],
)
def test_pain_with_unusual_discharge_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """New pelvic pain with discharge said to be unusual gets the urgent call to action."""
    assert rules_only.screen(text, lang).level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("period cramps as usual, discharge a bit different mid cycle, is that ovulation?", "en"),
        ("weird pain low in my tummy mid cycle, discharge is normal, no fever", "en"),
        ("el flujo es diferente en la ovulación, ¿es normal? no me duele nada", "es"),
        ("dolor distinto abajo a mitad del ciclo, el flujo normal, sin fiebre", "es"),
        ("выделения необычные в середине цикла, это овуляция? ничего не болит", "ru"),
        ("странная боль внизу живота середине цикла, выделения обычные, температуры нет", "ru"),
    ],
)
def test_discharge_alone_or_said_normal_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Unusual discharge without pain, or pain with normal discharge, gets no call to action."""
    assert rules_only.screen(text, lang).level is None
