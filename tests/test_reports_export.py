"""The export files: a schema-versioned JSON document holding the stored document unchanged,
and a CSV with one row per check-in and one column per vocabulary field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from bot.catalog.catalog import Catalog
from bot.reports.export import EXPORT_SCHEMA, checkins_csv, export_json

FIXTURE = Path(__file__).parent / "data" / "history-fixture.json"
AT = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)


def fixture() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return doc


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_json_export_holds_the_document_unchanged_under_a_schema_version() -> None:
    """The JSON parses, names its schema version and carries the document as given."""
    doc = fixture()
    audit = [{"action": "export", "user": "abc", "at": AT.isoformat()}]
    exported = json.loads(export_json(doc, audit, AT))
    assert exported == {
        "export_schema": EXPORT_SCHEMA,
        "exported_at": "2026-06-01T10:00:00+00:00",
        "user": doc,
        "audit_events": audit,
    }


def test_json_export_keeps_non_ascii_text_readable() -> None:
    """Non-ASCII text is written as UTF-8, not as \\u escapes."""
    doc = fixture()
    doc["locale"] = "ру"
    assert "ру".encode() in export_json(doc, [], AT)


def test_csv_has_one_row_per_check_in_with_vocabulary_columns(catalog: Catalog) -> None:
    """Columns are the record fields then every vocabulary field id; one row per check-in."""
    doc = fixture()
    fields = list(catalog.vocab.fields)
    table = rows(checkins_csv(doc, fields))
    header = next(csv.reader(io.StringIO(checkins_csv(doc, fields).decode())))
    assert header == ["id", "local_date", "at", "level", "reasons", "topics", *fields]
    assert [r["id"] for r in table] == [c["id"] for c in doc["checkins"]]
    assert [r["level"] for r in table] == [c["level"] for c in doc["checkins"]]


def test_csv_joins_lists_with_semicolons_and_leaves_unasked_fields_empty(
    catalog: Catalog,
) -> None:
    """Multi-choice answers are joined with ';'; a field not asked is an empty cell."""
    doc = fixture()
    doc["checkins"] = doc["checkins"][:1]
    doc["checkins"][0]["answers"] = {"pain": ["backache", "one_sided"], "weeks": 30}
    doc["checkins"][0]["reasons"] = ["a", "b"]
    row = rows(checkins_csv(doc, list(catalog.vocab.fields)))[0]
    assert row["pain"] == "backache;one_sided"
    assert row["weeks"] == "30"
    assert row["reasons"] == "a;b"
    assert row["colour"] == ""


def test_csv_keeps_answer_fields_that_are_not_in_the_vocabulary() -> None:
    """A stored answer outside the given fields still gets a column, so nothing is left out."""
    doc = fixture()
    doc["checkins"][0]["answers"]["legacy_field"] = "x"
    table = rows(checkins_csv(doc, ["colour"]))
    assert table[0]["legacy_field"] == "x" and table[1]["legacy_field"] == ""


def test_csv_cells_cannot_start_a_spreadsheet_formula() -> None:
    """A value starting with '=' is written with a leading quote, so it is not run."""
    doc = fixture()
    doc["checkins"] = doc["checkins"][:1]
    doc["checkins"][0]["answers"] = {"colour": "=HYPERLINK(1)"}
    assert rows(checkins_csv(doc, ["colour"]))[0]["colour"] == "'=HYPERLINK(1)"


def test_csv_of_a_user_without_check_ins_is_just_the_header() -> None:
    """No check-ins: a header row and nothing else."""
    doc = fixture()
    doc["checkins"] = []
    assert checkins_csv(doc, ["colour"]).decode().splitlines() == [
        "id,local_date,at,level,reasons,topics,colour"
    ]
