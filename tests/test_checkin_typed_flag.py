"""Specification of a red flag typed while a check-in runs: the check-in's result is never
weaker than what the person wrote during it. The real PTB Application at the wire."""

from __future__ import annotations

from tests.conftest import Wired
from tests.test_handlers_continue import checkin_at_colour, last_sent_id, tap
from tests.test_handlers_flow import send
from tests.test_safety_first import CRISIS_EN

URGENT_CTA_EN = "Contact your maternity unit, midwife or doctor now"


async def skip_to_the_end(w: Wired) -> str:
    """Take the way back to the question, skip every question left; the last reply's text."""
    resume = next(d for _, d in w.wire.last_buttons() if d.endswith(":r"))
    w.wire.clear()
    await tap(w, resume, last_sent_id(w))
    for _ in range(20):
        skips = [d for _, d in w.wire.last_buttons() if ":s:" in d]
        if not skips:
            break
        await tap(w, skips[0], last_sent_id(w))
    return w.wire.texts()[-1]


async def test_a_crisis_typed_during_a_checkin_is_in_its_result(wired: Wired) -> None:
    """A crisis typed mid-check-in gets the crisis reply again at the end, never 'Normal'."""
    await checkin_at_colour(wired)
    await send(wired, "everyone would be better off without me")
    final = await skip_to_the_end(wired)
    assert CRISIS_EN in final
    assert "Normal" not in final


async def test_an_urgent_sign_typed_during_a_checkin_raises_its_level(wired: Wired) -> None:
    """A fever typed mid-check-in makes the check-in's result urgent, not reassurance."""
    await checkin_at_colour(wired)
    await send(wired, "i have a fever of 38.5")
    final = await skip_to_the_end(wired)
    assert URGENT_CTA_EN in final
    assert "Nothing you told me needs action" not in final
