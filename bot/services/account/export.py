"""``/export``: everything stored about the user, as JSON and CSV files in this chat."""

from __future__ import annotations

import logging

from bot.reports.export import RECORD_COLUMNS, CsvWords, checkins_csv, export_json
from bot.services.account.words import bare, plain, recorded_stage
from bot.services.checkin import related_topics
from bot.services.events import Attachment, Reply
from bot.services.turn import Turn
from bot.storage.base import JsonDoc, StorageError

log = logging.getLogger("bot.account")


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
                checkins_csv(_topics_as_offered(turn, stored), fields, csv_words(turn)),
                turn.t("account.export_csv_caption"),
            )
        )
    )


def _topics_as_offered(turn: Turn, stored: JsonDoc) -> JsonDoc:
    """The stored document for the CSV, each check-in's topics cut to those its reply offered:
    the record keeps every topic of its rules (the JSON has them all), some of another stage."""
    checkins = []
    for record in stored.get("checkins", []):
        if isinstance(record, dict) and isinstance(record.get("topics"), list):
            answers = record.get("answers")
            stage = recorded_stage(answers if isinstance(answers, dict) else {})
            shown = related_topics(turn, [str(t) for t in record["topics"]], stage)
            record = {**record, "topics": [topic.id for topic in shown]}
        checkins.append(record)
    return {**stored, "checkins": checkins}


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
