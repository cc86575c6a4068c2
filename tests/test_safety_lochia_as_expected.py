"""Specification: lochia as the reference expects it in the first week after a birth (row P7:
heavy and red with small clots, then lighter; a little heavier while breastfeeding) is no red flag
in en, es and ru, while the same story with a danger sign anywhere in it (soaking a pad in an hour,
big clots, dizziness, a fever, not slowing down) keeps its call to action (rules only)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "had my baby 3 days ago, bleeding like a heavy period with small clots, "
            "getting lighter",
            "en",
        ),
        ("day 2 after the birth, heavy red bleeding, a few small clots, slowing down now", "en"),
        ("feeding makes the bleeding a bit heavier for a few minutes, 5 days pp", "en"),
        ("tercer día de posparto, sangro como una regla con coagulitos, va a menos", "es"),
        ("4 días después del parto, coágulos pequeños y sangro como una regla", "es"),
        ("cuando le doy el pecho sangro un poquito más, ¿es normal?", "es"),
        ("3 день после родов, кровит как при месячных, небольшие сгустки", "ru"),
        ("родила 2 дня назад, идёт как месячные с мелкими сгустками, меньше с каждым днём", "ru"),
        ("при кормлении немного сильнее кровит, это нормально?", "ru"),
    ],
)
def test_lochia_as_expected_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Normal lochia in the first week, or a little more while feeding, gets no call to action."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        (
            "had my baby 4 days ago, bleeding like a heavy period and soaking a pad every hour",
            "en",
            "emergency",
        ),
        (
            "had baby 2 days ago, bleeding heavy, small clots, feeling dizzy and faint",
            "en",
            "emergency",
        ),
        (
            "had my baby 4 days ago, bleeding like a heavy period, not slowing down at all",
            "en",
            "emergency",
        ),
        ("breastfeeding makes my bleeding a bit heavier, soaking a pad an hour", "en", "emergency"),
        (
            "segundo día de posparto, sangro como una regla fuerte, empapo una compresa cada hora",
            "es",
            "emergency",
        ),
        (
            "tercer día después del parto, sangro como una regla, coagulitos, "
            "me siento muy débil y pálida",
            "es",
            "emergency",
        ),
        ("cuando le doy el pecho sangro un poquito más y me mareo", "es", "emergency"),
        (
            "4 день после родов, кровит как при месячных, небольшие сгустки, "
            "прокладка промокает за час",
            "ru",
            "emergency",
        ),
        (
            "родила 3 дня назад, кровит как при месячных, мелкие сгустки, не уменьшается",
            "ru",
            "emergency",
        ),
        ("во время кормления чуть больше кровит и сгустки большие, 4 день", "ru", "emergency"),
    ],
)
def test_the_same_story_with_a_danger_sign_keeps_its_call_to_action(
    rules_only: SafetyScreen, text: str, lang: str, level: str
) -> None:
    """Soaking, big clots, faintness or bleeding that does not slow keeps the emergency."""
    assert rules_only.screen(text, lang).level == level
