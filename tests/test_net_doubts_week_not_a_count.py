"""Specification of a pregnancy week beside a net doubt's counts: "reviewed at 28 weeks" is no
count of tablets, so a regular medicine taken as prescribed stays explained away; a count of
tablets taken keeps the alarm."""

from __future__ import annotations

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: Sure enough for a crisis in an ordinary message, below the doubt threshold (0.97).
USUAL = 0.9


def _with_net(rules_only: SafetyScreen) -> SafetyScreen:
    """The bot's screen with a meaning-based screen that calls every text an overdose."""
    return with_nets(rules_only, crisis=SemanticVerdict("overdose", "emergency", USUAL))


def test_a_week_is_no_count_of_tablets(rules_only: SafetyScreen) -> None:
    """A medicine reviewed at a named pregnancy week, same dose, is no overdose to the net."""
    text = "my sertraline was reviewed at 28 weeks, same dose as before"
    assert _with_net(rules_only).screen(text).level is None


def test_a_count_beside_a_week_still_keeps_the_alarm(rules_only: SafetyScreen) -> None:
    """A count of the medicine told beside a pregnancy week keeps the alarm."""
    text = "my sertraline was reviewed at 28 weeks, same dose, but i took 20 today"
    assert _with_net(rules_only).screen(text).crisis
