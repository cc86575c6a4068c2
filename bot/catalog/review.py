"""Who reviewed each content file and when, and the warnings the content check prints about it.

The record lives in ``content/manifest.yaml`` under ``reviews:``, one entry per content file
(path relative to ``content/``)::

    reviews:
      triage/rules.yaml: {by: "Jane Smith, registered midwife", on: 2026-07-01}
      locales/es/strings.yaml: {by: "not yet clinically reviewed", on: null}

Keeping the record in the manifest, not in each file, means no content loader has to learn
to ignore it. A file with no entry, an entry with no date, or a date older than the maximum
age (``review_max_age_days`` in the manifest, 365 by default, or ``--max-review-age-days``)
gets a warning; warnings never fail the check, because content that is out of review still
serves users better than no content. A malformed entry (no reviewer, a date that is not a
date or lies in the future) is an error: it is a typo in the record itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.catalog.files import ContentError, read_yaml

MANIFEST = "manifest.yaml"
DEFAULT_MAX_AGE_DAYS = 365
NOT_REVIEWED = "not yet clinically reviewed"


@dataclass(frozen=True)
class Review:
    """One file's review record: who (name and role) and on which day; ``on`` None = never."""

    by: str
    on: dt.date | None


@dataclass(frozen=True)
class FileReview:
    """The review state of one content file on a given day."""

    path: str
    review: Review | None
    age_days: int | None
    current: bool


@dataclass
class ReviewReport:
    """Every content file's review state, plus the warnings and errors the check prints."""

    max_age_days: int
    files: list[FileReview] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def current_count(self) -> int:
        """How many files have a review younger than the maximum age."""
        return sum(1 for item in self.files if item.current)


def content_files(content_dir: Path) -> list[str]:
    """Every content file that needs a review, as paths relative to ``content_dir``."""
    found = []
    for path in content_dir.rglob("*"):
        relative = path.relative_to(content_dir)
        if not path.is_file() or relative.as_posix() == MANIFEST:
            continue
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        found.append(relative.as_posix())
    return sorted(found)


def read_manifest(content_dir: Path) -> Mapping[str, object]:
    """The manifest as a mapping; raises ContentError naming the file otherwise."""
    data = read_yaml(content_dir / MANIFEST)
    if not isinstance(data, dict):
        raise ContentError(f"{MANIFEST}: expected a mapping")
    return data


def max_age_of(manifest: Mapping[str, object]) -> int:
    """The manifest's ``review_max_age_days``, or the default when it gives none."""
    value = manifest.get("review_max_age_days", DEFAULT_MAX_AGE_DAYS)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ContentError(f"{MANIFEST}: review_max_age_days must be a whole number of days >= 1")
    return value


def parse_reviews(manifest: Mapping[str, object]) -> tuple[dict[str, Review], list[str]]:
    """The ``reviews:`` mapping as Review records, and an error line for every bad entry."""
    raw = manifest.get("reviews") or {}
    if not isinstance(raw, dict):
        return {}, [f"{MANIFEST}: reviews: expected a mapping of file path -> {{by, on}}"]
    reviews: dict[str, Review] = {}
    errors: list[str] = []
    for path, entry in raw.items():
        where = f"{MANIFEST}: reviews: {path}"
        if isinstance(entry, dict) and True in entry:
            # YAML 1.1 reads a bare `on:` key as the boolean true; editors should not have
            # to know that, so it counts as "on".
            entry = {("on" if key is True else key): value for key, value in entry.items()}
        if not isinstance(entry, dict) or set(entry) - {"by", "on"}:
            errors.append(f"{where}: expected {{by: name and role, on: YYYY-MM-DD or null}}")
            continue
        by = entry.get("by")
        if not isinstance(by, str) or not by.strip():
            errors.append(f"{where}: `by` must name the reviewer")
            continue
        on = entry.get("on")
        if isinstance(on, str):
            try:
                on = dt.date.fromisoformat(on)
            except ValueError:
                errors.append(f"{where}: `on` must be a date like 2026-07-01")
                continue
        if isinstance(on, dt.datetime):
            on = on.date()
        if on is not None and not isinstance(on, dt.date):
            errors.append(f"{where}: `on` must be a date like 2026-07-01, or null")
            continue
        reviews[str(path)] = Review(by=by.strip(), on=on)
    return reviews, errors


def check_reviews(
    content_dir: Path, today: dt.date, max_age_days: int | None = None
) -> ReviewReport:
    """The review state of every content file on ``today``.

    ``max_age_days`` overrides the manifest's ``review_max_age_days``.
    """
    try:
        manifest = read_manifest(content_dir)
        age_limit = max_age_days if max_age_days is not None else max_age_of(manifest)
    except ContentError as exc:
        return ReviewReport(max_age_days or DEFAULT_MAX_AGE_DAYS, errors=[str(exc)])
    reviews, errors = parse_reviews(manifest)
    report = ReviewReport(age_limit, errors=errors)
    on_disk = content_files(content_dir)
    for path in on_disk:
        review = reviews.get(path)
        state = _state(path, review, today, age_limit)
        report.files.append(state)
        warning = _warning(state, age_limit)
        if warning:
            report.warnings.append(warning)
        if review is not None and review.on is not None and review.on > today:
            report.errors.append(f"{MANIFEST}: reviews: {path}: review date {review.on} is ahead")
    for path in sorted(set(reviews) - set(on_disk)):
        report.warnings.append(f"{path}: listed in {MANIFEST} reviews but no such content file")
    return report


def _state(path: str, review: Review | None, today: dt.date, age_limit: int) -> FileReview:
    if review is None or review.on is None:
        return FileReview(path, review, None, current=False)
    age = (today - review.on).days
    return FileReview(path, review, age, current=0 <= age <= age_limit)


def _warning(state: FileReview, age_limit: int) -> str | None:
    if state.review is None:
        return f"{state.path}: not in the review list of {MANIFEST}"
    if state.review.on is None:
        who = "" if state.review.by == NOT_REVIEWED else f" (by: {state.review.by})"
        return f"{state.path}: not clinically reviewed yet: no review date{who}"
    if state.age_days is not None and state.age_days > age_limit:
        return (
            f"{state.path}: last reviewed {state.review.on} by {state.review.by}, "
            f"{state.age_days} days ago (more than {age_limit})"
        )
    return None
