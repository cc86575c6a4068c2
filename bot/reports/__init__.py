"""Reports made from a user's check-ins: the chart (PNG), the summary (PDF) and the export files.

The builders take plain inputs that are already worded in the user's language (the types
below), so they know nothing of storage, Telegram or the content catalog, and they can run in
a worker thread. ``bot.services.account`` turns a user's document and locale into these
inputs. matplotlib and fpdf2 are imported inside the builders, so importing this package
stays cheap and the bot starts fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

CHART_FIELDS = ("colour", "consistency", "amount")


@dataclass(frozen=True)
class ChartPoint:
    """One check-in as the chart draws it: its day, its level and the main answers (ids)."""

    day: dt.date
    level: str
    colour: str | None = None
    consistency: str | None = None
    amount: str | None = None

    def answer(self, field_id: str) -> str | None:
        """The option id answered for ``field_id`` (one of CHART_FIELDS), if any."""
        value: str | None = getattr(self, field_id)
        return value


@dataclass(frozen=True)
class ChartWords:
    """The chart's words in the user's language.

    ``levels`` maps urgency level ids to short names in ascending order of urgency;
    ``options`` maps each chart field to its option ids and short names, in the order the
    rows are drawn (top to bottom).
    """

    title: str
    panels: Mapping[str, str]  # "level" and each chart field -> panel heading
    levels: Mapping[str, str]
    options: Mapping[str, Mapping[str, str]]
    no_answers: str
    footnote: str


@dataclass(frozen=True)
class ChartInput:
    """Everything one chart shows: a range of days, the check-ins in it and the words.

    ``day_labels`` has a label (e.g. "3 Jun") for every day from ``start`` to ``end``;
    ``stage_labels`` has the pregnancy week or cycle day for the days where it is known.
    When ``week_anchor`` is set (the first day of a pregnancy week), ticks fall on whole weeks.
    """

    start: dt.date
    end: dt.date
    points: Sequence[ChartPoint]
    day_labels: Mapping[dt.date, str]
    stage_labels: Mapping[dt.date, str]
    words: ChartWords
    week_anchor: dt.date | None = None


@dataclass(frozen=True)
class SummaryEntry:
    """One check-in in the summary, fully worded."""

    date: str
    stage: str
    level_id: str
    level: str
    answers: Sequence[tuple[str, str]]  # (field name, answer in words)
    reasons: Sequence[str] = ()
    advice: str = ""  # the call to action the user was given ("" for a normal result)
    red_flag: bool = False


@dataclass(frozen=True)
class SummaryWords:
    """Headings and labels of the summary PDF."""

    title: str
    disclaimer: str  # "Self-reported by the user; not a diagnosis."
    red_flags: str
    no_red_flags: str
    chart: str
    checkins: str
    no_checkins: str
    level: str
    why: str
    advice: str


@dataclass(frozen=True)
class SummaryInput:
    """Everything the summary PDF shows.

    ``facts`` are the (label, value) lines at the top: period, stage, counts. ``entries`` are
    in the order they are printed; those with ``red_flag`` are listed again
    first. ``chart_png`` is embedded when given.
    """

    words: SummaryWords
    facts: Sequence[tuple[str, str]]
    entries: Sequence[SummaryEntry]
    created: dt.datetime
    chart_png: bytes | None = None
    language: str = "en"
