"""Specification of a leg cramp ("cramp in my calf at night at 30 weeks", "ночью ногу свело") and a
healing scar that itches or is numb ("шов после кесарева чешется и немного онемел"), which the
meaning-based obstetric screen read as preterm labour and a wound problem: heeded only when all
but certain (``leg_cramp`` and ``healing_scar`` in ``net_doubts``). The tummy, the back, a
swollen or warm leg, or a warm, red, oozing or painful scar keep the alarm."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: How sure the meaning-based obstetric screen was in "cramp in my calf at night at 30 weeks".
CRAMP = 0.971


def _with_net(rules_only: SafetyScreen, reason: str) -> SafetyScreen:
    """The bot's screen with an obstetric screen that gives ``reason`` for every text."""
    return with_nets(rules_only, obstetric=SemanticVerdict(reason, "urgent", CRAMP))


@pytest.mark.parametrize(
    "text",
    [
        "cramp in my calf at night at 30 weeks, ouch but gone after stretching",
        "calambre en el gemelo esta noche, 31 semanas, ya se pasó",
        "ночью ногу свело, 32 недели, размяла и прошло",
    ],
)
def test_a_leg_cramp_is_no_labour_to_the_net(rules_only: SafetyScreen, text: str) -> None:
    """A leg cramp beside a week is not the net's preterm labour."""
    assert _with_net(rules_only, "possible_preterm_labour").screen(text).level is None


def test_a_cramp_with_the_back_keeps_the_net_alarm(rules_only: SafetyScreen) -> None:
    """A calf cramp with the back feeling wrong keeps the net's alarm where no rule fires."""
    text = "calf cramp at night and my back feels weird, 30 weeks"
    assert rules_only.screen(text).level is None
    assert _with_net(rules_only, "possible_preterm_labour").screen(text).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "шов после кесарева чешется и немного онемел, заживает, 9 дней",
        "my c section scar is itchy and a bit numb, 3 weeks post op",
        "la cicatriz de la cesárea me pica mucho, 2 semanas",
    ],
)
def test_an_itchy_or_numb_scar_is_no_wound_problem_to_the_net(
    rules_only: SafetyScreen, text: str
) -> None:
    """A scar that itches or is numb is not the net's wound problem."""
    assert _with_net(rules_only, "wound_problem").screen(text).level is None


def test_a_scar_that_itches_and_is_warm_keeps_the_net_alarm(rules_only: SafetyScreen) -> None:
    """Warmth beside an itchy scar keeps the net's alarm where no rule fires."""
    text = "my c section scar is itchy and warm"
    assert rules_only.screen(text).level is None
    assert _with_net(rules_only, "wound_problem").screen(text).level == "urgent"
