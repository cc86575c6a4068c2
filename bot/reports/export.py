"""The user's data as files: one JSON document with everything stored, and a CSV of check-ins.

The JSON carries the stored document exactly as storage returned it (not re-modelled), so an
export always equals what is stored (RELIABILITY P4), plus the audit events about the user.
The CSV is a convenience view for spreadsheets: one row per check-in, one column per
vocabulary field, lists joined with ``;``. Given ``CsvWords`` it reads in the user's language
(headings and answers in words, with a byte-order mark so spreadsheets open it as UTF-8);
without, it has the stored ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.storage.base import JsonDoc

EXPORT_SCHEMA = 1
RECORD_COLUMNS = ("id", "local_date", "at", "level", "reasons", "topics")
LIST_SEPARATOR = ";"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvWords:
    """The CSV's words: a heading per column id and, per column id, the words for a stored
    value (ids without words are written as stored)."""

    columns: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def export_json(user: JsonDoc, audit: Sequence[JsonDoc], exported_at: dt.datetime) -> bytes:
    """The export document: ``{"export_schema": 1, "exported_at", "user", "audit_events"}``."""
    data = {
        "export_schema": EXPORT_SCHEMA,
        "exported_at": exported_at.isoformat(),
        "user": user,
        "audit_events": list(audit),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def checkins_csv(user: JsonDoc, fields: Sequence[str], words: CsvWords | None = None) -> bytes:
    """Every stored check-in as a CSV row; columns: record fields, then ``fields`` in order.

    Answer fields that are stored but not in ``fields`` get their own columns at the end,
    so nothing stored is left out of the table. ``words``: headings and values in words.
    """
    checkins = [c for c in user.get("checkins", []) if isinstance(c, dict)]
    extra = sorted(
        {k for c in checkins for k in _answers(c) if k not in fields and k not in RECORD_COLUMNS}
    )
    columns = [*RECORD_COLUMNS, *fields, *extra]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    named = words or CsvWords()
    writer.writerow([_cell(named.columns.get(c, c)) for c in columns])
    for record in checkins:
        answers = _answers(record)
        row = [_cell(record.get(c), named.values.get(c)) for c in RECORD_COLUMNS]
        row += [_cell(answers.get(c), named.values.get(c)) for c in (*fields, *extra)]
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig" if words else "utf-8")


def _answers(record: JsonDoc) -> dict[str, Any]:
    answers = record.get("answers")
    return answers if isinstance(answers, dict) else {}


def _cell(value: object, named: Mapping[str, str] | None = None) -> str:
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    text = LIST_SEPARATOR.join((named or {}).get(str(v), str(v)) for v in items)
    return "'" + text if text.startswith(_FORMULA_START) else text
