"""Specification that saving up pills, of any kind, gets the crisis reply (stockpiling, E11), in
English, Spanish and Russian, also with the pills' purpose between the words."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("saving up my pills", "en"),
        ("i've been saving up my blood pressure pills", "en"),
        ("been stockpiling my tablets", "en"),
        ("juntando pastillas", "es"),
        ("estoy ahorrando las pastillas de la presión", "es"),
        ("коплю таблетки от давления", "ru"),
        ("коплю потихоньку таблетки от давления", "ru"),
    ],
)
def test_pills_saved_up_get_the_crisis_reply(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Pills saved up get the crisis reply at the emergency level."""
    result = rules_only.screen(text, lang)
    assert result.category == "crisis"
    assert result.level == "emergency"
