"""Specification of Russian shivering ("меня колотит", "трясёт меня") with no one doing it: a
fever's or nerves' sign, never abuse; and of the same verbs with a partner doing it, which stay
abuse in immediate danger (M2)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "после родов прошло 5 дней, меня колотит, жар и выделения вонючие",
        "меня всю колотит, температура 39",
        "трясет меня весь вечер, знобит",
    ],
)
def test_shivering_with_a_fever_is_a_fever_not_abuse(rules_only: SafetyScreen, text: str) -> None:
    """Shivering with a fever gets the fever's call to action and no abuse reply."""
    result = rules_only.screen(text, "ru")
    assert result.crisis == ()
    assert "fever_or_infection" in result.flags


def test_shaking_from_nerves_is_no_red_flag(rules_only: SafetyScreen) -> None:
    """Shaking from fear of the birth is no red flag at all."""
    assert rules_only.screen("меня колотит от страха перед родами", "ru").level is None


@pytest.mark.parametrize(
    "text",
    ["муж меня колотит каждый день", "он колотит меня", "бывший опять колотит меня"],
)
def test_a_partner_who_beats_her_is_abuse(rules_only: SafetyScreen, text: str) -> None:
    """The same verb with a partner doing it is abuse in immediate danger."""
    result = rules_only.screen(text, "ru")
    assert "abuse_danger" in result.crisis
    assert result.level == "emergency"
