"""Stand-in meaning-based screens for safety tests: each gives one verdict to every text, so a
test says what the rules and the doubts do with it, whatever the trained screens would say."""

from __future__ import annotations

import copy

from bot.domain.safety import SafetyScreen, SemanticVerdict


def with_nets(
    rules_only: SafetyScreen,
    crisis: SemanticVerdict | None = None,
    obstetric: SemanticVerdict | None = None,
) -> SafetyScreen:
    """The rules with stand-in crisis and obstetric screens that give these verdicts."""
    screen = copy.copy(rules_only)
    screen.semantic = lambda text: crisis
    screen.obstetric_semantic = lambda text: obstetric
    return screen
