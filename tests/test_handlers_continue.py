"""Nothing lost silently: a second check-in asks "continue or start again?", keyboards of
replaced or finished steps are closed, and an over-long text is answered with a note that it
was shortened. The real PTB Application at the wire."""

from __future__ import annotations

from typing import Any

from tests.conftest import Wired
from tests.support.updates import callback_update
from tests.test_handlers_flow import USER, button, danger_button, onboard_pregnant, send

CONTINUE_OR_RESTART = "Continue where you were, or start again?"


def last_sent_id(w: Wired) -> int:
    """The message id the fake Bot API gave the last message the bot sent."""
    return w.wire._next_message_id


async def tap(w: Wired, data: str, message_id: int) -> None:
    """Press ``data`` on the bot's message ``message_id``."""
    await w.app.process_update(callback_update(w.app.bot, USER, data, message_id=message_id))  # type: ignore[arg-type]


async def stored_state(w: Wired) -> Any:
    doc = await w.core.storage.load_user(w.core.deps.hasher.user_key(USER))
    assert doc is not None
    return doc["state"]


async def checkin_at_colour(w: Wired) -> int:
    """Onboard, start a check-in and answer the danger screen; the question's message id."""
    await onboard_pregnant(w, "30")
    await send(w, "/checkin")
    question = last_sent_id(w)
    await tap(w, danger_button(w, "none"), question)
    await tap(w, next(d for _, d in w.wire.last_buttons() if ":d:danger_signs" in d), question)
    return question


def closed(w: Wired, message_id: int) -> bool:
    """True when the bot took the keyboard off message ``message_id``."""
    return any(
        c.method == "editMessageReplyMarkup"
        and int(c.params["message_id"]) == message_id
        and not c.params.get("reply_markup")
        for c in w.wire.calls
    )


async def test_a_second_checkin_asks_to_continue_or_start_again(wired: Wired) -> None:
    """/checkin during a check-in asks first, and keeps the answers given so far."""
    await checkin_at_colour(wired)
    before = await stored_state(wired)
    await send(wired, "/checkin")
    assert CONTINUE_OR_RESTART in wired.wire.texts()[-1]
    assert await stored_state(wired) == before


async def test_the_reminder_button_during_a_checkin_asks_too(wired: Wired) -> None:
    """The reminder's "Start check-in" during a check-in asks instead of starting over."""
    await checkin_at_colour(wired)
    session = (await stored_state(wired))["session"]
    await tap(wired, "checkin:start", 77)
    assert CONTINUE_OR_RESTART in wired.wire.texts()[-1]
    assert (await stored_state(wired))["session"] == session


async def test_continue_shows_the_question_where_the_user_was(wired: Wired) -> None:
    """Continue puts the unanswered question in place of the prompt, answers kept."""
    await checkin_at_colour(wired)
    await send(wired, "/checkin")
    await tap(wired, button(wired, "Continue"), last_sent_id(wired))
    last = wired.wire.sent()[-1]
    assert last.method == "editMessageText" and "What colour" in last.params["text"]
    assert (await stored_state(wired))["answers"]["danger_signs"] == ["none"]


async def test_start_again_begins_anew_and_closes_the_old_question(wired: Wired) -> None:
    """Start again asks the first question anew and takes the keyboard off the old one."""
    question = await checkin_at_colour(wired)
    session = (await stored_state(wired))["session"]
    await send(wired, "/checkin")
    await tap(wired, button(wired, "Start again"), last_sent_id(wired))
    assert "First, safety" in wired.wire.texts()[-1]
    state = await stored_state(wired)
    assert state["session"] != session and state["answers"] == {}
    assert closed(wired, question)


async def test_profile_during_a_checkin_asks_before_dropping_it(wired: Wired) -> None:
    """/profile during a check-in offers to continue it or to stop it for the profile."""
    await checkin_at_colour(wired)
    await send(wired, "/profile")
    assert "or stop it and change your profile?" in wired.wire.texts()[-1]
    assert (await stored_state(wired))["flow"] == "checkin"
    await tap(wired, button(wired, "change my profile"), last_sent_id(wired))
    assert "Which of these fits you now?" in wired.wire.texts()[-1]
    assert (await stored_state(wired))["flow"] != "checkin"


async def test_a_finished_checkins_keyboard_is_closed_when_pressed(wired: Wired) -> None:
    """A button of a replaced check-in says it is finished and its keyboard is taken away."""
    question = await checkin_at_colour(wired)
    old = next(d for _, d in wired.wire.last_buttons() if ":a:colour:white" in d)
    await send(wired, "/checkin")
    await tap(wired, button(wired, "Start again"), last_sent_id(wired))
    await tap(wired, old, question)
    answered = [c for c in wired.wire.calls if c.method == "answerCallbackQuery"][-1]
    assert "finished" in answered.params["text"]
    assert closed(wired, question)


async def test_an_over_long_text_is_answered_and_said_to_be_shortened(wired: Wired) -> None:
    """A text over 4,096 characters gets its answer and a note that only the start was read."""
    await onboard_pregnant(wired, "30")
    mark = len(wired.wire.texts())
    await send(wired, "is watery discharge normal at 30 weeks? " + "x" * 4200)
    texts = wired.wire.texts()[mark:]
    assert len(texts) >= 2
    assert "I read only its first" in texts[-1]


async def test_an_over_long_text_is_said_to_be_shortened_in_spanish(wired: Wired) -> None:
    """The shortened note is in the user's language."""
    await send(wired, "¿es normal el flujo? " + "x" * 4200, language_code="es")
    assert "solo he leído sus primeros" in wired.wire.texts()[-1]
