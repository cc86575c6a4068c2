"""Check-in replies lead with what to do: one "saved" line after the call to action, only the
deciding level's reasons, each advice line and source site once, honest words when nothing
was answered. The real PTB Application at the wire."""

from __future__ import annotations

import re

from tests.conftest import Wired
from tests.test_handlers_flow import (
    danger_button,
    onboard_pregnant,
    press,
    send,
    walk_checkin,
)

GREEN_WATERS = {
    "danger_signs": ["none"],
    "colour": "green",
    "consistency": "watery",
    "amount": "increased",
    "fluid_leak": "gush",
}


def reply_texts(w: Wired, since: int) -> list[str]:
    """Texts sent or edited since the ``since``-th message call."""
    return w.wire.texts()[since:]


def reason_text(w: Wired, reason_id: str) -> str:
    reason = w.core.catalog.reason("en", reason_id)
    assert reason is not None
    return reason.explain


async def test_one_saved_line_comes_after_the_call_to_action(wired: Wired) -> None:
    """A finished check-in says "Saved" once, in its reply, below the call to action."""
    await onboard_pregnant(wired, "30")
    mark = len(wired.wire.texts())
    await walk_checkin(wired, GREEN_WATERS)
    texts = reply_texts(wired, mark)
    assert sum(t.count("Saved") for t in texts) == 1
    final = texts[-1]
    assert final.index("Contact your maternity unit") < final.index("Saved")


async def test_a_danger_sign_is_not_answered_with_saved_above_the_emergency_call(
    wired: Wired,
) -> None:
    """After a danger-sign tap no message says "Saved" before "Call emergency services now"."""
    await onboard_pregnant(wired, "12")
    await send(wired, "/checkin")
    mark = len(wired.wire.texts())
    await press(wired, danger_button(wired, "heavy_bleeding"))
    texts = reply_texts(wired, mark)
    assert "Saved" not in "".join(texts[:-1])
    assert texts[-1].startswith("🚨") and texts[-1].count("Saved") == 1


async def test_green_waters_are_explained_without_the_covered_reasons(wired: Wired) -> None:
    """Green waters explain the leak and the colour, not watery or unusual discharge again."""
    await onboard_pregnant(wired, "30")
    await walk_checkin(wired, GREEN_WATERS)
    final = wired.wire.texts()[-1]
    assert reason_text(wired, "waters_coloured_or_smelly") in final
    assert reason_text(wired, "possible_waters_leak") in final
    assert reason_text(wired, "watery_discharge_pregnancy") not in final
    assert reason_text(wired, "unusual_discharge_pregnancy") not in final


async def test_green_waters_give_the_pad_advice_once_and_no_watch_for_a_leak(
    wired: Wired,
) -> None:
    """Someone who reported a leak reads the pad advice once and no "if you get a watery leak"."""
    await onboard_pregnant(wired, "30")
    await walk_checkin(wired, GREEN_WATERS)
    final = wired.wire.texts()[-1]
    assert final.count("Wear a pad") == 1
    assert "watery leak" not in final


async def test_each_source_site_is_named_once(wired: Wired) -> None:
    """The sources of a reply name every site once, however many reasons cite it."""
    await onboard_pregnant(wired, "30")
    await walk_checkin(wired, GREEN_WATERS)
    names = re.findall(r'<a href="[^"]+">([^<]+)</a>', wired.wire.texts()[-1])
    assert names and len(names) == len(set(names))


async def test_reasons_of_a_lower_level_are_left_out(wired: Wired) -> None:
    """Bleeding in pregnancy (urgent) with itching (soon) explains the bleeding, not thrush."""
    await onboard_pregnant(wired, "20")
    await walk_checkin(
        wired,
        {
            "danger_signs": ["none"],
            "colour": "white",
            "consistency": "clumpy",
            "itch_soreness": "itchy",
            "bleeding": "spotting",
        },
    )
    final = wired.wire.texts()[-1]
    assert final.startswith("📞")
    assert reason_text(wired, "possible_thrush_pregnancy") not in final


async def test_a_checkin_with_every_question_skipped_says_so(wired: Wired) -> None:
    """Skipping every question after the safety screen is answered honestly, not "no pattern"."""
    await onboard_pregnant(wired, "30")
    await walk_checkin(wired, {"danger_signs": ["none"]})
    final = wired.wire.texts()[-1]
    assert "You skipped every question" in final
    assert "don't match a pattern" not in final
    assert final.count("Saved") == 1


async def test_a_checkin_with_every_question_skipped_is_honest_in_spanish_and_russian(
    wired: Wired,
) -> None:
    """The skipped-everything wording exists in es and ru and differs from the fallback reason."""
    catalog = wired.core.catalog
    for locale, words in (("es", "Te saltaste todas"), ("ru", "Вы пропустили все")):
        text = catalog.render(
            locale, "outcome.j2", level="routine", reasons=[], stopped=False, nothing_answered=True
        )
        assert words in text
