"""The editors' report: ``content gaps`` and ``content feedback`` over the configured store,
as a table and as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bot.commands.content_cmd import run
from bot.storage.tinydb_store import TinyDBStorage

GAPS = [
    ("is # normal", "en", "2026-05-01"),
    ("what is leukorrhea", "en", "2026-05-02"),
    ("is # normal", "en", "2026-05-03"),
    ("es normal el flujo", "es", "2026-05-04"),
    ("=HYPERLINK(1)", "en", "2026-05-05"),
]
VOTES = [("brown_discharge", True), ("brown_discharge", False), ("plug", False), ("plug", False)]


@pytest.fixture
async def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stopped bot's data directory with gaps and votes, configured as BOT_DATA_DIR."""
    directory = tmp_path / "data"
    storage = await TinyDBStorage.open(directory)
    for text, lang, at in GAPS:
        await storage.add_content_gap(text, lang, at)
    for topic, helpful in VOTES:
        await storage.add_feedback(topic, helpful)
    await storage.close()
    monkeypatch.delenv("BOT_DATABASE_URL", raising=False)
    monkeypatch.setenv("BOT_DATA_DIR", str(directory))
    monkeypatch.chdir(tmp_path)
    return directory


def report(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert run(list(argv), out, err) == 0, err.getvalue()
    return out.getvalue()


def test_gaps_lists_the_most_asked_question_first(data_dir: Path) -> None:
    """A question asked twice comes before those asked once, with its count and last day."""
    lines = report("gaps").splitlines()
    assert lines[1].split() == ["2", "en", "2026-05-03", "is", "#", "normal"]


def test_gaps_keep_the_masking_they_were_stored_with(data_dir: Path) -> None:
    """The report shows the stored text, masks included, and nothing else about a user."""
    assert "is # normal" in report("gaps")


def test_gaps_of_one_language(data_dir: Path) -> None:
    """--lang es lists only the Spanish questions."""
    rows = list(csv.DictReader(io.StringIO(report("gaps", "--lang", "es", "--csv"))))
    assert [row["text"] for row in rows] == ["es normal el flujo"]


def test_gaps_as_csv_have_a_header_and_one_row_per_question(data_dir: Path) -> None:
    """--csv writes count, lang, last_seen, text for each distinct question."""
    rows = list(csv.DictReader(io.StringIO(report("gaps", "--csv"))))
    assert len(rows) == 4
    assert rows[0] == {"count": "2", "lang": "en", "last_seen": "2026-05-03", "text": "is # normal"}


def test_a_question_shaped_like_a_formula_stays_text_in_csv(data_dir: Path) -> None:
    """A typed '=...' is written with a leading quote so a spreadsheet never runs it."""
    texts = [row["text"] for row in csv.DictReader(io.StringIO(report("gaps", "--csv")))]
    assert "'=HYPERLINK(1)" in texts


def test_feedback_lists_the_least_helpful_topic_first(data_dir: Path) -> None:
    """Votes per topic, the most 'not helpful' first, as CSV."""
    rows = list(csv.DictReader(io.StringIO(report("feedback", "--csv"))))
    assert rows == [
        {"topic": "plug", "helpful": "0", "not_helpful": "2", "helpful_share": "0.00"},
        {"topic": "brown_discharge", "helpful": "1", "not_helpful": "1", "helpful_share": "0.50"},
    ]


def test_feedback_as_a_table(data_dir: Path) -> None:
    """The table names each topic with its votes and share of helpful ones."""
    lines = report("feedback").splitlines()
    assert lines[1].split() == ["0", "2", "0%", "plug"]
    assert lines[-1] == "2 topic(s) rated"
