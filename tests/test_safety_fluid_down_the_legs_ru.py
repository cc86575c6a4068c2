"""Specification of fluid running down the legs told in Russian ("потекло тёплое по ногам"): a
leak of the waters (U2) whether or not contractions are denied; sweat is none."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "потекло тёплое по ногам, 35 недель, не схватки",
        "течёт по ногам что-то прозрачное, схваток нет, 36 недель",
    ],
)
def test_fluid_down_the_legs_is_a_leak(rules_only: SafetyScreen, text: str) -> None:
    """Fluid running down the legs is urgent, with contractions denied or not."""
    assert rules_only.screen(text, "ru").flags == ("fluid_leak_or_waters",)


@pytest.mark.parametrize(
    "text",
    ["пот течёт по ногам от жары, 35 недель", "пот градом течёт по ногам, 33 недели"],
)
def test_sweat_or_a_shower_down_the_legs_is_no_leak(rules_only: SafetyScreen, text: str) -> None:
    """Sweat running down the legs is no leak of the waters."""
    assert rules_only.screen(text, "ru").level is None
