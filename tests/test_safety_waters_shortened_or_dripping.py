"""Specification: the waters written short ("wtrs broke", "my wtr went") or fondly ("водички
отошли"), and a leak told as dripping from 24 weeks ("no paro de gotear", "keep dribbling all
afternoon", "с утра сочится") are U2/U4 (urgent) in en, es and ru, while a nose, a tap, a roof,
milk, sweat or a teething baby that drips stay quiet (rules only, so
content/safety/redflags.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("watrs went at 38 wks, clear", "en"),
        ("i think my wtr broke? 36w", "en"),
        ("keep dribbling all afternoon, 32 weeks", "en"),
        ("llevo toda la tarde sin parar de gotear, 31 semanas", "es"),
        ("he goteado toda la noche, 29 semanas", "es"),
        ("водички отошли, 38 недель, прозрачные", "ru"),
        ("с утра сочится понемногу, 33 недели", "ru"),
    ],
)
def test_waters_short_or_dripping_are_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Waters written short, or a leak told as dripping late in pregnancy, get the urgent call."""
    assert rules_only.screen(text, lang).level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my nose won't stop dripping, 30 weeks", "en"),
        ("my boobs keep dripping milk, 36 weeks", "en"),
        ("baby is dribbling a lot, 5 months old, teething?", "en"),
        ("the wtrs in the birth pool, how warm should they be, 37 weeks", "en"),
        ("el grifo no para de gotear, 30 semanas", "es"),
        ("se me cae el pelo y el techo sigue goteando, 30 semanas", "es"),
        ("пот сочится по спине, жарко, 34 недели", "ru"),
        ("кран сочится, 30 недель", "ru"),
    ],
)
def test_other_drips_are_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A drip of something other than the waters gets no call to action."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    "text",
    [
        "idk if i wet myself again or what, 33 weeks",
        "unsure whether i wet myself, happened three times today, 30 weeks",
        "cant tell if i peed or not but it keeps happening, 34 weeks",
    ],
)
def test_unsure_whether_wet_again_is_urgent(rules_only: SafetyScreen, text: str) -> None:
    """Not knowing whether she wet herself, again and again, late in pregnancy is urgent."""
    assert rules_only.screen(text, "en").level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "cant tell whether i still need to pee after i go, 30 weeks",
        "cant tell whether i need to pee again already, 30 weeks",
        "i keep peeing myself when i sneeze, 35 weeks, is that normal",
        "can you tell the baby's sex from how often i pee? 26 weeks",
    ],
)
def test_needing_to_pee_is_no_red_flag(rules_only: SafetyScreen, text: str) -> None:
    """Needing to pee, or leaking with a sneeze, gets no call to action."""
    assert rules_only.screen(text, "en").level is None
