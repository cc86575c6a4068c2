"""Specification of two everyday messages the meaning-based crisis screen read as a crisis: an
ordinary text passed on from someone whose phone is dead or off, and a month's supply of a
prescribed medicine ("28 tablets a month"). Each is paired with the words that keep the alarm."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: Sure enough for a crisis in an ordinary message, below the doubt threshold (0.97).
USUAL = 0.9


def _with_net(rules_only: SafetyScreen) -> SafetyScreen:
    """The bot's screen with a meaning-based screen that calls every text danger from abuse."""
    return with_nets(rules_only, crisis=SemanticVerdict("abuse_danger", "emergency", USUAL))


@pytest.mark.parametrize(
    "text",
    [
        "she texted me to pick up milk, her phone is dead",
        "my wife messaged me to say she's fine, just her phone is off",
        "mi mujer me escribió que está bien, tiene el móvil apagado",
        "жена написала, что всё хорошо, просто телефон сел",
    ],
)
def test_everyday_text_from_a_dead_phone_is_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """An everyday message passed on, with the sender's phone flat or off, is no crisis."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "she texted me she is scared of him, now her phone is off",
        "my wife messaged to say sorry for everything, phone is off now",
        "me escribió que tiene miedo y ahora tiene el móvil apagado",
        "жена написала «прости», телефон выключен",
    ],
)
def test_text_of_fear_or_goodbye_before_the_phone_went_off_is_still_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """Fear, an apology or a goodbye told before the phone went off keeps the alarm."""
    assert _with_net(rules_only).screen(text).crisis


def test_goodbye_text_then_phone_off_is_an_emergency(rules_only: SafetyScreen) -> None:
    """A relayed goodbye with the phone off is read by the rules themselves."""
    assert rules_only.screen("she sent me a goodbye text and now her phone is off").crisis


@pytest.mark.parametrize(
    "text",
    [
        "taking sertraline as prescribed, 28 tablets a month",
        "me dan 30 pastillas al mes de sertralina, las tomo como me dijo el médico",
        "выдают 28 таблеток на месяц по рецепту, пью по одной",
    ],
)
def test_a_months_supply_is_no_overdose(rules_only: SafetyScreen, text: str) -> None:
    """A month's supply of a prescribed medicine, taken one a day, is no overdose."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "took all 28 tablets of my monthly sertraline",
        "me tomé las 30 pastillas del mes de una vez",
        "выпила сразу все 28 таблеток на месяц",
    ],
)
def test_a_months_supply_taken_at_once_is_still_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """A month's tablets taken at once, or all of them, keeps the alarm."""
    assert _with_net(rules_only).screen(text).crisis
