"""``/reminders``: turn the daily reminder on or off, pick a time and a time zone, pause, snooze.

Times are stored as local ``HH:MM`` and read as people type them ("8pm", "8 de la noche",
"в 9 утра": ``bot.domain.times``); zones are IANA names (never fixed offsets), picked from a
short list, typed as a city, or derived from a location shared while the zone is asked for. A
typed fixed offset ("GMT+3", "UTC-5") is refused with the listed places at that offset now,
since it would not follow summer time (and "Etc/GMT+3" means UTC-3). After every change the
scheduler is told to re-read this user's settings from storage, which stays the only truth.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dateutil.tz import tzstr

from bot.catalog.zone_names import zone_names
from bot.domain.countries import single_zone, zone_choices
from bot.domain.models import FlowState, LiveMenu, ReminderPrefs
from bot.domain.times import TimeReading
from bot.reminders.schedule import (
    configure,
    format_hhmm,
    pause,
    resume,
    snooze,
    validate_zone,
)
from bot.services.events import Button, Reply
from bot.services.keyboards import rows, way_on
from bot.services.turn import Turn

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

FLOW = "reminders"
MAX_ZONE_TEXT = 64  # a typed city or zone name longer than this is not one
TIMES = ("07:00", "08:00", "09:00", "12:00", "18:00", "20:00", "21:00", "22:00")
ZONES = (
    "Europe/London",
    "Europe/Madrid",
    "Europe/Berlin",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/Bogota",
    "Asia/Kolkata",
    "Australia/Sydney",
    "UTC",
    # Added later, after UTC, so that the index of a button already sent keeps its zone.
    "America/Denver",
    "Atlantic/Canary",
    "Asia/Novosibirsk",
)
PAUSE_DAYS = (3, 7)
#: A typed offset from UTC: "GMT+3", "UTC -05:00", "utc+5:30" (the minus sign too).
FIXED_OFFSET = re.compile(r"(?i)\s*(?:utc|gmt)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?\s*")
SNOOZE_MINUTES = (60,)
#: The buttons only the settings menu has ("time" and "zone" without a choice open pickers).
MENU_ACTIONS = ("toggle", "time", "zone", "pause", "resume", "done")


def _require(turn: Turn) -> bool:
    if turn.doc is None or turn.doc.consent_at is None:
        turn.say(turn.t("onboarding.consent_needed"))
        return False
    return True


async def menu(turn: Turn, *, edit: bool = False, lead: str | None = None) -> None:
    """Show the current settings with buttons to change them, below ``lead`` if given."""
    if not _require(turn):
        return
    assert turn.doc is not None
    if not edit and expects_text(turn):
        # Shown anew, the menu replaces its own waiting picker: the picker's buttons go.
        turn.close_keyboard(turn.live_keyboard)
        _stop_asking(turn)
    _track(turn, edit=edit)
    prefs = turn.doc.reminder
    paused = _paused(turn)
    text = _status(turn)
    if lead:
        text = f"{lead}\n\n{text}"
    buttons = [
        [turn.button("reminders.btn_off" if prefs.enabled else "reminders.btn_on", "rem:toggle")],
        [
            turn.button("reminders.btn_time", "rem:time"),
            turn.button("reminders.btn_zone", "rem:zone"),
        ],
    ]
    if prefs.enabled:
        if paused:
            buttons.append([turn.button("reminders.btn_resume", "rem:resume")])
        else:
            buttons.append(
                [
                    Button(turn.t("reminders.btn_pause", days=d), f"rem:pause:{d}")
                    for d in PAUSE_DAYS
                ]
            )
    # The way out, as every other menu has one: the settings stay as shown.
    buttons.append([turn.button("btn.done", "rem:done")])
    turn.say(text, buttons, edit=edit)


def _paused(turn: Turn) -> bool:
    assert turn.doc is not None
    prefs = turn.doc.reminder
    return prefs.paused_until is not None and prefs.paused_until > turn.today


def _status(turn: Turn) -> str:
    """The settings as they are now, in words."""
    assert turn.doc is not None
    prefs = turn.doc.reminder
    text = turn.t(
        "reminders.status_on" if prefs.enabled else "reminders.status_off",
        time=prefs.time,
        # While no zone is chosen and the country has one, that zone (which turning the
        # reminder on will take, see ``_apply``) rather than the UTC placeholder.
        tz=turn.zone or prefs.tz,
    )
    if prefs.enabled and _paused(turn):
        text += "\n" + turn.t(
            "reminders.paused_until", date=turn.t("date.long", when=prefs.paused_until)
        )
    return text


def _track(turn: Turn, *, edit: bool) -> None:
    """The menu shown is the one live reminders menu: shown in place, in the pressed message;
    shown anew, the earlier menu's buttons go and the new message's id is reported once sent
    (``Turn.shown``)."""
    assert turn.doc is not None
    earlier = turn.doc.reminders_menu
    if edit:
        turn.doc.reminders_menu = LiveMenu(message_id=turn.incoming.message_id)
    else:
        if earlier is not None and earlier.message_id != turn.live_keyboard:
            turn.close_keyboard(earlier.message_id)
        turn.doc.reminders_menu = LiveMenu()
        turn.shown_anew = turn.doc.reminders_menu.session
    turn.touch()


def _replaced(turn: Turn, action: str, args: list[str]) -> bool:
    """True when a button only the menu has was pressed on a message older than the live menu:
    a menu shown anew since. A later message with such a button (the "change time zone" under
    a location shared unasked) is not a replaced menu; Telegram's message ids grow in a chat."""
    assert turn.doc is not None
    live = turn.doc.reminders_menu
    on_menu_only = action in MENU_ACTIONS and (action not in ("time", "zone") or not args)
    return (
        on_menu_only
        and live is not None
        and live.message_id is not None
        and turn.incoming.message_id is not None
        and turn.incoming.message_id < live.message_id
    )


async def on_button(turn: Turn, parts: list[str]) -> None:
    """Buttons with the ``rem:`` prefix."""
    if turn.doc is None or turn.doc.consent_at is None:
        turn.toast = turn.t("errors.not_available")
        return
    action, args = (parts[0], parts[1:]) if parts else ("", [])
    if _replaced(turn, action, args):
        turn.toast = turn.t("reminders.menu_replaced")
        # The pressed keyboard belongs to a menu shown anew since: close it.
        turn.replies.append(Reply(close=turn.incoming.message_id))
        return
    prefs = turn.doc.reminder
    now = turn.now
    number = int(args[0]) if len(args) == 1 and args[0].isdigit() else None
    if action == "menu":
        await menu(turn)
        return
    if action in ("time", "zone") and not args:
        _ask(turn, action)
        return
    if action == "done":
        # The menu keeps its words and loses its buttons: nothing is left waiting.
        _stop_asking(turn)
        turn.doc.reminders_menu = None
        turn.touch()
        turn.say(_status(turn), edit=True)
        return
    if action in ("back", "cancel"):
        # Out of a picker: back to the settings as they are, or just stop.
        _stop_asking(turn)
        if action == "back":
            await menu(turn, edit=True)
        else:
            turn.say(turn.t("misc.cancelled"), way_on(turn), edit=True)
        return
    if action == "offer" and args in (["yes"], ["no"]):
        _answer_offer(turn, args == ["yes"], edit=True)
        return
    if action == "toggle":
        new = configure(prefs, now, enabled=not prefs.enabled)
        if new.enabled:
            new = resume(new, now)
    elif action == "time" and len(args) == 1 and args[0].replace(".", ":") in TIMES:
        new = configure(prefs, now, time=args[0].replace(".", ":"), enabled=True)
    elif action == "zone" and (picked := _picked_zone(turn, args)) is not None:
        new = _chosen(configure(prefs, now, tz=picked))
    elif action == "pause" and number in PAUSE_DAYS:
        new = pause(prefs, now, number)
    elif action == "resume":
        new = resume(prefs, now)
    elif action == "snooze" and number in SNOOZE_MINUTES:
        turn.doc.reminder = snooze(prefs, now, number)
        turn.touch()
        await turn.deps.reminders_changed(turn.key)
        turn.toast = turn.t("reminders.snoozed", minutes=number)
        return
    else:
        turn.toast = turn.t("errors.not_available")
        return
    await _apply(turn, new, edit=True, settle_zone=action in ("toggle", "time"))


async def _apply(
    turn: Turn,
    prefs: ReminderPrefs,
    *,
    edit: bool,
    lead: str | None = None,
    settle_zone: bool = False,
) -> None:
    """Store new settings, tell the scheduler, and show the menu again (below ``lead``).

    ``settle_zone``: the reminder was just turned on or given a time. While the person has
    not chosen a zone, it is their country's when the country has one; a country with
    several gets the zone question instead of the menu; an unknown country keeps UTC.
    """
    assert turn.doc is not None
    if settle_zone and prefs.enabled and not prefs.tz_chosen and prefs.tz == "UTC":
        zone, _ = _country_zone(turn)
        if zone is not None:
            prefs = configure(prefs, turn.now, tz=zone)
            note = turn.t("reminders.zone_from_country", tz=zone)
            lead = f"{lead}\n{note}" if lead else note
        else:
            # Several zones, or no country known: UTC would be a zone the person never chose.
            turn.doc.reminder = prefs
            await turn.deps.reminders_changed(turn.key)
            _ask(turn, "zone", edit=edit, lead=lead)
            return
    turn.doc.reminder = prefs
    turn.doc.state = None
    turn.touch()
    await turn.deps.reminders_changed(turn.key)
    await menu(turn, edit=edit, lead=lead)


def _ask(turn: Turn, step: str, *, edit: bool = True, lead: str | None = None) -> None:
    assert turn.doc is not None
    turn.doc.state = FlowState(flow=FLOW, step=step, started_at=turn.now)
    turn.touch()
    text = turn.t("reminders.ask_time" if step == "time" else "reminders.ask_zone")
    # At the time prompt a bare number is a time ("8"), not a button's number (console chat).
    numeric = step == "time"
    turn.say(f"{lead}\n\n{text}" if lead else text, _picker(turn, step), edit=edit, numeric=numeric)


def _picker(turn: Turn, step: str) -> list[list[Button]]:
    """The buttons of the time or zone question, with the way out: the question and its
    polite retry both offer them, so "pick from the list" always has a list."""
    if step == "time":
        buttons = rows([Button(t, "rem:time:" + t.replace(":", ".")) for t in TIMES])
    else:
        buttons = rows([_zone_button(turn, zone) for zone in offered_zones(turn)])
    return [*buttons, _way_out(turn)]


def offer(turn: Turn) -> None:
    """Offer a daily reminder (at the end of onboarding). Until another flow starts, a typed
    yes or no answers it as its buttons do, and a typed time sets the reminder at once."""
    assert turn.doc is not None
    turn.say(
        turn.t("onboarding.offer_reminder"),
        [[turn.button("btn.yes", "rem:offer:yes"), turn.button("btn.no", "rem:offer:no")]],
    )
    turn.doc.state = FlowState(flow=FLOW, step="offer", started_at=turn.now)
    turn.touch()


def offered(turn: Turn) -> bool:
    """True when the daily reminder was offered and not answered yet."""
    state = turn.doc.state if turn.doc else None
    return state is not None and state.flow == FLOW and state.step == "offer"


def unpin_offer(turn: Turn) -> None:
    """While the offer waits, no step keyboard is live: onboarding's last step, edited into
    the main menu, took the offer's state as its step, and its menu must stay."""
    if offered(turn):
        assert turn.doc is not None and turn.doc.state is not None
        turn.doc.state.message_id = None


async def on_offer_text(turn: Turn, text: str) -> bool:
    """A typed answer to the offer: yes ("yes please", "sí", "да") picks a time, no declines,
    a time ("8pm") turns the reminder on at it. Anything else is not an answer: the offer is
    left behind and False returned, so the text is read as a question."""
    assert turn.doc is not None
    said = turn.deps.catalog.intents.yes_or_no(text)
    if said is not None:
        _answer_offer(turn, said, edit=False)
        return True
    reading = turn.deps.catalog.times.read(text)
    if reading is None:
        turn.doc.state = None
        turn.touch()
        return False
    await _set_time(turn, reading)
    return True


def _answer_offer(turn: Turn, yes: bool, *, edit: bool) -> None:
    """Yes to the offered reminder picks a time, which turns it on; no declines it."""
    if yes:
        _ask(turn, "time", edit=edit)
        return
    _stop_offer(turn)
    turn.say(turn.t("reminders.offer_declined"), edit=edit)


def _stop_offer(turn: Turn) -> None:
    if offered(turn):
        assert turn.doc is not None
        turn.doc.state = None
        turn.touch()


def _chosen(prefs: ReminderPrefs) -> ReminderPrefs:
    """The zone in ``prefs`` is the person's own choice: it no longer follows the country."""
    return prefs.model_copy(update={"tz_chosen": True})


def _country_zone(turn: Turn) -> tuple[str | None, bool]:
    """The zone of the person's country when it has only one, else None; and whether the
    country is known and has several zones."""
    country = turn.country
    if country is None or not country.time_zones:
        return None, False
    zone = single_zone(country, turn.today)
    return zone, zone is None


def offered_zones(turn: Turn) -> tuple[str, ...]:
    """The zones the picker offers: those of the person's country when it has several (one
    per group of zones that keep the same clocks: ``zone_choices``), else the short list."""
    country = turn.country
    choices = zone_choices(country, turn.today) if country is not None else ()
    if len(choices) > 1:
        return choices
    return tuple(sorted(ZONES, key=lambda zone: zone == "UTC"))


def _zone_button(turn: Turn, zone: str) -> Button:
    # A zone of the short list keeps its index (buttons already sent carry it).
    data = f"rem:zone:{ZONES.index(zone)}" if zone in ZONES else f"rem:zone:{zone}"
    return Button(_zone(turn, zone), data)


def _picked_zone(turn: Turn, args: list[str]) -> str | None:
    """The zone a picker button names: an index of the short list or a zone offered; None
    for anything else (a forged or stale button)."""
    if len(args) != 1:
        return None
    if args[0].isdigit():
        return ZONES[int(args[0])] if int(args[0]) < len(ZONES) else None
    return args[0] if args[0] in offered_zones(turn) else None


def preferred_zones(turn: Turn) -> tuple[str, ...]:
    """The zones a typed name is looked for first: those of the person's country, or while
    it is unknown those of the countries their language's replies list ("Eastern" is New
    York to a US user, not Toronto)."""
    assert turn.doc is not None
    table = turn.deps.catalog.countries
    code = turn.doc.profile.country
    codes = (code,) if code else table.defaults.get(turn.locale, ())
    return tuple(z for c in codes if c in table.countries for z in table.countries[c].time_zones)


def _zone(turn: Turn, zone: str) -> str:
    """A zone as the user reads it ("Мадрид", "Nueva York"), never its IANA id."""
    return turn.deps.catalog.zone_name(turn.locale, zone)


def _way_out(turn: Turn) -> list[Button]:
    return [turn.button("btn.back", "rem:back"), turn.button("btn.cancel", "rem:cancel")]


def _stop_asking(turn: Turn) -> None:
    if expects_text(turn):
        assert turn.doc is not None
        turn.doc.state = None
        turn.touch()


def expects_text(turn: Turn) -> bool:
    """True when the reminder settings wait for a typed time or city."""
    state = turn.doc.state if turn.doc else None
    return state is not None and state.flow == FLOW and state.step in ("time", "zone")


def asks_zone(turn: Turn) -> bool:
    """True when the time zone is asked for (a shared location answers it)."""
    state = turn.doc.state if turn.doc else None
    return state is not None and state.flow == FLOW and state.step == "zone"


def cancel(turn: Turn) -> bool:
    """Stop waiting for a typed time or city, or for the answer to the reminder offer (as its
    No would: nothing was in progress, so "stopped" would puzzle); True when we were."""
    if offered(turn):
        _answer_offer(turn, False, edit=False)
        return True
    if not expects_text(turn):
        return False
    assert turn.doc is not None
    turn.doc.state = None
    turn.touch()
    turn.say(turn.t("misc.cancelled"), way_on(turn))
    return True


async def on_text(turn: Turn, text: str) -> bool:
    """A typed time ("20:00", "8pm", "8 de la noche", "в 9 утра": ``bot.domain.times``) or
    city (at the zone question a time is taken too). Anything else at these prompts gets the
    polite retry (the safety screen has read it first)."""
    assert turn.doc is not None and turn.doc.state is not None
    if turn.doc.state.step == "time":
        reading = turn.deps.catalog.times.read(text)
        if reading is None:
            turn.say(turn.t("reminders.bad_time"), _picker(turn, "time"), numeric=True)
        else:
            await _set_time(turn, reading)
        return True
    offset = fixed_offset(text)
    if offset is not None:
        _refuse_offset(turn, offset)
        return True
    zone = find_zone(text, preferred_zones(turn))
    if zone is None:
        # A time typed at the zone question (asked first when turning the reminder on with
        # no country known) is the time: it is set, and the zone asked again if still unset.
        reading = turn.deps.catalog.times.read(text)
        if reading is not None:
            await _set_time(turn, reading)
            return True
        turn.say(turn.t("reminders.bad_zone"), _picker(turn, "zone"))
        return True
    offset = _fixed_zone_offset(zone, turn.now)
    if offset is not None:
        _refuse_offset(turn, offset)
        return True
    await _apply(turn, _chosen(configure(turn.doc.reminder, turn.now, tz=zone)), edit=False)
    return True


async def _set_time(turn: Turn, reading: TimeReading) -> None:
    """Turn the reminder on at a typed time, saying which time was read."""
    assert turn.doc is not None
    time = format_hhmm(reading.time)
    new = configure(turn.doc.reminder, turn.now, time=time, enabled=True)
    lead = turn.t("reminders.time_set", time=time)
    if reading.guessed:
        lead += " " + turn.t("reminders.time_other", other=format_hhmm(reading.other))
    await _apply(turn, new, edit=False, lead=lead, settle_zone=True)


async def on_location(turn: Turn) -> None:
    """A location shared while the time zone is asked for sets it; at any other moment it
    changes nothing and the user is told how to use it."""
    if not _require(turn):
        return
    assert turn.doc is not None
    if not asks_zone(turn):
        turn.say(
            turn.t("reminders.location_not_asked"),
            [[turn.button("reminders.btn_zone", "rem:zone")]],
        )
        return
    lat, lon = turn.incoming.latitude, turn.incoming.longitude
    zone = None
    if lat is not None and lon is not None:
        zone = await asyncio.to_thread(_zone_at, lat, lon)
    if zone is None:
        turn.say(turn.t("reminders.bad_zone"), _picker(turn, "zone"))
        return
    await _apply(turn, _chosen(configure(turn.doc.reminder, turn.now, tz=zone)), edit=False)


def find_zone(text: str, prefer: Sequence[str] = ()) -> str | None:
    """An IANA zone from a typed zone name or city ("berlin", "New York", "europe/madrid",
    "Москва", "Ciudad de México", "Munich": see ``bot.catalog.zone_names``); of the zones a
    name fits, the first listed in ``prefer``."""
    if not text.strip() or len(text.strip()) > MAX_ZONE_TEXT:
        return None
    try:
        return validate_zone(text.strip())
    except ValueError:
        pass
    return zone_names().find(text, prefer)


def fixed_offset(text: str) -> dt.timedelta | None:
    """The offset a typed "GMT+3" or "UTC-05:00" means (as people mean it: GMT+3 is three
    hours ahead of UTC), or None when the text is no such offset."""
    if FIXED_OFFSET.fullmatch(text) is None:
        return None
    offset = tzstr("".join(text.split()).upper().replace("\u2212", "-")).utcoffset(None)
    return offset if isinstance(offset, dt.timedelta) else None


#: IANA names that are a fixed offset from UTC, not a place: "EST" is UTC-5 all year.
_FIXED_ZONE_NAMES = ("EST", "MST", "HST")


def _fixed_zone_offset(zone: str, now: dt.datetime) -> dt.timedelta | None:
    """The offset of ``zone`` when it is a fixed offset other than UTC itself ("EST",
    "Etc/GMT+5"), which, like a typed "GMT-5", would not follow summer time; else None."""
    if zone not in _FIXED_ZONE_NAMES and not zone.startswith("Etc/"):
        return None
    offset = now.astimezone(ZoneInfo(zone)).utcoffset()
    return offset if offset else None


def _refuse_offset(turn: Turn, offset: dt.timedelta) -> None:
    """A fixed offset is not stored: it would not follow summer time. The listed places at
    that offset now are offered instead."""
    same = [
        _zone_button(turn, zone)
        for zone in offered_zones(turn)
        if zone != "UTC" and turn.now.astimezone(ZoneInfo(zone)).utcoffset() == offset
    ]
    minutes = int(offset.total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    shown = turn.t(
        "reminders.offset", ahead=minutes >= 0, hours=hours, minutes=f"{rest:02d}" if rest else ""
    )
    turn.say(
        turn.t("reminders.fixed_offset", offset=shown, places=bool(same)),
        [*rows(same), _way_out(turn)],
    )


@functools.cache
def _finder() -> TimezoneFinder:
    # The import (numpy, ~17 MB resident) and the boundary data (~0.3 s) only when someone
    # shares a location: once, on first use, not at start-up.
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def _zone_at(lat: float, lon: float) -> str | None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    zone = _finder().timezone_at(lat=lat, lng=lon)
    return str(zone) if zone else None
