"""Specification: a small hurt elsewhere (a cut finger) told first never hides the writer's own
heavy bleeding from down below told after it, in en, es and ru; the small hurt told alone stays
quiet (rules only, so the words in content/safety/redflags.yaml carry it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("cut my finger earlier and now bleeding heavily from down there", "en"),
        ("sliced my thumb on a tin, and now heavy bleeding from my vagina, 10 weeks", "en"),
        ("cut my finger cooking then noticed heavy bleeding down below, soaked through", "en"),
        ("me corté el dedo y también sangro mucho por abajo", "es"),
        ("me corté el dedo con el cuchillo y ahora sangrado abundante por la vagina", "es"),
        ("me corté el dedo y ahora sangro muchísimo por abajo, 12 semanas", "es"),
        ("порезала палец, а теперь сильное кровотечение снизу", "ru"),
        ("порезала палец утром и сейчас сильное кровотечение из влагалища", "ru"),
        ("порезала палец, теперь сильное кровотечение снизу, 9 недель", "ru"),
    ],
)
def test_own_heavy_bleeding_after_a_cut_finger_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Heavy bleeding from down below told after a cut finger is an emergency."""
    assert rules_only.screen(text, lang).level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("cut my finger chopping onions, bled loads, calmed down now", "en"),
        ("scared of needles, how many blood tests are there in pregnancy?", "en"),
        ("1 week after giving birth, still red and a few small clots, slowing down each day", "en"),
        ("me corté el dedo pelando papas y sangró un montón, ya está", "es"),
        ("me corté el dedo y sangró mucho, ya lo tapé con una tirita", "es"),
        ("me pinché el dedo cosiendo, una gotita de sangre, nada más", "es"),
        ("порезала палец, кровь долго не останавливалась, заклеила", "ru"),
        ("порезала палец, теперь кровь идёт, заклеила пластырем", "ru"),
        ("порезала палец ножом, кровищи было, уже всё", "ru"),
    ],
)
def test_a_cut_finger_alone_stays_quiet(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A cut finger that bled, or a question with 'there' in it, is no red flag."""
    assert rules_only.screen(text, lang).level is None
