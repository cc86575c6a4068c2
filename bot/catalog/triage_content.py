"""Loads the triage rules and their per-locale reason texts from ``content/`` and cross-checks them.

Rules live in ``triage/rules.yaml`` and are validated against the vocabulary by
``bot.domain.triage.load_rules``; the words for each reason id live in
``locales/<locale>/reasons.yaml``. Errors name the file and the location.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from bot.catalog.files import ContentError, read_yaml
from bot.domain.triage import Reason, TriageRuleError, TriageRules, load_rules, reason_ids
from bot.domain.vocabulary import Vocabulary

RULES_FILE = Path("triage") / "rules.yaml"


def reasons_file(locale: str) -> Path:
    """Where the reason texts of ``locale`` live, relative to the content directory."""
    return Path("locales") / locale / "reasons.yaml"


def load_triage(content_dir: Path, vocab: Vocabulary) -> TriageRules:
    """Read and validate the triage rules; raises ContentError listing every problem."""
    path = content_dir / RULES_FILE
    try:
        return load_rules(read_yaml(path), vocab)
    except TriageRuleError as exc:
        raise ContentError("\n".join(f"{path}: {error}" for error in exc.errors)) from None


def load_reasons(content_dir: Path, locale: str) -> dict[str, Reason]:
    """Read the reason texts of one locale; raises ContentError naming the reason and field."""
    path = content_dir / reasons_file(locale)
    errors, reasons = _parse_reasons(read_yaml(path))
    if errors:
        raise ContentError("\n".join(f"{path}: {error}" for error in errors))
    return reasons


def check_triage_content(
    content_dir: Path, vocab: Vocabulary, locales: tuple[str, ...] | list[str]
) -> list[str]:
    """Every problem in the triage content, as "file: location: problem" lines (empty if none).

    Covers invalid rules, invalid reason entries, reason ids a rule gives without text in a
    locale, and reason texts no rule uses. FAQ topic ids are not checked here.
    """
    problems: list[str] = []
    rules_path = content_dir / RULES_FILE
    used: frozenset[str] | None = None
    try:
        used = reason_ids(load_rules(read_yaml(rules_path), vocab))
    except TriageRuleError as exc:
        problems.extend(f"{RULES_FILE}: {error}" for error in exc.errors)
    except ContentError as exc:
        problems.append(str(exc))
    for locale in locales:
        relative = reasons_file(locale)
        try:
            errors, reasons = _parse_reasons(read_yaml(content_dir / relative))
        except ContentError as exc:
            problems.append(str(exc))
            continue
        problems.extend(f"{relative}: {error}" for error in errors)
        if used is None:
            continue
        for reason_id in sorted(used - set(reasons)):
            if not any(error.startswith(f"{reason_id}:") for error in errors):
                problems.append(
                    f"{relative}: {reason_id}: a rule gives this reason but it has no text"
                )
        for reason_id in sorted(set(reasons) - used):
            problems.append(f"{relative}: {reason_id}: no rule gives this reason")
    return problems


def _parse_reasons(data: object) -> tuple[list[str], dict[str, Reason]]:
    if not isinstance(data, dict):
        return ["top level: expected a mapping of reason id -> explain, watch_for, sources"], {}
    errors: list[str] = []
    reasons: dict[str, Reason] = {}
    for reason_id, raw in data.items():
        if not isinstance(reason_id, str):
            errors.append(f"{reason_id!r}: reason ids must be text")
            continue
        try:
            reasons[reason_id] = Reason.model_validate(raw)
        except ValidationError as exc:
            for item in exc.errors(include_url=False, include_input=False):
                loc = ".".join(str(part) for part in item["loc"])
                errors.append(
                    f"{reason_id}: {loc}: {item['msg']}" if loc else f"{reason_id}: {item['msg']}"
                )
    return errors, reasons
