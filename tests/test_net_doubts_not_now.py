"""Specification of two everyday things the meaning-based screen read as a crisis: something
turned down for now or the writer busy ("i dont want to do it now", "cant talk now im in a
meeting", 0.90-0.9998), and the writer's own hard mornings ("не могу разбудить себя утром",
0.72-0.81). Each is paired with the words that keep the alarm (``not_now`` and ``own_waking`` in
``net_doubts``, content/safety/redflags.yaml)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: How sure the meaning-based screen was of "i dont want to do it now".
NOT_NOW = 0.9998
#: How sure it was of "не могу себя разбудить по утрам".
MORNINGS = 0.81


def _with_net(rules_only: SafetyScreen, probability: float) -> SafetyScreen:
    """The bot's screen with a meaning-based screen that calls every text a crisis."""
    return with_nets(rules_only, crisis=SemanticVerdict("cannot_cope", "urgent", probability))


@pytest.mark.parametrize(
    "text",
    [
        "i dont want to do it now",
        "dont want to do this now, maybe later",
        "cant talk now im in a meeting",
        "cant respond right now im at work",
        "ahora no puedo contestar, estoy trabajando",
        "no quiero hacerlo ahora, luego",
        "не хочу сейчас это делать, я на работе",
        "сейчас не могу ответить, на работе",
    ],
)
def test_turning_something_down_for_now_is_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """Not now, later, or busy at work is not a crisis to the net, however sure it is."""
    assert _with_net(rules_only, NOT_NOW).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "i cant take it right now",
        "i cant do this right now",
        "not now, i cant handle my life",
        "ahora no, ya no puedo seguir",
        "сейчас не могу, нет сил жить",
    ],
)
def test_not_now_beside_not_coping_or_not_living_is_still_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Right now' beside not taking it, not doing this, or not wanting to live keeps the
    net's crisis."""
    assert _with_net(rules_only, NOT_NOW).screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "не могу разбудить себя утром",
        "не могу себя разбудить по утрам",
        "no me puedo despertar por las mañanas",
        "i struggle to wake up on time",
    ],
)
def test_hard_mornings_are_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """Finding it hard to wake oneself in the mornings is not a crisis to the net."""
    assert _with_net(rules_only, MORNINGS).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "по утрам не могу встать, зачем вообще вставать",
        "no me puedo levantar por las mañanas, no le veo sentido",
        "cant get up in the mornings, whats the point",
    ],
)
def test_hard_mornings_with_no_point_are_still_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """Hard mornings beside seeing no point keep the net's crisis."""
    assert _with_net(rules_only, MORNINGS).screen(text).crisis
