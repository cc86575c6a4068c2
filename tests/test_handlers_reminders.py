"""Handler tests for /reminders: on/off, preset and typed times, zones, pause and snooze."""

from __future__ import annotations

from typing import Any

from tests.conftest import Wired
from tests.test_handlers_flow import USER, onboard_pregnant, press, send


async def prefs(w: Wired) -> dict[str, Any]:
    doc = await w.core.storage.load_user(w.core.deps.hasher.user_key(USER))
    assert doc is not None
    reminder: dict[str, Any] = doc["reminder"]
    return reminder


async def test_reminders_menu_turns_on_with_a_preset_time(wired: Wired) -> None:
    """Turning on and picking 09:00 stores an enabled 09:00 reminder (with the zone picked
    when asked: the country is unknown)."""
    await onboard_pregnant(wired)
    await send(wired, "/reminders")
    await press(wired, "rem:toggle")
    await press(wired, "rem:time")
    await press(wired, "rem:time:09.00")
    await press(wired, "rem:zone:0")  # London
    stored = await prefs(wired)
    assert stored["enabled"] is True and stored["time"] == "09:00"
    assert "09:00" in wired.wire.texts()[-1]


async def test_typed_time_and_city_are_stored_as_hhmm_and_iana_zone(wired: Wired) -> None:
    """A typed 19:45 and a typed city are stored as HH:MM and an IANA zone name."""
    await onboard_pregnant(wired)
    await press(wired, "rem:time")
    await send(wired, "19:45")
    # "Change time zone" on the menu the typed time brought (earlier menus are closed).
    await press(wired, "rem:zone", message_id=wired.wire._next_message_id)
    await send(wired, "new york")
    stored = await prefs(wired)
    assert stored["time"] == "19:45" and stored["tz"] == "America/New_York"


async def test_bad_time_and_unknown_place_get_polite_retries(wired: Wired) -> None:
    """25:99 and Mars/Olympus are refused with a hint, and nothing changes."""
    await onboard_pregnant(wired)
    before = await prefs(wired)
    await press(wired, "rem:time")
    await send(wired, "25:99")
    assert "08:30" in wired.wire.texts()[-1]
    await press(wired, "rem:zone")
    await send(wired, "Mars/Olympus")
    assert "could not find" in wired.wire.texts()[-1]
    after = await prefs(wired)
    assert (after["time"], after["tz"]) == (before["time"], before["tz"])


async def test_pause_and_snooze_are_stored(wired: Wired) -> None:
    """Pause for 3 days sets paused_until; 'remind me in 1 hour' sets snoozed_until."""
    await onboard_pregnant(wired)
    await press(wired, "rem:toggle")
    await press(wired, "rem:pause:3")
    await press(wired, "rem:snooze:60")
    stored = await prefs(wired)
    assert stored["paused_until"] is not None
    assert stored["snoozed_until"] is not None


async def test_forged_reminder_buttons_change_nothing(wired: Wired) -> None:
    """Pause lengths, snooze minutes and zone indexes outside the offered ones are refused."""
    await onboard_pregnant(wired)
    before = await prefs(wired)
    for data in ("rem:pause:999", "rem:snooze:5", "rem:zone:99", "rem:time:03.17"):
        await press(wired, data)
    assert await prefs(wired) == before


async def test_unknown_place_retry_shows_the_zone_list_it_points_to(wired: Wired) -> None:
    """An unknown place gets the zone buttons again: the retry says to pick from the list."""
    await onboard_pregnant(wired)
    await press(wired, "rem:zone")
    await send(wired, "Mars/Olympus")
    assert "pick from the list" in wired.wire.texts()[-1]
    assert ("London", "rem:zone:0") in wired.wire.last_buttons()


async def test_unreadable_time_retry_keeps_the_time_buttons(wired: Wired) -> None:
    """A time the bot cannot read gets the preset time buttons again, so a tap still works."""
    await onboard_pregnant(wired)
    await press(wired, "rem:time")
    await send(wired, "25:99")
    assert ("20:00", "rem:time:20.00") in wired.wire.last_buttons()


async def test_a_typed_fixed_offset_zone_name_is_refused_like_an_offset(wired: Wired) -> None:
    """ "EST" (UTC-5 all year) is not stored: like "GMT-5" it would be an hour off in summer."""
    await onboard_pregnant(wired)
    before = await prefs(wired)
    await press(wired, "rem:zone")
    await send(wired, "EST")
    assert (await prefs(wired))["tz"] == before["tz"]
    assert "fixed offset" in wired.wire.texts()[-1]
    assert ("Bogotá", "rem:zone:8") in wired.wire.last_buttons()
