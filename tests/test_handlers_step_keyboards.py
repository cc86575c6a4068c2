"""Keyboards of replaced or finished onboarding steps and reminder pickers are closed (issue
17 item 4), the way a check-in's question keyboard is; a red flag typed at a prompt leaves the
prompt live. The real PTB Application at the wire."""

from __future__ import annotations

from tests.conftest import Wired
from tests.support.updates import message_update
from tests.test_handlers_continue import closed, last_sent_id, stored_state, tap
from tests.test_handlers_flow import USER, button, danger_button, onboard_pregnant, send, stored_doc


async def at_weeks_prompt(w: Wired) -> int:
    """/start, agree, pregnant, "I know the weeks", all on the welcome; its message id."""
    await send(w, "/start")
    welcome = last_sent_id(w)
    for label in ("I agree", "Pregnant", "I know the weeks"):
        await tap(w, button(w, label), welcome)
    return welcome


async def at_time_picker(w: Wired) -> int:
    """Onboarded, /reminders and "Change time" on its menu; the picker's message id."""
    await onboard_pregnant(w, "30")
    await send(w, "/reminders")
    menu = last_sent_id(w)
    await tap(w, button(w, "Change time"), menu)
    return menu


async def test_typed_weeks_close_the_weeks_prompt(wired: Wired) -> None:
    """Weeks typed at the weeks prompt take its buttons away."""
    prompt = await at_weeks_prompt(wired)
    await send(wired, "30")
    assert closed(wired, prompt)


async def test_an_unreadable_date_moves_the_buttons_to_the_reply(wired: Wired) -> None:
    """A typed answer that is no date closes the prompt; the reply carries its buttons."""
    prompt = await at_weeks_prompt(wired)
    await send(wired, "sometime soon")
    assert closed(wired, prompt)
    assert any(data == "ob:back" for _, data in wired.wire.last_buttons())


async def test_a_red_flag_at_a_prompt_leaves_it_live(wired: Wired) -> None:
    """A red flag typed at the weeks prompt neither closes nor consumes the prompt."""
    prompt = await at_weeks_prompt(wired)
    await send(wired, "I'm bleeding a lot, soaking pads and feel really dizzy")
    assert not closed(wired, prompt)
    assert (await stored_state(wired))["step"] == "weeks"


async def test_a_typed_country_closes_the_country_name_prompt(wired: Wired) -> None:
    """A country name typed after "Other country" takes the country buttons away."""
    await at_weeks_prompt(wired)
    await send(wired, "30")
    countries = last_sent_id(wired)
    await tap(wired, button(wired, "Other country"), countries)
    await send(wired, "Spain")
    assert closed(wired, countries)


async def test_a_typed_time_closes_the_time_picker(wired: Wired) -> None:
    """A time typed at the time picker takes the picker's buttons away."""
    picker = await at_time_picker(wired)
    await send(wired, "07:30")
    assert closed(wired, picker)


async def test_a_typed_city_closes_the_zone_picker(wired: Wired) -> None:
    """A city typed at the time-zone picker takes the picker's buttons away."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/reminders")
    menu = last_sent_id(wired)
    await tap(wired, button(wired, "Change time zone"), menu)
    await send(wired, "Москва")
    assert closed(wired, menu)


async def test_cancel_closes_the_time_picker(wired: Wired) -> None:
    """/cancel at the time picker takes its buttons away."""
    picker = await at_time_picker(wired)
    await send(wired, "/cancel")
    assert closed(wired, picker)


async def test_a_checkin_started_at_a_picker_closes_the_picker(wired: Wired) -> None:
    """/checkin while the time picker waits replaces it and takes its buttons away."""
    picker = await at_time_picker(wired)
    await send(wired, "/checkin")
    assert closed(wired, picker)
    assert (await stored_state(wired))["flow"] == "checkin"


async def test_profile_at_the_weeks_prompt_closes_it(wired: Wired) -> None:
    """/profile while the weeks prompt waits asks the stage anew and closes the old prompt."""
    prompt = await at_weeks_prompt(wired)
    await send(wired, "/profile")
    assert "Which of these fits you now?" in wired.wire.texts()[-1]
    assert closed(wired, prompt)


async def test_a_button_that_only_toasts_leaves_the_prompt_live(wired: Wired) -> None:
    """A button refused with a notice changes nothing, so the prompt's keyboard stays."""
    prompt = await at_weeks_prompt(wired)
    await tap(wired, "ob:wk:99", prompt)
    assert not closed(wired, prompt)


async def test_start_asking_the_stage_again_closes_the_earlier_stage_question(
    wired: Wired,
) -> None:
    """/start while the stage question waits asks it anew and takes the old one's buttons away."""
    await send(wired, "/start")
    welcome = last_sent_id(wired)
    await tap(wired, button(wired, "I agree"), welcome)
    await send(wired, "/start")
    assert "Which of these fits you now?" in wired.wire.texts()[-1]
    assert closed(wired, welcome)


async def test_the_arrival_question_of_a_checkin_closes_the_time_picker(wired: Wired) -> None:
    """Long past the due date, /checkin at the time picker asks "has your baby arrived?" and
    takes the picker's buttons away."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/reminders")
    menu = last_sent_id(wired)
    await tap(wired, button(wired, "Change time"), menu)
    await send(wired, "/checkin")
    assert "Has your baby arrived?" in wired.wire.texts()[-1]
    assert closed(wired, menu)


async def test_the_arrival_question_of_start_closes_the_stage_question(wired: Wired) -> None:
    """Long past the due date, /start at the /profile stage question asks "has your baby
    arrived?" and takes the stage question's buttons away."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/profile")
    question = last_sent_id(wired)
    await tap(wired, button(wired, "Pregnant"), question)
    await send(wired, "/start")
    assert "Has your baby arrived?" in wired.wire.texts()[-1]
    assert closed(wired, question)


async def test_the_arrival_question_drops_the_prompt_it_replaced(wired: Wired) -> None:
    """After the arrival question replaced the time picker, a typed time is not read as one."""
    await onboard_pregnant(wired, "43")
    await send(wired, "/reminders")
    menu = last_sent_id(wired)
    await tap(wired, button(wired, "Change time"), menu)
    await send(wired, "/checkin")
    assert await stored_state(wired) is None


async def test_the_reminders_menu_closes_the_time_picker_it_replaces(wired: Wired) -> None:
    """/reminders while the time picker waits shows the menu anew and closes the picker."""
    picker = await at_time_picker(wired)
    await send(wired, "/reminders")
    assert "Daily reminder" in wired.wire.texts()[-1]
    assert closed(wired, picker)
    assert await stored_state(wired) is None


async def test_the_reminders_button_closes_the_zone_picker_it_replaces(wired: Wired) -> None:
    """The main menu's reminders button while the zone picker waits closes the picker."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/reminders")
    menu = last_sent_id(wired)
    await tap(wired, button(wired, "Change time zone"), menu)
    await send(wired, "/help")
    await tap(wired, button(wired, "Daily reminder"), last_sent_id(wired))
    assert closed(wired, menu)


async def test_the_reminders_menu_leaves_a_running_checkin_live(wired: Wired) -> None:
    """/reminders during a check-in keeps the check-in's question and its buttons."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/checkin")
    question = last_sent_id(wired)
    await tap(wired, danger_button(wired, "none"), question)
    await send(wired, "/reminders")
    assert not closed(wired, question)
    assert (await stored_state(wired))["flow"] == "checkin"


async def test_a_second_unreadable_date_closes_the_first_ones_buttons(wired: Wired) -> None:
    """Two unreadable dates in a row: the first reply, sent anew with the prompt's buttons,
    loses them when the second comes."""
    await at_weeks_prompt(wired)
    await send(wired, "sometime soon")
    first = last_sent_id(wired)
    await send(wired, "no idea really")
    assert closed(wired, first)


async def test_start_asked_twice_closes_the_first_new_stage_question(wired: Wired) -> None:
    """/start twice, the stage question sent anew each time: the first loses its buttons."""
    await send(wired, "/start")
    welcome = last_sent_id(wired)
    await tap(wired, button(wired, "I agree"), welcome)
    await send(wired, "/start")
    first = last_sent_id(wired)
    await send(wired, "/start")
    assert closed(wired, first)


async def test_a_second_reminders_menu_closes_the_first(wired: Wired) -> None:
    """/reminders twice: the first menu loses its buttons when the second is shown."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/reminders")
    first = last_sent_id(wired)
    await send(wired, "/reminders")
    assert closed(wired, first)


async def test_a_reminders_menu_changed_in_place_is_closed_by_the_next(wired: Wired) -> None:
    """A menu whose setting was changed in place is still the one a later /reminders closes."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/reminders")
    first = last_sent_id(wired)
    await tap(wired, button(wired, "Turn on"), first)
    await send(wired, "/reminders")
    assert closed(wired, first)


async def test_a_button_on_a_replaced_reminders_menu_changes_nothing(wired: Wired) -> None:
    """'Turn on' pressed on a menu replaced by a newer one is answered as stale and closes that
    keyboard; the setting stays as it was."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/reminders")
    first = last_sent_id(wired)
    data = button(wired, "Turn on")
    await send(wired, "/reminders")
    await tap(wired, data, first)
    answered = [c for c in wired.wire.calls if c.method == "answerCallbackQuery"][-1]
    assert "replaced by a newer one" in str(answered.params.get("text"))
    assert closed(wired, first)
    assert (await stored_doc(wired))["reminder"]["enabled"] is False


async def test_a_zone_button_under_a_later_message_is_not_a_replaced_menu(wired: Wired) -> None:
    """'Change time zone' under the reply to a location shared unasked, sent after the menu,
    opens the zone picker instead of being answered as a replaced menu."""
    await onboard_pregnant(wired, "30")
    await send(wired, "/reminders")
    await wired.app.process_update(
        message_update(
            wired.app.bot, USER, None, extra={"location": {"latitude": 55.75, "longitude": 37.62}}
        )  # type: ignore[arg-type]
    )
    hint = last_sent_id(wired)
    await tap(wired, "rem:zone", hint)
    assert wired.wire.texts()[-1].startswith("Pick your time zone")
