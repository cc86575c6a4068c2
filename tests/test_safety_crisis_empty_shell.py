"""Specification: feeling like an empty shell of a person ("i feel like a hollow shell since the
birth", "me siento un cascarón vacío", "я как оболочка без человека внутри") is feeling unable to
cope (M3, urgent) in en, es and ru, while an egg shell, a coated tablet and everyday "what am i
..." questions stay quiet (rules only, so content/safety/crisis.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i feel like a hollow shell since the birth", "en"),
        ("i'm just an empty shell, what am i even for", "en"),
        ("me siento un cascarón vacío desde que nació", "es"),
        ("пустая оболочка, а не человек, 3 недели после родов", "ru"),
    ],
)
def test_an_empty_shell_is_urgent(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Feeling like an empty shell gets the urgent crisis reply."""
    result = rules_only.screen(text, lang)
    assert (result.level, result.category) == ("urgent", "crisis")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the egg was an empty shell, is that ok to eat in pregnancy", "en"),
        ("what am i supposed to eat for iron", "en"),
        ("un cascarón vacío de huevo en la ensalada, 20 semanas", "es"),
        ("витамины в оболочке, я могу их пить?", "ru"),
        ("оболочка яйца треснула, можно есть?", "ru"),
    ],
)
def test_shells_of_things_are_no_crisis(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A shell or a coating of a thing gets no call to action."""
    assert rules_only.screen(text, lang).level is None
