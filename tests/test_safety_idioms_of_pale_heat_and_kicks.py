"""Specification: everyday phrases that hold a sign's word ("a faint line" on a test, "un golpe de
calor", a baby who "no para de dar patadas" or "пинает меня", "убьёт если я куплю коляску", "se
muere del susto") are no red flag in en, es and ru, while the same word said of a collapse, a blow
or a threat still fires (rules only, so the words in content/safety carry it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("there's a faint line on my test this morning", "en"),
        ("got a faint positive on a clearblue, 10 dpo", "en"),
        ("faint line on the opk today, cd 14", "en"),
        ("me dio un golpe de calor ayer, ya estoy bien", "es"),
        ("me dio un golpe de sol en la piscina, ya estoy mejor", "es"),
        ("mi marido casi se muere del susto cuando vio el positivo", "es"),
        ("малыш пинает меня всю ночь, 30 недель", "ru"),
        ("мама меня убьёт если я куплю ещё одну коляску", "ru"),
        ("муж чуть в обморок не упал на первом узи 😂", "ru"),
    ],
)
def test_a_figure_of_speech_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A pale test line, heatstroke, a baby's kicks or a joking threat gets no call to action."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("i feel faint, positive test, 6 weeks", "en", "emergency"),
        ("felt really faint, pink blood on the pad", "en", "emergency"),
        ("she fainted and wont wake up", "en", "emergency"),
        ("me dio un golpe en la panza, 20 semanas", "es", "emergency"),
        ("mi marido no para de darme patadas", "es", "emergency"),
        ("el bebé casi no se mueve hoy, 32 semanas", "es", "urgent"),
        ("муж пинает меня", "ru", "emergency"),
        ("муж сказал что убьёт меня если я уйду", "ru", "emergency"),
        ("чуть в обморок не упала, кровь идёт", "ru", "emergency"),
    ],
)
def test_the_same_words_of_a_collapse_a_blow_or_a_threat_still_fire(
    rules_only: SafetyScreen, text: str, lang: str, level: str
) -> None:
    """Fainting, a blow, a threat or a quiet baby keeps its call to action."""
    assert rules_only.screen(text, lang).level == level
