"""Specification of a past sign asked about again ("i bled a lot with my first, could it happen
again?", "¿puede volver a pasar otra vez?", "это повторится снова?"): asking whether it will
recur brings nothing back, while "it is happening again" or "опять кровит" still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i haemorrhaged after my son was born 3 years ago, will it happen again? 24 weeks", "en"),
        ("heavy bleeding in my last pregnancy, what is the chance it happens again", "en"),
        ("en el embarazo anterior sangré mucho, ¿pasará otra vez? 18 semanas", "es"),
        ("в прошлую беременность было кровотечение, боюсь снова, 21 неделя", "ru"),
    ],
)
def test_asking_whether_a_past_bleed_will_recur_is_no_bleeding_now(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A bleed in a past pregnancy, asked about again, is no sign of the pregnancy now."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("in my last pregnancy i bled heavily and now it is happening again, 24 weeks", "en"),
        ("en el embarazo anterior sangré mucho y ahora sangro otra vez, 18 semanas", "es"),
        ("в прошлую беременность было кровотечение, и сейчас снова кровит, 21 неделя", "ru"),
    ],
)
def test_a_past_bleed_that_is_happening_again_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A past bleed that is happening again now is bleeding in pregnancy (U1 or E1)."""
    assert rules_only.screen(text, lang).level is not None


def test_bleeding_after_a_birth_asked_about_in_pregnancy_is_no_bleeding(
    rules_only: SafetyScreen,
) -> None:
    """'Bleeding after birth, how long does it last?' names a topic, not a bleed now."""
    text = "bleeding after the birth, how many weeks does it go on? first baby due in may"
    assert rules_only.screen(text, "en").level is None
