"""How long a user's data is kept, and the daily purge that enforces it (RELIABILITY P3).

A user's whole document is erased at the first of these moments (defaults from
``bot.config.Settings``; the /privacy text states the same numbers):

- ``days_after_last_checkin`` (365) after their last check-in;
- ``days_after_due_date`` (183) after the due date, while the profile is a pregnancy
  (status pregnant or postpartum);
- ``days_inactive`` (90) after they were last seen (or created, if never seen) when they
  have no check-ins at all or have blocked the bot.

Audit segments older than ``audit_days`` (180) are dropped too, when the storage engine
can drop them (``drop_audit_before``); audit events carry only a hashed id, an action and a
time, and have their own, shorter life (P9).

``decide`` is pure: document, instant and policy in, an ``Expiry`` or None out. ``purge``
walks storage once, re-decides each expired user under that user's lock (so one who checks
in while the purge runs is kept), erases, calls ``on_erased`` so the reminder scheduler
forgets the user, and records one audit event for the run with counts only.
``purge_daily`` runs it once a day on the injected clock.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ValidationError

from bot.clock import Clock
from bot.config import Settings
from bot.domain.models import UserDoc
from bot.storage.base import JsonDoc, Storage, StorageError, work_in_background

log = logging.getLogger("bot.retention")

Reason = Literal["last_checkin", "due_date", "inactive"]
PREGNANCY_STATUSES = ("pregnant", "postpartum")
PURGE_HOUR_UTC = 3
RECHECK = dt.timedelta(hours=1)  # purge_daily notices a wall-clock step within an hour


@dataclass(frozen=True)
class RetentionPolicy:
    """The retention periods, in days."""

    days_after_last_checkin: int = 365
    days_after_due_date: int = 183
    days_inactive: int = 90
    audit_days: int = 180

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        """The policy configured by ``BOT_RETENTION_*`` settings."""
        return cls(
            days_after_last_checkin=settings.bot_retention_days_after_last_checkin,
            days_after_due_date=settings.bot_retention_days_after_due_date,
            days_inactive=settings.bot_retention_days_inactive,
        )


@dataclass(frozen=True)
class Expiry:
    """Why a user's data has expired, and since when."""

    reason: Reason
    since: dt.datetime


# Telegram keeps an undelivered update for 24 h; sent marks are kept twice as long.
UPDATE_IDS_KEPT = dt.timedelta(hours=48)


@dataclass
class PurgeReport:
    """What one purge run did (counts only, safe to log)."""

    checked: int = 0
    erased: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0  # documents that did not validate: left alone, for an operator
    failed: int = 0  # storage errors on single users: tried again at the next run
    audit_days_dropped: int = 0
    update_ids_pruned: int = 0


def decide(doc: UserDoc, now: dt.datetime, policy: RetentionPolicy) -> Expiry | None:
    """The earliest expiry that has passed at ``now``, or None when the data is still kept."""
    deadlines: list[tuple[dt.datetime, Reason]] = []
    last = doc.history.last_at
    if doc.history.count and last is not None:
        deadlines.append((last + dt.timedelta(days=policy.days_after_last_checkin), "last_checkin"))
    profile = doc.profile
    if profile.status in PREGNANCY_STATUSES and profile.due_date is not None:
        day = profile.due_date + dt.timedelta(days=policy.days_after_due_date)
        deadlines.append((dt.datetime.combine(day, dt.time(0), dt.UTC), "due_date"))
    if not doc.history.count or not doc.active:
        seen = doc.last_seen or doc.created_at
        deadlines.append((seen + dt.timedelta(days=policy.days_inactive), "inactive"))
    passed = sorted(d for d in deadlines if d[0] <= now)
    return Expiry(reason=passed[0][1], since=passed[0][0]) if passed else None


def _parse(raw: JsonDoc) -> UserDoc | None:
    try:
        return UserDoc.model_validate(raw)
    except ValidationError:
        return None


async def purge(
    storage: Storage,
    clock: Clock,
    policy: RetentionPolicy,
    *,
    on_erased: Callable[[str], Awaitable[None]] | None = None,
) -> PurgeReport:
    """Erase every user whose data has expired; drop old audit days; report counts."""
    now = clock.now()
    report = PurgeReport()
    expired: list[str] = []
    async for key, raw in storage.iter_users():
        report.checked += 1
        doc = _parse(raw)
        if doc is None:
            report.unreadable += 1
        elif decide(doc, now, policy) is not None:
            expired.append(key)
    for key in expired:
        try:
            expiry = await _erase_if_expired(storage, key, now, policy)
        except StorageError as exc:
            report.failed += 1
            log.error("purge_user_failed", extra={"error": type(exc).__name__})
            continue
        if expiry is None:
            continue
        report.erased += 1
        report.reasons[expiry.reason] += 1
        if on_erased is not None:
            await on_erased(key)
    drop = getattr(storage, "drop_audit_before", None)
    if drop is not None:
        cutoff = (now - dt.timedelta(days=policy.audit_days)).date()
        report.audit_days_dropped = int(await drop(cutoff))
    report.update_ids_pruned = await storage.prune_sent(now - UPDATE_IDS_KEPT)
    event = {"action": "purge", "at": now.isoformat(), "erased": report.erased}
    try:
        await storage.append_audit(event)
    except StorageError as exc:
        log.error("audit_failed", extra={"action": "purge", "error": type(exc).__name__})
    log.info(
        "purge_done",
        extra={
            "checked": report.checked,
            "erased": report.erased,
            "unreadable": report.unreadable,
            "failed": report.failed,
            "audit_days_dropped": report.audit_days_dropped,
            "update_ids_pruned": report.update_ids_pruned,
        },
    )
    return report


async def _erase_if_expired(
    storage: Storage, key: str, now: dt.datetime, policy: RetentionPolicy
) -> Expiry | None:
    async with storage.user_lock(key):
        raw = await storage.load_user(key)
        doc = _parse(raw) if raw is not None else None
        expiry = decide(doc, now, policy) if doc is not None else None
        if expiry is not None:
            await storage.delete_user(key)
        return expiry


def next_run(now: dt.datetime, hour_utc: int = PURGE_HOUR_UTC) -> dt.datetime:
    """The next ``hour_utc``:00 UTC strictly after ``now``."""
    today = dt.datetime.combine(now.astimezone(dt.UTC).date(), dt.time(hour_utc), dt.UTC)
    return today if today > now else today + dt.timedelta(days=1)


async def purge_daily(
    storage: Storage,
    clock: Clock,
    policy: RetentionPolicy,
    *,
    on_erased: Callable[[str], Awaitable[None]] | None = None,
    hour_utc: int = PURGE_HOUR_UTC,
) -> None:
    """Run ``purge`` every day at ``hour_utc``:00 UTC, until cancelled; errors are logged."""
    work_in_background()
    due = next_run(clock.now(), hour_utc)
    while True:
        now = clock.now()
        if now < due:
            await clock.sleep(min((due - now).total_seconds(), RECHECK.total_seconds()))
            continue
        try:
            await purge(storage, clock, policy, on_erased=on_erased)
        except StorageError as exc:
            log.error("purge_failed", extra={"error": type(exc).__name__})
        due = next_run(clock.now(), hour_utc)
