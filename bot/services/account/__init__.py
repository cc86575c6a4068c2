"""The user's own data: ``/history`` with its chart, ``/summary`` (a PDF for a midwife or
doctor), ``/export`` (JSON and CSV files) and ``/delete`` (erasure on request).

Every button that names a record carries the record's opaque random id (``CheckIn.id``), never
a position or storage row, and the id is looked up only inside the pressing user's own
document; an id that is not there gets "not available", an ``authz_denied`` audit event and
no other effect, so a forged button can neither read nor change anyone's data (RELIABILITY
S1, D9). Charts and PDFs are drawn in a worker thread, off the event loop.

Button data: ``hist`` (history with chart), ``hist:p:<page>`` (another page, in place),
``hist:chart:<range>``, ``del:yes`` / ``del:no`` (erase everything), ``del:c:<id>`` /
``del:cy:<id>`` / ``del:cn`` (one check-in), ``sum`` / ``sum:<range>``, ``exp``.
Ranges: ``30`` and ``90`` days, or ``all`` (the whole pregnancy when there is one).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Literal
from zoneinfo import ZoneInfo

from markupsafe import Markup

from bot.domain.models import CheckIn
from bot.domain.pregnancy import PREGNANCY_DAYS, cycle_day, weeks_from_due_date
from bot.reports import (
    CHART_FIELDS,
    ChartInput,
    ChartPoint,
    ChartWords,
    SummaryEntry,
    SummaryInput,
    SummaryWords,
)
from bot.reports.chart import render_chart
from bot.reports.export import RECORD_COLUMNS, CsvWords, checkins_csv, export_json
from bot.reports.summary_pdf import render_summary
from bot.services.events import Attachment, Button, Reply
from bot.services.turn import Turn
from bot.storage.base import StorageError

log = logging.getLogger("bot.account")
UploadAction = Literal["upload_photo", "upload_document"]

HISTORY_PAGE = 5
RANGES = ("30", "90", "all")
RECENT_DAYS = 30
FLAG_LEVELS = ("urgent", "emergency")
STAGE_FIELDS = ("status", "weeks", "cycle_day")
NEGATIVE = ("none", "no")  # answers left out of the short history lines
RECORD_ID = re.compile(r"[0-9a-f]{16,40}")
CAPTION_DATES = 8  # urgent days listed in a chart caption (Telegram captions: 1,024 chars)
_TAG = re.compile(r"<[^>]+>")


# --- routing --------------------------------------------------------------------------------


def upload_action(command: str, data: str) -> UploadAction | None:
    """What the user should see while a file is made for this command or button data: the
    chart (a photo) or the summary and export (documents); None for anything quick.

    Adapters show it (Telegram's chat action) before the work starts, so a wait of a second
    or two has a sign of life."""
    if command in ("history", "export"):
        return "upload_photo" if command == "history" else "upload_document"
    if data in ("hist", "hist:0", "cmd:history") or data.startswith("hist:chart:"):
        return "upload_photo"
    if data in ("exp", "cmd:export") or (data.startswith("sum:") and data[4:] in RANGES):
        return "upload_document"
    return None


async def on_command(turn: Turn, name: str) -> None:
    """``/history``, ``/summary``, ``/export``, ``/delete`` and ``/delete_my_data``."""
    if turn.doc is None or turn.doc.consent_at is None:
        # The same words as every other command that needs consent (after /delete too).
        turn.say(turn.t("onboarding.consent_needed"))
        return
    if not await turn.load_history():
        turn.say(turn.t("errors.generic"))
        return
    if name == "history":
        await show_history(turn)
    elif name == "summary":
        ask_summary(turn)
    elif name == "export":
        await export(turn)
    else:
        turn.say(
            turn.t("account.delete_confirm"),
            [[turn.button("btn.yes_delete", "del:yes")], [turn.button("btn.keep", "del:no")]],
        )


async def on_button(turn: Turn, prefix: str, parts: list[str]) -> None:
    """Buttons with the ``hist``, ``del``, ``sum`` and ``exp`` prefixes."""
    if not await turn.load_history():
        turn.toast = turn.t("errors.generic")
        return
    if prefix == "del" and len(parts) == 2 and parts[0] in ("c", "cy"):
        await _on_record(turn, parts[0], parts[1])
        return
    if turn.doc is None or turn.doc.consent_at is None:
        turn.toast = turn.t("errors.not_available")
        return
    if prefix == "hist" and parts in ([], ["0"]):
        await show_history(turn)
    elif prefix == "hist" and len(parts) == 2 and parts[0] == "p":
        show_page(turn, _int(parts[1]), edit=True)
    elif prefix == "hist" and len(parts) == 2 and parts[0] == "chart" and parts[1] in RANGES:
        await send_chart(turn, parts[1])
    elif prefix == "del" and parts == ["yes"]:
        await erase(turn)
    elif prefix == "del" and parts == ["no"]:
        turn.say(turn.t("account.delete_kept"), edit=True)
    elif prefix == "del" and parts == ["cn"]:
        show_page(turn, 0, edit=True)
    elif prefix == "sum" and not parts:
        ask_summary(turn)
    elif prefix == "sum" and len(parts) == 1 and parts[0] in RANGES:
        await send_summary(turn, parts[0])
    elif prefix == "exp" and not parts:
        await export(turn)
    else:
        turn.toast = turn.t("errors.not_available")


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


# --- history --------------------------------------------------------------------------------


def _newest_first(turn: Turn) -> list[CheckIn]:
    assert turn.doc is not None
    return sorted(turn.doc.checkins, key=lambda c: c.at, reverse=True)


async def show_history(turn: Turn) -> None:
    """The chart of recent days, then the first page of check-ins."""
    if not _newest_first(turn):
        turn.say(
            turn.t("account.history_empty"), [[turn.button("btn.start_checkin", "checkin:start")]]
        )
        return
    recent = _range(turn, "30")
    has_recent = any(recent[0] <= c.local_date for c in _newest_first(turn))
    await send_chart(turn, "30" if has_recent else "all")
    show_page(turn, 0)


def show_page(turn: Turn, page: int, *, edit: bool = False) -> None:
    """One page of check-ins, newest first, with delete and page buttons."""
    records = _newest_first(turn)
    if not records:
        turn.say(turn.t("account.history_empty"), edit=edit)
        return
    pages = -(-len(records) // HISTORY_PAGE)
    page = max(0, min(page, pages - 1))
    shown = records[page * HISTORY_PAGE : (page + 1) * HISTORY_PAGE]
    per_day = Counter(c.local_date for c in records)
    entries = [
        {
            "n": n,
            "date": long_date(turn, c.local_date),
            # A day with several check-ins tells them apart by the time of day.
            "time": local_time(turn, c.at) if per_day[c.local_date] > 1 else "",
            "stage": _rendered(stage_words(turn, c)),
            "answers": [
                _rendered(f"{name}: {value}") for name, value in answer_words(turn, c, brief=True)
            ],
            "level": c.level,
        }
        for n, c in enumerate(shown, start=1)
    ]
    text = turn.render("history.j2", entries=entries, page=page + 1, pages=pages)
    buttons = [
        [
            Button(turn.t("btn.delete_entry", n=n), f"del:c:{c.id}")
            for n, c in enumerate(shown, start=1)
        ]
    ]
    nav = []
    if page > 0:
        nav.append(turn.button("btn.prev_page", f"hist:p:{page - 1}"))
    if page < pages - 1:
        nav.append(turn.button("btn.next_page", f"hist:p:{page + 1}"))
    if nav:
        buttons.append(nav)
    buttons.append([turn.button("btn.summary", "sum")])
    turn.say(text, buttons, edit=edit)


# --- one record, by its opaque id -------------------------------------------------------------


def _find(turn: Turn, record_id: str) -> CheckIn | None:
    """The caller's own check-in with this id; None for anything else."""
    if turn.doc is None or turn.doc.consent_at is None or not RECORD_ID.fullmatch(record_id):
        return None
    return next((c for c in turn.doc.checkins if c.id == record_id), None)


async def _on_record(turn: Turn, action: str, record_id: str) -> None:
    record = _find(turn, record_id)
    if record is None:
        # Someone else's id, a deleted one or garbage: all look the same from here.
        await turn.audit("authz_denied")
        turn.toast = turn.t("errors.not_available")
        return
    assert turn.doc is not None
    date = long_date(turn, record.local_date)
    if action == "c":
        turn.say(
            turn.t("account.delete_one_confirm", date=date, level=turn.t(f"level.{record.level}")),
            [
                [turn.button("btn.yes_delete_one", f"del:cy:{record.id}")],
                [turn.button("btn.keep_one", "del:cn")],
            ],
            edit=True,
        )
        return
    turn.doc.checkins = [c for c in turn.doc.checkins if c.id != record.id]
    turn.touch()
    saved = await turn.commit_saying(
        lambda: turn.say(
            turn.t("account.delete_one_done", date=date),
            [[turn.button("btn.history", "hist:p:0")]],
            edit=True,
        ),
        lambda: turn.say(turn.t("errors.not_saved"), edit=True),
    )
    if saved:
        await turn.audit("delete_checkin")


# --- chart ----------------------------------------------------------------------------------


def _pregnancy_start(turn: Turn) -> dt.date | None:
    """The first day of the pregnancy (due date minus 40 weeks), when there is one."""
    assert turn.doc is not None
    profile = turn.doc.profile
    if profile.status in ("pregnant", "postpartum") and profile.due_date is not None:
        return profile.due_date - dt.timedelta(days=PREGNANCY_DAYS)
    return None


def _range(turn: Turn, which: str) -> tuple[dt.date, dt.date]:
    """First and last day of a range: the last 30 or 90 days, or all (the pregnancy)."""
    assert turn.doc is not None
    days = [c.local_date for c in turn.doc.checkins]
    end = max([turn.today, *days])
    if which in ("30", "90"):
        return end - dt.timedelta(days=int(which) - 1), end
    start = _pregnancy_start(turn)
    inside = [d for d in days if start is None or d >= start]
    return (min(inside) if inside else (start or end)), end


def _in_range(turn: Turn, start: dt.date, end: dt.date) -> list[CheckIn]:
    assert turn.doc is not None
    records = [c for c in turn.doc.checkins if start <= c.local_date <= end]
    return sorted(records, key=lambda c: c.at)


def _all_label(turn: Turn, prefix: str) -> str:
    pregnancy = _pregnancy_start(turn) is not None
    return turn.t(f"{prefix}_pregnancy" if pregnancy else f"{prefix}_all")


async def send_chart(turn: Turn, which: str) -> None:
    """The chart of a range as a photo, its text alternative as the caption."""
    start, end = _range(turn, which)
    records = _in_range(turn, start, end)
    data = chart_input(turn, records, start, end)
    try:
        png = await asyncio.to_thread(render_chart, data)
    except Exception as exc:  # a chart is an extra; never let it break /history
        log.error("chart_failed", extra={"user": turn.log_id, "error": type(exc).__name__})
        return
    other = "all" if which == "30" else "30"
    label = _all_label(turn, "btn.chart") if other == "all" else turn.t("btn.chart_recent")
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
        title=turn.t("chart.title", range=_date_range(turn, start, end)),
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
        week_anchor=_pregnancy_start(turn),
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
    if _pregnancy_start(turn) is not None and profile.due_date is not None:
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
    span = _date_range(turn, start, end)
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


# --- words ----------------------------------------------------------------------------------


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


def _date_range(turn: Turn, start: dt.date, end: dt.date) -> str:
    return turn.t("date.range", first=start, last=end)


def stage_words(turn: Turn, record: CheckIn) -> str:
    """The stage recorded with a check-in: "30 weeks pregnant", "Cycle day 12", ..."""
    answers = record.answers
    status, weeks, day = answers.get("status"), answers.get("weeks"), answers.get("cycle_day")
    if status == "pregnant":
        if isinstance(weeks, int):
            return turn.t("stage_short.pregnant", weeks=weeks)
        return turn.t("stage_short.pregnant_unknown")
    if status == "not_pregnant" and isinstance(day, int):
        return turn.t("stage_short.not_pregnant_day", day=day)
    if isinstance(status, str) and status in turn.deps.catalog.vocab.fields["status"].options:
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


def _rendered(text: str) -> Markup:
    # Words from the catalog are already escaped by their own render; passing them into a
    # template as plain str would escape them a second time ("Baby&#39;s").
    return Markup(text)  # noqa: S704


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


# --- summary PDF ----------------------------------------------------------------------------


def ask_summary(turn: Turn) -> None:
    """Offer the summary's period."""
    assert turn.doc is not None
    if not turn.doc.checkins:
        turn.say(turn.t("account.history_empty"))
        return
    turn.say(
        turn.t("account.summary_pick"),
        [
            [turn.button("btn.summary_30", "sum:30"), turn.button("btn.summary_90", "sum:90")],
            [Button(_all_label(turn, "btn.summary"), "sum:all")],
        ],
    )


async def send_summary(turn: Turn, which: str) -> None:
    """Build the PDF for a period and send it as a file."""
    start, end = _range(turn, which)
    records = _in_range(turn, start, end)
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
        (turn.t("summary.fact_period"), _date_range(turn, start, end)),
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
    return turn.t(f"summary.stage_{profile.status or 'none'}")


# --- export and erasure ---------------------------------------------------------------------


async def export(turn: Turn) -> None:
    """``/export``: everything stored about the user, as JSON and CSV files in this chat."""
    storage = turn.deps.storage
    try:
        # Straight from storage, not re-modelled: the export is exactly what is stored.
        stored = await storage.load_user(turn.key)
        if stored is not None:
            stored["checkins"] = await storage.load_history(turn.key)
        audit = [e for e in await storage.audit_events() if e.get("user") == turn.log_id]
    except StorageError as exc:
        log.error("export_failed", extra={"user": turn.log_id, "error": type(exc).__name__})
        turn.say(turn.t("errors.generic"))
        return
    if stored is None:
        turn.say(turn.t("account.nothing_stored"))
        return
    fields = list(turn.deps.catalog.vocab.fields)
    # ISO in file names: they sort by date in any folder.
    day = turn.today.isoformat()
    await turn.audit("export")
    turn.replies.append(
        Reply(
            text=turn.t("account.export_ready"),
            document=Attachment(
                turn.t("export.json_filename", day=day),
                export_json(stored, audit, turn.now),
                turn.t("account.export_caption"),
            ),
        )
    )
    turn.replies.append(
        Reply(
            document=Attachment(
                turn.t("export.csv_filename", day=day),
                checkins_csv(stored, fields, csv_words(turn)),
                turn.t("account.export_csv_caption"),
            )
        )
    )


def csv_words(turn: Turn) -> CsvWords:
    """The CSV's headings and answers in the user's language."""
    catalog = turn.deps.catalog
    texts = catalog.texts[turn.locale]
    columns = {c: bare(turn.t(f"export.column.{c}")) for c in RECORD_COLUMNS}
    values: dict[str, dict[str, str]] = {
        "level": {lv: bare(turn.t(f"chart.level.{lv}")) for lv in catalog.vocab.urgency_levels},
        "reasons": {
            rid: plain(turn.fill(reason.explain))
            for rid, reason in catalog.reasons.get(turn.locale, {}).items()
        },
        "topics": {tid: topic.title for tid, topic in catalog.faq.get(turn.locale, {}).items()},
    }
    for field_id, spec in catalog.vocab.fields.items():
        key = f"field.{field_id}" if texts.has(f"field.{field_id}") else f"export.column.{field_id}"
        columns[field_id] = bare(turn.t(key))
        prefix = "status" if field_id == "status" else f"opt.{field_id}"
        values[field_id] = {o: bare(turn.t(f"{prefix}.{o}")) for o in spec.options or ()}
    return CsvWords(columns=columns, values=values)


async def erase(turn: Turn) -> None:
    """Erase everything of the user, stop reminders, and confirm."""
    try:
        deleted = await turn.deps.storage.delete_user(turn.key)
    except StorageError as exc:
        log.error("delete_failed", extra={"user": turn.log_id, "error": type(exc).__name__})
        turn.say(turn.t("account.delete_failed"), edit=True)
        return
    turn.doc = None
    turn.deleted = True
    await turn.deps.reminders_changed(turn.key)
    await turn.audit("delete")
    turn.say(turn.t("account.deleted") if deleted else turn.t("account.nothing_stored"), edit=True)
