"""Specification of thoughts of harm denied in so many words ("3 weeks sad and crying, not
suicidal", "no thoughts of killing myself", "sin ideas suicidas", "суицидальных мыслей нет"): no
crisis rule fires, while a denial split off by punctuation ("no. suicidal thoughts are back") or
followed by words that bring the thoughts back ("but", "again", "tonight") still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("3 weeks sad and crying, not suicidal", "en"),
        ("feeling low for weeks but not suicidal", "en"),
        ("im not suicidal, just exhausted and weepy", "en"),
        ("no thoughts of killing myself, just flat", "en"),
        ("sad and crying a lot, no thoughts of hurting myself or the baby", "en"),
        ("triste y llorando hace semanas, sin ideas suicidas", "es"),
        ("3 недели плачу, но суицидальных мыслей нет", "ru"),
    ],
)
def test_thoughts_of_harm_denied_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Low mood with thoughts of harm denied in so many words fires no crisis rule."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no. suicidal thoughts are back", "en"),
        ("no one would care, suicidal again", "en"),
        ("not suicidal but i have been cutting again", "en"),
        ("i said i was not suicidal but that was a lie", "en"),
        ("no suicidal thoughts lately, until tonight", "en"),
        ("no. pensamientos suicidas otra vez", "es"),
    ],
)
def test_a_denial_split_off_or_taken_back_still_is_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A 'no' split off by punctuation, or a denial followed by words that bring the thoughts
    back, still is a suicidal thought (E11)."""
    result = rules_only.screen(text, lang)
    assert "thoughts_of_harm" in result.crisis
    assert result.level == "emergency"


def test_a_no_split_off_by_a_full_stop_denies_nothing(rules_only: SafetyScreen) -> None:
    """'No. Suicidal thoughts all day': the 'no' answers something else, the thoughts stand."""
    result = rules_only.screen("no. suicidal thoughts all day", "en")
    assert "thoughts_of_harm" in result.crisis


def test_self_harm_of_someone_else_when_young_sets_the_rule_apart(
    rules_only: SafetyScreen,
) -> None:
    """A cousin's attempt 'when we were teens' is history: no crisis rule fires on it."""
    text = "my cousin tried to end her life when we were teenagers, now she runs marathons"
    assert rules_only.screen(text, "en").crisis == ()


def test_self_harm_when_young_that_is_back_still_fires(rules_only: SafetyScreen) -> None:
    """History brought back ('when we were teens ... the urges are back') still fires."""
    text = "i tried to kill myself when we were teenagers and the urges are back"
    assert rules_only.screen(text, "en").crisis != ()
