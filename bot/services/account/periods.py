"""The periods a chart or a summary covers: the last 30 or 90 days, or all (the pregnancy)."""

from __future__ import annotations

import datetime as dt

from bot.domain.models import CheckIn
from bot.domain.pregnancy import PREGNANCY_DAYS
from bot.services.turn import Turn

RANGES = ("30", "90", "all")


def pregnancy_start(turn: Turn) -> dt.date | None:
    """The first day of the pregnancy (due date minus 40 weeks), when there is one."""
    assert turn.doc is not None
    profile = turn.doc.profile
    if profile.status in ("pregnant", "postpartum") and profile.due_date is not None:
        return profile.due_date - dt.timedelta(days=PREGNANCY_DAYS)
    return None


def period(turn: Turn, which: str) -> tuple[dt.date, dt.date]:
    """First and last day of a range: the last 30 or 90 days, or all (the pregnancy)."""
    assert turn.doc is not None
    days = [c.local_date for c in turn.doc.checkins]
    end = max([turn.today, *days])
    if which in ("30", "90"):
        return end - dt.timedelta(days=int(which) - 1), end
    start = pregnancy_start(turn)
    inside = [d for d in days if start is None or d >= start]
    return (min(inside) if inside else (start or end)), end


def in_range(turn: Turn, start: dt.date, end: dt.date) -> list[CheckIn]:
    assert turn.doc is not None
    records = [c for c in turn.doc.checkins if start <= c.local_date <= end]
    return sorted(records, key=lambda c: c.at)


def all_label(turn: Turn, prefix: str) -> str:
    pregnancy = pregnancy_start(turn) is not None
    return turn.t(f"{prefix}_pregnancy" if pregnancy else f"{prefix}_all")
