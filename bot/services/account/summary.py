"""``/summary``: a PDF of a period for a midwife or doctor, with the chart when it can be drawn."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence

from bot.domain.models import CheckIn
from bot.reports import SummaryEntry, SummaryInput, SummaryWords
from bot.reports.chart import render_chart
from bot.reports.summary_pdf import render_summary
from bot.services.account.chart import FLAG_LEVELS, chart_input
from bot.services.account.history import say_empty
from bot.services.account.periods import all_label, in_range, period
from bot.services.account.words import (
    advice_words,
    answer_words,
    date_range,
    long_date,
    plain,
    stage_words,
)
from bot.services.events import Attachment, Button, Reply
from bot.services.turn import Turn

log = logging.getLogger("bot.account")


def ask_summary(turn: Turn) -> None:
    """Offer the summary's period."""
    assert turn.doc is not None
    if not turn.doc.checkins:
        say_empty(turn)
        return
    turn.say(
        turn.t("account.summary_pick"),
        [
            [turn.button("btn.summary_30", "sum:30"), turn.button("btn.summary_90", "sum:90")],
            [Button(all_label(turn, "btn.summary"), "sum:all")],
            [turn.button("btn.cancel", "sum:cancel")],
        ],
    )


async def send_summary(turn: Turn, which: str) -> None:
    """Build the PDF for a period and send it as a file."""
    start, end = period(turn, which)
    records = in_range(turn, start, end)
    if not records:
        turn.say(turn.t("account.summary_empty"))
        return
    try:
        chart: bytes | None = await asyncio.to_thread(
            render_chart, chart_input(turn, records, start, end), wide=True
        )
    except Exception as exc:  # the summary is still useful without its picture
        log.error("chart_failed", extra={"user": turn.log_id, "error": type(exc).__name__})
        chart = None
    data = summary_input(turn, records, start, end, chart)
    pdf = await asyncio.to_thread(render_summary, data)
    await turn.audit("summary")
    name = turn.t("summary.filename", date=turn.today.isoformat())
    turn.replies.append(Reply(document=Attachment(name, pdf, turn.t("account.summary_caption"))))


def summary_input(
    turn: Turn,
    records: Sequence[CheckIn],
    start: dt.date,
    end: dt.date,
    chart: bytes | None,
) -> SummaryInput:
    """Everything the PDF shows, worded in the user's language."""
    catalog = turn.deps.catalog
    counts = Counter(c.level for c in records)
    levels = ", ".join(
        turn.t("summary.level_count", level=turn.t(f"chart.level.{lv}"), n=counts[lv])
        for lv in reversed(catalog.vocab.urgency_levels)
        if counts[lv]
    )
    facts = [
        (turn.t("summary.fact_period"), date_range(turn, start, end)),
        (turn.t("summary.fact_stage"), _summary_stage(turn)),
        (
            turn.t("summary.fact_checkins"),
            turn.t("summary.checkin_count", total=len(records), levels=levels),
        ),
        (turn.t("summary.fact_created"), long_date(turn, turn.today)),
    ]
    entries = []
    for c in records:
        reasons = [
            turn.fill(r.explain) for rid in c.reasons if (r := catalog.reason(turn.locale, rid))
        ]
        signs = c.answers.get("danger_signs")
        danger = isinstance(signs, list) and any(s != "none" for s in signs)
        entries.append(
            SummaryEntry(
                date=long_date(turn, c.local_date),
                stage=stage_words(turn, c),
                level_id=c.level,
                level=turn.t(f"chart.level.{c.level}"),
                answers=answer_words(turn, c, brief=False),
                reasons=reasons,
                advice="" if c.level == "normal" else advice_words(turn, c.level),
                red_flag=c.level in FLAG_LEVELS or danger,
            )
        )
    words = SummaryWords(
        title=turn.t("summary.title"),
        disclaimer=turn.t("summary.disclaimer"),
        red_flags=turn.t("summary.red_flags"),
        no_red_flags=turn.t("summary.no_red_flags"),
        chart=turn.t("summary.chart"),
        checkins=turn.t("summary.checkins"),
        no_checkins=turn.t("summary.no_checkins"),
        level=turn.t("summary.level"),
        why=turn.t("summary.why"),
        advice=turn.t("summary.advice"),
    )
    return SummaryInput(
        words=words,
        facts=[(plain(k), plain(v)) for k, v in facts],
        entries=[_plain_entry(e) for e in entries],
        created=turn.now,
        chart_png=chart,
        language=turn.locale,
    )


def _plain_entry(entry: SummaryEntry) -> SummaryEntry:
    return SummaryEntry(
        date=plain(entry.date),
        stage=plain(entry.stage),
        level_id=entry.level_id,
        level=plain(entry.level),
        answers=[(plain(k), plain(v)) for k, v in entry.answers],
        reasons=[plain(r) for r in entry.reasons],
        advice=entry.advice,
        red_flag=entry.red_flag,
    )


def _summary_stage(turn: Turn) -> str:
    assert turn.doc is not None
    profile = turn.doc.profile
    today = long_date(turn, turn.today)
    if profile.status == "pregnant":
        if profile.due_date is not None and turn.weeks is not None:
            due = long_date(turn, profile.due_date)
            return turn.t("summary.stage_pregnant", weeks=turn.weeks, today=today, due=due)
        return turn.t("summary.stage_pregnant_unknown")
    if profile.status == "not_pregnant" and turn.cycle_day is not None:
        return turn.t("summary.stage_not_pregnant_day", day=turn.cycle_day, today=today)
    since = turn.days_since_end
    if profile.status in ("postpartum", "after_loss") and profile.end_date and since is not None:
        end = long_date(turn, profile.end_date)
        return turn.t(f"summary.stage_{profile.status}_date", end=end, days=since, today=today)
    return turn.t(f"summary.stage_{profile.status or 'none'}")
