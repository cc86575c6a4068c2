"""Specification of a pain that eases ("the tear is healing, hurts a lot less now"): no
danger from a person; someone hurting her now stays an emergency."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "the tear is healing, hurts a lot less now",
        "my episiotomy hurts much less now, 2 weeks pp",
        "my back aches a bit less now, the physio helped",
    ],
)
def test_pain_easing_is_no_abuse(rules_only: SafetyScreen, text: str) -> None:
    """A pain easing as a wound heals is no one hurting her."""
    assert not rules_only.screen(text).crisis


@pytest.mark.parametrize(
    "text",
    ["he is hurting me right now", "he hit me, it hurts a lot less now but im scared"],
)
def test_someone_hurting_her_now_is_still_an_emergency(rules_only: SafetyScreen, text: str) -> None:
    """A person hurting her, told beside a pain that eases, stays an emergency."""
    assert rules_only.screen(text).level == "emergency"
