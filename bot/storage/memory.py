"""In-memory storage engine for tests, plus the per-key locks and key check every engine shares.

``MemoryStorage`` behaves like the durable engines as far as callers can tell: documents go
in and come out as JSON round-trips (so a caller cannot mutate stored state, and anything
that would not survive a real engine fails here too), keys are validated the same way, and
``fail_next_save`` makes the next save raise like a full disk would.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.storage.atomic import dump_json
from bot.storage.base import JsonDoc, JsonText, Storage, StorageError, StorageFullError

USER_KEY_RE = re.compile(r"[0-9a-f]{16,128}")
DEFAULT_MAX_CONTENT_GAPS = 1000
# Sent marks kept at most: Telegram re-delivers within 24 h, and far fewer updates than this
# arrive in a day for the deployments one process serves.
MAX_SENT_MARKS = 200_000


class SentMarks:
    """Update ids whose replies went out, with when; the oldest go beyond ``limit``."""

    def __init__(self, limit: int = MAX_SENT_MARKS) -> None:
        """Start empty."""
        self._marks: OrderedDict[int, datetime] = OrderedDict()
        self._limit = limit

    def add(self, update_id: int, at: datetime) -> None:
        """Record one mark (again: keeps the first time)."""
        self._marks.setdefault(update_id, at)
        while len(self._marks) > self._limit:
            self._marks.popitem(last=False)

    def __contains__(self, update_id: object) -> bool:
        return update_id in self._marks

    def __len__(self) -> int:
        return len(self._marks)

    def prune(self, before: datetime) -> int:
        """Drop marks recorded before ``before``; return how many."""
        old = [i for i, at in self._marks.items() if at < before]
        for update_id in old:
            del self._marks[update_id]
        return len(old)

    def items(self) -> list[tuple[int, datetime]]:
        """Every (update id, time), oldest first."""
        return list(self._marks.items())


def check_user_key(key: str) -> str:
    """Return ``key`` if it is an opaque lower-case hex HMAC; raise ValueError otherwise.

    Engines use the key as a file name or row id, so anything else (path separators, dots,
    raw Telegram ids) is refused before it reaches the disk.
    """
    if not isinstance(key, str) or USER_KEY_RE.fullmatch(key) is None:
        # The rejected value is not echoed: it may be a raw Telegram id.
        raise ValueError("user key must be 16-128 lower-case hex characters")
    return key


def json_text(doc: Any) -> str:
    """Serialise ``doc`` as a JSON engine would (``dump_json``: compact, ASCII only, so lone
    surrogates stay storable); StorageError if it is not JSON."""
    return dump_json(doc).decode("ascii")


def doc_text(doc: JsonDoc | JsonText) -> str:
    """A user document as the JSON text an engine stores; StorageError when it is not one."""
    if isinstance(doc, JsonText):
        return str(doc)
    if not isinstance(doc, dict):
        raise StorageError("a user document must be a JSON object")
    return json_text(doc)


async def swap_under_lock(
    storage: Storage,
    key: str,
    expected: JsonDoc | JsonText,
    doc: JsonDoc | JsonText,
    mark_sent: int | None,
) -> bool:
    """``Storage.swap_user`` made of the engine's other operations (mark, lock, load, compare,
    save), for engines where each costs no round trip."""
    if mark_sent is not None:
        await storage.mark_sent(mark_sent)
    async with storage.user_lock(key):
        current = await storage.load_user(key)
        if current is None or current != json.loads(doc_text(expected)):
            return False
        await storage.save_user(key, doc)
        return True


def record_texts(records: Sequence[JsonDoc]) -> list[tuple[str, str]]:
    """(id, JSON text) of each history record; StorageError unless each is an object with a
    non-empty string ``"id"``."""
    texts = []
    for record in records:
        if not isinstance(record, dict):
            raise StorageError("a history record must be a JSON object")
        record_id = record.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise StorageError("a history record needs a string id")
        texts.append((record_id, json_text(record)))
    return texts


def json_copy(doc: Any) -> Any:
    """Deep-copy ``doc`` the way a JSON engine would store it; StorageError if it is not JSON."""
    return json.loads(json_text(doc))


@dataclass
class _KeyedLock:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    holders: int = 0


class KeyedLocks:
    """One asyncio.Lock per key, dropped again when no task holds or waits for it."""

    def __init__(self) -> None:
        """Start with no locks."""
        self._locks: dict[str, _KeyedLock] = {}

    def __len__(self) -> int:
        """How many keys currently have a lock (held or awaited)."""
        return len(self._locks)

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock for ``key`` for the duration of the ``async with`` block."""
        entry = self._locks.get(key)
        if entry is None:
            entry = self._locks[key] = _KeyedLock()
        # Counting waiters as well as the holder keeps a second waiter from getting a fresh
        # lock after the first one's exit removed the entry.
        entry.holders += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.holders -= 1
            if entry.holders == 0:
                del self._locks[key]


class MemoryStorage:
    """Everything in dicts; lost when the process ends. For tests and the console chat."""

    shared = False  # one process: nothing else can be handling an update at the same time

    def __init__(
        self,
        *,
        max_content_gaps: int = DEFAULT_MAX_CONTENT_GAPS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Start empty; keep at most ``max_content_gaps`` newest unmatched questions."""
        self._clock = clock
        self._users: dict[str, str] = {}
        self._history: dict[str, dict[str, str]] = {}  # key -> record id -> text, in order
        self._feedback: dict[str, dict[str, int]] = {}
        self._gaps: list[JsonDoc] = []
        self._audit: list[JsonDoc] = []
        self._locks = KeyedLocks()
        self._max_content_gaps = max_content_gaps
        self._next_save_error: StorageError | None = None
        self._sent = SentMarks()
        self._closed = False

    def fail_next_save(self, error: StorageError | None = None) -> None:
        """Make the next save raise ``error`` (default StorageFullError) and store nothing."""
        self._next_save_error = error or StorageFullError("simulated full disk")

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError("storage is closed")

    def user_lock(
        self, key: str, *, update_id: int | None = None
    ) -> AbstractAsyncContextManager[None]:
        """Serialise all work on one user's document across tasks."""
        return self._locks.hold(check_user_key(key))

    async def load_user(self, key: str) -> JsonDoc | None:
        """Return a copy of the user's document, or None."""
        check_user_key(key)
        self._check_open()
        text = self._users.get(key)
        return None if text is None else dict(json.loads(text))

    async def save_user(
        self,
        key: str,
        doc: JsonDoc | JsonText,
        *,
        append: Sequence[JsonDoc] = (),
        remove: Sequence[str] = (),
    ) -> None:
        """Replace the user's state with a copy of ``doc`` and change the history, at once."""
        check_user_key(key)
        self._check_open()
        text = doc_text(doc)
        added = record_texts(append)
        if self._next_save_error is not None:
            error, self._next_save_error = self._next_save_error, None
            raise error
        history = self._history.setdefault(key, {})
        for record_id in remove:
            history.pop(record_id, None)
        for record_id, record in added:
            history.setdefault(record_id, record)
        # Stored as text so no reference into the caller's objects survives.
        self._users[key] = text

    async def load_history(self, key: str) -> list[JsonDoc]:
        """Copies of the user's history records, oldest first."""
        check_user_key(key)
        self._check_open()
        return [json.loads(text) for text in self._history.get(key, {}).values()]

    async def delete_user(self, key: str) -> bool:
        """Erase the user's state and history; True when there was a state."""
        check_user_key(key)
        self._check_open()
        self._history.pop(key, None)
        return self._users.pop(key, None) is not None

    async def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        """Every stored (key, document copy), from a snapshot of the keys taken at the start."""
        self._check_open()
        for key in list(self._users):
            doc = await self.load_user(key)
            if doc is not None:
                yield key, doc

    async def count_users(self) -> int:
        """How many user documents are stored."""
        self._check_open()
        return len(self._users)

    async def add_feedback(self, topic: str, helpful: bool) -> None:
        """Count one vote for ``topic``."""
        self._check_open()
        counts = self._feedback.setdefault(topic, {"helpful": 0, "not_helpful": 0})
        counts["helpful" if helpful else "not_helpful"] += 1

    async def feedback_counts(self) -> dict[str, dict[str, int]]:
        """Votes per topic (a copy)."""
        self._check_open()
        return {topic: dict(counts) for topic, counts in self._feedback.items()}

    async def add_content_gap(self, text: str, lang: str, at: str) -> None:
        """Keep an unmatched question; the oldest are dropped beyond the cap."""
        self._check_open()
        self._gaps.append({"text": text, "lang": lang, "at": at})
        del self._gaps[: max(0, len(self._gaps) - self._max_content_gaps)]

    async def content_gaps(self) -> list[JsonDoc]:
        """Unmatched questions, oldest first (copies)."""
        self._check_open()
        return [dict(gap) for gap in self._gaps]

    async def append_audit(self, event: JsonDoc) -> None:
        """Append a copy of one audit event."""
        self._check_open()
        self._audit.append(json_copy(event))

    async def audit_events(self) -> list[JsonDoc]:
        """All audit events, oldest first (copies)."""
        self._check_open()
        return [json_copy(event) for event in self._audit]

    async def swap_user(
        self,
        key: str,
        expected: JsonDoc | JsonText,
        doc: JsonDoc | JsonText,
        *,
        mark_sent: int | None = None,
    ) -> bool:
        """Replace the state by ``doc`` if it is still ``expected``; mark ``mark_sent`` sent."""
        return await swap_under_lock(self, key, expected, doc, mark_sent)

    async def mark_sent(self, update_id: int) -> None:
        """Record that the replies to ``update_id`` went out."""
        self._check_open()
        self._sent.add(update_id, self._clock())

    async def was_sent(self, update_id: int) -> bool:
        """True when ``update_id`` was marked sent."""
        self._check_open()
        return update_id in self._sent

    async def prune_sent(self, before: datetime) -> int:
        """Forget marks recorded before ``before``."""
        self._check_open()
        return self._sent.prune(before)

    async def close(self) -> None:
        """Refuse further use; the data is dropped with the object."""
        self._closed = True
