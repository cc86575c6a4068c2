"""Handler tests: the real PTB Application, process_update, and a fake request at the wire."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.domain.triage import evaluate
from bot.tg.replies import _keyboard
from tests.conftest import Wired
from tests.support.checkin_walk import NORMAL_AT_30_WEEKS, Wanted, walk_questions
from tests.support.stored import state_and_history
from tests.support.updates import callback_update, message_update

USER = 4242


async def send(w: Wired, text: str, user: int = USER, **kwargs: object) -> None:
    await w.app.process_update(message_update(w.app.bot, user, text, **kwargs))  # type: ignore[arg-type]


async def press(w: Wired, data: str, user: int = USER, **kwargs: object) -> None:
    await w.app.process_update(callback_update(w.app.bot, user, data, **kwargs))  # type: ignore[arg-type]


def button(w: Wired, label_part: str) -> str:
    for label, data in w.wire.last_buttons():
        if label_part.lower() in label.lower():
            return data
    raise AssertionError(f"no button {label_part!r} in {w.wire.last_buttons()}")


async def onboard_pregnant(w: Wired, weeks: str = "30") -> None:
    await send(w, "/start")
    await press(w, button(w, "I agree"))
    await press(w, button(w, "Pregnant"))
    await press(w, button(w, "I know the weeks"))
    await send(w, weeks)
    await press(w, button(w, "Skip"))  # the country


async def test_start_explains_and_asks_for_consent(wired: Wired) -> None:
    """/start says what the bot is and is not and asks for consent before storing anything."""
    await send(wired, "/start")
    text = wired.wire.texts()[-1]
    assert "What I am not:</b> a doctor" in text
    assert "emergency" in text.lower()
    assert any(data == "ob:consent" for _, data in wired.wire.last_buttons())
    assert await wired.core.storage.count_users() == 0


async def test_nothing_is_stored_before_consent(wired: Wired) -> None:
    """Answers sent before consent are not stored (RELIABILITY P7)."""
    await send(wired, "/start")
    await press(wired, "ck:deadbeef:a:colour:white")
    await send(wired, "I have brown discharge at 8 weeks")
    assert await wired.core.storage.count_users() == 0


async def test_onboarding_stores_stage_and_due_date(wired: Wired) -> None:
    """After consent, the stage and a due date derived from weeks are stored."""
    await onboard_pregnant(wired, "30")
    key = wired.core.deps.hasher.user_key(USER)
    doc = await wired.core.storage.load_user(key)
    assert doc is not None
    assert doc["profile"]["status"] == "pregnant"
    assert doc["profile"]["due_date"] is not None
    assert "30 weeks pregnant" in wired.wire.texts()[-2]  # then the reminder offer


async def walk_checkin(w: Wired, choices: Mapping[str, Wanted]) -> None:
    """Answer each question with the given option ids (lists for multi-select)."""
    await send(w, "/checkin")
    await walk_questions(w.wire.last_buttons, lambda data: press(w, data), choices)


async def test_full_checkin_gives_level_and_saves(wired: Wired) -> None:
    """A complete normal check-in ends with a level, advice and a 'saved' line, and is stored."""
    await onboard_pregnant(wired, "30")
    await walk_checkin(wired, NORMAL_AT_30_WEEKS)
    final = wired.wire.texts()[-1]
    assert "Level:" in final
    assert "Saved" in final
    doc = await stored_doc(wired)
    assert len(doc["checkins"]) == 1
    assert doc["checkins"][0]["answers"]["weeks"] == 30


async def test_a_check_ins_keyboards_are_not_kept_built(wired: Wired) -> None:
    """Every question keyboard of a check-in carries its session: none is kept built."""
    await onboard_pregnant(wired, "30")
    _keyboard.cache_clear()
    await send(wired, "/checkin")
    await press(wired, danger_button(wired, "none"))
    assert all(data.startswith("ck:") for _, data in wired.wire.last_buttons())
    assert _keyboard.cache_info().currsize == 0


def danger_button(w: Wired, option: str) -> str:
    """The callback data of one option on the danger-sign screen now shown."""
    return next(d for _, d in w.wire.last_buttons() if d.endswith(f":t:danger_signs:{option}"))


async def stored_doc(w: Wired) -> dict[str, Any]:
    """The user's stored state with the stored history under "checkins"."""
    doc = await state_and_history(w.core.storage, w.core.deps.hasher.user_key(USER))
    assert doc is not None
    return doc


async def test_first_tap_of_a_danger_sign_gives_the_emergency_call_to_action_at_once(
    wired: Wired,
) -> None:
    """Tapping one danger sign ends the check-in with the emergency reply, saved, no Done."""
    await onboard_pregnant(wired, "12")
    await send(wired, "/checkin")
    await press(wired, danger_button(wired, "heavy_bleeding"))
    final = wired.wire.texts()[-1]
    assert final.startswith("🚨") and "emergency services now" in final.split("\n")[0]
    assert "Saved" in final
    doc = await stored_doc(wired)
    expected = evaluate(
        wired.core.catalog.triage,
        {"status": "pregnant", "weeks": 12, "danger_signs": ["heavy_bleeding"]},
    )
    [checkin] = doc["checkins"]
    assert checkin["answers"]["danger_signs"] == ["heavy_bleeding"]
    assert (checkin["level"], checkin["reasons"]) == ("emergency", list(expected.reasons))
    assert doc["state"] is None


async def test_a_redelivered_danger_sign_tap_saves_one_checkin(wired: Wired) -> None:
    """The same danger-sign tap delivered twice gives one reply and one stored check-in."""
    await onboard_pregnant(wired, "12")
    await send(wired, "/checkin")
    update = callback_update(
        wired.app.bot, USER, danger_button(wired, "heavy_bleeding"), update_id=777101
    )
    await wired.app.process_update(update)
    calls = len(wired.wire.calls)
    await wired.app.process_update(update)
    assert len(wired.wire.calls) == calls
    assert len((await stored_doc(wired))["checkins"]) == 1


async def test_empty_done_on_the_danger_screen_is_refused_and_the_step_still_asked(
    wired: Wired,
) -> None:
    """Done with nothing ticked says what to tap and shows the danger-sign question again."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    await press(wired, next(d for _, d in wired.wire.last_buttons() if ":d:danger_signs" in d))
    last = wired.wire.sent()[-1]
    assert last.method == "editMessageText"
    assert "First, safety" in last.params["text"]
    assert 'Please tap "None of these", or the signs you have.' in last.params["text"]
    assert danger_button(wired, "none") and danger_button(wired, "heavy_bleeding")
    doc = await stored_doc(wired)
    assert doc["state"]["step"] == "danger_signs" and doc["checkins"] == []


async def test_none_then_done_continues_the_checkin(wired: Wired) -> None:
    """Tapping "None of these" only ticks it; Done then moves on to the next question."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    await press(wired, danger_button(wired, "none"))
    assert any(label.startswith("✅ None") for label, _ in wired.wire.last_buttons())
    assert (await stored_doc(wired))["state"]["step"] == "danger_signs"
    await press(wired, next(d for _, d in wired.wire.last_buttons() if ":d:danger_signs" in d))
    assert any(":a:colour:" in d for _, d in wired.wire.last_buttons())
    doc = await stored_doc(wired)
    assert doc["state"]["answers"]["danger_signs"] == ["none"] and doc["checkins"] == []


async def test_bleeding_in_pregnancy_is_urgent_with_contact_prompt(wired: Wired) -> None:
    """Spotting while pregnant leads with 'contact your maternity unit ... now'."""
    await onboard_pregnant(wired, "9")
    await walk_checkin(
        wired,
        {"danger_signs": ["none"], "colour": "brown", "bleeding": "spotting", "pain": ["none"]},
    )
    first_line = wired.wire.texts()[-1].split("\n")[0]
    assert "Contact your maternity unit, midwife or doctor now" in first_line


async def test_stale_button_changes_nothing(wired: Wired) -> None:
    """Pressing an already-answered question's button again is refused politely."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    first = next(d for _, d in wired.wire.last_buttons() if d.endswith(":t:danger_signs:none"))
    done = next(d for _, d in wired.wire.last_buttons() if ":d:danger_signs" in d)
    await press(wired, first)
    await press(wired, done)
    before = await wired.core.storage.load_user(wired.core.deps.hasher.user_key(USER))
    await press(wired, done)
    after = await wired.core.storage.load_user(wired.core.deps.hasher.user_key(USER))
    assert before is not None and after is not None
    assert before["state"] == after["state"]
    answer = wired.wire.sent("answerCallbackQuery")
    assert wired.wire.calls[-1].method == "answerCallbackQuery"
    assert "already answered" in str(wired.wire.calls[-1].params.get("text"))
    assert answer


async def test_back_returns_to_previous_question(wired: Wired) -> None:
    """Back after the colour question shows the danger-sign screen again."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    await press(
        wired, next(d for _, d in wired.wire.last_buttons() if d.endswith(":t:danger_signs:none"))
    )
    await press(wired, next(d for _, d in wired.wire.last_buttons() if ":d:danger_signs" in d))
    await press(wired, next(d for _, d in wired.wire.last_buttons() if d.endswith(":b")))
    assert "First, safety" in wired.wire.texts()[-1]


async def test_duplicate_update_has_no_second_effect(wired: Wired) -> None:
    """The same update delivered twice is processed once (idempotency by update_id)."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    data = next(d for _, d in wired.wire.last_buttons() if d.endswith(":t:danger_signs:none"))
    update = callback_update(wired.app.bot, USER, data, update_id=777001)
    await wired.app.process_update(update)
    calls = len(wired.wire.calls)
    await wired.app.process_update(update)
    assert len(wired.wire.calls) == calls


async def test_sticker_gets_polite_text_only_reply(wired: Wired) -> None:
    """A sticker is answered with a polite 'text only' message."""
    sticker = {
        "sticker": {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        }
    }
    await wired.app.process_update(message_update(wired.app.bot, USER, None, extra=sticker))
    assert "only read text" in wired.wire.texts()[-1]


async def test_forged_button_data_is_refused(wired: Wired) -> None:
    """Callback data that names nothing real gets 'not available' and no reply message."""
    await onboard_pregnant(wired)
    wired.wire.clear()
    await press(wired, "zz:" + "x" * 60)
    assert [c.method for c in wired.wire.calls] == ["answerCallbackQuery"]


async def test_user_text_is_never_evaluated_as_template(wired: Wired) -> None:
    """A Jinja expression typed by a user is treated as plain text (RELIABILITY S3)."""
    await send(wired, "{{7*7}} <b>x</b>")
    assert all("49" not in t for t in wired.wire.texts())


async def test_command_menu_is_published(wired: Wired) -> None:
    """set_commands publishes the command menu with /checkin and /delete."""
    from bot.tg.handlers import set_commands

    await set_commands(wired.app, wired.core.catalog)
    call = wired.wire.sent("setMyCommands")[0]
    commands = call.params["commands"]
    names = [
        c["command"] for c in (json.loads(commands) if isinstance(commands, str) else commands)
    ]
    assert "checkin" in names and "delete" in names and "help" in names


async def test_flooding_user_is_told_once_then_dropped(wired: Wired) -> None:
    """Past the burst allowance one 'slow down' reply is sent, then updates are dropped."""
    for _ in range(60):
        await send(wired, "hi")
    slow = [t for t in wired.wire.texts() if "very fast" in t]
    assert len(slow) == 1
    assert len(wired.wire.texts()) < 60


async def test_after_a_loss_the_bot_says_sorry_and_pauses_reminders(wired: Wired) -> None:
    """Choosing "my pregnancy has ended" gets condolence first, no weeks and no reminder offer."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:after_loss")
    text = wired.wire.texts()[-1]
    assert text.startswith("🤍 I'm so sorry for your loss")
    assert "weeks" not in text
    await press(wired, "ob:skip")  # the day it ended
    await press(wired, "ob:country:skip")
    final = wired.wire.texts()[-1]
    assert "Your pregnancy has ended" in final and "daily reminder" not in final.lower()


async def test_after_a_loss_a_checkin_gets_a_level(wired: Wired) -> None:
    """Someone after a loss can complete a check-in; easing bleeding is not a red flag."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:after_loss")
    await press(wired, "ob:skip")
    await press(wired, "ob:country:skip")
    await walk_checkin(
        wired, {"danger_signs": ["none"], "colour": "red", "amount": "light", "bleeding": "light"}
    )
    doc = await stored_doc(wired)
    assert doc["checkins"][-1]["level"] in ("normal", "routine", "soon")


async def test_after_a_loss_with_no_reminder_the_bot_claims_no_pausing(wired: Wired) -> None:
    """Without a daily reminder on, the words after a loss do not say one was paused."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:after_loss")
    assert "paused" not in wired.wire.texts()[-1]


async def test_after_a_loss_a_reminder_that_was_on_is_paused_and_said_so(wired: Wired) -> None:
    """A reminder that was on is turned off at a loss told in /profile, and the reply says so."""
    await onboard_pregnant(wired)
    await press(wired, "rem:toggle")
    await send(wired, "/profile")
    await press(wired, "ob:status:after_loss")
    assert "I have paused daily reminders" in wired.wire.texts()[-1]
    assert (await stored_doc(wired))["reminder"]["enabled"] is False


async def test_spotting_with_mild_cramps_early_is_never_explained_as_cramps_without_bleeding(
    wired: Wired,
) -> None:
    """At 8 weeks, spotting with mild cramps is stored with the bleeding's reasons, never the
    one that says "mild cramps with no bleeding"."""
    await onboard_pregnant(wired, "8")
    await walk_checkin(
        wired,
        {**NORMAL_AT_30_WEEKS, "colour": "brown", "pain": ["mild_cramps"], "bleeding": "spotting"},
    )
    [checkin] = (await stored_doc(wired))["checkins"]
    assert checkin["level"] == "urgent"
    assert "mild_cramps_early_pregnancy" not in checkin["reasons"]
