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


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("period clots on day 2 normal?", "pregnant"),
        ("coágulos de la regla el día 2, ¿normal?", "pregnant"),
        ("сгустки на 2 день месячных это нормально?", "pregnant"),
        ("is it normal to have clots", "postpartum"),
    ],
)
def test_asking_whether_clots_are_normal_without_a_size_is_no_emergency(
    screen: SafetyScreen, text: str, stage: str
) -> None:
    """A question whether clots are normal that names no size or amount is not an emergency."""
    assert screen.screen(text, None, stage).level != "emergency"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("is it normal to pass huge clots", "postpartum"),
        ("clots the size of a plum, is that normal?", "postpartum"),
        ("lots of clots normal?", "postpartum"),
        ("clots, is this normal? soaking a pad every hour", "postpartum"),
        ("passing clots at 9 weeks", "pregnant"),
        ("bleeding with clots", "after_loss"),
        ("coágulos enormes, ¿es normal?", "postpartum"),
        ("сгустки размером со сливу, это нормально?", "postpartum"),
    ],
)
def test_clots_with_a_size_or_amount_stay_an_emergency(
    screen: SafetyScreen, text: str, stage: str
) -> None:
    """Clots with a size, an amount or other heavy bleeding stay an emergency, asked or told."""
    assert screen.screen(text, None, stage).level == "emergency"


def test_underwear_damp_with_white_discharge_is_no_leak(screen: SafetyScreen) -> None:
    """Knickers damp with white discharge in early pregnancy is not flagged as leaking waters."""
    text = "6 weeks pregnant and my knickers are always damp with white discharge, ok?"
    assert screen.screen(text, "en", None).level is None


@pytest.mark.parametrize(
    "text",
    [
        "knickers keep getting wet, white discharge or waters? 35 weeks",
        "knickers wet with white discharge and now a gush of water, 35 weeks",
        "my knickers are wet, 34 weeks",
    ],
)
def test_wet_underwear_that_may_be_waters_stays_urgent(screen: SafetyScreen, text: str) -> None:
    """Wet underwear that may be waters stays urgent even when discharge is named too."""
    assert screen.screen(text, "en", None).level == "urgent"
