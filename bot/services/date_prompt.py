"""Typed answers to date questions, read and answered in one place: every date prompt (due
date, period start, the day of a birth or a loss) calls ``read``.

A prompt names its question (``DateQuestion``: which dates answer it, its example, and whether
"I'm 20 weeks" counts). ``read`` returns what the person meant, or says what was understood
and what is wrong ("that date is in the future") with an example valid for that question, or
offers the readings to choose from as buttons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.dates import DateLocale, DateWindow, Reading, read_date
from bot.domain.pregnancy import MAX_DAYS_SINCE_END, PREGNANCY_DAYS, due_date_from_weeks
from bot.services.events import Button
from bot.services.turn import Turn


@dataclass(frozen=True)
class DateQuestion:
    """A date question: ``name`` picks its words in ``dates.<name>.*``."""

    name: str
    window: DateWindow
    weeks_pregnant: bool = False


#: A due date up to 42 weeks ahead or 5 weeks past; "I'm 20 weeks" gives one too.
DUE_DATE = DateQuestion(
    "due_date", DateWindow(earliest=-35, latest=PREGNANCY_DAYS + 14, example=120), True
)
#: The first day of the last period: today or in the last 89 days.
PERIOD_START = DateQuestion("cycle_start", DateWindow(earliest=-89, latest=0, example=-10))
#: The day of a birth or of the end of a pregnancy: today or in the last two years.
END_DATE = DateQuestion("end_date", DateWindow(earliest=-MAX_DAYS_SINCE_END, latest=0, example=-14))


#: The number of weeks a weeks prompt shows as its example of a typed answer.
WEEKS_EXAMPLE = 20


def locale_of(turn: Turn) -> DateLocale:
    """How this person writes dates: their language, and the region of their country, else
    of their Telegram language ("en-GB")."""
    tag = (turn.incoming.language_code or "").replace("_", "-").split("-")
    region = turn.place.country or (tag[1].upper() if len(tag) > 1 and len(tag[1]) == 2 else None)
    return DateLocale(turn.locale, region)


def shown(turn: Turn, date: dt.date) -> str:
    """A date written for this person ("15 March 2027")."""
    return locale_of(turn).format(date)


def example(turn: Turn, question: DateQuestion) -> str:
    """The example date for ``question``, written for this person."""
    return shown(turn, question.window.example_date(turn.today))


def read(
    turn: Turn,
    text: str,
    question: DateQuestion,
    *,
    pick: str,
    buttons: list[list[Button]],
    numeric: bool = False,
) -> dt.date | None:
    """The date a typed answer gives (weeks of pregnancy as the due date they imply), or None
    after saying what is wrong. ``pick``: the button data prefix of a choice between readings
    (``<pick>:<ISO date>``); ``buttons``: the prompt's own ways on and out, kept below;
    ``numeric``: the prompt awaits a number (weeks)."""
    today = turn.today
    reading = read_date(
        text,
        locale_of(turn),
        today,
        question.window,
        weeks_pregnant=question.weeks_pregnant,
        weeks_asked=numeric,
    )
    if reading.weeks is not None:
        return due_date_from_weeks(reading.weeks, turn.weeks_anchor, reading.days)
    if reading.date is not None:
        return reading.date
    if reading.choices:
        choices = [Button(shown(turn, d), f"{pick}:{d.isoformat()}") for d in reading.choices]
        turn.say(turn.t("dates.which"), [choices, *buttons], typed_input=True, numeric=numeric)
        return None
    if numeric and reading.problem == "unreadable":
        # The prompt asked for weeks ("How many full weeks pregnant are you?"): "thirty four"
        # or "50" is answered in weeks, not with an example date.
        problem = turn.t("dates.weeks_unreadable", example=WEEKS_EXAMPLE)
    else:
        problem = _problem(turn, reading, question)
    turn.say(problem, buttons, typed_input=True, numeric=numeric)
    return None


def picked(turn: Turn, value: str, question: DateQuestion) -> dt.date | None:
    """The date of a pressed choice, when it still answers ``question``."""
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return date if question.window.holds(date, turn.today) else None


def _problem(turn: Turn, reading: Reading, question: DateQuestion) -> str:
    context = {"example": example(turn, question)}
    if reading.problem == "unreadable" or reading.understood is None:
        return turn.t("dates.unreadable", **context)
    context["date"] = shown(turn, reading.understood)
    if reading.problem == "future":
        return turn.t("dates.future", **context)
    return turn.t(f"dates.{question.name}.{reading.problem}", **context)
