"""Specification that the shower's or the bath's own water running down the legs is no leak of
waters, also when a joke takes a scare back ("jk it was the bath"), while waters breaking in the
shower, fluid from her own body ("out of me"), a sudden start, a smell, or a word of doubt or of
after still fires (U2)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("water running down my legs in the shower", "en"),
        ("water running down my legs, jk it was the bath", "en"),
        ("по ногам течет вода в душе, 35 недель", "ru"),
    ],
)
def test_the_showers_water_is_no_leak(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Water of a shower or a bath running down the legs fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("water running down my legs", "en"),
        ("water running down my legs after my bath", "en"),
        ("my waters broke in the shower", "en"),
        ("water gushing from my vagina in the shower", "en"),
        ("water running down my legs in the shower, not sure if its my waters", "en"),
        ("35 weeks leaking in the shower, not sure", "en"),
        ("clear water pouring out of me in the shower", "en"),
        ("in the shower and suddenly water running down my legs that isnt the shower", "en"),
        ("water running down my legs in the shower and it smells", "en"),
        ("в душе вдруг потекла вода из меня, 36 недель", "ru"),
        ("по ногам течет вода после душа, 35 недель", "ru"),
        ("в душе отошли воды", "ru"),
    ],
)
def test_waters_in_or_after_the_shower_still_fire(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Waters, her body's fluid, a sudden start, doubt, a smell or a time after keep the call."""
    assert "fluid_leak_or_waters" in rules_only.screen(text, lang).flags
