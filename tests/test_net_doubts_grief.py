"""Specification of grief after a loss and of harm denied after "but", read by the screen by
meaning (``net_doubts`` grief_after_loss and harm_denied_after_but): grief alone is told as not
coping whatever reason that screen gave below the doubt threshold, at the level it gave (never
lower: when unsure, escalate); a denial that "but"
brings is no crisis to it; words of dying, joining the baby or a method keep its verdict."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets


def _net(rules_only: SafetyScreen, reason: str, level: str, probability: float) -> SafetyScreen:
    return with_nets(rules_only, crisis=SemanticVerdict(reason, level, probability))


@pytest.mark.parametrize(
    "text",
    [
        "i miss my baby so much it hurts",
        "extraño a mi bebé, no puedo dejar de llorar",
        "mi angelito se fue y me duele todo",
        "мне так тяжело без неё",
    ],
)
@pytest.mark.parametrize(
    ("reason", "level"),
    [
        ("thoughts_of_harm", "emergency"),
        ("harm_to_baby_thoughts", "urgent"),
        ("overdose", "emergency"),
    ],
)
def test_grief_read_as_another_crisis_is_recast_as_not_coping(
    rules_only: SafetyScreen, text: str, reason: str, level: str
) -> None:
    """Grief the net reads as harm, a baby harmed or an overdose (below 0.97) gets the words
    for not coping."""
    result = _net(rules_only, reason, level, 0.85).screen(text, status="after_loss")
    assert result.crisis == ("cannot_cope",)


@pytest.mark.parametrize("level", ["emergency", "urgent"])
def test_grief_recast_keeps_the_level_the_net_gave(rules_only: SafetyScreen, level: str) -> None:
    """Recasting grief changes the words of the reply, never its level: an emergency verdict
    stays an emergency (a held-out Spanish crisis message was lowered to urgent)."""
    result = _net(rules_only, "thoughts_of_harm", level, 0.85).screen(
        "extraño a mi bebé, no puedo dejar de llorar", status="after_loss"
    )
    assert result.crisis == ("cannot_cope",) and result.crisis_level == level


def test_a_sure_verdict_on_grief_stands(rules_only: SafetyScreen) -> None:
    """A verdict at or above the doubt threshold is heeded as it is."""
    result = _net(rules_only, "thoughts_of_harm", "emergency", 0.99).screen(
        "i miss my baby so much"
    )
    assert result.crisis == ("thoughts_of_harm",)


@pytest.mark.parametrize(
    "text",
    [
        "i miss my baby so much, i just want to die",
        "mi bebé murió y no sé cómo seguir",
        "скучаю по малышу, хочу к нему",
    ],
)
def test_grief_with_a_wish_to_die_or_to_join_keeps_the_verdict(
    rules_only: SafetyScreen, text: str
) -> None:
    """Dying, not going on or joining the baby beside the grief keeps an emergency verdict."""
    result = _net(rules_only, "thoughts_of_harm", "emergency", 0.85).screen(
        text, status="after_loss"
    )
    assert result.crisis_level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "me siento triste desde hace 3 semanas, lloro mucho, pero no pienso en hacerme daño",
        "feeling low for weeks, crying all the time, but no thoughts of hurting myself",
    ],
)
def test_low_mood_with_harm_denied_after_but_is_no_crisis_to_the_net(
    rules_only: SafetyScreen, text: str
) -> None:
    """'..., but no thoughts of harm': the 'but' brings the denial and takes nothing back (M6)."""
    assert not _net(rules_only, "cannot_cope", "urgent", 0.98).screen(text).crisis


def test_a_second_but_after_the_denial_keeps_the_alarm(rules_only: SafetyScreen) -> None:
    """'..., aunque a veces quisiera desaparecer' after the denial is still a crisis."""
    text = "me siento triste, pero no pienso en hacerme daño, aunque a veces quisiera desaparecer"
    assert _net(rules_only, "cannot_cope", "urgent", 0.98).screen(text).crisis
