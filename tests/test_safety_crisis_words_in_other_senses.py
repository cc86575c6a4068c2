"""Specification of crisis words in another sense: a partner who is scared to touch her (he is
afraid, not she of him) is no abuse (M2), and a baby in special care is no belief of being
chosen (E11); the same words in their crisis sense still fire."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


def test_a_partner_scared_to_touch_her_is_no_abuse(rules_only: SafetyScreen) -> None:
    """'My husband is scared to touch me now' is his worry, not danger from him."""
    text = "can sex in pregnancy cause bleeding, my husband is scared to touch me now lol"
    assert "abuse_danger" not in rules_only.screen(text, "en").crisis


@pytest.mark.parametrize(
    "text",
    [
        "im scared of my husband, he touches me when i say no",
        "my partner touches me without asking and im scared",
    ],
)
def test_being_scared_of_a_partner_who_touches_her_is_still_abuse(
    rules_only: SafetyScreen, text: str
) -> None:
    """Being touched and scared of the one who does it stays an emergency (M2)."""
    result = rules_only.screen(text, "en")
    assert "abuse_danger" in result.crisis
    assert result.level == "emergency"


def test_a_baby_in_special_care_is_no_belief_of_being_chosen(rules_only: SafetyScreen) -> None:
    """'Special care' beside 'i'm' is a baby unit, not a belief of being special (E11)."""
    text = (
        "my sister's waters went green with her first and the baby had to go to special care, "
        "now i'm 37 weeks and terrified, what colours are normal"
    )
    assert "postpartum_psychosis" not in rules_only.screen(text, "en").crisis


@pytest.mark.parametrize(
    "text",
    [
        "she says she is special, chosen by god to save the baby",
        "im special, the universe chose me",
    ],
)
def test_a_belief_of_being_special_or_chosen_is_still_an_emergency(
    rules_only: SafetyScreen, text: str
) -> None:
    """Believing oneself chosen or special stays postpartum psychosis (E11)."""
    assert "postpartum_psychosis" in rules_only.screen(text, "en").crisis
