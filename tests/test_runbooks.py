"""The incident runbooks (RELIABILITY P10) exist, are dated, and say what they must.

``deploy/RUNBOOKS.md`` carries a "Last reviewed" and a "Next review" date, one section per
required runbook, the GDPR and FTC sources by URL, the notification deadlines, placeholders
(never invented people) for contacts, and a table for tabletop exercises. Its links into
``deploy/README.md`` and to its own sections must resolve, so a renamed heading is caught.
The checks never depend on today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
RUNBOOKS = DEPLOY / "RUNBOOKS.md"
README = DEPLOY / "README.md"

REQUIRED_HEADINGS = [
    "1. Bot token leak",
    "2. Database or backup leak",
    "3. Unauthorised disclosure to a third party",
    "4. Lost or corrupt store",
    "Tabletop exercises",
    "Contacts",
    "Sources",
]
MAX_REVIEW_GAP = dt.timedelta(days=366)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _date(label: str) -> dt.date:
    match = re.search(rf"^{label}: (\d{{4}}-\d{{2}}-\d{{2}})\s*$", _text(RUNBOOKS), re.MULTILINE)
    assert match, f"no '{label}: YYYY-MM-DD' line"
    return dt.date.fromisoformat(match.group(1))


def _headings(path: Path) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^#{1,6} (.+)$", _text(path), re.MULTILINE)]


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _section(heading: str) -> str:
    """The text under a level-2 heading, up to the next one."""
    text = _text(RUNBOOKS)
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _words(heading: str) -> str:
    """A section's text with line breaks and runs of spaces made single spaces (reflow-proof)."""
    return " ".join(_section(heading).split())


def test_runbooks_file_exists() -> None:
    """deploy/RUNBOOKS.md is part of the repository."""
    assert RUNBOOKS.is_file()


def test_last_reviewed_date_parses() -> None:
    """The header states when the runbooks were last reviewed, as an ISO date."""
    assert _date("Last reviewed").year >= 2026


def test_next_review_follows_last_review_within_a_year() -> None:
    """The next review is after the last one and at most a year later."""
    gap = _date("Next review") - _date("Last reviewed")
    assert dt.timedelta(0) < gap <= MAX_REVIEW_GAP


@pytest.mark.parametrize("heading", REQUIRED_HEADINGS)
def test_each_required_runbook_has_its_section(heading: str) -> None:
    """Every required runbook (and contacts, sources, exercises) is a level-2 section."""
    assert f"\n## {heading}\n" in _text(RUNBOOKS)


def test_gdpr_is_cited_on_eur_lex() -> None:
    """The GDPR articles are cited with the regulation's EUR-Lex address."""
    assert "https://eur-lex.europa.eu/eli/reg/2016/679/oj" in _text(RUNBOOKS)


def test_ftc_health_breach_rule_is_cited_on_ftc_gov() -> None:
    """The FTC Health Breach Notification Rule is cited with its ftc.gov pages."""
    text = _text(RUNBOOKS)
    assert "https://www.ftc.gov/legal-library/browse/rules/health-breach-notification-rule" in text
    assert "https://www.ftc.gov/business-guidance/" in text


def test_leak_runbook_states_the_gdpr_deadline_and_articles() -> None:
    """The database leak runbook gives the 72-hour notice (Art. 33) and user notice (Art. 34)."""
    section = _words("2. Database or backup leak")
    assert "72 hours" in section
    assert "Art. 33" in section and "Art. 34" in section


def test_leak_runbook_states_the_ftc_deadlines() -> None:
    """The database leak runbook gives the FTC rule's 60 days and its 500-person thresholds."""
    section = _words("2. Database or backup leak")
    assert "60 calendar days" in section
    assert "500 or more residents" in section
    assert "notice to the FTC" in section


def test_disclosure_runbook_says_it_is_a_breach_under_the_ftc_rule() -> None:
    """The third-party runbook states that an unauthorised disclosure is a breach under the rule."""
    section = _words("3. Unauthorised disclosure to a third party")
    assert "breach of security includes an unauthorised disclosure" in section


def test_token_runbook_links_the_rotation_procedure() -> None:
    """The token runbook points at the rotation section of deploy/README.md."""
    assert "README.md#rotating-the-bot-token" in _section("1. Bot token leak")


def test_store_runbook_links_the_restore_procedure() -> None:
    """The lost-store runbook points at the restore section of deploy/README.md."""
    assert "README.md#backups-and-restore" in _section("4. Lost or corrupt store")


def test_links_into_the_readme_resolve() -> None:
    """Every README.md#anchor link names a heading that exists in deploy/README.md."""
    anchors = re.findall(r"\]\(README\.md#([^)]+)\)", _text(RUNBOOKS))
    assert anchors
    existing = {_slug(h) for h in _headings(README)}
    assert sorted(set(anchors) - existing) == []


def test_links_within_the_runbooks_resolve() -> None:
    """Every #anchor link inside RUNBOOKS.md names one of its own headings."""
    anchors = re.findall(r"\]\(#([^)]+)\)", _text(RUNBOOKS))
    assert anchors
    existing = {_slug(h) for h in _headings(RUNBOOKS)}
    assert sorted(set(anchors) - existing) == []


def test_contacts_are_placeholders_only() -> None:
    """Every contact in the table is a `<placeholder>`, never an invented person or address."""
    rows = [line for line in _section("Contacts").splitlines() if line.startswith("| ")][1:]
    contacts = [row.strip("|").split("|")[1].strip() for row in rows]
    assert contacts
    assert all(re.fullmatch(r"`<[a-z A-Z]+>`", contact) for contact in contacts), contacts


def test_exercise_log_table_is_present() -> None:
    """The tabletop section has the table where each exercise is recorded."""
    assert "| Date | Runbook | Scenario |" in _section("Tabletop exercises")


def test_deploy_readme_links_the_runbooks() -> None:
    """deploy/README.md links RUNBOOKS.md."""
    assert "](RUNBOOKS.md)" in _text(README)
