"""Specification of a sign from an earlier pregnancy told beside "pregnant again": a new
pregnancy brings no past sign back; the sign happening again now still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i lost a lot of blood during my first birth 5 years ago. im pregnant again", "en"),
        (
            "perdí mucha sangre en mi primer parto hace 5 años, ahora estoy embarazada otra vez",
            "es",
        ),
        ("в первые роды потеряла много крови, сейчас снова беременна, это повторится?", "ru"),
    ],
)
def test_past_bleeding_told_when_pregnant_again_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A past heavy bleed told beside a new pregnancy is history, not a sign now."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("bled heavily with my first, pregnant again and its happening again, 20 weeks", "en"),
        ("en mi primer embarazo sangré mucho, estoy embarazada de nuevo y estoy sangrando", "es"),
    ],
)
def test_bleeding_now_when_pregnant_again_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Bleeding happening now in the new pregnancy stays a red flag."""
    assert rules_only.screen(text, lang).level is not None
