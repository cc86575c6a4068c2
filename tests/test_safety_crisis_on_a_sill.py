"""Specification: someone sitting or standing on a windowsill, a ledge or a balcony rail at a
height, with the window open or the legs hanging out ("sat on the windowsill with the window open,
12th floor", "me subí al barandal del balcón, piso 10, las piernas colgando", "залезла на
подоконник, окно распахнуто, 9 этаж") is in immediate danger (E11, emergency) in en, es and ru,
while a windowsill for tea or rain, an open window for air and a sunny balcony stay quiet (rules
only, so content/safety/crisis.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("sat on the windowsill with the window open, 12th floor", "en"),
        ("i'm sitting on the sill, legs dangling, the baby is asleep", "en"),
        ("me subí al barandal del balcón, piso 10, las piernas colgando", "es"),
        ("estoy sentada en la ventana con las piernas afuera, piso 8", "es"),
        ("залезла на подоконник, окно распахнуто, 9 этаж", "ru"),
        ("стою на перилах балкона, 14 этаж, открыто всё", "ru"),
    ],
)
def test_a_sill_at_a_height_is_an_emergency(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A sill or a rail at a height, open or with the legs out, gets the emergency crisis reply."""
    result = rules_only.screen(text, lang)
    assert (result.level, result.category) == ("emergency", "crisis")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("sitting on the windowsill drinking tea, 30 weeks", "en"),
        ("sitting on the windowsill watching the rain, the floor is being mopped", "en"),
        ("sitting on the windowsill, opened the window for some air", "en"),
        ("estoy sentada en el balcón con la puerta abierta, piso 3, tomando sol", "es"),
        ("abrí la ventana para ventilar, vivo en un piso 8", "es"),
        ("сижу у окна, открыла форточку, 5 этаж, жарко", "ru"),
        ("сижу на подоконнике на 12 этаже, смотрю на город, пью чай", "ru"),
    ],
)
def test_a_sill_at_home_is_no_crisis(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A windowsill, an open window or a balcony in everyday use gets no call to action."""
    assert rules_only.screen(text, lang).level is None
