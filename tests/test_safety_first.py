"""Safety first in every state: a red flag or a crisis gets its call to action first, whatever
the bot was waiting for, however fast the person wrote, and wherever the text came from.

Driven at the wire: the real PTB Application, process_update, a fake request.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from telegram import Update

from bot.domain.triage import evaluate
from tests.conftest import Wired
from tests.test_handlers_flow import USER, onboard_pregnant, press, send

CRISIS_EN = "Thank you for telling me"
EMERGENCY_EN = "Call emergency services now"

#: Button presses that leave the bot waiting for typed input, after /start.
PROMPTS: dict[str, list[str]] = {
    "due date": ["ob:consent", "ob:status:pregnant"],
    "weeks": ["ob:consent", "ob:status:pregnant", "ob:weeks"],
    "period date": ["ob:consent", "ob:status:not_pregnant"],
    "birth date": ["ob:consent", "ob:status:postpartum"],
    "country name": ["ob:consent", "ob:status:pregnant", "ob:unknown", "ob:country:other"],
    "reminder time": ["ob:consent", "ob:status:possibly_pregnant", "/reminders", "rem:time"],
    "city": ["ob:consent", "ob:status:possibly_pregnant", "/reminders", "rem:zone"],
}

#: A message of each kind, and the words its first reply must open with (in English).
MESSAGES: dict[str, tuple[str, str]] = {
    "suicidal": ("i want to kill myself", CRISIS_EN),
    "overdose": ("i took all my sertraline tablets an hour ago", CRISIS_EN),
    "child poisoning": ("my toddler swallowed a handful of my iron tablets", CRISIS_EN),
    "abuse": ("my husband hit me and kicked my bump, i'm scared to go home", CRISIS_EN),
    # Faintness makes heavy bleeding an emergency at every stage (E1, P1, L1, C4).
    "heavy bleeding": ("I'm bleeding a lot, soaking pads and feel really dizzy", EMERGENCY_EN),
    "cord": ("something is hanging out after my waters went, i think its the cord", EMERGENCY_EN),
}


async def reach(w: Wired, steps: list[str]) -> None:
    await send(w, "/start")
    for step in steps:
        if step.startswith("/"):
            await send(w, step)
        else:
            await press(w, step)
    w.wire.clear()


def replies_after(w: Wired) -> list[str]:
    return w.wire.texts()


@pytest.mark.parametrize("prompt", list(PROMPTS))
@pytest.mark.parametrize("kind", list(MESSAGES))
async def test_a_red_flag_at_a_typed_prompt_gets_its_call_to_action_first(
    wired: Wired, prompt: str, kind: str
) -> None:
    """At every typed prompt, each kind of red flag or crisis is answered first by its reply."""
    await reach(wired, PROMPTS[prompt])
    text, opening = MESSAGES[kind]
    await send(wired, text)
    assert opening in replies_after(wired)[0]


@pytest.mark.parametrize("prompt", list(PROMPTS))
async def test_nothing_follows_a_crisis_reply(wired: Wired, prompt: str) -> None:
    """A crisis reply is the only message, with no buttons: no FAQ, no "did you mean"."""
    await reach(wired, PROMPTS[prompt])
    await send(wired, "i dont want to be here anymore, they'd all be better off without me")
    sent = wired.wire.sent()
    assert len(sent) == 1
    assert CRISIS_EN in replies_after(wired)[0]
    assert "reply_markup" not in sent[0].params


async def test_the_prompt_still_waits_after_a_red_flag(wired: Wired) -> None:
    """A flagged text is not read as the answer: the weeks typed next are still taken."""
    await reach(wired, PROMPTS["weeks"])
    await send(wired, "bleeding heavily soaking pads")
    await send(wired, "20")
    doc = await wired.core.storage.load_user(wired.core.deps.hasher.user_key(USER))
    assert doc is not None and doc["profile"]["due_date"] is not None


async def test_a_crisis_in_the_middle_of_a_checkin_is_followed_only_by_the_way_back(
    wired: Wired,
) -> None:
    """Mid-check-in, a crisis gets the crisis reply, then only the button back to the check-in."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    wired.wire.clear()
    await send(wired, "took every tablet in the box")
    assert len(wired.wire.sent()) == 2
    assert CRISIS_EN in replies_after(wired)[0]
    assert [data.split(":")[-1] for _, data in wired.wire.last_buttons()] == ["r"]


async def test_a_photo_caption_is_screened(wired: Wired) -> None:
    """A red flag in a photo's caption gets the call to action, not "text only"."""
    photo = {"photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]}
    photo["caption"] = "I'm bleeding a lot, is this normal?"  # type: ignore[assignment]
    await send(wired, None, extra=photo)  # type: ignore[arg-type]
    assert EMERGENCY_EN in replies_after(wired)[0]


async def test_a_photo_without_a_red_flag_gets_the_text_only_reply(wired: Wired) -> None:
    """An ordinary photo still gets the polite "I can only read text" reply."""
    photo = {"photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]}
    await send(wired, None, extra=photo)  # type: ignore[arg-type]
    assert "text" in replies_after(wired)[0].lower()
    assert EMERGENCY_EN not in replies_after(wired)[0]


def edited(w: Wired, text: str) -> Update:
    message: dict[str, Any] = {
        "message_id": 77,
        "date": int(time.time()),
        "edit_date": int(time.time()),
        "chat": {"id": USER, "type": "private"},
        "from": {"id": USER, "is_bot": False, "first_name": "T", "language_code": "en"},
        "text": text,
    }
    return Update.de_json({"update_id": 900_001, "edited_message": message}, w.app.bot)


async def test_an_edited_message_with_a_red_flag_is_answered(wired: Wired) -> None:
    """Editing a message into a red flag gets the call to action."""
    await wired.app.process_update(edited(wired, "waters broke and i can feel the cord"))
    assert EMERGENCY_EN in replies_after(wired)[0]


async def test_an_ordinary_edit_gets_nothing(wired: Wired) -> None:
    """An edited message without a red flag is not answered again."""
    await wired.app.process_update(edited(wired, "is creamy discharge normal"))
    assert replies_after(wired) == []


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("I'm bleeding a lot and soaking pads", EMERGENCY_EN),
        ("i want to end my life", CRISIS_EN),
    ],
)
async def test_a_red_flag_after_a_burst_is_not_dropped(
    wired: Wired, text: str, opening: str
) -> None:
    """After 60 quick messages the flood gate holds ordinary texts, never a red flag."""
    for _ in range(60):
        await send(wired, "hello")
    wired.wire.clear()
    await send(wired, text)
    assert opening in replies_after(wired)[0]


async def test_a_held_back_command_is_never_dropped_silently(wired: Wired) -> None:
    """A command the flood gate holds back is answered: the user is told to send it again."""
    for _ in range(60):
        await send(wired, "hi")
    wired.wire.clear()
    await send(wired, "/delete")
    assert "/delete" in replies_after(wired)[0]


async def test_a_red_flag_in_a_group_gets_the_call_to_action_there(wired: Wired) -> None:
    """In a group the bot is in, a red flag is answered in the group."""
    await send(wired, "my wife is fitting and not answering", chat_type="group")
    assert EMERGENCY_EN in replies_after(wired)[0]


async def test_ordinary_group_chatter_gets_nothing(wired: Wired) -> None:
    """In a group, a message without a red flag is not answered."""
    await send(wired, "what time is the class tomorrow", chat_type="group")
    assert replies_after(wired) == []


@pytest.mark.parametrize(
    ("language", "text", "opening"),
    [
        ("es", "ya no quiero vivir, quiero matarme", "Gracias por contármelo"),
        ("ru", "хочу покончить с собой", "Спасибо, что рассказали"),
    ],
)
async def test_a_crisis_reply_is_in_the_persons_language(
    wired: Wired, language: str, text: str, opening: str
) -> None:
    """Spanish and Russian crisis messages get the crisis reply in that language."""
    await send(wired, text, language_code=language)
    assert opening in replies_after(wired)[0]


async def test_a_crisis_reply_names_crisis_lines_and_the_reassurance(wired: Wired) -> None:
    """The crisis reply gives a crisis line and says that help rarely means separation."""
    await onboard_pregnant(wired)
    wired.wire.clear()
    await send(wired, "i keep thinking about killing myself")
    text = replies_after(wired)[0]
    assert "116 123" in text and "988" in text
    assert "rarely means being separated from your baby" in text


async def test_no_early_pregnancy_answer_after_a_flag_at_38_weeks(wired: Wired) -> None:
    """At 38 weeks a bleeding flag is not followed by the early-pregnancy bleeding answer."""
    await onboard_pregnant(wired, "38")
    wired.wire.clear()
    await send(wired, "bleeding in pregnancy what should i do")
    texts = replies_after(wired)
    assert "contact" in texts[0].lower() or "call" in texts[0].lower()
    assert not any("Bleeding in early pregnancy" in text for text in texts)


async def test_a_danger_sign_on_a_finished_keyboard_still_gets_its_advice(wired: Wired) -> None:
    """Tapping "Heavy bleeding" on an old check-in keyboard gives the emergency advice."""
    await onboard_pregnant(wired)
    await press(wired, "ck:deadbeef:t:danger_signs:heavy_bleeding")
    assert EMERGENCY_EN in replies_after(wired)[-1]


async def test_a_sign_is_as_urgent_typed_as_tapped(wired: Wired) -> None:
    """Severe headache with blurred vision has the check-in's level when typed as free text."""
    catalog = wired.core.catalog
    typed = catalog.safety.screen("bad headache and blurry vision").level
    tapped = evaluate(
        catalog.triage,
        {"status": "pregnant", "danger_signs": ["severe_headache_or_vision_changes"]},
    ).level
    assert typed == tapped == "emergency"


async def test_spotting_is_not_a_red_flag_for_a_cycle_tracker(wired: Wired) -> None:
    """Someone tracking their cycle who mentions light spotting gets no "contact now"."""
    await reach(wired, ["ob:consent", "ob:status:not_pregnant", "ob:skip", "ob:country:skip"])
    await send(wired, "a bit of spotting today, is that ok")
    assert not any("now, today" in text for text in replies_after(wired))


async def test_spotting_is_a_red_flag_in_pregnancy(wired: Wired) -> None:
    """A pregnant person who mentions light spotting is told to contact their unit today."""
    await onboard_pregnant(wired)
    wired.wire.clear()
    await send(wired, "a bit of spotting today, is that ok")
    assert "now, today" in replies_after(wired)[0]


async def test_a_cycle_trackers_red_flag_reply_fits_their_stage(wired: Wired) -> None:
    """A cycle tracker's typed red flag sends them to their doctor, not a maternity unit."""
    await reach(wired, ["ob:consent", "ob:status:not_pregnant", "ob:skip", "ob:country:skip"])
    await send(wired, "soaking a pad every hour since this morning")
    first = replies_after(wired)[0]
    assert "Contact your doctor now" in first
    assert "maternity unit" not in first and "If you are not pregnant" not in first


async def test_nothing_but_the_call_to_action_follows_an_emergency(wired: Wired) -> None:
    """An emergency typed as free text gets only its call to action: no FAQ, no buttons."""
    await onboard_pregnant(wired, "12")
    wired.wire.clear()
    await send(wired, "im bleeding a lot and soaking pads")
    sent = wired.wire.sent()
    assert len(sent) == 1
    assert EMERGENCY_EN in replies_after(wired)[0]
    assert "reply_markup" not in sent[0].params


async def test_an_urgent_flag_may_be_followed_by_a_fitting_answer(wired: Wired) -> None:
    """An urgent flag is still followed by an answer whose own call to action is as strong."""
    await onboard_pregnant(wired, "38")
    wired.wire.clear()
    await send(wired, "i think my waters broke, clear fluid keeps trickling")
    texts = replies_after(wired)
    assert "today" in texts[0] or "now" in texts[0]
    assert len(texts) > 1
