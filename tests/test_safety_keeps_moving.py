"""Specification: a baby said to move all the time with a stop that is denied ("won't stop
kicking", "no para de dar patadas", "не перестаёт пинаться") gets no reduced-movements flag in en,
es and ru, while a stop, a contrast with the usual ("usually won't stop kicking, tonight nothing")
or another sign beside it still fires (rules only, so content/safety/redflags.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the baby won't stop kicking tonight, 30 weeks", "en"),
        ("she hasn't stopped kicking all evening lol 32 weeks", "en"),
        ("baby kicking non stop all night, 29 weeks", "en"),
        ("la bebé no para de dar patadas jaja, 30 semanas", "es"),
        ("el bebé no deja de moverse, 30 semanas", "es"),
        ("no ha parado de patear en toda la tarde, 28 semanas", "es"),
        ("малыш не перестаёт пинаться весь вечер, 30 недель", "ru"),
        ("не прекращает толкаться после ужина, 31 неделя", "ru"),
        ("дочка не перестаёт шевелиться, 29 недель", "ru"),
    ],
)
def test_moving_all_the_time_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A baby who keeps moving gets no call to action."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the baby stopped kicking since this morning, 30 weeks", "en"),
        ("usually she won't stop kicking after dinner but tonight nothing, 33 weeks", "en"),
        ("baby wont stop moving bleeding since this morning 30 weeks", "en"),
        ("el bebé dejó de moverse desde ayer, 30 semanas", "es"),
        ("el bebé no deja de moverse normalmente pero hoy casi nada, 30 semanas", "es"),
        ("no para de moverse y sangro un poco, 30 semanas", "es"),
        ("малыш перестал шевелиться, 32 недели", "ru"),
        ("обычно не перестаёт пинаться, а сегодня тишина, 34 недели", "ru"),
        ("не перестаёт пинаться и кровит, 30 недель", "ru"),
    ],
)
def test_a_stop_a_change_or_another_sign_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Movements that stopped or changed, or a sign beside them, keep the urgent call to action."""
    assert rules_only.screen(text, lang).level in ("urgent", "emergency")
