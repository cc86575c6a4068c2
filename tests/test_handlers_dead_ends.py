"""Handler tests: no dead ends. Every prompt has a way back or out as a button, a decline can
be changed, yes/no questions have Yes and No, fixed offsets are refused with places, and a
location only sets the zone when it was asked for (the real PTB Application at the wire)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Wired
from tests.support.updates import message_update
from tests.test_handlers_flow import USER, onboard_pregnant, press, send, stored_doc

MOSCOW = (55.75, 37.62)


async def share_location(w: Wired, where: tuple[float, float]) -> None:
    location = {"latitude": where[0], "longitude": where[1]}
    update = message_update(w.app.bot, USER, None, extra={"location": location})
    await w.app.process_update(update)


async def reminder(w: Wired) -> dict[str, Any]:
    prefs: dict[str, Any] = (await stored_doc(w))["reminder"]
    return prefs


async def test_declining_keeps_the_welcome_and_offers_a_change_of_mind(wired: Wired) -> None:
    """'Not now' answers in a new message (the welcome with its emergency numbers stays) with
    an 'I changed my mind' button, and nothing is stored."""
    await send(wired, "/start")
    await press(wired, "ob:decline")
    assert not wired.wire.sent("editMessageText")
    assert "emergency numbers above" in wired.wire.texts()[-1]
    assert ("✅ I changed my mind: I agree", "ob:consent") in wired.wire.last_buttons()
    assert await wired.core.storage.count_users() == 0


async def test_changing_ones_mind_after_declining_starts_onboarding(wired: Wired) -> None:
    """'I changed my mind' stores consent and asks the stage."""
    await send(wired, "/start")
    await press(wired, "ob:decline")
    await press(wired, "ob:consent")
    assert "Which of these fits you now?" in wired.wire.texts()[-1]
    assert (await stored_doc(wired))["consent_at"] is not None


async def test_the_decline_words_are_spanish_for_a_spanish_user(wired: Wired) -> None:
    """A Spanish user who declines gets the Spanish words and button."""
    await send(wired, "/start", language_code="es")
    await press(wired, "ob:decline", language_code="es")
    assert "números de emergencia de arriba" in wired.wire.texts()[-1]
    assert ("✅ He cambiado de idea: acepto", "ob:consent") in wired.wire.last_buttons()


async def test_the_reminder_offer_has_yes_and_no(wired: Wired) -> None:
    """The end of onboarding asks about a daily reminder with Yes and No buttons."""
    await onboard_pregnant(wired)
    assert "gentle daily reminder" in wired.wire.texts()[-1]
    assert [data for _, data in wired.wire.last_buttons()] == ["rem:offer:yes", "rem:offer:no"]


async def test_yes_to_the_reminder_offer_asks_the_time_and_turns_it_on(wired: Wired) -> None:
    """Yes shows the time picker; a time picked turns the reminder on at that time."""
    await onboard_pregnant(wired)
    await press(wired, "rem:offer:yes")
    assert "Pick a time" in wired.wire.texts()[-1]
    await press(wired, "rem:time:09.00")
    stored = await reminder(wired)
    assert (stored["enabled"], stored["time"]) == (True, "09:00")


async def test_no_to_the_reminder_offer_leaves_it_off_and_says_how_to_turn_it_on(
    wired: Wired,
) -> None:
    """No keeps reminders off and names /reminders."""
    await onboard_pregnant(wired)
    await press(wired, "rem:offer:no")
    assert "/reminders" in wired.wire.texts()[-1]
    assert (await reminder(wired))["enabled"] is False


async def test_the_time_and_zone_pickers_have_back_and_cancel(wired: Wired) -> None:
    """Both pickers end with Back and Cancel."""
    await onboard_pregnant(wired)
    for picker in ("rem:time", "rem:zone"):
        await press(wired, picker)
        assert wired.wire.last_buttons()[-2:] == [
            ("⬅️ Back", "rem:back"),
            ("✖️ Cancel", "rem:cancel"),
        ]


async def test_back_from_a_picker_shows_the_settings_and_stops_waiting(wired: Wired) -> None:
    """Back from the zone picker shows the reminder settings; a city typed then is not taken."""
    await onboard_pregnant(wired)
    await press(wired, "rem:zone")
    await press(wired, "rem:back")
    assert "Daily reminder" in wired.wire.texts()[-1]
    await send(wired, "Berlin")
    assert (await reminder(wired))["tz"] == "UTC"


async def test_cancel_from_a_picker_stops_and_changes_nothing(wired: Wired) -> None:
    """Cancel from the time picker says it stopped and leaves the time as it was."""
    await onboard_pregnant(wired)
    before = (await reminder(wired))["time"]
    await press(wired, "rem:time")
    await press(wired, "rem:cancel")
    assert wired.wire.texts()[-1] == "OK, stopped."
    assert (await reminder(wired))["time"] == before and (await stored_doc(wired))["state"] is None


async def test_a_fixed_offset_is_refused_with_the_places_at_that_offset(wired: Wired) -> None:
    """'GMT+3' is not stored (Etc/GMT+3 would be UTC-3): the reply says it is a fixed offset
    and offers Moscow, which is at UTC+3."""
    await onboard_pregnant(wired)
    await press(wired, "rem:zone")
    await send(wired, "GMT+3")
    assert "UTC+3 is a fixed offset" in wired.wire.texts()[-1]
    assert ("Moscow", "rem:zone:3") in wired.wire.last_buttons()
    assert (await reminder(wired))["tz"] == "UTC"


async def test_a_negative_fixed_offset_names_the_places_behind_utc(wired: Wired) -> None:
    """'UTC-5' offers Bogotá (UTC-5 all year), never a place ahead of UTC."""
    await onboard_pregnant(wired)
    await press(wired, "rem:zone")
    await send(wired, "UTC-5")
    places = [label for label, _ in wired.wire.last_buttons()]
    assert "Bogotá" in places and "Moscow" not in places


async def test_a_location_shared_unasked_changes_nothing(wired: Wired) -> None:
    """A location sent when the zone was not asked for keeps the zone and says how to use it."""
    await onboard_pregnant(wired)
    await share_location(wired, MOSCOW)
    assert (await reminder(wired))["tz"] == "UTC"
    assert ("Change time zone", "rem:zone") in wired.wire.last_buttons()


async def test_a_location_shared_at_the_zone_prompt_sets_the_zone(wired: Wired) -> None:
    """A location sent while the zone is asked for sets the zone of that place."""
    await onboard_pregnant(wired)
    await press(wired, "rem:zone")
    await share_location(wired, MOSCOW)
    assert (await reminder(wired))["tz"] == "Europe/Moscow"


async def test_the_stage_question_from_profile_can_be_cancelled(wired: Wired) -> None:
    """/profile's stage question has Cancel, which keeps the stage and shows the menu."""
    await onboard_pregnant(wired)
    await send(wired, "/profile")
    assert ("✖️ Cancel", "ob:close") in wired.wire.last_buttons()
    await press(wired, "ob:close")
    doc = await stored_doc(wired)
    assert (doc["profile"]["status"], doc["state"]) == ("pregnant", None)
    assert "30 weeks pregnant" in wired.wire.texts()[-1]


async def test_every_typed_onboarding_prompt_has_a_way_back(wired: Wired) -> None:
    """The due-date, weeks, period and birth-date prompts each offer Back."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    for status, switch in (
        ("pregnant", None),
        ("pregnant", "ob:weeks"),
        ("not_pregnant", None),
        ("postpartum", None),
    ):
        await press(wired, f"ob:status:{status}")
        if switch:
            await press(wired, switch)
        assert ("⬅️ Back", "ob:back") in wired.wire.last_buttons(), (status, switch)
        await press(wired, "ob:back")


async def test_the_typed_country_prompt_has_back_to_the_country_buttons(wired: Wired) -> None:
    """After 'Other country', Back shows the country buttons again."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:possibly_pregnant")
    await press(wired, "ob:country:other")
    assert ("⬅️ Back", "ob:country") in wired.wire.last_buttons()
    await press(wired, "ob:country")
    assert "Which country are you in?" in wired.wire.texts()[-1]


async def test_the_fixed_offset_is_written_in_the_words_of_the_content(
    wired: Wired, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The offset named in the refusal is the content's 'reminders.offset', not built in code."""
    texts = wired.core.deps.catalog.texts["es"]
    original = texts.text

    def text(key: str, **context: Any) -> str:
        if key == "reminders.offset":
            return f"HUSO {'MÁS' if context['ahead'] else 'MENOS'} {context['hours']}"
        return original(key, **context)

    monkeypatch.setattr(texts, "text", text)
    await send(wired, "/start", language_code="es")
    await press(wired, "ob:consent", language_code="es")
    await press(wired, "rem:zone", language_code="es")
    await send(wired, "GMT+3", language_code="es")
    assert wired.wire.texts()[-1].startswith("HUSO MÁS 3 es un desfase fijo")


async def test_the_reminders_menu_ends_with_done(wired: Wired) -> None:
    """The reminder settings have a way out: Done, the last button, as other menus have one."""
    await onboard_pregnant(wired)
    await send(wired, "/reminders")
    assert wired.wire.last_buttons()[-1] == ("✅ Done", "rem:done")


async def test_done_keeps_the_reminder_settings_and_takes_the_buttons_off(wired: Wired) -> None:
    """Done leaves the settings as they are, still shown in words, with no buttons left."""
    await onboard_pregnant(wired)
    await send(wired, "/reminders")
    menu_id = wired.wire._next_message_id  # the id of the menu just sent
    before = await reminder(wired)
    wired.wire.clear()
    await press(wired, "rem:done", message_id=menu_id)
    [edit] = wired.wire.sent("editMessageText")
    assert "reminder" in str(edit.params["text"]).lower()
    assert not edit.params.get("reply_markup")
    assert await reminder(wired) == before


async def test_the_reminders_done_button_is_in_the_users_language(wired: Wired) -> None:
    """A Spanish user's reminder settings end with the Spanish Done."""
    await send(wired, "/start", language_code="es")
    await press(wired, "ob:consent", language_code="es")
    await send(wired, "/reminders", language_code="es")
    assert wired.wire.last_buttons()[-1] == ("✅ Listo", "rem:done")
