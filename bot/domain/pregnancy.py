"""Pregnancy weeks and cycle days from stored dates, so they stay current without re-asking."""

from __future__ import annotations

import datetime as dt

PREGNANCY_DAYS = 280  # due date is 40 weeks after the first day of the last period
MAX_WEEKS = 45
MAX_DAYS_SINCE_END = 730


def weeks_from_due_date(due: dt.date, today: dt.date) -> int:
    """Completed weeks of pregnancy today, clamped to the vocabulary's 0..45."""
    days_pregnant = PREGNANCY_DAYS - (due - today).days
    return max(0, min(MAX_WEEKS, days_pregnant // 7))


def due_date_from_weeks(weeks: int, today: dt.date, days: int = 0) -> dt.date:
    """The due date implied by ``weeks`` completed weeks and ``days`` more today ("34+2")."""
    return today + dt.timedelta(days=PREGNANCY_DAYS - weeks * 7 - days)


def cycle_day(cycle_start: dt.date, today: dt.date) -> int | None:
    """Day of the cycle (day 1 = first day of the period), or None when out of 1..90."""
    day = (today - cycle_start).days + 1
    return day if 1 <= day <= 90 else None


def days_since(end: dt.date, today: dt.date) -> int | None:
    """Days since a birth or the end of a pregnancy on ``end``, or None when out of the
    vocabulary's 0..730."""
    days = (today - end).days
    return days if 0 <= days <= MAX_DAYS_SINCE_END else None
