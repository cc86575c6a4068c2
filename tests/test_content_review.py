"""Review records: every content file says who reviewed it and when; stale ones only warn."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from bot.catalog.files import CONTENT_DIR
from bot.catalog.review import check_reviews
from bot.commands import content_cmd

TODAY = dt.date(2026, 6, 1)


def content_with(tmp_path: Path, reviews: str, extra: str = "") -> Path:
    """A content directory with two content files and a manifest with these reviews."""
    root = tmp_path / "content"
    (root / "triage").mkdir(parents=True)
    (root / "triage" / "rules.yaml").write_text("rules: []\n", encoding="utf-8")
    (root / "vocabulary.yaml").write_text("fields: {}\n", encoding="utf-8")
    (root / "manifest.yaml").write_text(
        f"version: '1'\n{extra}reviews:\n{reviews}", encoding="utf-8"
    )
    return root


def both_reviewed_on(day: dt.date) -> str:
    return (
        f"  triage/rules.yaml: {{by: 'A. Midwife, RM', on: {day.isoformat()}}}\n"
        f"  vocabulary.yaml: {{by: 'A. Midwife, RM', on: {day.isoformat()}}}\n"
    )


def test_a_review_older_than_the_limit_warns(tmp_path: Path) -> None:
    """A review 400 days old, with a 365-day limit, gives a warning naming file and age."""
    root = content_with(tmp_path, both_reviewed_on(TODAY - dt.timedelta(days=400)))
    report = check_reviews(root, TODAY)
    assert any("triage/rules.yaml" in w and "400 days" in w for w in report.warnings)
    assert report.errors == []


def test_a_fresh_review_does_not_warn(tmp_path: Path) -> None:
    """A review from last month gives no warning and counts as current."""
    root = content_with(tmp_path, both_reviewed_on(TODAY - dt.timedelta(days=30)))
    report = check_reviews(root, TODAY)
    assert report.warnings == []
    assert report.current_count == 2


def test_a_file_never_reviewed_warns(tmp_path: Path) -> None:
    """An entry with no date (nobody has reviewed it) gives a warning."""
    root = content_with(
        tmp_path,
        "  triage/rules.yaml: {by: 'not yet clinically reviewed', on: null}\n"
        "  vocabulary.yaml: {by: 'A. Midwife, RM', on: 2026-05-01}\n",
    )
    warnings = check_reviews(root, TODAY).warnings
    assert len(warnings) == 1
    assert "triage/rules.yaml" in warnings[0]
    assert "not clinically reviewed" in warnings[0]


def test_a_file_missing_from_the_review_list_warns(tmp_path: Path) -> None:
    """A content file on disk with no entry in the manifest is listed."""
    root = content_with(tmp_path, both_reviewed_on(TODAY))
    (root / "triage" / "extra.yaml").write_text("x: 1\n", encoding="utf-8")
    warnings = check_reviews(root, TODAY).warnings
    assert warnings == ["triage/extra.yaml: not in the review list of manifest.yaml"]


def test_an_entry_for_a_file_that_is_gone_warns(tmp_path: Path) -> None:
    """A review entry whose file no longer exists is reported."""
    reviews = both_reviewed_on(TODAY) + "  old/gone.yaml: {by: 'A. Midwife', on: 2026-05-01}\n"
    root = content_with(tmp_path, reviews)
    warnings = check_reviews(root, TODAY).warnings
    assert any(w.startswith("old/gone.yaml:") for w in warnings)


def test_the_manifest_sets_the_maximum_age(tmp_path: Path) -> None:
    """`review_max_age_days` in the manifest replaces the 365-day default."""
    root = content_with(
        tmp_path, both_reviewed_on(TODAY - dt.timedelta(days=100)), "review_max_age_days: 90\n"
    )
    report = check_reviews(root, TODAY)
    assert report.max_age_days == 90
    assert len(report.warnings) == 2


def test_the_command_line_age_overrides_the_manifest(tmp_path: Path) -> None:
    """An explicit maximum age wins over the manifest's."""
    root = content_with(
        tmp_path, both_reviewed_on(TODAY - dt.timedelta(days=100)), "review_max_age_days: 90\n"
    )
    assert check_reviews(root, TODAY, max_age_days=120).warnings == []


def test_a_review_date_that_is_not_a_date_is_an_error(tmp_path: Path) -> None:
    """A typo in the review record itself fails the check instead of warning."""
    root = content_with(
        tmp_path,
        "  triage/rules.yaml: {by: 'A. Midwife', on: 'last spring'}\n"
        "  vocabulary.yaml: {by: '', on: 2026-05-01}\n",
    )
    errors = check_reviews(root, TODAY).errors
    assert any("triage/rules.yaml" in e and "date" in e for e in errors)
    assert any("vocabulary.yaml" in e and "reviewer" in e for e in errors)


def test_check_warns_but_passes_on_the_real_content() -> None:
    """`content check` exits 0 on the shipped content and prints review warnings to stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = content_cmd.run(["check", "--max-review-age-days", "365"], out, err, today=TODAY)
    assert code == 0, err.getvalue()
    assert "content ok" in out.getvalue()
    assert "warning: triage/rules.yaml:" in err.getvalue()
    assert "error" not in err.getvalue()


def test_the_shipped_review_record_is_well_formed() -> None:
    """Every entry of the shipped manifest's review list parses (no reviewer or date typos)."""
    assert check_reviews(CONTENT_DIR, TODAY).errors == []


def test_every_shipped_content_file_has_an_entry_in_the_review_list() -> None:
    """No shipped content file (crisis-net.json, the places strings included) lacks a review
    entry, so the check's "not in the review list" warning never fires on real content."""
    warnings = check_reviews(CONTENT_DIR, TODAY).warnings
    assert [w for w in warnings if "not in the review list" in w] == []
