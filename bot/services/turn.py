"""One user's turn: the loaded document, the locale, the clock reading and the replies so far.

A turn is created under the user's lock; routes read and change ``turn.doc`` and add replies;
``commit`` writes the document durably, so a route can say "saved" only after it returned.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.domain.models import UserDoc
from bot.domain.pregnancy import cycle_day, weeks_from_due_date
from bot.services.events import Button, Incoming, Reply
from bot.storage.base import StorageError

if TYPE_CHECKING:
    from bot.services.deps import Deps

log = logging.getLogger("bot.turn")


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

    # -- words -------------------------------------------------------------------------------
    def t(self, key: str, **context: Any) -> str:
        """A string in the user's locale."""
        return self.deps.catalog.t(self.locale, key, **context)

    def render(self, template: str, **context: Any) -> str:
        """A template in the user's locale."""
        return self.deps.catalog.render(self.locale, template, **context)

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
    ) -> None:
        """Queue a reply."""
        self.replies.append(
            Reply(text=text, buttons=buttons or [], edit=edit, typed_input=typed_input)
        )

    # -- time and stage ----------------------------------------------------------------------
    @property
    def today(self) -> dt.date:
        """The user's local date (time zone from their reminder settings, UTC by default)."""
        tz = self.doc.reminder.tz if self.doc else "UTC"
        try:
            return self.now.astimezone(ZoneInfo(tz)).date()
        except (KeyError, ValueError):
            return self.now.date()

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
    def touch(self) -> None:
        """Mark the document changed (it will be written at the end of the turn)."""
        self.dirty = True

    async def commit(self) -> bool:
        """Write the document now; True when durable. Never raises for storage failures."""
        if self.doc is None:
            return True
        if self.incoming.update_id is not None:
            self.doc.mark_update(self.incoming.update_id)
        self.doc.last_seen = self.now
        try:
            await self.deps.storage.save_user(self.key, self.doc.model_dump(mode="json"))
        except StorageError as exc:
            log.error("save_failed", extra={"user": self.log_id, "error": type(exc).__name__})
            # The caller tells the user it was not saved; do not try the same write again.
            self.dirty = False
            return False
        self.dirty = False
        return True
