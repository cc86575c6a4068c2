"""Specification of the level the red-flag screen gives to signs near the urgent/emergency line
and to everyday look-alikes of red flags."""

from __future__ import annotations

import pytest

from bot.catalog.faq_content import load_safety
from bot.catalog.files import CONTENT_DIR
from bot.domain.safety import SafetyScreen


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("soaking a pad every hour and dizzy", "en"),
        ("changing my tampon every hour, feeling lightheaded", "en"),
        ("my period is flooding and my heart is racing", "en"),
        ("empapo una compresa cada hora y estoy mareada", "es"),
        ("regla muy abundante y me siento mareada", "es"),
        ("промокает прокладка каждый час и кружится голова", "ru"),
        ("очень обильные месячные, темнеет в глазах", "ru"),
    ],
)
def test_very_heavy_period_with_faintness_is_an_emergency(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """Not pregnant, a period soaking pads with dizziness or faintness is an emergency (C4)."""
    assert screen.screen(text, lang, "not_pregnant").level == "emergency"


def test_very_heavy_period_without_faintness_stays_urgent(screen: SafetyScreen) -> None:
    """Not pregnant, soaking pads hourly with dizziness denied stays urgent (C3)."""
    result = screen.screen("soaking pads every hour, not dizzy", "en", "not_pregnant")
    assert result.level == "urgent"
