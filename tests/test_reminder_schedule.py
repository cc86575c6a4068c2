"""Daily reminders: due instants across DST, and the scheduler driven by a fake clock.

The scheduler tests run the real ``ReminderScheduler`` loop over ``MemoryStorage`` and let
a ``FakeClock`` travel through whole days; a recording sender notes the fake time of every
send attempt, so "at the right instant" is checked to the second.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.models import CheckIn, HistoryInfo, ReminderPrefs, UserDoc
from bot.reminders import schedule as rem
from bot.reminders.scheduler import Claim, ReminderScheduler, SendOutcome
from bot.storage.base import JsonDoc, JsonText, in_background
from bot.storage.memory import MemoryStorage
from tests.support.senders import ClaimingSender

UTC = dt.UTC
BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
KEY_A = "a1" * 16
KEY_B = "b2" * 16
CHAT_A = 1001
CHAT_B = 1002
DAY = dt.date(2026, 6, 10)  # an ordinary CEST day: 09:00 Berlin == 07:00Z
NINE_UTC = dt.datetime(2026, 6, 10, 7, 0, tzinfo=UTC)


def z(text: str) -> dt.datetime:
    """A UTC instant from ``YYYY-MM-DDTHH:MM``."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def berlin(day: dt.date, hh: int, mm: int = 0, ss: int = 0) -> dt.datetime:
    """A Berlin wall-clock time on ``day`` as a UTC instant."""
    return dt.datetime(
        day.year, day.month, day.day, hh, mm, ss, tzinfo=ZoneInfo(BERLIN)
    ).astimezone(UTC)


# --- pure: due instants -----------------------------------------------------------------------

# (zone, time, the three local dates around a change, the expected UTC instants)
DST_CASES = [
    (BERLIN, "09:00", "2026-03-28", ["2026-03-28T08:00", "2026-03-29T07:00", "2026-03-30T07:00"]),
    (BERLIN, "02:30", "2026-03-28", ["2026-03-28T01:30", "2026-03-29T01:00", "2026-03-30T00:30"]),
    (BERLIN, "01:30", "2026-03-28", ["2026-03-28T00:30", "2026-03-29T00:30", "2026-03-29T23:30"]),
    (BERLIN, "09:00", "2026-10-24", ["2026-10-24T07:00", "2026-10-25T08:00", "2026-10-26T08:00"]),
    (BERLIN, "02:30", "2026-10-24", ["2026-10-24T00:30", "2026-10-25T00:30", "2026-10-26T01:30"]),
    (BERLIN, "01:30", "2026-10-24", ["2026-10-23T23:30", "2026-10-24T23:30", "2026-10-26T00:30"]),
    (NEW_YORK, "09:00", "2026-03-07", ["2026-03-07T14:00", "2026-03-08T13:00", "2026-03-09T13:00"]),
    (NEW_YORK, "02:30", "2026-03-07", ["2026-03-07T07:30", "2026-03-08T07:00", "2026-03-09T06:30"]),
    (NEW_YORK, "01:30", "2026-03-07", ["2026-03-07T06:30", "2026-03-08T06:30", "2026-03-09T05:30"]),
    (NEW_YORK, "09:00", "2026-10-31", ["2026-10-31T13:00", "2026-11-01T14:00", "2026-11-02T14:00"]),
    (NEW_YORK, "02:30", "2026-10-31", ["2026-10-31T06:30", "2026-11-01T07:30", "2026-11-02T07:30"]),
    (NEW_YORK, "01:30", "2026-10-31", ["2026-10-31T05:30", "2026-11-01T05:30", "2026-11-02T06:30"]),
]
DST_IDS = [f"{tz.split('/')[1]}-{hhmm}-{start}" for tz, hhmm, start, _ in DST_CASES]


@pytest.mark.parametrize(("tz", "hhmm", "start", "expected"), DST_CASES, ids=DST_IDS)
def test_plan_gives_one_instant_per_local_day_across_dst(
    tz: str, hhmm: str, start: str, expected: list[str]
) -> None:
    """plan() returns exactly the documented instant for each of the three local days."""
    assert rem.plan(tz, hhmm, dt.date.fromisoformat(start), 3) == [z(e) for e in expected]


def test_spring_forward_gap_fires_at_the_end_of_the_gap() -> None:
    """02:30 Berlin on 2026-03-29 does not exist; the reminder is due at 03:00 CEST."""
    due = rem.due_instant(BERLIN, "02:30", dt.date(2026, 3, 29))
    assert due == z("2026-03-29T01:00")
    assert due is not None and due.astimezone(ZoneInfo(BERLIN)).strftime("%H:%M %Z") == "03:00 CEST"


def test_fall_back_uses_the_first_occurrence() -> None:
    """02:30 Berlin on 2026-10-25 happens twice; only the first (CEST) one is due."""
    due = rem.due_instant(BERLIN, "02:30", dt.date(2026, 10, 25))
    assert due is not None and due.astimezone(ZoneInfo(BERLIN)).tzname() == "CEST"


def test_a_local_date_that_does_not_exist_has_no_reminder() -> None:
    """Samoa skipped 2011-12-30 entirely, so that date has no due instant at all."""
    assert rem.due_instant("Pacific/Apia", "09:00", dt.date(2011, 12, 30)) is None


@pytest.mark.parametrize("bad", ["25:99", "24:00", "9", "09:60", "٠٩:٠٠", "", "09:00:00", "-1:00"])
def test_parse_hhmm_refuses_invalid_times(bad: str) -> None:
    """Anything but a 24-hour HH:MM with ASCII digits is refused with a clear message."""
    with pytest.raises(rem.ReminderSettingsError, match="time must"):
        rem.parse_hhmm(bad)


def test_parse_hhmm_accepts_a_single_digit_hour() -> None:
    """9:05 is read as 09:05."""
    assert rem.parse_hhmm("9:05") == dt.time(9, 5)


@pytest.mark.parametrize(
    "bad", ["Mars/Olympus", "+02:00", "UTC+2", "GMT+1", "posix/Europe/Berlin", ""]
)
def test_validate_zone_refuses_unknown_zones_and_offsets(bad: str) -> None:
    """Only IANA names are accepted: fixed offsets and made-up zones are refused."""
    with pytest.raises(rem.ReminderSettingsError, match="zone"):
        rem.validate_zone(bad)


def test_validate_zone_returns_the_canonical_name() -> None:
    """A zone typed in another case is stored under its canonical IANA name."""
    assert rem.validate_zone("europe/berlin") == BERLIN


# --- pure: decisions --------------------------------------------------------------------------


def prefs(**changes: object) -> ReminderPrefs:
    """Enabled 09:00 Berlin prefs, already sent yesterday."""
    base = ReminderPrefs(
        enabled=True, time="09:00", tz=BERLIN, last_sent_date=DAY - dt.timedelta(1)
    )
    return base.model_copy(update=changes)


def test_decide_before_the_time_waits_for_the_due_instant() -> None:
    """At 08:00 the decision is to wait until 09:00 local."""
    assert rem.decide(prefs(), None, berlin(DAY, 8)) == rem.NotDue(NINE_UTC)


def test_decide_at_the_time_sends_for_today() -> None:
    """At 09:00 local the reminder for today is sent."""
    assert rem.decide(prefs(), None, NINE_UTC) == rem.SendNow(DAY)


def test_decide_after_sending_waits_for_tomorrow() -> None:
    """Once today's date is recorded as sent, the next due is tomorrow's 09:00."""
    decision = rem.decide(prefs(last_sent_date=DAY), None, berlin(DAY, 9, 30))
    assert decision == rem.NotDue(berlin(DAY + dt.timedelta(1), 9))


def test_decide_within_grace_sends_late() -> None:
    """1 h 59 min late is still inside the default 2 h grace window."""
    assert rem.decide(prefs(), None, berlin(DAY, 10, 59)) == rem.SendNow(DAY)


def test_decide_beyond_grace_skips() -> None:
    """2 h 1 min late the reminder is skipped for that date."""
    assert rem.decide(prefs(), None, berlin(DAY, 11, 1)) == rem.SkipMissed(DAY)


def test_the_grace_setting_defaults_to_the_schedules_grace() -> None:
    """BOT_REMINDER_GRACE_MINUTES left unset gives the scheduler the schedule's own default."""
    default = Settings.model_fields["bot_reminder_grace_minutes"].default
    assert dt.timedelta(minutes=default) == rem.DEFAULT_GRACE


def test_decide_after_checking_in_today_skips() -> None:
    """A user who already checked in today gets no reminder for today."""
    decision = rem.decide(prefs(), DAY, NINE_UTC)
    assert decision == rem.SkipCheckedIn(DAY, berlin(DAY + dt.timedelta(1), 9))


def test_decide_with_the_clock_behind_the_last_send_does_nothing() -> None:
    """A clock stepped back across midnight after a send never re-opens the sent date."""
    decision = rem.decide(prefs(last_sent_date=DAY), None, berlin(DAY - dt.timedelta(1), 23))
    assert isinstance(decision, rem.NotDue)


def test_decide_while_paused_waits_for_the_end_of_the_pause() -> None:
    """paused_until is the first local date that gets a reminder again."""
    resume_on = DAY + dt.timedelta(2)
    decision = rem.decide(prefs(paused_until=resume_on), None, NINE_UTC)
    assert decision == rem.NotDue(berlin(resume_on, 9))


def test_decide_sends_a_due_snooze_even_though_today_was_sent() -> None:
    """A snooze is the one extra reminder allowed on a date that already had one."""
    decision = rem.decide(
        prefs(last_sent_date=DAY, snoozed_until=berlin(DAY, 10)), None, berlin(DAY, 10)
    )
    assert decision == rem.SendNow(DAY, snooze=True)


def test_claiming_a_snooze_clears_it() -> None:
    """After the claim the snooze is gone, so it cannot fire a second time."""
    snoozed = prefs(last_sent_date=DAY, snoozed_until=berlin(DAY, 10))
    claimed = rem.claim(snoozed, rem.SendNow(DAY, snooze=True))
    assert claimed.snoozed_until is None
    assert isinstance(rem.decide(claimed, None, berlin(DAY, 10, 1)), rem.NotDue)


def test_release_is_refused_when_the_user_changed_the_reminder_since() -> None:
    """A failed send does not undo a snooze the user set after the claim."""
    before = prefs()
    claimed = rem.claim(before, rem.SendNow(DAY))
    current = claimed.model_copy(update={"snoozed_until": berlin(DAY, 10)})
    assert rem.release(current, claimed, before) is None


def test_configure_after_todays_time_does_not_send_today() -> None:
    """Turning reminders on at 10:00 for 09:00 starts tomorrow, not with a catch-up now."""
    off = ReminderPrefs()
    on = rem.configure(off, berlin(DAY, 10), enabled=True, time="09:00", tz=BERLIN)
    assert rem.decide(on, None, berlin(DAY, 10)) == rem.NotDue(berlin(DAY + dt.timedelta(1), 9))


# --- scheduler harness ------------------------------------------------------------------------


@dataclass
class RecordingSender(ClaimingSender):
    """Notes (chat_id, fake time) of every attempt and answers with scripted outcomes."""

    clock: FakeClock
    attempts: list[tuple[int, dt.datetime]] = field(default_factory=list)
    script: dict[int, list[SendOutcome]] = field(default_factory=dict)
    hang: bool = False
    entered: asyncio.Event = field(default_factory=asyncio.Event)

    async def deliver(self, chat_id: int, locale: str) -> SendOutcome:
        self.attempts.append((chat_id, self.clock.now()))
        self.entered.set()
        if self.hang:
            await asyncio.Event().wait()
        queue = self.script.get(chat_id)
        return queue.pop(0) if queue else SendOutcome.SENT

    def times(self, chat_id: int = CHAT_A) -> list[dt.datetime]:
        return [at for chat, at in self.attempts if chat == chat_id]


def user_doc(
    key: str = KEY_A,
    chat_id: int = CHAT_A,
    *,
    tz: str = BERLIN,
    time: str = "09:00",
    consent: bool = True,
    active: bool = True,
    checkin_on: dt.date | None = None,
    **reminder: object,
) -> JsonDoc:
    checkins = []
    if checkin_on is not None:
        checkins.append(CheckIn(at=NINE_UTC, local_date=checkin_on, answers={}, level="normal"))
    doc = UserDoc(
        key=key,
        chat_id=chat_id,
        created_at=z("2026-01-01T00:00"),
        consent_at=z("2026-01-01T00:00") if consent else None,
        active=active,
        history=HistoryInfo.of(checkins),
        reminder=ReminderPrefs(enabled=True, time=time, tz=tz, **reminder),
    )
    return doc.model_dump(mode="json")


@dataclass
class Harness:
    storage: MemoryStorage
    clock: FakeClock
    sender: RecordingSender
    scheduler: ReminderScheduler
    recheck: dt.timedelta = dt.timedelta(seconds=60)

    async def restart(self, sender: RecordingSender | None = None) -> None:
        """Stop the scheduler (as a process exit would) and start a fresh one on the same data."""
        await self.scheduler.stop()
        if sender is not None:
            self.sender = sender
        await self.start()

    async def start(self) -> None:
        self.scheduler = ReminderScheduler(
            self.storage, self.clock, self.sender, recheck=self.recheck
        )
        self.clock.settle = self.scheduler.idle
        await self.scheduler.start()
        await self.scheduler.idle()

    async def stop(self) -> None:
        await self.scheduler.stop()
        self.clock.settle = _yield

    async def prefs(self, key: str = KEY_A) -> ReminderPrefs:
        doc = await self.storage.load_user(key)
        assert doc is not None
        return UserDoc.model_validate(doc).reminder

    async def update(self, key: str = KEY_A, **changes: object) -> None:
        """Change a user's reminder prefs as a settings handler would, then refresh."""
        async with self.storage.user_lock(key):
            doc = await self.storage.load_user(key)
            assert doc is not None
            user = UserDoc.model_validate(doc)
            user.reminder = user.reminder.model_copy(update=changes)
            await self.storage.save_user(key, user.model_dump(mode="json"))
        self.scheduler.refresh(key)


async def _yield() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


@asynccontextmanager
async def running(
    start: dt.datetime, *docs: JsonDoc, recheck: dt.timedelta = dt.timedelta(seconds=60)
) -> AsyncIterator[Harness]:
    storage = MemoryStorage()
    for doc in docs:
        await storage.save_user(doc["key"], doc)
    clock = FakeClock(start)
    harness = Harness(storage, clock, RecordingSender(clock), None, recheck)  # type: ignore[arg-type]
    await harness.start()
    try:
        yield harness
    finally:
        await harness.scheduler.stop()


# --- scheduler: DST ---------------------------------------------------------------------------


@pytest.mark.parametrize(("tz", "hhmm", "start", "expected"), DST_CASES, ids=DST_IDS)
async def test_scheduler_fires_exactly_once_per_local_day_across_dst(
    tz: str, hhmm: str, start: str, expected: list[str]
) -> None:
    """Over the three local days around a DST change the reminder fires once a day, on time."""
    first = dt.date.fromisoformat(start)
    zone = ZoneInfo(tz)
    begin = dt.datetime.combine(first, dt.time(0), zone).astimezone(UTC)
    end = dt.datetime.combine(first + dt.timedelta(3), dt.time(0), zone).astimezone(UTC)
    doc = user_doc(tz=tz, time=hhmm, last_sent_date=first - dt.timedelta(1))
    async with running(begin, doc) as h:
        await h.clock.advance_to(end)
        assert h.sender.times() == [z(e) for e in expected]


# --- scheduler: restarts and downtime ----------------------------------------------------------


async def test_restart_just_before_the_due_time_sends_once_on_time() -> None:
    """Restarting at 08:59:30 still sends exactly one reminder, at 09:00:00."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 8, 59, 30))
        await h.restart()
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert h.sender.times() == [NINE_UTC]


async def test_restart_just_after_the_send_does_not_send_again() -> None:
    """Restarting at 09:00:30, right after the send, sends nothing more that day."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 9, 0, 30))
        await h.restart()
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert h.sender.times() == [NINE_UTC]


async def test_downtime_inside_the_grace_window_sends_late_once() -> None:
    """Down from 08:58 to 09:10: one reminder at 09:10, none after."""
    async with running(berlin(DAY, 8, 50), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 8, 58))
        await h.stop()
        await h.clock.advance_to(berlin(DAY, 9, 10))
        await h.start()
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert h.sender.times() == [berlin(DAY, 9, 10)]


async def test_downtime_beyond_the_grace_window_skips_and_records_it() -> None:
    """Down from 08:00 to 12:00: no reminder that day, and the skip is stored."""
    async with running(berlin(DAY, 7, 50), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 8))
        await h.stop()
        await h.clock.advance_to(berlin(DAY, 12))
        await h.start()
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert h.sender.times() == []
        assert (await h.prefs()).last_skipped_date == DAY


async def test_after_a_skipped_day_the_next_day_fires_normally() -> None:
    """A recorded skip does not stop the next day's reminder."""
    async with running(berlin(DAY, 12), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY + dt.timedelta(1), 12))
        assert h.sender.times() == [berlin(DAY + dt.timedelta(1), 9)]


# --- scheduler: clock steps --------------------------------------------------------------------


async def test_clock_stepped_back_two_hours_after_a_send_does_not_resend() -> None:
    """A −2 h wall-clock step right after the 09:00 send gives no second reminder."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 9, 0, 30))
        h.clock.travel(berlin(DAY, 7, 0, 30))
        await h.clock.advance(dt.timedelta(hours=4))
        assert h.sender.times() == [NINE_UTC]


async def test_clock_stepped_forward_over_the_due_time_sends_once_within_a_minute() -> None:
    """A +2 h step from 08:30 to 10:30 is noticed within 60 s and sends one late reminder."""
    async with running(berlin(DAY, 8, 29), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 8, 30))
        h.clock.step(dt.timedelta(hours=2))
        await h.clock.advance(60)
        assert len(h.sender.times()) == 1
        assert berlin(DAY, 10, 30) <= h.sender.times()[0] <= berlin(DAY, 10, 31)
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert len(h.sender.times()) == 1


# --- scheduler: snooze, pause, check-in ---------------------------------------------------------


async def test_snooze_fires_once_an_hour_later() -> None:
    """Snoozing the 09:00 reminder gives exactly one more at 10:00."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 9, 0, 5))
        await h.update(snoozed_until=berlin(DAY, 10))
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert h.sender.times() == [NINE_UTC, berlin(DAY, 10)]
        assert (await h.prefs()).snoozed_until is None


async def test_snooze_does_not_fire_again_after_a_restart() -> None:
    """A restart right after the snoozed reminder does not repeat it."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        await h.clock.advance_to(berlin(DAY, 9, 0, 5))
        await h.update(snoozed_until=berlin(DAY, 10))
        await h.clock.advance_to(berlin(DAY, 10, 0, 30))
        await h.restart()
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert h.sender.times() == [NINE_UTC, berlin(DAY, 10)]


async def test_snooze_is_dropped_when_the_user_checks_in_first() -> None:
    """Checking in before the snooze time cancels the snoozed reminder."""
    doc = user_doc(last_sent_date=DAY, snoozed_until=berlin(DAY, 10), checkin_on=DAY)
    async with running(berlin(DAY, 9, 30), doc) as h:
        await h.clock.advance_to(berlin(DAY, 23, 59))
        assert h.sender.times() == []


async def test_pause_skips_the_paused_days_and_resumes_after() -> None:
    """Paused for 2 days on the 10th: nothing on the 10th and 11th, a reminder on the 12th."""
    paused = rem.pause(prefs(), berlin(DAY, 8), 2)
    doc = user_doc(paused_until=paused.paused_until)
    async with running(berlin(DAY, 8), doc) as h:
        await h.clock.advance_to(berlin(DAY + dt.timedelta(2), 23))
        assert h.sender.times() == [berlin(DAY + dt.timedelta(2), 9)]


async def test_user_who_checked_in_today_is_not_reminded() -> None:
    """A check-in earlier today means no reminder today, but one tomorrow."""
    async with running(berlin(DAY, 8), user_doc(checkin_on=DAY)) as h:
        await h.clock.advance_to(berlin(DAY + dt.timedelta(1), 12))
        assert h.sender.times() == [berlin(DAY + dt.timedelta(1), 9)]


async def test_the_skip_for_a_check_in_is_reported_once_and_tomorrow_looked_at() -> None:
    """The day's reminder skipped for a check-in is reported once, and the user is next
    looked at tomorrow at the reminder time."""
    async with running(berlin(DAY, 8), user_doc(checkin_on=DAY)) as h:
        await h.clock.advance_to(berlin(DAY, 23))
        assert h.scheduler.stats["reminder_skipped_checked_in"] == 1
        assert h.scheduler.next_check(KEY_A) == berlin(DAY + dt.timedelta(1), 9)


async def test_changing_the_time_takes_effect_the_same_day() -> None:
    """Moving the reminder from 09:00 to 10:00 at 08:00 sends at 10:00 only."""
    async with running(berlin(DAY, 8), user_doc()) as h:
        await h.update(time="10:00")
        await h.clock.advance_to(berlin(DAY, 23))
        assert h.sender.times() == [berlin(DAY, 10)]


# --- scheduler: who gets nothing ----------------------------------------------------------------


async def test_inactive_users_and_users_without_consent_get_nothing() -> None:
    """active=False or a missing consent_at means no reminder at all."""
    inactive = user_doc(KEY_A, CHAT_A, active=False)
    no_consent = user_doc(KEY_B, CHAT_B, consent=False)
    async with running(berlin(DAY, 8), inactive, no_consent) as h:
        await h.clock.advance_to(berlin(DAY, 12))
        assert h.sender.attempts == []


async def test_erased_user_gets_nothing() -> None:
    """After erasure (delete + forget) the due reminder is not sent."""
    async with running(berlin(DAY, 8), user_doc()) as h:
        async with h.storage.user_lock(KEY_A):
            await h.storage.delete_user(KEY_A)
        h.scheduler.forget(KEY_A)
        await h.clock.advance_to(berlin(DAY, 12))
        assert h.sender.attempts == []


async def test_user_erased_while_waiting_for_a_send_slot_gets_nothing() -> None:
    """Erasure while the reminder waits in the rate limiter cancels it at the claim."""

    class Queued(RecordingSender):
        gate: asyncio.Event = asyncio.Event()

        async def send_reminder(
            self, chat_id: int, locale: str, *, claim: Claim | None = None
        ) -> SendOutcome:
            self.entered.set()
            await self.gate.wait()  # the rate limiter's wait
            return await super().send_reminder(chat_id, locale, claim=claim)

    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        queued = Queued(h.clock)
        await h.restart(queued)
        h.clock.settle = _yield  # the queued send keeps the scheduler busy
        await h.clock.advance_to(berlin(DAY, 9))
        await asyncio.wait_for(queued.entered.wait(), timeout=60)
        async with h.storage.user_lock(KEY_A):
            await h.storage.delete_user(KEY_A)
        h.scheduler.forget(KEY_A)
        queued.gate.set()
        await h.scheduler.idle()
        assert queued.attempts == []


# --- scheduler: send outcomes -------------------------------------------------------------------


async def test_blocked_user_is_marked_inactive_and_others_still_get_theirs() -> None:
    """403 for one user: that user is deactivated and never retried; the other is reminded."""
    async with running(berlin(DAY, 8), user_doc(KEY_A, CHAT_A), user_doc(KEY_B, CHAT_B)) as h:
        h.sender.script[CHAT_B] = [SendOutcome.BLOCKED]
        await h.clock.advance_to(berlin(DAY + dt.timedelta(7), 8))
        assert h.sender.times(CHAT_B) == [NINE_UTC]
        assert len(h.sender.times(CHAT_A)) == 7
        blocked = await h.storage.load_user(KEY_B)
        assert blocked is not None and blocked["active"] is False
        assert blocked["reminder"]["enabled"] is True, "kept so that /start can resume them"


async def test_failed_send_is_retried_and_delivered_once() -> None:
    """A transient failure at 09:00 is retried 30 s later and then recorded as sent."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        h.sender.script[CHAT_A] = [SendOutcome.FAILED]
        await h.clock.advance_to(berlin(DAY, 23))
        assert h.sender.times() == [NINE_UTC, berlin(DAY, 9, 0, 30)]
        assert (await h.prefs()).last_sent_date == DAY


async def test_send_failing_past_the_grace_window_is_skipped() -> None:
    """A reminder that keeps failing is given up after 2 h and the skip is recorded."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        h.sender.script[CHAT_A] = [SendOutcome.FAILED] * 50
        await h.clock.advance_to(berlin(DAY, 23))
        assert all(at <= berlin(DAY, 11) for at in h.sender.times())
        stored = await h.prefs()
        assert stored.last_skipped_date == DAY
        assert stored.last_sent_date != DAY


async def test_timed_out_send_counts_as_delivered_and_is_not_resent() -> None:
    """POSSIBLY_SENT (a timeout) is never retried: one attempt, date recorded."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        h.sender.script[CHAT_A] = [SendOutcome.POSSIBLY_SENT]
        await h.clock.advance_to(berlin(DAY, 23))
        assert h.sender.times() == [NINE_UTC]
        assert (await h.prefs()).last_sent_date == DAY


async def test_crash_during_a_send_never_leads_to_a_second_send() -> None:
    """Killed mid-send (the claim is stored first), the restarted scheduler does not resend."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        h.sender.hang = True
        await h.clock.advance_to(berlin(DAY, 8, 59, 59))
        h.clock.settle = _yield  # the hanging send keeps the scheduler busy for good
        await h.clock.advance(1)
        await asyncio.wait_for(h.sender.entered.wait(), timeout=60)
        await h.restart(RecordingSender(h.clock))
        await h.clock.advance_to(berlin(DAY + dt.timedelta(1), 9, 30))
        assert h.sender.times() == [berlin(DAY + dt.timedelta(1), 9)]


async def test_a_sender_crash_for_one_user_does_not_stop_the_others() -> None:
    """An exception while sending to one user is contained; the next user is still reminded."""

    class Exploding(RecordingSender):
        async def send_reminder(
            self, chat_id: int, locale: str, *, claim: Claim | None = None
        ) -> SendOutcome:
            if chat_id == CHAT_A:
                assert claim is not None and await claim()
                raise RuntimeError("boom")
            return await super().send_reminder(chat_id, locale, claim=claim)

    async with running(berlin(DAY, 8), user_doc(KEY_A, CHAT_A), user_doc(KEY_B, CHAT_B)) as h:
        await h.restart(Exploding(h.clock))
        await h.clock.advance_to(berlin(DAY, 12))
        assert h.sender.times(CHAT_B) == [NINE_UTC]
        assert (await h.prefs(KEY_A)).last_sent_date == DAY  # unknown outcome: not resent


async def test_storage_failure_on_the_claim_is_retried() -> None:
    """If the claim cannot be saved nothing is sent, and the next attempt succeeds."""
    async with running(berlin(DAY, 8, 59), user_doc()) as h:
        h.storage.fail_next_save()
        await h.clock.advance_to(berlin(DAY, 12))
        assert h.sender.times() == [berlin(DAY, 9, 0, 30)]


# --- scheduler: start-up and logs ---------------------------------------------------------------


class SlowStorage(MemoryStorage):
    """MemoryStorage whose iter_users waits for a gate (a huge database)."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        await self.gate.wait()
        async for item in super().iter_users():
            yield item


async def test_start_returns_before_the_index_is_rebuilt() -> None:
    """start() does not wait for iter_users; reminders flow once the rebuild finishes."""
    storage = SlowStorage()
    await storage.save_user(KEY_A, user_doc())
    clock = FakeClock(NINE_UTC)
    sender = RecordingSender(clock)
    scheduler = ReminderScheduler(storage, clock, sender)
    await asyncio.wait_for(scheduler.start(), timeout=60)
    assert scheduler.next_check(KEY_A) is None
    storage.gate.set()
    await scheduler.idle()
    await scheduler.stop()
    assert sender.times() == [NINE_UTC]


class BackgroundRecordingStorage(MemoryStorage):
    """MemoryStorage noting, for each read and write, whether it came as background work."""

    def __init__(self) -> None:
        super().__init__()
        self.background: list[bool] = []

    async def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        self.background.append(in_background())
        async for item in super().iter_users():
            yield item

    async def load_user(self, key: str) -> JsonDoc | None:
        self.background.append(in_background())
        return await super().load_user(key)

    async def save_user(
        self,
        key: str,
        doc: JsonDoc | JsonText,
        *,
        append: Sequence[JsonDoc] = (),
        remove: Sequence[str] = (),
    ) -> None:
        self.background.append(in_background())
        await super().save_user(key, doc, append=append, remove=remove)


async def test_the_fan_out_reads_and_writes_as_background_work() -> None:
    """Every storage call of the rebuild and the workers is marked background, so a user's
    turn is not queued behind them; the caller's own context is left unmarked."""
    storage = BackgroundRecordingStorage()
    await storage.save_user(KEY_A, user_doc())
    storage.background.clear()
    clock = FakeClock(NINE_UTC)
    sender = RecordingSender(clock)
    scheduler = ReminderScheduler(storage, clock, sender)
    await scheduler.start()
    await scheduler.idle()
    await scheduler.stop()
    assert (sender.times(), set(storage.background), in_background()) == (
        [NINE_UTC],
        {True},
        False,
    )


# Numbers every record carries (times, ids of the process and thread, line numbers): a chat
# id's digits can turn up in them by chance, as in relativeCreated=21002.7.
_RECORD_NUMBERS = frozenset(
    {"created", "msecs", "relativeCreated", "thread", "process", "lineno", "levelno"}
)


def _leaks(records: Iterator[logging.LogRecord], needles: list[str]) -> list[str]:
    found = []
    for record in records:
        fields = (str(v) for k, v in record.__dict__.items() if k not in _RECORD_NUMBERS)
        text = record.getMessage() + " " + " ".join(fields)
        found += [n for n in needles if n in text]
    return found


async def test_logs_carry_no_chat_id_zone_or_time(caplog: pytest.LogCaptureFixture) -> None:
    """Reminder log records name the event and a hashed user, never chat id, zone or time."""
    caplog.set_level(logging.DEBUG)
    async with running(berlin(DAY, 8, 59), user_doc(), user_doc(KEY_B, CHAT_B)) as h:
        h.sender.script[CHAT_B] = [SendOutcome.BLOCKED]
        await h.clock.advance_to(berlin(DAY, 12))
    events = [r for r in caplog.records if r.name.startswith("bot.reminders")]
    assert {r.getMessage() for r in events} >= {"reminder_sent", "reminder_blocked"}
    assert _leaks(iter(events), [str(CHAT_A), str(CHAT_B), BERLIN, "09:00", KEY_A, KEY_B]) == []


# --- the fake clock itself ----------------------------------------------------------------------


async def test_fake_clock_wakes_sleepers_in_order_as_time_passes() -> None:
    """advance() wakes each sleeper at its own time, earliest first."""
    clock = FakeClock(NINE_UTC)
    woke: list[tuple[str, dt.datetime]] = []

    async def nap(name: str, seconds: float) -> None:
        await clock.sleep(seconds)
        woke.append((name, clock.now()))

    tasks = [asyncio.ensure_future(nap("late", 120)), asyncio.ensure_future(nap("early", 60))]
    await clock.advance(300)
    await asyncio.gather(*tasks)
    assert woke == [
        ("early", NINE_UTC + dt.timedelta(seconds=60)),
        ("late", NINE_UTC + dt.timedelta(seconds=120)),
    ]


async def test_fake_clock_step_moves_the_wall_clock_without_waking_sleepers() -> None:
    """A wall-clock step (like NTP) changes now() but elapsed-time sleeps keep waiting."""
    clock = FakeClock(NINE_UTC)
    sleeper = asyncio.ensure_future(clock.sleep(60))
    await asyncio.sleep(0)
    clock.step(dt.timedelta(hours=2))
    await asyncio.sleep(0)
    assert clock.now() == NINE_UTC + dt.timedelta(hours=2)
    assert not sleeper.done()
    await clock.advance(60)
    assert sleeper.done()
