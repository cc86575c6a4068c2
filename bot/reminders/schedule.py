"""When a daily reminder is due, and what the scheduler should do about it right now.

Everything here is pure: inputs are the stored ``ReminderPrefs``, the local date of the user's
last check-in and the current instant; outputs are UTC instants and decisions. The scheduler
(``bot.reminders.scheduler``) and ``python -m bot reminders plan`` both call ``due_instant``, so
the plan printed on the command line is exactly what the scheduler does.

Time zones are IANA names (``Europe/Berlin``), never fixed offsets, so the reminder follows
the user's daylight-saving changes.

DST policy (``due_instant``):

- **Spring forward (the local time does not exist):** the reminder fires at the first valid
  local instant after the gap, i.e. at the transition itself. 02:30 in Europe/Berlin on
  2026-03-29 fires at 03:00 CEST (01:00Z); 02:30 in America/New_York on 2026-03-08 fires at
  03:00 EDT (07:00Z). Why: it is the earliest moment at which the user's wall clock has passed
  the chosen time, so the reminder is neither early (01:30 CET would be before the chosen
  time) nor an hour late (03:30 CEST, what a cron trigger does), and it stays on its day.
- **Fall back (the local time occurs twice):** the first occurrence (``fold=0``), never the
  second. 02:30 Berlin on 2026-10-25 fires at 02:30 CEST (00:30Z) only.
- **A local date with no valid instant at or after the chosen time** (a whole skipped day, as
  Pacific/Apia on 2011-12-30): no reminder that date (``None``), because the substitute would
  fall on the next date, which has its own reminder.

Decision policy (``decide``), for one user at one instant:

- At most one regular reminder per local date: a date counts as handled once
  ``last_sent_date`` or ``last_skipped_date`` is on or after it. "On or after" (not "equal")
  is what keeps a clock stepped backwards after a send from sending again.
- A reminder missed by downtime is sent late while ``now - due <= grace`` (default
  ``DEFAULT_GRACE``, from ``bot.domain.limits``), and skipped after that (the skip is recorded
  for that date).
- No reminder for a date on which the user already checked in.
- Pause: no reminders for local dates before ``paused_until``; they resume on that date.
- Snooze ("remind me later"): one extra reminder at ``snoozed_until``, even though the day's
  reminder was already sent. The claim that precedes the send clears ``snoozed_until``, so a
  snooze fires at most once; a regular reminder also clears any pending snooze, which
  belonged to an older reminder. A snooze is dropped when the user checks in on the date it
  belongs to (the date of the reminder it postponed) or when it is more than ``grace`` late.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo, available_timezones

from bot.domain import times
from bot.domain.limits import REMINDER_GRACE_MINUTES
from bot.domain.models import ReminderPrefs

DEFAULT_GRACE = dt.timedelta(minutes=REMINDER_GRACE_MINUTES)
MAX_PLAN_DAYS = 3660

_ONE_DAY = dt.timedelta(days=1)
# Links and pseudo-zones that are in the database but are not places a user lives in:
# "right/..." zones count leap seconds, "posix/..." duplicate the main ones, "Factory" is a
# placeholder, "localtime" is whatever the host is set to.
_EXCLUDED_PREFIXES = ("posix/", "right/")
_EXCLUDED_NAMES = frozenset({"Factory", "localtime", "posixrules", "leapseconds"})


class ReminderSettingsError(ValueError):
    """A reminder time, zone or date is not acceptable; the message is safe to show."""


@functools.cache
def _zones() -> dict[str, str]:
    names = {
        name
        for name in available_timezones()
        if name not in _EXCLUDED_NAMES and not name.startswith(_EXCLUDED_PREFIXES)
    }
    return {name.casefold(): name for name in names}


def parse_hhmm(text: str) -> dt.time:
    """Parse a 24-hour ``HH:MM`` (or ``H:MM``) local time; ASCII digits only
    (``bot.domain.times.parse_hhmm``, raising ``ReminderSettingsError``)."""
    try:
        return times.parse_hhmm(text)
    except ValueError as exc:
        raise ReminderSettingsError(str(exc)) from None


def format_hhmm(value: dt.time) -> str:
    """The canonical ``HH:MM`` form that is stored in ``ReminderPrefs.time``."""
    return f"{value.hour:02d}:{value.minute:02d}"


def validate_zone(name: str) -> str:
    """Return the canonical IANA name for ``name`` (case-insensitive) or raise.

    Only names from ``zoneinfo.available_timezones()`` are accepted, so fixed offsets such as
    ``+02:00`` or ``UTC+2`` are refused: a fixed offset would drift by an hour at every
    daylight-saving change.
    """
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= 64:
        raise ReminderSettingsError("time zone must be an IANA name such as Europe/Berlin")
    canonical = _zones().get(name.strip().casefold())
    if canonical is None:
        raise ReminderSettingsError(
            f"unknown time zone {name.strip()!r}: use an IANA name such as Europe/Berlin"
        )
    return canonical


def zone(name: str | ZoneInfo) -> ZoneInfo:
    """The ``ZoneInfo`` for a validated IANA name (or the zone itself)."""
    if isinstance(name, ZoneInfo):
        return name
    return ZoneInfo(validate_zone(name))


def _as_time(hhmm: str | dt.time) -> dt.time:
    return hhmm if isinstance(hhmm, dt.time) else parse_hhmm(hhmm)


def local_date(instant: dt.datetime, tz: str | ZoneInfo) -> dt.date:
    """The user's local calendar date at ``instant``."""
    return instant.astimezone(zone(tz)).date()


def _transition_in(tz: ZoneInfo, lo: dt.datetime, hi: dt.datetime) -> dt.datetime:
    """The first instant in (lo, hi] whose UTC offset differs from lo's (to the second)."""
    before = lo.astimezone(tz).utcoffset()
    lo_s, hi_s = int(lo.timestamp()), int(hi.timestamp())
    while hi_s - lo_s > 1:
        mid = (lo_s + hi_s) // 2
        if dt.datetime.fromtimestamp(mid, tz).utcoffset() == before:
            lo_s = mid
        else:
            hi_s = mid
    return dt.datetime.fromtimestamp(hi_s, dt.UTC)


def due_instant(tz: str | ZoneInfo, hhmm: str | dt.time, on: dt.date) -> dt.datetime | None:
    """The UTC instant the reminder for local date ``on`` is due (see the DST policy above)."""
    zone_info = zone(tz)
    wall = dt.datetime.combine(on, _as_time(hhmm))
    first = wall.replace(tzinfo=zone_info, fold=0)
    utc = first.astimezone(dt.UTC)
    if utc.astimezone(zone_info).replace(tzinfo=None) == wall:
        return utc  # exists; for a repeated time fold=0 is the first occurrence
    # In a gap, fold=0 applies the offset from before the transition and fold=1 the one
    # after, which bracket the transition instant.
    other = wall.replace(tzinfo=zone_info, fold=1).astimezone(dt.UTC)
    lo, hi = min(utc, other), max(utc, other)
    substitute = _transition_in(zone_info, lo, hi)
    if substitute.astimezone(zone_info).date() != on:
        return None
    return substitute


def plan(tz: str | ZoneInfo, hhmm: str | dt.time, start: dt.date, days: int) -> list[dt.datetime]:
    """The due instants for the ``days`` local dates starting at ``start`` (dates without one
    are left out)."""
    if days < 1:
        raise ReminderSettingsError("days must be at least 1")
    if days > MAX_PLAN_DAYS:
        raise ReminderSettingsError(f"days must be at most {MAX_PLAN_DAYS}")
    zone_info, at = zone(tz), _as_time(hhmm)
    instants = (due_instant(zone_info, at, start + dt.timedelta(days=i)) for i in range(days))
    return [instant for instant in instants if instant is not None]


def format_utc(instant: dt.datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, e.g. ``2026-03-29T07:00:00Z``."""
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- decisions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotDue:
    """Nothing to do now; look again at ``next_due`` (None: reminders are off)."""

    next_due: dt.datetime | None


@dataclass(frozen=True)
class SendNow:
    """Send a reminder now for ``local_date``; ``snooze`` marks the one extra (snoozed) one."""

    local_date: dt.date
    snooze: bool = False


@dataclass(frozen=True)
class SkipMissed:
    """The reminder for ``local_date`` is more than the grace window late: record the skip."""

    local_date: dt.date


@dataclass(frozen=True)
class SkipCheckedIn:
    """The user already checked in on ``local_date``: nothing to send or record; look again
    at ``next_due``."""

    local_date: dt.date
    next_due: dt.datetime | None


Decision = NotDue | SendNow | SkipMissed | SkipCheckedIn


def _handled_through(prefs: ReminderPrefs) -> dt.date | None:
    dates = [d for d in (prefs.last_sent_date, prefs.last_skipped_date) if d is not None]
    return max(dates) if dates else None


def _first_open_date(prefs: ReminderPrefs, today: dt.date) -> dt.date:
    # Dates before yesterday can only be missed beyond any grace shorter than a day, and a
    # later date always supersedes them, so the search starts at yesterday at the earliest.
    first = today - _ONE_DAY
    handled = _handled_through(prefs)
    if handled is not None and handled + _ONE_DAY > first:
        first = handled + _ONE_DAY
    if prefs.paused_until is not None and prefs.paused_until > first:
        first = prefs.paused_until
    return first


def _regular(
    prefs: ReminderPrefs, zone_info: ZoneInfo, at: dt.time, now: dt.datetime
) -> tuple[tuple[dt.date, dt.datetime] | None, dt.datetime | None]:
    """(latest open date whose reminder is due by now, next future due instant)."""
    today = now.astimezone(zone_info).date()
    day = _first_open_date(prefs, today)
    latest: tuple[dt.date, dt.datetime] | None = None
    for _ in range(8):  # a few dates at most: yesterday, today, tomorrow, plus skipped days
        instant = due_instant(zone_info, at, day)
        if instant is not None:
            if instant > now:
                return latest, instant
            latest = (day, instant)
        day += _ONE_DAY
    return latest, None


def _snooze_date(prefs: ReminderPrefs, snoozed_local: dt.date) -> dt.date:
    # A snooze postpones the reminder that carried the button: normally today's, or
    # yesterday's when a late-evening reminder was snoozed past midnight.
    sent = prefs.last_sent_date
    if sent is not None and snoozed_local - _ONE_DAY <= sent <= snoozed_local:
        return sent
    return snoozed_local


def decide(
    prefs: ReminderPrefs,
    last_checkin: dt.date | None,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> Decision:
    """What to do for one user at ``now`` (see the decision policy in the module docstring).

    Order of precedence: a regular send, then recording a missed date, then a snooze, then a
    checked-in skip, then waiting. Raises ``ReminderSettingsError`` for a stored time or zone
    that is not valid.
    """
    if not prefs.enabled:
        return NotDue(None)
    zone_info, at = zone(prefs.tz), parse_hhmm(prefs.time)
    latest, next_regular = _regular(prefs, zone_info, at, now)

    snooze_due: dt.date | None = None
    next_snooze: dt.datetime | None = None
    if prefs.snoozed_until is not None:
        snoozed = prefs.snoozed_until
        snoozed_local = snoozed.astimezone(zone_info).date()
        for_date = _snooze_date(prefs, snoozed_local)
        paused = prefs.paused_until is not None and snoozed_local < prefs.paused_until
        checked_in = last_checkin is not None and last_checkin >= for_date
        if not paused and not checked_in:
            if snoozed > now:
                next_snooze = snoozed
            elif now - snoozed <= grace:
                snooze_due = for_date

    candidates = [t for t in (next_regular, next_snooze) if t is not None]
    next_due = min(candidates) if candidates else None

    checked_in_day: dt.date | None = None
    if latest is not None:
        day, instant = latest
        if last_checkin is None or last_checkin < day:
            return SendNow(day) if now - instant <= grace else SkipMissed(day)
        checked_in_day = day
    if snooze_due is not None:
        return SendNow(snooze_due, snooze=True)
    # Reported only for today: yesterday's check-in skip was already reported yesterday.
    if checked_in_day is not None and checked_in_day == now.astimezone(zone_info).date():
        return SkipCheckedIn(checked_in_day, next_due)
    return NotDue(next_due)


# --- state changes (all return new prefs; callers save them) ---------------------------------


def claim(prefs: ReminderPrefs, decision: SendNow) -> ReminderPrefs:
    """The prefs to save *before* sending: the send is recorded first, so a crash mid-send
    can lose a reminder but never repeat one (at most once)."""
    if decision.snooze:
        return prefs.model_copy(update={"snoozed_until": None})
    sent = prefs.last_sent_date
    newest = decision.local_date if sent is None else max(sent, decision.local_date)
    return prefs.model_copy(update={"last_sent_date": newest, "snoozed_until": None})


def release(
    current: ReminderPrefs, claimed: ReminderPrefs, before: ReminderPrefs
) -> ReminderPrefs | None:
    """Undo a claim after a send that certainly did not arrive, or None to leave it.

    Only when the claimed fields are still as the claim left them: if the user changed the
    reminder since (for example snoozed again), their change wins and the claim stays.
    """
    fields = ("last_sent_date", "snoozed_until")
    if any(getattr(current, f) != getattr(claimed, f) for f in fields):
        return None
    return current.model_copy(update={f: getattr(before, f) for f in fields})


def record_skip(prefs: ReminderPrefs, day: dt.date) -> ReminderPrefs:
    """Record that the reminder for ``day`` was deliberately not sent."""
    skipped = prefs.last_skipped_date
    return prefs.model_copy(
        update={"last_skipped_date": day if skipped is None else max(skipped, day)}
    )


def _mark_past_due_handled(prefs: ReminderPrefs, now: dt.datetime) -> ReminderPrefs:
    # Turning reminders on (or moving the time earlier) after today's time has passed must
    # not trigger a catch-up send right away; the first reminder is the next future one.
    if not prefs.enabled:
        return prefs
    zone_info, at = zone(prefs.tz), parse_hhmm(prefs.time)
    today = now.astimezone(zone_info).date()
    for day in (today, today - _ONE_DAY):
        instant = due_instant(zone_info, at, day)
        if instant is not None and instant <= now:
            handled = _handled_through(prefs)
            if handled is None or handled < day:
                return record_skip(prefs, day)
            return prefs
    return prefs


def configure(
    prefs: ReminderPrefs,
    now: dt.datetime,
    *,
    enabled: bool | None = None,
    time: str | None = None,
    tz: str | None = None,
) -> ReminderPrefs:
    """New settings, validated and canonical; a time already past today is not sent late.

    Raises ``ReminderSettingsError`` with a message fit for the user.
    """
    update: dict[str, object] = {}
    if time is not None:
        update["time"] = format_hhmm(parse_hhmm(time))
    if tz is not None:
        update["tz"] = validate_zone(tz)
    if enabled is not None:
        update["enabled"] = enabled
    changed = prefs.model_copy(update=update)
    validate_zone(changed.tz)
    parse_hhmm(changed.time)
    return _mark_past_due_handled(changed, now)


def snooze(prefs: ReminderPrefs, now: dt.datetime, minutes: int = 60) -> ReminderPrefs:
    """Ask for one extra reminder ``minutes`` from now (1 minute to 12 hours)."""
    if not 1 <= minutes <= 12 * 60:
        raise ReminderSettingsError("a snooze is between 1 minute and 12 hours")
    return prefs.model_copy(update={"snoozed_until": now + dt.timedelta(minutes=minutes)})


def pause(prefs: ReminderPrefs, now: dt.datetime, days: int) -> ReminderPrefs:
    """No reminders for ``days`` local dates starting today; they resume on today + days."""
    if not 1 <= days <= 366:
        raise ReminderSettingsError("a pause is between 1 and 366 days")
    today = now.astimezone(zone(prefs.tz)).date()
    return prefs.model_copy(
        update={"paused_until": today + dt.timedelta(days=days), "snoozed_until": None}
    )


def resume(prefs: ReminderPrefs, now: dt.datetime) -> ReminderPrefs:
    """End a pause now; a reminder time already past today waits for tomorrow."""
    return _mark_past_due_handled(prefs.model_copy(update={"paused_until": None}), now)
