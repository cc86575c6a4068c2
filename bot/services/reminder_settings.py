"""``/reminders``: turn the daily reminder on or off, pick a time and a time zone, pause, snooze.

Times are local ``HH:MM``; zones are IANA names (never fixed offsets), picked from a short
list, typed as a city, or derived from a shared location. After every change the scheduler
is told to re-read this user's settings from storage, which stays the only truth.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from zoneinfo import available_timezones

from timezonefinder import TimezoneFinder

from bot.domain.models import FlowState
from bot.domain.reminders import parse_hhmm, validate_zone
from bot.services.events import Button
from bot.services.keyboards import rows
from bot.services.turn import Turn

FLOW = "reminders"
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
)
PAUSE_DAYS = (3, 7)
SNOOZE_MINUTES = (60,)


def _require(turn: Turn) -> bool:
    if turn.doc is None or turn.doc.consent_at is None:
        turn.say(turn.t("onboarding.consent_needed"))
        return False
    return True


async def menu(turn: Turn, *, edit: bool = False) -> None:
    """Show the current settings with buttons to change them."""
    if not _require(turn):
        return
    assert turn.doc is not None
    prefs = turn.doc.reminder
    paused = prefs.paused_until is not None and prefs.paused_until > turn.today
    text = turn.t(
        "reminders.status_on" if prefs.enabled else "reminders.status_off",
        time=prefs.time,
        tz=prefs.tz,
    )
    if prefs.enabled and paused:
        text += "\n" + turn.t("reminders.paused_until", date=str(prefs.paused_until))
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
    turn.say(text, buttons, edit=edit)


async def on_button(turn: Turn, parts: list[str]) -> None:
    """Buttons with the ``rem:`` prefix."""
    if turn.doc is None or turn.doc.consent_at is None:
        turn.toast = turn.t("errors.not_available")
        return
    prefs = turn.doc.reminder
    action, args = (parts[0], parts[1:]) if parts else ("", [])
    if action == "menu":
        await menu(turn)
        return
    if action == "toggle":
        prefs.enabled = not prefs.enabled
        if prefs.enabled:
            prefs.paused_until = None
    elif action == "time" and not args:
        _ask(turn, "time")
        return
    elif (
        action == "time"
        and len(args) == 1
        and ".".join(args) in {t.replace(":", ".") for t in TIMES}
    ):
        prefs.time = args[0].replace(".", ":")
        prefs.enabled = True
    elif action == "zone" and not args:
        _ask(turn, "zone")
        return
    elif action == "zone" and len(args) == 1 and args[0].isdigit() and int(args[0]) < len(ZONES):
        prefs.tz = ZONES[int(args[0])]
    elif action == "pause" and args and args[0].isdigit() and int(args[0]) in PAUSE_DAYS:
        prefs.paused_until = turn.today + dt.timedelta(days=int(args[0]))
    elif action == "resume":
        prefs.paused_until = None
    elif action == "snooze" and args and args[0].isdigit() and int(args[0]) in SNOOZE_MINUTES:
        prefs.snoozed_until = turn.now + dt.timedelta(minutes=int(args[0]))
        turn.touch()
        await turn.deps.reminders_changed(turn.key)
        turn.toast = turn.t("reminders.snoozed", minutes=int(args[0]))
        return
    else:
        turn.toast = turn.t("errors.not_available")
        return
    turn.doc.state = None
    turn.touch()
    await turn.deps.reminders_changed(turn.key)
    await menu(turn, edit=True)


def _ask(turn: Turn, step: str) -> None:
    assert turn.doc is not None
    turn.doc.state = FlowState(flow=FLOW, step=step, started_at=turn.now)
    turn.touch()
    if step == "time":
        buttons = rows([Button(t, "rem:time:" + t.replace(":", ".")) for t in TIMES])
        turn.say(turn.t("reminders.ask_time"), buttons, edit=True)
    else:
        buttons = rows([Button(z, f"rem:zone:{i}") for i, z in enumerate(ZONES)])
        turn.say(turn.t("reminders.ask_zone"), buttons, edit=True)


def expects_text(turn: Turn) -> bool:
    """True when the reminder settings wait for a typed time or city."""
    state = turn.doc.state if turn.doc else None
    return state is not None and state.flow == FLOW and state.step in ("time", "zone")


def cancel(turn: Turn) -> bool:
    """Stop waiting for a typed time or city; True when we were."""
    if not expects_text(turn):
        return False
    assert turn.doc is not None
    turn.doc.state = None
    turn.touch()
    turn.say(turn.t("misc.cancelled"))
    return True


async def on_text(turn: Turn, text: str) -> bool:
    """A typed ``HH:MM`` or city; False when it is neither (then it is treated as a question)."""
    assert turn.doc is not None and turn.doc.state is not None
    step = turn.doc.state.step
    prefs = turn.doc.reminder
    if step == "time":
        try:
            prefs.time = parse_hhmm(text.strip()).strftime("%H:%M")
        except ValueError:
            turn.say(turn.t("reminders.bad_time"))
            return True
        prefs.enabled = True
    else:
        zone = find_zone(text)
        if zone is None:
            turn.say(turn.t("reminders.bad_zone"))
            return True
        prefs.tz = zone
    turn.doc.state = None
    turn.touch()
    await turn.deps.reminders_changed(turn.key)
    await menu(turn)
    return True


async def on_location(turn: Turn) -> None:
    """A shared location sets the time zone (when the zone lookup library is available)."""
    if not _require(turn):
        return
    assert turn.doc is not None
    lat, lon = turn.incoming.latitude, turn.incoming.longitude
    zone = None
    if lat is not None and lon is not None:
        zone = await asyncio.to_thread(_zone_at, lat, lon)
    if zone is None:
        turn.say(turn.t("reminders.bad_zone"))
        return
    turn.doc.reminder.tz = zone
    turn.doc.state = None
    turn.touch()
    await turn.deps.reminders_changed(turn.key)
    await menu(turn)


def find_zone(text: str) -> str | None:
    """An IANA zone from a typed zone name or city ("berlin", "New York", "europe/madrid")."""
    wanted = text.strip().lower().replace(" ", "_")
    if not wanted or len(wanted) > 64:
        return None
    try:
        return validate_zone(text.strip())
    except ValueError:
        pass
    for zone in sorted(available_timezones()):
        if "/" in zone and zone.rsplit("/", 1)[1].lower() == wanted:
            return zone
    return None


@functools.cache
def _finder() -> TimezoneFinder:
    # Loading the boundary data takes about 0.3 s: do it once, on first use, not at start-up.
    return TimezoneFinder()


def _zone_at(lat: float, lon: float) -> str | None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    zone = _finder().timezone_at(lat=lat, lng=lon)
    return str(zone) if zone else None
