"""One user's turn: the loaded document, the locale, the clock reading and the replies so far.

A turn is created under the user's lock; routes read and change ``turn.doc`` and add replies;
``commit`` writes the document durably, so a route can say "saved" only after it returned.
The history (check-ins) is not loaded with the document: a route that shows or changes it
calls ``load_history`` first; a finished check-in is added with ``add_checkin``, which
appends one record in the commit's save without reading the history at all.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from bot.domain.countries import Country, Place, single_zone
from bot.domain.faq import FaqTopic
from bot.domain.models import (
    OUTBOX_LEASE,
    CheckIn,
    FlowState,
    HistoryInfo,
    KeptButton,
    KeptReply,
    Outbox,
    UserDoc,
)
from bot.domain.pregnancy import cycle_day, days_since, weeks_from_due_date
from bot.domain.stage import LifeStage
from bot.services.events import Button, Incoming, Reply
from bot.services.safety_reply import Stage, fits_stage
from bot.services.stored_form import stored_form
from bot.storage.base import JsonDoc, JsonText, StorageError

if TYPE_CHECKING:
    from bot.services.deps import Deps

log = logging.getLogger("bot.turn")


#: How far the earliest local date on Earth lags UTC (the zones at UTC-12).
EARLIEST_OFFSET = dt.timedelta(hours=12)


@dataclass
class Turn:
    """The state of handling one Incoming for one user."""

    deps: Deps
    incoming: Incoming
    key: str
    log_id: str
    now: dt.datetime
    doc: UserDoc | None
    locale: str
    replies: list[Reply] = field(default_factory=list)
    toast: str | None = None
    dirty: bool = False
    deleted: bool = False
    kept: bool = False  # the replies were stored in the document's outbox by the last commit
    wrote: bool = False  # a write of the document was attempted
    added: list[CheckIn] = field(default_factory=list)  # to append at the next commit
    stored_ids: set[str] | None = None  # ids in the stored history, once loaded
    shown_anew: str | None = None  # the flow session (or menu) this turn sends anew
    saved: JsonText | JsonDoc | None = None  # the document as the last commit wrote it
    safety_first: bool = False  # a red flag's or a crisis call to action is among the replies

    # -- words -------------------------------------------------------------------------------
    def t(self, key: str, **context: Any) -> str:
        """A string in the user's locale, knowing the user's place and stage."""
        return self.deps.catalog.t(self.locale, key, **(self._shared() | context))

    def render(self, template: str, **context: Any) -> str:
        """A template in the user's locale, knowing the user's place and stage."""
        return self.deps.catalog.render(self.locale, template, **(self._shared() | context))

    def fill(self, text: str) -> str:
        """Content text (a reason's words) for this user's place and stage."""
        return self.deps.catalog.fill(self.locale, text, **self._shared())

    def _shared(self) -> dict[str, Any]:
        # The variables every string may read (bot.catalog.strings.SHARED): the call to
        # action names the country's number and fits the stage.
        return {"place": self.place, "stage": self.status}

    @property
    def place(self) -> Place:
        """The user's country and its emergency numbers, for the words of every reply (the
        call to action names "112" in Spain, "your local emergency number" when unknown)."""
        return self.deps.catalog.place(self.doc.profile.country if self.doc else None)

    def button(self, key: str, data: str) -> Button:
        """A button whose label is the string ``key``."""
        return Button(self.t(key), data)

    def say(
        self,
        text: str,
        buttons: list[list[Button]] | None = None,
        *,
        edit: bool = False,
        typed_input: bool = False,
        numeric: bool = False,
    ) -> None:
        """Queue a reply; ``typed_input``: a typed answer is awaited, ``numeric``: a number."""
        self.replies.append(
            Reply(
                text=text,
                buttons=buttons or [],
                edit=edit,
                typed_input=typed_input or numeric,
                numeric=numeric,
            )
        )

    def close_keyboard(self, message_id: int | None) -> None:
        """Take the buttons off an earlier message (a replaced or finished step), if known and
        not the message this turn edits in place."""
        if message_id is not None and message_id != self.incoming.message_id:
            self.replies.append(Reply(close=message_id))

    @property
    def live_keyboard(self) -> int | None:
        """The message whose step keyboard is live (kept in the flow state), when known."""
        state = self.doc.state if self.doc else None
        return state.message_id if state is not None else None

    def step_shown(self, previous: int | None, state: FlowState | None, *, edit: bool) -> None:
        """One live step keyboard (check-in, onboarding, reminder pickers): the message edited
        in place becomes the step's (``state.message_id``); a step sent anew, or a flow that
        ended, closes the earlier step's keyboard (``previous``); a new message's id is
        reported by the adapter once sent (``Outcome.shown``, ``ChatService.delivered``)."""
        self.close_keyboard(previous)
        if state is not None:
            state.message_id = self.incoming.message_id if edit else None
            self.shown_anew = None if edit else state.session
            self.touch()

    @property
    def shown(self) -> str | None:
        """The flow session whose step keyboard went out as a new message, if it is still the
        user's flow and no id is known for it (see ``step_shown``), or the session of the
        reminders menu sent anew."""
        if self.doc is None or self.deleted or self.shown_anew is None:
            return None
        # A flow's step, or the reminders menu (``LiveMenu``), whose id is not known yet.
        for live in (self.doc.state, self.doc.reminders_menu):
            if live is not None and live.session == self.shown_anew and live.message_id is None:
                return self.shown_anew
        return None

    @contextmanager
    def step(self) -> Iterator[None]:
        """Around a route of a guided flow (onboarding, the reminder pickers): when it answered,
        the step it showed (or the flow's end) is the one live keyboard (``step_shown``); a
        route that only toasts, or did not take the text, leaves the keyboards as they are."""
        previous, mark = self.live_keyboard, len(self.replies)
        yield
        added = self.replies[mark:]
        if added:
            state = self.doc.state if self.doc else None
            self.step_shown(previous, state, edit=any(reply.edit for reply in added))
            # The old keyboard goes before the route's replies, as a check-in's does.
            closing = self.replies[mark + len(added) :]
            self.replies[mark:] = [*closing, *added]

    # -- time and stage ----------------------------------------------------------------------
    @property
    def zone(self) -> str | None:
        """The user's IANA time zone: the one in their reminder settings, else their country's
        when it has only one, else None (not known yet)."""
        if self.doc is None:
            return None
        prefs = self.doc.reminder
        if prefs.tz_chosen or prefs.tz != "UTC":
            return prefs.tz
        country = self.country
        return single_zone(country, self.now.date()) if country is not None else None

    @property
    def country(self) -> Country | None:
        """The row of the user's country in the countries table, if known."""
        code = self.doc.profile.country if self.doc else None
        return self.deps.catalog.countries.countries.get(code) if code else None

    @property
    def today(self) -> dt.date:
        """The user's local date (in ``zone``; the UTC date while the zone is not known)."""
        try:
            return self.now.astimezone(ZoneInfo(self.zone or "UTC")).date()
        except (KeyError, ValueError):
            return self.now.date()

    @property
    def weeks_anchor(self) -> dt.date:
        """The date from which typed or tapped pregnancy weeks become a due date: ``today``
        where the zone is known, else the earliest date anywhere (UTC-12). A person who says
        "8 weeks" in onboarding, before any zone is known, must read 8 weeks afterwards in
        whatever zone they turn out to be; from a later date they would read 7."""
        if self.zone is not None:
            return self.today
        return (self.now.astimezone(dt.UTC) - EARLIEST_OFFSET).date()

    @property
    def status(self) -> str | None:
        """The user's life stage, if known."""
        return self.doc.profile.status if self.doc else None

    @property
    def weeks(self) -> int | None:
        """Completed pregnancy weeks today, from the stored due date."""
        if self.doc is None or self.doc.profile.status != "pregnant":
            return None
        due = self.doc.profile.due_date
        return weeks_from_due_date(due, self.today) if due else None

    @property
    def cycle_day(self) -> int | None:
        """Cycle day today, when not pregnant and the period start is known."""
        if self.doc is None or self.doc.profile.status != "not_pregnant":
            return None
        start = self.doc.profile.cycle_start
        return cycle_day(start, self.today) if start else None

    @property
    def days_since_end(self) -> int | None:
        """Days since the birth or the end of the pregnancy, when its date is known."""
        if self.doc is None or self.doc.profile.status not in ("postpartum", "after_loss"):
            return None
        end = self.doc.profile.end_date
        return days_since(end, self.today) if end else None

    @property
    def stage(self) -> LifeStage:
        """What is known of the user's life stage today (for the check-in and the words)."""
        return LifeStage(self.status, self.weeks, self.cycle_day, self.days_since_end)

    def topics_for_stage(
        self, topic_ids: Iterable[str], stage: Stage | None = None
    ) -> list[FaqTopic]:
        """The topics of ``topic_ids`` (in order) that exist in the user's locale and fit their
        stage and weeks (or ``stage``): an offered topic never belongs to another life stage."""
        stage = stage or Stage(self.status, self.weeks)
        found = (self.deps.catalog.topic(self.locale, topic_id) for topic_id in topic_ids)
        return [topic for topic in found if topic is not None and fits_stage(topic, stage)]

    def stage_line(self) -> str:
        """One sentence describing the user's stage."""
        status, weeks = self.status, self.weeks
        if status is None:
            return self.t("stage.none")
        if status == "pregnant":
            return (
                self.t("stage.pregnant", weeks=weeks)
                if weeks is not None
                else self.t("stage.pregnant_unknown")
            )
        if status == "not_pregnant" and self.cycle_day is not None:
            return self.t("stage.not_pregnant_day", day=self.cycle_day)
        return self.t(f"stage.{status}")

    async def audit(self, action: str) -> None:
        """Record an audit event: the action, the hashed user id and the time; never content."""
        event = {"action": action, "user": self.log_id, "at": self.now.isoformat()}
        try:
            await self.deps.storage.append_audit(event)
        except StorageError:
            log.error("audit_failed", extra={"user": self.log_id, "action": action})

    # -- storage -----------------------------------------------------------------------------
    async def load_history(self) -> bool:
        """Load the user's check-ins into ``doc.checkins`` (once); False when they cannot be
        read (logged; the caller says so)."""
        doc = self.doc
        if doc is None or doc.history_loaded:
            return True
        try:
            records = await self.deps.storage.load_history(self.key)
            checkins = [CheckIn.model_validate(r) for r in records]
        except (StorageError, ValidationError) as exc:
            error = type(exc).__name__
            log.error("history_load_failed", extra={"user": self.log_id, "error": error})
            return False
        doc.checkins = [*checkins, *self.added]
        self.stored_ids = {c.id for c in checkins}
        return True

    def add_checkin(self, record: CheckIn) -> None:
        """Add a check-in to the history (appended by the next commit) and its summary."""
        assert self.doc is not None
        self.added.append(record)
        self.doc.history = self.doc.history.plus(record)
        if self.doc.history_loaded:
            self.doc.checkins = [*self.doc.checkins, record]
        self.touch()

    def touch(self) -> None:
        """Mark the document changed (it will be written at the end of the turn)."""
        self.dirty = True

    async def commit(self) -> bool:
        """Write the document now, with the replies queued so far kept in its outbox; True
        when durable. Never raises for storage failures.

        Queue the replies that report success *before* committing (see ``commit_saying``):
        they are stored in the same write, so a crash before they are sent cannot lose them.
        """
        if self.doc is None:
            return True
        self.wrote = True
        update_id = self.incoming.update_id
        if update_id is not None:
            self.doc.mark_update(update_id)
            self.doc.outbox = _outbox(update_id, self.replies, self.now + OUTBOX_LEASE)
        self.kept = self.doc.outbox is not None and update_id is not None
        self.doc.last_seen = self.now
        removed: list[str] = []
        if self.stored_ids is not None:
            removed = sorted(self.stored_ids - {c.id for c in self.doc.checkins})
            if removed:
                self.doc.history = HistoryInfo.of(self.doc.checkins)
        form = stored_form(self.doc)
        self.saved = None
        try:
            await self.deps.storage.save_user(
                self.key,
                form,
                append=[c.model_dump(mode="json") for c in self.added],
                remove=removed,
            )
        except StorageError as exc:
            log.error("save_failed", extra={"user": self.log_id, "error": type(exc).__name__})
            # The caller tells the user it was not saved; do not try the same write again.
            self.dirty = False
            self.kept = False
            return False
        self.dirty = False
        self.saved = form
        if self.stored_ids is not None:
            self.stored_ids = {c.id for c in self.doc.checkins}
        self.added = []
        return True

    async def commit_saying(self, saved: Callable[[], None], not_saved: Callable[[], None]) -> bool:
        """Queue the replies for success, commit them with the document, and replace them by
        the failure replies when the write failed; True when saved."""
        mark = len(self.replies)
        saved()
        if await self.commit():
            return True
        del self.replies[mark:]
        not_saved()
        return False


def _outbox(update_id: int, replies: list[Reply], until: dt.datetime) -> Outbox | None:
    """The text replies worth keeping until sent (files are re-made by running the turn again)."""
    kept = [
        KeptReply(
            text=r.text,
            buttons=[[KeptButton(label=b.label, data=b.data) for b in row] for row in r.buttons],
            edit=r.edit,
            typed_input=r.typed_input,
        )
        for r in replies
        if r.document is None and r.photo is None and r.text
    ]
    return Outbox(update_id=update_id, replies=kept, until=until) if kept else None


def kept_replies(outbox: Outbox) -> list[Reply]:
    """The stored replies as replies to send again."""
    return [
        Reply(
            text=r.text,
            buttons=[[Button(b.label, b.data) for b in row] for row in r.buttons],
            edit=r.edit,
            typed_input=r.typed_input,
        )
        for r in outbox.replies
    ]
