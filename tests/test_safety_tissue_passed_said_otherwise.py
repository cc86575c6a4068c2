"""Specification: tissue passed in early pregnancy told with fillers or as flesh ("passed something
like a grey lump of tissue", "me salió como un cachito de carne gris", "вышел кусочек как мясо,
серый") is U8 (urgent) in en, es and ru, while meat for dinner, a dish out of the oven or a jumper
passed across stay quiet (rules only, so content/safety/redflags.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("something greyish came out like a piece of liver, 8 weeks", "en"),
        ("i think i passed a fleshy bit of something, 9 weeks", "en"),
        ("me salió como un cachito de carne gris, 10 semanas", "es"),
        ("expulsé un trocito como de carne, 9 semanas", "es"),
        ("вышел кусочек как мясо, серый, 10 недель", "ru"),
    ],
)
def test_tissue_passed_is_urgent(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Tissue passed in early pregnancy, however it is told, gets the urgent call to action."""
    assert rules_only.screen(text, lang).level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("passed the grey jumper to my husband, 11 weeks", "en"),
        ("came home with a piece of liver for dinner, 9 weeks, craving iron", "en"),
        ("i passed on the steak tonight, 12 weeks, meat makes me sick", "en"),
        ("salió un pedazo de carne del horno quemado, 10 semanas", "es"),
        ("вышла в магазин за мясом, 10 недель", "ru"),
    ],
)
def test_food_and_things_passed_are_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Meat, a dish or a thing handed over gets no call to action."""
    assert rules_only.screen(text, lang).level is None
