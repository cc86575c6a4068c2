"""Specification that waters breaking or fluid leaking is a red flag wherever it happens: at
the swimming pool too, in en, es and ru; pool water itself stays no sign."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my waters broke in the pool 38 weeks", "en"),
        ("se me rompió la fuente en la piscina, 38 semanas", "es"),
        ("estaba en la pileta y sentí un chorro de agua caliente, 36 semanas", "es"),
        ("estoy en la piscina y me sale líquido sin parar, 35 semanas", "es"),
        ("в бассейне отошли воды, 37 недель", "ru"),
        ("была в бассейне и потекла вода по ногам, 34 недели", "ru"),
    ],
)
def test_waters_breaking_at_the_pool_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Waters or fluid coming at the swimming pool is a fluid leak (U2, U3), not pool water."""
    result = rules_only.screen(text, lang)
    assert "fluid_leak_or_waters" in result.flags
    assert result.level in {"urgent", "emergency"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("puedo ir a la piscina con 30 semanas, el agua tiene cloro", "es"),
        ("можно ли в бассейн беременной, вода с хлоркой", "ru"),
        ("the pool water is cold, can i swim at 30 weeks", "en"),
    ],
)
def test_asking_about_swimming_is_no_leak(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A question about swimming in pregnancy names pool water, not a leak."""
    assert "fluid_leak_or_waters" not in rules_only.screen(text, lang).flags
