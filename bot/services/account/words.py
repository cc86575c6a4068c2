"""A check-in in the user's words: dates, times, stage, answers, advice; chat HTML as plain
text for files.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from bot.domain.models import CheckIn
from bot.domain.stage import KNOWN_FIELDS
from bot.services.safety_reply import Stage
from bot.services.turn import Turn

STAGE_FIELDS = ("status", *KNOWN_FIELDS)  # shown by stage_words, not as answers
NEGATIVE = ("none", "no")  # answers left out of the short history lines
_TAG = re.compile(r"<[^>]+>")


def long_date(turn: Turn, day: dt.date) -> str:
    """A date in words in the user's language, e.g. "Jun 3, 2026", "3 июн. 2026 г."."""
    return turn.t("date.long", when=day)


def local_time(turn: Turn, at: dt.datetime) -> str:
    """The time of day of ``at`` in the user's zone, worded by CLDR ("14:05", "2:05 PM")."""
    assert turn.doc is not None
    try:
        zone: dt.tzinfo = ZoneInfo(turn.doc.reminder.tz)
    except (KeyError, ValueError):
        zone = dt.UTC
    return turn.t("date.time", when=at.astimezone(zone))


def date_range(turn: Turn, start: dt.date, end: dt.date) -> str:
    return turn.t("date.range", first=start, last=end)


def recorded_stage(answers: Mapping[str, object]) -> Stage:
    """The stage a check-in recorded in its answers: its status and pregnancy weeks, each None
    where the answer is missing or not of its type (stored records are read as they are)."""
    status, weeks = answers.get("status"), answers.get("weeks")
    return Stage(
        status if isinstance(status, str) else None,
        weeks if isinstance(weeks, int) else None,
    )


def stage_words(turn: Turn, record: CheckIn) -> str:
    """The stage recorded with a check-in: "30 weeks pregnant", "Cycle day 12", "12 days
    after the birth", ..."""
    answers = record.answers
    stage = recorded_stage(answers)
    status, day = stage.status, answers.get("cycle_day")
    if status == "pregnant":
        if stage.weeks is not None:
            return turn.t("stage_short.pregnant", weeks=stage.weeks)
        return turn.t("stage_short.pregnant_unknown")
    if status == "not_pregnant" and isinstance(day, int):
        return turn.t("stage_short.not_pregnant_day", day=day)
    since = answers.get("days_since_end")
    if status in ("postpartum", "after_loss") and isinstance(since, int):
        return turn.t(f"stage_short.{status}_days", days=since)
    if status is not None and status in turn.deps.catalog.vocab.fields["status"].options:
        return turn.t(f"stage_short.{status}")
    return ""


def answer_words(turn: Turn, record: CheckIn, *, brief: bool) -> list[tuple[str, str]]:
    """(question, answer) in words, in vocabulary order; ``brief`` leaves out "none"/"no"."""
    result = []
    for field_id, spec in turn.deps.catalog.vocab.fields.items():
        value = record.answers.get(field_id)
        if field_id in STAGE_FIELDS or value is None:
            continue
        values = value if isinstance(value, list) else [value]
        options = [str(v) for v in values if not (brief and v in NEGATIVE)]
        if not options:
            continue
        if spec.type == "integer":
            words = ", ".join(options)
        else:
            words = ", ".join(turn.t(f"opt.{field_id}.{o}") for o in options)
        result.append((turn.t(f"field.{field_id}"), words))
    return result


def plain(text: str) -> str:
    """Chat text (HTML) as plain text for a PDF."""
    return html.unescape(_TAG.sub("", text))


def advice_words(turn: Turn, level: str) -> str:
    """The call to action given for ``level``, as plain text without its leading symbol."""
    return bare(turn.t(f"cta.{level}"))


def bare(words: str) -> str:
    """Chat words (HTML, maybe a leading emoji) as plain text without the leading symbol."""
    text = plain(words)
    start = 0
    while start < len(text) and (
        text[start].isspace() or unicodedata.category(text[start]) in ("So", "Sk", "Mn", "Cf")
    ):
        start += 1
    return text[start:]
