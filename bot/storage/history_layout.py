"""The move from version 1 (check-ins inside the user document) to state plus history.

This is the one place the storage layer knows the shape of a user document: a version-1
document keeps its check-ins in ``"checkins"``; the new state document holds, instead, a
summary in ``"history"`` (how many, the latest ``at`` and ``local_date``), which the reminder
index and the retention purge read without touching the history. Engines call
``split_legacy`` per user while migrating and check the result with ``records_checksum``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from bot.storage.base import JsonDoc, StorageCorruptError

LEGACY_FIELD = "checkins"
SUMMARY_FIELD = "history"
STATE_SCHEMA_VERSION = 2


def canonical(value: Any) -> bytes:
    """The canonical JSON of a value: sorted keys, no spaces, ASCII, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def checksum(value: Any) -> str:
    """sha256 (hex) of the canonical JSON of ``value``."""
    return hashlib.sha256(canonical(value)).hexdigest()


def records_checksum(records: list[JsonDoc]) -> str:
    """The checksum of a history, in order."""
    return checksum(records)


def summary(records: list[JsonDoc], what: str) -> JsonDoc:
    """The state's summary of a history: count, latest ``at`` and latest ``local_date``."""
    latest: tuple[dt.datetime, str] | None = None
    last_day: str | None = None
    for record in records:
        at, day = record.get("at"), record.get("local_date")
        try:
            when = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
        except ValueError:
            when = None
        if when is None or when.tzinfo is None or not isinstance(day, str):
            raise StorageCorruptError(f"{what} holds a check-in without a valid time and date")
        if latest is None or when > latest[0]:
            latest = (when, str(at))
        last_day = day if last_day is None or day > last_day else last_day
    return {
        "count": len(records),
        "last_at": latest[1] if latest else None,
        "last_local_date": last_day,
    }


def split_legacy(doc: JsonDoc, what: str) -> tuple[JsonDoc, list[JsonDoc]] | None:
    """A version-1 document as (state with summary, check-in records); None when ``doc`` is
    already a state document."""
    if LEGACY_FIELD not in doc:
        return None
    raw = doc[LEGACY_FIELD]
    if not isinstance(raw, list) or not all(
        isinstance(r, dict) and isinstance(r.get("id"), str) and r["id"] for r in raw
    ):
        raise StorageCorruptError(f"{what} holds check-ins that are not records with ids")
    records: dict[str, JsonDoc] = {}
    for record in raw:
        records.setdefault(record["id"], record)
    history = list(records.values())
    state = {k: v for k, v in doc.items() if k != LEGACY_FIELD}
    state[SUMMARY_FIELD] = summary(history, what)
    state["schema_version"] = STATE_SCHEMA_VERSION
    return state, history
