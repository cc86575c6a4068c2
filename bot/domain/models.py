"""The stored shapes: a user's profile, check-ins, reminder preferences and conversation state.

A user's state lives in one document (``UserDoc``), so one atomic write stores an answer
together with the update id that carried it (idempotency) and nothing of one user is ever
stored in another's document. Completed check-ins are the user's history, stored beside the
state (``Storage.save_user(..., append=...)``) and read only when needed, so a tap does not
rewrite them; the state keeps a summary (``HistoryInfo``) for reminders and retention. Models
hide input values from validation errors, because those values are health data and errors
end up in logs.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from bot.domain.vocabulary import Answers

# 2: check-ins moved out of the document into the history (bot/storage/history_layout.py).
SCHEMA_VERSION = 2
# How long replies kept in the outbox belong to the process that stored them (it normally
# sends them within a second or two; replies queued behind Telegram's rate limit take longer).
OUTBOX_LEASE = dt.timedelta(seconds=10)
# Telegram keeps an undelivered update for at most 24 h; twice that covers any re-delivery.
PROCESSED_UPDATES_KEPT = 64


def new_id() -> str:
    """An opaque random record id (96 bits), never a storage row number (RELIABILITY D9)."""
    return secrets.token_hex(12)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, validate_assignment=True)


class CheckIn(_Model):
    """One completed (or danger-sign-stopped) check-in with its triage outcome."""

    id: str = Field(default_factory=new_id)
    at: dt.datetime
    local_date: dt.date
    answers: Answers
    level: str
    reasons: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)


class ReminderPrefs(_Model):
    """Daily reminder settings; the schedule is always derived from these (never persisted jobs)."""

    enabled: bool = False
    time: str = "20:00"  # HH:MM local
    tz: str = "UTC"  # IANA name, never a fixed offset
    # True once the person picked, typed or shared the zone; until then a reminder turned on
    # takes the zone of their country when it has only one (bot/reminders/settings.py).
    tz_chosen: bool = False
    paused_until: dt.date | None = None
    snoozed_until: dt.datetime | None = None
    last_sent_date: dt.date | None = None  # local date of the last reminder sent
    last_skipped_date: dt.date | None = None  # local date skipped (missed beyond grace)


class LiveMenu(_Model):
    """A menu outside any flow (the reminder settings) whose buttons are live: ``session``
    names the one shown last, ``message_id`` its message once known, so the menu shown anew
    after it closes it."""

    session: str = Field(default_factory=lambda: secrets.token_hex(4))
    message_id: int | None = None


class FlowState(_Model):
    """Where the user is in a guided conversation (check-in, onboarding, settings)."""

    flow: str
    session: str = Field(default_factory=lambda: secrets.token_hex(4))
    step: str = ""
    history: list[str] = Field(default_factory=list)  # steps answered, for "back"
    answers: dict[str, Any] = Field(default_factory=dict)
    pending: list[str] = Field(default_factory=list)  # multi-select choices not yet confirmed
    message_id: int | None = None
    started_at: dt.datetime | None = None
    # The id the check-in's record gets: the same when a save is repeated after a crash, so
    # the history holds it once.
    record_id: str = Field(default_factory=new_id)
    # A red flag typed while the check-in ran: its result is never weaker than that.
    typed_level: str | None = None
    typed_crisis: list[str] = Field(default_factory=list)


Status = Literal["pregnant", "possibly_pregnant", "not_pregnant", "postpartum", "after_loss"]


class Profile(_Model):
    """What the user told us about themselves, after consent."""

    status: Status | None = None
    due_date: dt.date | None = None
    cycle_start: dt.date | None = None  # first day of the last period (not pregnant)
    end_date: dt.date | None = None  # the day of the birth or the loss (postpartum, after_loss)
    # The day a pregnant user past the due date answered "not yet" to "has your baby arrived?".
    still_pregnant_on: dt.date | None = None
    # Where the user is (ISO 3166 alpha-2, a code of content/countries.yaml): the emergency
    # and help numbers replies name. Absent in documents stored before it existed.
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")


class KeptButton(_Model):
    """An inline button of a kept reply."""

    label: str
    data: str


class KeptReply(_Model):
    """A text reply stored with the answer that caused it, until it is confirmed sent."""

    text: str
    buttons: list[list[KeptButton]] = Field(default_factory=list)
    edit: bool = False
    typed_input: bool = False


class Outbox(_Model):
    """The replies to the last stored update, so they can be sent again if they were lost.

    Written in the same write as the update's effects; once the replies went out, the update
    id is marked sent in the store (``Storage.mark_sent``, no document write), and the next
    stored update replaces the outbox. A re-delivery of an update stored but never marked
    sent (a crash came between) gets these replies instead of silence. Files (export,
    chart, summary) are not kept: the turns that send them write no document, so a
    re-delivered one is simply handled again.
    """

    update_id: int
    replies: list[KeptReply]
    # Until then the process that stored them may still be sending them: a copy of the
    # update that reaches another process meanwhile waits instead of answering twice.
    until: dt.datetime


class HistoryInfo(_Model):
    """What the state knows of the history without reading it: how many check-ins, the
    latest one's time and local date (reminders skip a day with a check-in; retention)."""

    count: int = 0
    last_at: dt.datetime | None = None
    last_local_date: dt.date | None = None

    @classmethod
    def of(cls, checkins: list[CheckIn]) -> HistoryInfo:
        """The summary of a whole history."""
        if not checkins:
            return cls()
        return cls(
            count=len(checkins),
            last_at=max(c.at for c in checkins),
            last_local_date=max(c.local_date for c in checkins),
        )

    def plus(self, record: CheckIn) -> HistoryInfo:
        """The summary with one more check-in."""
        return HistoryInfo(
            count=self.count + 1,
            last_at=max(record.at, self.last_at) if self.last_at else record.at,
            last_local_date=(
                max(record.local_date, self.last_local_date)
                if self.last_local_date
                else record.local_date
            ),
        )


class HistoryNotLoadedError(RuntimeError):
    """``UserDoc.checkins`` was read before the history was loaded into the document."""


class UserDoc(_Model):
    """A user's stored state; with their history, the unit of export and erasure."""

    schema_version: int = SCHEMA_VERSION
    key: str
    chat_id: int
    locale: str = "en"
    created_at: dt.datetime
    consent_at: dt.datetime | None = None
    active: bool = True
    profile: Profile = Field(default_factory=Profile)
    history: HistoryInfo = Field(default_factory=HistoryInfo)
    reminder: ReminderPrefs = Field(default_factory=ReminderPrefs)
    state: FlowState | None = None
    reminders_menu: LiveMenu | None = None
    processed_updates: list[int] = Field(default_factory=list)
    outbox: Outbox | None = None
    last_seen: dt.datetime | None = None
    # The history, once loaded (``Turn.load_history``); never part of the stored state.
    _checkins: list[CheckIn] | None = PrivateAttr(default=None)

    @property
    def checkins(self) -> list[CheckIn]:
        """The user's check-ins, in the order they were stored; only after they were loaded."""
        if self._checkins is None:
            raise HistoryNotLoadedError("load the history before reading check-ins")
        return self._checkins

    @checkins.setter
    def checkins(self, records: list[CheckIn]) -> None:
        self._checkins = list(records)

    @property
    def history_loaded(self) -> bool:
        """True once the check-ins were loaded (or set)."""
        return self._checkins is not None

    def seen_update(self, update_id: int) -> bool:
        """True when this update was already processed (a re-delivery)."""
        return update_id in self.processed_updates

    def mark_update(self, update_id: int) -> None:
        """Remember an update id in the same write as its effects."""
        if update_id not in self.processed_updates:
            self.processed_updates = [*self.processed_updates, update_id][-PROCESSED_UPDATES_KEPT:]
