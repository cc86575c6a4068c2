"""Specification: screaming with pain in the belly while bleeding is an emergency (reference row
E4, a possible abruption) in en, es and ru, as a partner types it; a baby crying with colic or a
nosebleed stays quiet (rules only, so the words in content/safety/redflags.yaml carry it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("shes screaming in pain holding her belly and theres blood", "en"),
        ("she is howling with pain in her tummy and bleeding, 34 weeks", "en"),
        ("screaming from the pain in my stomach and now blood everywhere", "en"),
        ("grita de dolor en la panza y sangra", "es"),
        ("está gritando del dolor de barriga y hay sangre", "es"),
        ("grito de dolor en el vientre y estoy sangrando, 33 semanas", "es"),
        ("кричит от боли в животе и кровь", "ru"),
        ("ору от боли, живот как ножом, и кровь пошла", "ru"),
        ("жена кричит, боль в животе дикая, кровит", "ru"),
    ],
)
def test_screaming_with_belly_pain_and_blood_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Screaming with belly pain beside blood gets the emergency call to action."""
    assert rules_only.screen(text, lang).level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("малыш кричит от боли, колики, кровь из носа была вчера", "ru"),
        ("el bebé grita de dolor por los cólicos, le sangró la nariz", "es"),
        ("мой сын кричит когда сдаём кровь из пальца", "ru"),
        ("mi hijo grita cuando le sacan sangre del dedo", "es"),
    ],
)
def test_a_child_screaming_or_a_nosebleed_stays_quiet(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A baby's colic, a child at a blood test or a nosebleed is no red flag."""
    assert rules_only.screen(text, lang).level is None
