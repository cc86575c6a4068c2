"""Specification of taking a child to or from nursery, school or grandma (childcare, no abuse),
beside the threats to take a child away that stay abuse (M5), in es and ru."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("муж заберет ребенка из садика", "ru"),
        ("свекровь заберёт малыша от бабушки в пять", "ru"),
        ("mi marido va a llevar al niño a la guardería", "es"),
        ("mi esposo va a llevar al bebé al pediatra", "es"),
    ],
)
def test_picking_a_child_up_from_nursery_is_no_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A partner who takes the child to or from nursery, school or grandma is doing childcare."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("муж сказал что заберет ребенка", "ru"),
        ("он угрожает, что заберёт ребёнка и я его больше не увижу", "ru"),
        ("mi esposo dice que se va a llevar al niño y no lo voy a ver más", "es"),
        ("mi esposo amenaza con llevarse a los niños", "es"),
    ],
)
def test_a_partner_who_will_take_the_child_away_still_is_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A partner saying he will take the child away is still disclosed abuse (M5)."""
    assert "abuse" in rules_only.screen(text, lang).crisis


def test_a_threat_to_take_the_children_said_with_the_infinitive_is_abuse(
    rules_only: SafetyScreen,
) -> None:
    """'Грозится забрать детей' is a threat to take the children: disclosed abuse (M5)."""
    assert "abuse" in rules_only.screen("муж грозится забрать детей если я уйду", "ru").crisis
