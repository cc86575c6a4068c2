"""The chart of a period as a photo, with its text alternative as the caption; drawn in a
worker thread, off the event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence

from bot.domain.models import CheckIn
from bot.domain.pregnancy import cycle_day, weeks_from_due_date
from bot.reports import CHART_FIELDS, ChartInput, ChartPoint, ChartWords
from bot.reports.chart import render_chart
from bot.services.account.periods import all_label, in_range, period, pregnancy_start
from bot.services.account.words import date_range
from bot.services.events import Attachment, Button, Reply
from bot.services.turn import Turn

log = logging.getLogger("bot.account")
FLAG_LEVELS = ("urgent", "emergency")
CAPTION_DATES = 8  # urgent days listed in a chart caption (Telegram captions: 1,024 chars)


async def send_chart(turn: Turn, which: str) -> None:
    """The chart of a range as a photo, its text alternative as the caption."""
    start, end = period(turn, which)
    records = in_range(turn, start, end)
    data = chart_input(turn, records, start, end)
    try:
        png = await asyncio.to_thread(render_chart, data)
    except Exception as exc:  # a chart is an extra; never let it break /history
        log.error("chart_failed", extra={"user": turn.log_id, "error": type(exc).__name__})
        return
    other = "all" if which == "30" else "30"
    label = all_label(turn, "btn.chart") if other == "all" else turn.t("btn.chart_recent")
    turn.replies.append(
        Reply(
            photo=Attachment(
                turn.t("chart.filename"), png, chart_caption(turn, records, start, end)
            ),
            buttons=[[Button(label, f"hist:chart:{other}")]],
        )
    )


def chart_input(turn: Turn, records: Sequence[CheckIn], start: dt.date, end: dt.date) -> ChartInput:
    """The chart of ``records`` between ``start`` and ``end``, worded in the user's language."""
    assert turn.doc is not None
    vocab = turn.deps.catalog.vocab
    points = []
    for c in records:
        picked = {f: c.answers.get(f) for f in CHART_FIELDS}
        points.append(
            ChartPoint(
                day=c.local_date,
                level=c.level,
                **{f: v if isinstance(v, str) else None for f, v in picked.items()},
            )
        )
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    day_labels = {d: turn.t("date.short", when=d) for d in days}
    words = ChartWords(
        title=turn.t("chart.title", range=date_range(turn, start, end)),
        panels={p: turn.t(f"chart.panel.{p}") for p in ("level", *CHART_FIELDS)},
        levels={lv: turn.t(f"chart.level.{lv}") for lv in vocab.urgency_levels},
        options={
            f: {o: turn.t(f"chart.opt.{f}.{o}") for o in vocab.fields[f].options}
            for f in CHART_FIELDS
        },
        no_answers=turn.t("chart.no_answers"),
        footnote=turn.t("chart.footnote"),
    )
    return ChartInput(
        start=start,
        end=end,
        points=points,
        day_labels=day_labels,
        stage_labels=_stage_labels(turn, records, days),
        words=words,
        week_anchor=pregnancy_start(turn),
    )


def _stage_labels(
    turn: Turn, records: Sequence[CheckIn], days: Sequence[dt.date]
) -> dict[dt.date, str]:
    """Pregnancy week or cycle day per day: from the profile, else from the check-ins."""
    assert turn.doc is not None
    labels: dict[dt.date, str] = {}
    for c in records:
        weeks, day = c.answers.get("weeks"), c.answers.get("cycle_day")
        if isinstance(weeks, int):
            labels[c.local_date] = turn.t("chart.week", weeks=weeks)
        elif isinstance(day, int):
            labels[c.local_date] = turn.t("chart.cycle_day", day=day)
    profile = turn.doc.profile
    if pregnancy_start(turn) is not None and profile.due_date is not None:
        for d in days:
            labels[d] = turn.t("chart.week", weeks=weeks_from_due_date(profile.due_date, d))
    elif profile.status == "not_pregnant" and profile.cycle_start is not None:
        for d in days:
            number = cycle_day(profile.cycle_start, d)
            if number is not None:
                labels[d] = turn.t("chart.cycle_day", day=number)
    return labels


def chart_caption(turn: Turn, records: Sequence[CheckIn], start: dt.date, end: dt.date) -> str:
    """The chart's text alternative: counts per level, urgent days, the most common colour."""
    span = date_range(turn, start, end)
    if not records:
        return turn.t("chart.caption_empty", range=span)
    counts = Counter(c.level for c in records)
    levels = ", ".join(
        turn.t("chart.level_count", level=turn.t(f"chart.level.{lv}"), n=counts[lv])
        for lv in reversed(turn.deps.catalog.vocab.urgency_levels)
        if counts[lv]
    )
    flagged_days = sorted({c.local_date for c in records if c.level in FLAG_LEVELS})
    flagged = ", ".join(turn.t("date.short", when=d) for d in flagged_days[:CAPTION_DATES])
    if len(flagged_days) > CAPTION_DATES:
        flagged += ", …"
    colours = Counter(
        c.answers["colour"]
        for c in records
        if isinstance(c.answers.get("colour"), str) and c.answers.get("colour") != "none"
    )
    colour = turn.t(f"chart.opt.colour.{colours.most_common(1)[0][0]}") if colours else ""
    return turn.t(
        "chart.caption",
        count=len(records),
        range=span,
        levels=levels,
        flagged=flagged,
        colour=colour,
    )
