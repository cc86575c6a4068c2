"""Specification of a contraceptive pill forgotten or skipped ("se me olvidó la pastilla y estoy
manchando", "пропустила таблетку ок, теперь мажет": C5), which the meaning-based screen read as an
overdose (0.74-0.91): no crisis, unless a count of more, a whole pack or extra tablets is told
(``missed_pill`` in ``net_doubts``, content/safety/redflags.yaml)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: How sure the meaning-based screen was of an overdose in "se me olvidó la pastilla".
MISSED = 0.91


def _with_net(rules_only: SafetyScreen) -> SafetyScreen:
    """The bot's screen with a meaning-based screen that calls every text an overdose."""
    return with_nets(rules_only, crisis=SemanticVerdict("overdose", "emergency", MISSED))


@pytest.mark.parametrize(
    "text",
    [
        "se me olvidó la pastilla y estoy manchando",
        "se me olvidó la pastilla",
        "пропустила таблетку ок, теперь мажет",
        "forgot my pill yesterday and now im spotting",
        "missed two pills and bleeding a bit",
    ],
)
def test_a_pill_forgotten_is_no_overdose(rules_only: SafetyScreen, text: str) -> None:
    """A contraceptive pill forgotten or skipped, with spotting, is not a crisis to the net."""
    assert _with_net(rules_only).screen(text, status="not_pregnant").level is None


@pytest.mark.parametrize(
    "text",
    [
        "forgot my pill so i took 4 today",
        "olvidé la pastilla y me tomé cinco de golpe",
        "missed my pill, took extra to be safe",
    ],
)
def test_a_pill_forgotten_then_several_taken_is_still_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """A forgotten pill made up with a count of several or extra tablets keeps the alarm."""
    assert _with_net(rules_only).screen(text, status="not_pregnant").crisis
