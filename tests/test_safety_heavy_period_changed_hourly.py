"""Specification: a cycle tracker who must change every hour in a heavy period, the pad not
named ("its so heavy i have to change every hour", "me baja muchísimo, tengo que cambiarme cada
hora", "приходится менять каждый час, очень обильно"), is soaking through within the hour (C3);
every two or three hours is a heavy period (C2), and a nappy changed hourly is no bleeding."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen

REASON = "very_heavy_bleeding_not_pregnant"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("its so heavy i have to change every hour", "en"),
        ("i have to change every hour, so heavy", "en"),
        ("me baja muchísimo, tengo que cambiarme cada hora", "es"),
        ("me tengo que cambiar cada hora, sangro muchísimo", "es"),
        ("приходится менять каждый час, очень обильно", "ru"),
    ],
)
def test_changing_every_hour_in_a_heavy_period_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Changing every hour in a heavy period gets the urgent call (C3)."""
    result = rules_only.screen(text, lang, "not_pregnant")
    assert REASON in result.flags
    assert result.level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my period is heavy, i change every 2 hours", "en"),
        ("i change the baby every hour, period is heavy", "en"),
        ("cambio el pañal cada hora, y la regla abundante", "es"),
        ("меняю памперс каждый час, месячные обильные", "ru"),
    ],
)
def test_every_two_hours_or_a_nappy_is_not(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Every two hours (C2), or a nappy changed hourly, is not C3."""
    assert REASON not in rules_only.screen(text, lang, "not_pregnant").flags
