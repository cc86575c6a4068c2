"""Specification that feeling nothing FOR something is a feeling, not baby movements: "i still
dont feel anything for the nursery theme, 30 weeks" is no reduced movements, while nothing felt
for hours, or nothing felt at all, still is (U6)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i still dont feel anything for the nursery theme, 30 weeks", "en"),
        ("i dont really feel anything about the gender reveal 28 weeks", "en"),
        ("i feel nothing for the nursery, 30 weeks", "en"),
        ("no siento nada por el tema del cuarto del bebé, 30 semanas", "es"),
        ("ничего не чувствую к теме детской, 30 недель", "ru"),
    ],
)
def test_nothing_felt_for_a_thing_is_no_reduced_movements(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Feeling nothing for a thing, at a week with movements, fires nothing."""
    assert "reduced_fetal_movements" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("havent felt anything for 3 hours, 30 weeks", "en"),
        ("not felt anything for the whole day 32 weeks", "en"),
        ("i still dont feel anything, 30 weeks", "en"),
        ("не чувствую шевелений с утра, 30 недель", "ru"),
    ],
)
def test_nothing_felt_for_hours_is_reduced_movements(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Nothing felt for a time, or nothing felt at all, is reduced movements (U6)."""
    assert "reduced_fetal_movements" in rules_only.screen(text, lang).flags
