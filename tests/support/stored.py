"""A whole user in and out of storage as tests think of it: state plus check-ins in one dict.

Tests build users as one document with their check-ins under ``"checkins"`` (the shape
exports show); the store keeps the check-ins in the history and a summary in the state.
``store_user`` splits such a document exactly as the migration does, and ``whole_user``
puts the stored parts back together, so a test can compare what it stored with what it
finds.
"""

from __future__ import annotations

from typing import Any

from bot.domain.models import UserDoc
from bot.storage.base import JsonDoc, Storage
from bot.storage.history_layout import SUMMARY_FIELD, split_legacy


def as_dict(doc: UserDoc | JsonDoc, checkins: list[Any] | None = None) -> JsonDoc:
    """A model (plus its check-ins, when given) as one JSON-mode document."""
    if isinstance(doc, UserDoc):
        found = doc.checkins if doc.history_loaded else []
        records = [c.model_dump(mode="json") for c in (checkins if checkins is not None else found)]
        return doc.model_dump(mode="json") | {"checkins": records}
    return doc


def split(doc: UserDoc | JsonDoc) -> tuple[JsonDoc, list[JsonDoc]]:
    """The state and the history records the store keeps for a whole user."""
    whole = as_dict(doc)
    parts = split_legacy({"checkins": [], **whole}, "test user")
    assert parts is not None
    return parts


async def store_user(storage: Storage, key: str, doc: UserDoc | JsonDoc) -> None:
    """Save a whole user: its check-ins appended to the history, the rest as the state."""
    state, records = split(doc)
    await storage.save_user(key, state, append=records)


async def whole_user(storage: Storage, key: str) -> JsonDoc | None:
    """The stored state without its summary, with the history under ``"checkins"``."""
    state = await storage.load_user(key)
    if state is None:
        return None
    state.pop(SUMMARY_FIELD, None)
    return state | {"checkins": await storage.load_history(key)}


def expected_whole(doc: UserDoc | JsonDoc) -> JsonDoc:
    """What ``whole_user`` returns after ``store_user(doc)``."""
    state, records = split(doc)
    state.pop(SUMMARY_FIELD, None)
    return state | {"checkins": records}


def with_checkins(doc: UserDoc, checkins: list[Any]) -> UserDoc:
    """``doc`` with its history loaded as ``checkins`` and the summary to match."""
    from bot.domain.models import HistoryInfo

    doc.history = HistoryInfo.of(checkins)
    doc.checkins = checkins
    return doc


async def state_and_history(storage: Storage, key: str) -> JsonDoc | None:
    """The stored state (summary included) with the history under ``"checkins"``."""
    state = await storage.load_user(key)
    if state is None:
        return None
    return state | {"checkins": await storage.load_history(key)}
