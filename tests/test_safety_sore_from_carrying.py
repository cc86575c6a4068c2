"""Specification of a shoulder or side sore from carrying the baby, feeding or exercise ("me duele
el hombro de cargar al bebé", "бок болит после тренировки"): no possible ectopic (U9), in es and
ru as in en, while one-sided or shoulder-tip pain said otherwise still is one."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me duele el hombro de cargar al bebé", "es"),
        ("me duele el hombro derecho de cargar al bebé", "es"),
        ("бок болит после тренировки", "ru"),
        ("плечо ноет от того что ношу малыша на руках", "ru"),
    ],
)
def test_a_shoulder_or_side_sore_from_carrying_or_training_is_no_ectopic(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A shoulder or side sore from carrying the baby or from training is no possible ectopic."""
    assert "possible_ectopic" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me duele la punta del hombro y tengo la prueba positiva", "es"),
        ("бок болит справа, тест положительный", "ru"),
        ("me duele el hombro de cargar al bebé y también me duele mucho el lado derecho", "es"),
    ],
)
def test_one_sided_or_shoulder_tip_pain_still_is_a_possible_ectopic(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """One-sided or shoulder-tip pain not put down to carrying or training still is U9."""
    assert "possible_ectopic" in rules_only.screen(text, lang).flags
