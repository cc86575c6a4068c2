"""Specification: an urge to push told as pressure like needing the toilet ("дикое давление как в
туалет и тянет тужиться") is a birth that may be imminent (E7, emergency) in Russian, while
straining on the toilet with constipation or piles stays quiet (rules only, so
content/safety/redflags.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "38 недель, ощущение как будто в туалет, и сама начинаю тужиться",
        "давит вниз как в туалет, хочется тужиться, 40 недель",
        "39 недель, жуткое давление, как в туалет, тянет тужиться",
    ],
)
def test_urge_to_push_like_the_toilet_is_an_emergency(rules_only: SafetyScreen, text: str) -> None:
    """An urge to push felt like needing the toilet gets the emergency call to action."""
    assert rules_only.screen(text, "ru").level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "запор, тужусь в туалете по полчаса, 30 недель",
        "можно ли тужиться в туалете при геморрое на 35 неделе?",
        "долго сижу в туалете, приходится тужиться из-за запора",
    ],
)
def test_straining_with_constipation_is_no_red_flag(rules_only: SafetyScreen, text: str) -> None:
    """Straining on the toilet with constipation or piles gets no call to action."""
    assert rules_only.screen(text, "ru").level is None
