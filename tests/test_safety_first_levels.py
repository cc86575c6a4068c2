"""Safety first at the urgent/emergency line: a typed sign gets the call to action of its level
at every typed prompt, driven at the wire through the real PTB Application."""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.test_handlers_flow import send
from tests.test_safety_first import EMERGENCY_EN, PROMPTS, reach, replies_after

#: Typed prompts a person who is not pregnant can be at.
NOT_PREGNANT_PROMPTS: dict[str, list[str]] = {
    "period date": PROMPTS["period date"],
    "reminder time": [
        *["ob:consent", "ob:status:not_pregnant", "ob:skip", "ob:country:skip"],
        *["/reminders", "rem:time"],
    ],
}


@pytest.mark.parametrize("prompt", list(NOT_PREGNANT_PROMPTS))
async def test_a_very_heavy_period_with_dizziness_is_an_emergency_at_a_typed_prompt(
    wired: Wired, prompt: str
) -> None:
    """Not pregnant, soaking a pad hourly with dizziness gets the emergency call first."""
    await reach(wired, NOT_PREGNANT_PROMPTS[prompt])
    await send(wired, "soaking a pad every hour and dizzy")
    assert EMERGENCY_EN in replies_after(wired)[0]
