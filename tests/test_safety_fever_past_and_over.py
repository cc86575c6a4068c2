"""Specification: a fever of days past said to be over in another clause ("had a fever last week,
all gone now", "la semana pasada tuve fiebre, ya se me pasó", "температура была вчера, уже прошла")
is no red flag in en, es and ru, while a fever that goes on, comes back or comes with other signs
still fires (rules only, so content/safety/redflags.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i had a fever last week from a cold, all gone now, 15 weeks", "en"),
        ("fever yesterday with a cold, gone now, 14 weeks, all good?", "en"),
        ("had a fever last week, i feel fine now, 12 weeks", "en"),
        ("la semana pasada tuve fiebre por un resfriado, ya se me pasó, 15 semanas", "es"),
        ("ayer tuve fiebre, hoy me encuentro bien, 16 semanas", "es"),
        ("el finde me dio fiebre, ya se me pasó, 20 semanas", "es"),
        ("температура была вчера, уже прошла, 20 недель", "ru"),
        ("на прошлой неделе был жар от простуды, уже всё прошло, 18 недель", "ru"),
        ("вчера была температура, сейчас всё хорошо", "ru"),
    ],
)
def test_a_past_fever_said_to_be_over_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A fever gone since gets no call to action."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("had a fever last week, gone now but its back today at 38.5", "en", "urgent"),
        ("i had a fever yesterday, still 38.2 today, 20 weeks", "en", "urgent"),
        ("fever last week, better now, but now shivering and confused", "en", "emergency"),
        ("ayer tuve fiebre, hoy sigo con 38,5, 20 semanas", "es", "urgent"),
        ("la semana pasada tuve fiebre, ya se me pasó pero volvió hoy", "es", "urgent"),
        ("ayer tuve fiebre y hoy me encuentro fatal, 20 semanas", "es", "emergency"),
        ("температура была вчера, уже прошла, но сегодня опять 38", "ru", "urgent"),
        ("вчера была температура 38,5, сейчас 38,7 и знобит", "ru", "urgent"),
        ("вчера была температура, держится до сих пор", "ru", "urgent"),
    ],
)
def test_a_fever_that_goes_on_or_comes_back_still_fires(
    rules_only: SafetyScreen, text: str, lang: str, level: str
) -> None:
    """A fever still there, back again or with sepsis signs keeps its call to action."""
    assert rules_only.screen(text, lang).level == level
