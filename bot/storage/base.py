"""The Storage protocol every engine implements, and the errors it raises.

Documents are plain JSON-compatible dicts (or, to save, ``JsonText``: the same already
serialised): the storage layer does not know the user model,
so engines stay small and the contract suite in ``tests/contract`` can test all of them
the same way. A write is durable when the awaited call returns; callers acknowledge to the
user only after that.

Each user has two parts: a small **state** document (profile, settings, conversation,
processed update ids, outbox), which every turn loads and replaces, and a **history** of
records (check-ins), which grows and is read only when asked for. A save replaces the state
and, in the same durable step, appends and removes history records, so a tap in the middle
of a check-in writes the small state only, and completing one appends one record.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, Protocol

JsonDoc = dict[str, Any]


class JsonText(str):
    """A JSON object already serialised by the application (its model's own serialiser).

    ``save_user`` stores it as it is: the hot path then serialises a document once instead
    of building a dict and encoding that. Only trusted code makes one; it is never user input.
    """


# Raises (any exception) when a stored user document does not match the application's schema.
# Engines call it at start-up only; they stay ignorant of the model itself.
DocValidator = Callable[[JsonDoc], object]
# How many user documents a quick start-up check reads (all of them below this number).
START_UP_SAMPLE = 1000


# Set in tasks whose storage work nobody is waiting for (the reminder fan-out, the daily
# purge): engines let such work queue only a little at a time, so a user's turn is never
# stuck behind dozens of background reads and writes.
_background: ContextVar[bool] = ContextVar("storage_background", default=False)


def work_in_background() -> None:
    """Mark the calling task (and tasks it starts) as background storage work."""
    _background.set(True)


def in_background() -> bool:
    """True inside a task marked with ``work_in_background``."""
    return _background.get()


class StorageError(Exception):
    """A storage operation failed; nothing was written by it."""


class StorageFullError(StorageError):
    """The disk (or database) is full; the write did not happen and earlier data is intact."""


class StorageCorruptError(StorageError):
    """Stored data does not parse or does not match the schema; the engine refuses to serve it."""


def check_schema(validate: DocValidator, doc: JsonDoc, what: str) -> None:
    """Raise StorageCorruptError naming ``what`` when ``doc`` fails ``validate``.

    Only the name is reported: the validator's own message can quote stored values.
    """
    try:
        validate(doc)
    except Exception:
        raise StorageCorruptError(f"{what} does not match the user document schema") from None


class Storage(Protocol):
    """Per-user documents plus a few global, user-free collections."""

    def user_lock(
        self, key: str, *, update_id: int | None = None
    ) -> AbstractAsyncContextManager[None]:
        """Serialise all work on one user's document (load, decide, save) across tasks.

        ``update_id`` names the update the block handles: an engine may read its sent mark
        together with taking the lock (``was_sent`` inside the block then costs nothing).
        """
        ...

    async def load_user(self, key: str) -> JsonDoc | None:
        """Return the user's document, or None when there is none."""
        ...

    async def save_user(
        self,
        key: str,
        doc: JsonDoc | JsonText,
        *,
        append: Sequence[JsonDoc] = (),
        remove: Sequence[str] = (),
    ) -> None:
        """Replace the user's state document durably (the old or the new, never a mix), and
        append the ``append`` history records and remove the records whose ids are in
        ``remove``, all durable when this returns.

        Each record is a JSON object with a string ``"id"``. Appending a record whose id is
        stored already changes nothing (so a save repeated after a crash adds no duplicate).
        Engines that cannot make both parts one atomic write write the history first: a crash
        between the two leaves the records and the old state, and the repeated save completes it.
        """
        ...

    async def load_history(self, key: str) -> list[JsonDoc]:
        """The user's history records in the order they were first appended ([] when none)."""
        ...

    async def swap_user(
        self,
        key: str,
        expected: JsonDoc | JsonText,
        doc: JsonDoc | JsonText,
        *,
        mark_sent: int | None = None,
    ) -> bool:
        """Replace the user's state by ``doc`` only if it is still ``expected`` (as this caller
        saved it), under the user lock; with ``mark_sent``, also ``mark_sent`` that update
        whatever the outcome. True when swapped; durable on return.

        For a small change after the replies went out (the id of a step's message), where
        an engine can do it all in one write instead of a lock, a load and a save.
        """
        ...

    async def delete_user(self, key: str) -> bool:
        """Erase the user's state and history; True when a state document was erased."""
        ...

    def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        """Every stored (key, state document), in no particular order (reminder rebuild, purge);
        history records are not read."""
        ...

    async def count_users(self) -> int:
        """How many user documents are stored."""
        ...

    async def add_feedback(self, topic: str, helpful: bool) -> None:
        """Count one helpful / not helpful vote for an FAQ topic (no user id is stored)."""
        ...

    async def feedback_counts(self) -> dict[str, dict[str, int]]:
        """Votes per topic: ``{topic: {"helpful": n, "not_helpful": m}}``."""
        ...

    async def add_content_gap(self, text: str, lang: str, at: str) -> None:
        """Keep an unmatched question for content editors, without any user id."""
        ...

    async def content_gaps(self) -> list[JsonDoc]:
        """Unmatched questions, oldest first: ``[{"text", "lang", "at"}]``."""
        ...

    async def append_audit(self, event: JsonDoc) -> None:
        """Append one audit event (action, hashed user id, time; never content)."""
        ...

    async def audit_events(self) -> list[JsonDoc]:
        """All audit events, oldest first."""
        ...

    # True when several processes may use the store at once (PostgreSQL); then another
    # process may be handling an update right now, which a single instance rules out.
    shared: bool

    async def mark_sent(self, update_id: int) -> None:
        """Record that the replies to ``update_id`` went out (no user id is stored with it).

        It survives a crash of the process; file engines do not fsync it, so after a power
        loss a mark may be missing and those replies may be sent once more (RELIABILITY R6).
        """
        ...

    async def was_sent(self, update_id: int) -> bool:
        """True when ``mark_sent(update_id)`` was recorded (by any process sharing the store)."""
        ...

    async def prune_sent(self, before: datetime) -> int:
        """Forget marks recorded before ``before`` (keep >= 48 h); return how many."""
        ...

    async def close(self) -> None:
        """Release files, locks and connections."""
        ...
