"""Specification of fear FOR the baby ("scared something will happen to the baby", "miedo de que
le pase algo al bebé", "боюсь, что с малышом что-то случится"): not a thought of harming it (M4),
beside the fear of one's own act that stays one, for the rules and the meaning-based screen."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: Sure enough for a crisis in an ordinary message, below the doubt threshold (0.97).
USUAL = 0.9


def _with_net(rules_only: SafetyScreen) -> SafetyScreen:
    """The bot's screen with a meaning-based screen that calls every text harm to the baby."""
    return with_nets(rules_only, crisis=SemanticVerdict("harm_to_baby_thoughts", "urgent", USUAL))


@pytest.mark.parametrize(
    "text",
    [
        "tengo miedo de que le pueda pasar algo al bebé",
        "tengo miedo de que le pase algo al bebé mientras duerme",
    ],
)
def test_fear_that_something_happens_to_the_baby_is_no_harm_thought_to_the_rules(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Miedo de que le pase algo al bebé' is fear for the baby, not a thought of harming it."""
    assert rules_only.screen(text, "es").crisis == ()


@pytest.mark.parametrize(
    "text", ["tengo miedo de hacerle algo al bebé", "me da miedo que le haga algo al bebé"]
)
def test_fear_of_doing_something_to_the_baby_still_is_a_harm_thought(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Miedo de hacerle algo al bebé' is still a frightening thought of harming it (M4)."""
    assert "harm_to_baby_thoughts" in rules_only.screen(text, "es").crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("im scared something will happen to the baby", "en"),
        ("tengo miedo de que le pueda pasar algo al bebé", "es"),
        ("боюсь что с малышом что-то случится", "ru"),
    ],
)
def test_fear_for_the_baby_is_no_crisis_to_the_net(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Fear that something happens to the baby explains away a crisis only the net saw."""
    assert _with_net(rules_only).screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("im scared something will happen if im alone with the baby", "en"),
        ("tengo miedo de que algo le pase al bebé si me quedo sola con él", "es"),
        ("боюсь что-то сделать малышу", "ru"),
    ],
)
def test_fear_of_being_alone_with_the_baby_still_is_a_crisis_to_the_net(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Fear beside being alone with the baby or one's own act keeps the net's alarm."""
    assert _with_net(rules_only).screen(text, lang).crisis
