"""Specification of someone else's sign told as a story (issue 14): any relative, friend or
colleague whose sign is over ("she's fine now", "ya está bien", "уже всё хорошо") or asked about
in general ("does that happen often?", "eso pasa mucho?", "часто так бывает?") is not the
writer's. Her own sign now, told beside the story, still fires, and so does a sign she says she
has too."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my mum fainted at the wedding from the heat, she's fine now", "en"),
        ("mi madre se desmayó en la boda por el calor, ya está bien", "es"),
        ("a mi suegra le rompió la fuente en el bus, eso pasa mucho?", "es"),
        ("мама упала в обморок на свадьбе от жары, уже всё хорошо", "ru"),
        ("у свекрови воды отошли в автобусе, часто так бывает?", "ru"),
    ],
)
def test_someone_elses_sign_over_or_asked_about_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A relative's sign said to be over, or asked about in general, fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my mum fainted at the wedding, she's fine now, but i'm bleeding heavily, 30 weeks", "en"),
        ("my friend fainted, she's fine. i fainted too just now, 30 weeks", "en"),
        ("my mum says she's fine, she is bleeding heavily, 30 weeks", "en"),
        ("mi madre se desmayó, ya está bien, pero yo estoy sangrando mucho, 30 semanas", "es"),
        ("a mi suegra le rompió la fuente, eso pasa mucho? a mí también se me rompió ahora", "es"),
        ("мама упала в обморок, уже всё хорошо, а у меня сильное кровотечение, 30 недель", "ru"),
        ("у свекрови воды отошли, часто так бывает? у меня тоже отошли воды, 37 недель", "ru"),
    ],
)
def test_the_writers_own_sign_beside_the_story_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The writer's own sign now, or one she says she has too, fires beside the story."""
    assert rules_only.screen(text, lang).level is not None


def test_someone_else_said_not_to_be_fine_still_fires(rules_only: SafetyScreen) -> None:
    """A relative's sign now, said not to be fine, keeps its level."""
    result = rules_only.screen("my sister is 30 weeks and bleeding heavily, she is not fine", "en")
    assert result.level == "emergency"
