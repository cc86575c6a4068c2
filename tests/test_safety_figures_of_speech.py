"""Specification of four figures of speech that fired red flags: tired to death ("muerta de
cansancio", "устала до смерти"), which the meaning-based screen read as reduced movements
(``tired_to_death`` in ``net_doubts``); out of breath with laughter at a meme (not E8); fainting
goats (a breed, not a faint); money that "bleeds" ("la tarjeta sangra"). The same words beside a
real sign keep its level."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: How sure the meaning-based obstetric screen was of reduced movements in "устала до смерти, 34
#: недели, ничего такого, просто ною".
TIRED = 0.964


def _with_net(rules_only: SafetyScreen) -> SafetyScreen:
    """The bot's screen with an obstetric screen that calls every text reduced movements."""
    verdict = SemanticVerdict("reduced_fetal_movements", "urgent", TIRED)
    return with_nets(rules_only, obstetric=verdict)


@pytest.mark.parametrize(
    "text",
    [
        "estoy muerta de cansancio, 34 semanas, nada raro, solo me quejo",
        "устала до смерти, 34 недели, ничего такого, просто ною",
        "dead tired at 33 weeks, just moaning, all fine",
    ],
)
def test_tired_to_death_is_no_sign_to_the_net(rules_only: SafetyScreen, text: str) -> None:
    """Tired to death beside a week, nothing else told, is not the net's reduced movements."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "dead tired at 33 weeks but something feels off",
        "muerta de cansancio, 34 semanas, pero algo no va bien",
        "устала до смерти, 34 недели, но что-то не так",
    ],
)
def test_tired_to_death_with_a_but_keeps_the_net_alarm(rules_only: SafetyScreen, text: str) -> None:
    """A "but" after tired to death keeps the net's alarm where no rule fires."""
    assert rules_only.screen(text).level is None
    assert _with_net(rules_only).screen(text).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "cant breathe lol this meme 😂😂",
        "no puedo respirar de la risa con este meme 😂",
        "не могу дышать от смеха, 30 недель",
    ],
)
def test_breathless_with_laughter_is_no_sepsis_sign(rules_only: SafetyScreen, text: str) -> None:
    """Out of breath with laughter at a meme or a joke flags nothing."""
    assert rules_only.screen(text).level is None


def test_breathless_with_a_fever_stays_an_emergency(rules_only: SafetyScreen) -> None:
    """Cannot breathe with shivers and a temperature is still E8."""
    assert rules_only.screen("i cant breathe and im shivering, temp 39").level == "emergency"


def test_fainting_goats_are_no_faint(rules_only: SafetyScreen) -> None:
    """Videos of fainting goats are not a faint."""
    text = "fainting goats videos are getting me through nights with a newborn"
    assert rules_only.screen(text).level is None


def test_money_that_bleeds_is_no_bleeding(rules_only: SafetyScreen) -> None:
    """A bank card that "bleeds" with baby things is not bleeding in pregnancy."""
    text = "la tarjeta sangra con tanta cosa de bebé, qué caro todo 💸"
    assert rules_only.screen(text).level is None


def test_her_own_bleeding_beside_the_card_stays_urgent(rules_only: SafetyScreen) -> None:
    """Her own bleeding told beside the card is still bleeding in pregnancy."""
    text = "la tarjeta no, yo estoy sangrando, 12 semanas"
    assert rules_only.screen(text).level == "urgent"
