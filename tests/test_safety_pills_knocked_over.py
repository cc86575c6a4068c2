"""Specification of pills knocked over ("my cat knocked over my pills organiser, took the right
one"): no overdose; "it's over" said beside pills taken still is one."""

from __future__ import annotations

from bot.domain.safety import SafetyScreen


def test_pills_knocked_over_are_no_overdose(rules_only: SafetyScreen) -> None:
    """Pills a pet knocked over, the right one taken, are no overdose."""
    text = "cat knocked over my pill organiser, took the right one anyway, is progesterone ok"
    assert rules_only.screen(text, "en").level is None


def test_its_over_beside_pills_taken_is_still_an_overdose(rules_only: SafetyScreen) -> None:
    """'It's over' told after pills taken stays an emergency, knocked-over glass or not."""
    text = "knocked over my glass, took all my pills, its over"
    assert "overdose" in rules_only.screen(text, "en").crisis
