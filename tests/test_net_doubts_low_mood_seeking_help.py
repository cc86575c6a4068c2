"""Specification of low mood with a question of where to get help (reference M6): the
meaning-based screen's crisis verdict is doubted, so the low-mood answer follows; words of
dying, harm or not coping keep the alarm, and a near-certain verdict is still heeded."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets


def _with_net(rules_only: SafetyScreen, probability: float) -> SafetyScreen:
    """The bot's screen with a meaning-based screen that reads every text as thoughts of harm."""
    return with_nets(
        rules_only, crisis=SemanticVerdict("thoughts_of_harm", "emergency", probability)
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i feel so low since the baby came and i dont know who to talk to", "en"),
        (
            "girlfriend had our baby 2 months ago, shes really down, where can she get support",
            "en",
        ),
        ("desde que nació mi hija estoy triste todo el tiempo, a quién le pido ayuda", "es"),
        ("mi novia está muy bajoneada desde el parto, dónde puede buscar apoyo", "es"),
        ("после родов постоянно плачу и ничего не радует, куда обратиться за помощью", "ru"),
    ],
)
def test_low_mood_asking_where_to_get_help_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Low mood and a question of where to get help, with no word of harm, is no crisis."""
    assert _with_net(rules_only, 0.95).screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i feel so low and i dont want to be here anymore, who do i talk to", "en"),
        ("so down since the birth, the baby would be better off without me, who can help", "en"),
        ("estoy triste y pienso en morirme, a quién le pido ayuda", "es"),
        ("постоянно плачу и думаю, что всем будет лучше без меня, куда обратиться", "ru"),
    ],
)
def test_low_mood_with_words_of_harm_keeps_the_alarm(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Words of dying, being better off without her or not wanting to be here keep the crisis."""
    assert _with_net(rules_only, 0.95).screen(text, lang).crisis


def test_a_near_certain_verdict_on_low_mood_is_still_heeded(rules_only: SafetyScreen) -> None:
    """The meaning-based screen is heeded on low mood when it is all but certain."""
    text = "i feel so low since the baby came and i dont know who to talk to"
    assert _with_net(rules_only, 0.995).screen(text, "en").crisis
