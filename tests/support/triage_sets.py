"""The runner of the labelled triage sets (tests/data/triage-*.yaml): load cases, check one.

A case passes when the real rules give it a level at least ``min_level`` and, where given,
at most ``max_level`` (the scoring the sets' own headers describe).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.catalog.files import CONTENT_DIR, read_yaml
from bot.catalog.triage_content import load_triage
from bot.domain.triage import evaluate
from bot.domain.vocabulary import Vocabulary

DATA = Path(__file__).resolve().parents[1] / "data"
VOCAB = Vocabulary.model_validate(read_yaml(CONTENT_DIR / "vocabulary.yaml"))
RULES = load_triage(CONTENT_DIR, VOCAB)


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of the labelled set ``tests/data/<name>``."""
    cases: list[dict[str, Any]] = read_yaml(DATA / name)["cases"]
    return cases


def case_params(name: str) -> list[Any]:
    """The set's cases as pytest parameters, each named by its case id."""
    return [pytest.param(case, id=case["id"]) for case in load_cases(name)]


def assert_within_allowed_levels(case: dict[str, Any]) -> None:
    """Fail unless the case's level is at least min_level and, where given, at most max_level."""
    result = evaluate(RULES, VOCAB.validate_answers(case["answers"]))
    rank = VOCAB.rank(result.level)
    why = (result.level, result.rule_ids, case["reason"])
    assert rank >= VOCAB.rank(case["min_level"]), why
    if "max_level" in case:
        assert rank <= VOCAB.rank(case["max_level"]), why
