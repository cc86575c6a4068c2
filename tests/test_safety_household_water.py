"""Specification of water that is no one's waters (plants to water, a glass dish called
'fuente', a flat flooded from upstairs): no red flag; the writer's own waters said to have
broken, wherever she was, stay urgent (U2)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my waters (the plants) need watering and i cant bend at 37 weeks", "en"),
        ("i water the plants every morning, is bending ok at 30 weeks", "en"),
        ("se me cayó la fuente del horno, 34 semanas, qué torpe", "es"),
        ("se me rompió la fuente de cristal, la de la ensalada 😭", "es"),
        ("соседи сверху затопили, вода по стене течёт, а у меня 34 недели", "ru"),
        ("по стене течёт вода с потолка, 36 недель, ужас", "ru"),
    ],
)
def test_household_water_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Plants, a dish or a flooded flat are no leak of the waters."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my waters broke while i was watering the garden, 37 weeks", "en"),
        ("my water broke on the toilet, 36 weeks", "en"),
        ("my water broke while i was drinking a glass of milk, 38 weeks", "en"),
        ("se me rompió la fuente mientras fregaba, 38 semanas", "es"),
        ("соседи затопили, а у меня подтекает из влагалища, 34 недели", "ru"),
    ],
)
def test_own_waters_beside_household_water_still_fire(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The writer's own waters broken or leaking stay urgent wherever she was."""
    assert rules_only.screen(text, lang).level == "urgent"


def test_waters_broke_in_an_earlier_pregnancy_is_no_red_flag(rules_only: SafetyScreen) -> None:
    """Waters that broke with a first baby are the past, not a leak now."""
    assert rules_only.screen("with my first my water broke on the toilet", "en").level is None
