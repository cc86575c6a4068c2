"""Every case of tests/data/triage-extra.yaml, written from the reference table, passes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.catalog.files import CONTENT_DIR, read_yaml
from bot.catalog.triage_content import load_triage
from bot.domain.triage import evaluate
from bot.domain.vocabulary import Vocabulary

VOCAB = Vocabulary.model_validate(read_yaml(CONTENT_DIR / "vocabulary.yaml"))
RULES = load_triage(CONTENT_DIR, VOCAB)
CASES: list[dict[str, Any]] = read_yaml(Path(__file__).parent / "data" / "triage-extra.yaml")[
    "cases"
]


def test_extra_set_has_at_least_30_distinct_cases() -> None:
    """The extra set is big enough to matter and its ids are unique."""
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extra_case_is_within_its_allowed_levels(case: dict[str, Any]) -> None:
    """The level is at least min_level and, where given, at most max_level."""
    result = evaluate(RULES, VOCAB.validate_answers(case["answers"]))
    rank = VOCAB.rank(result.level)
    assert rank >= VOCAB.rank(case["min_level"]), (result.level, result.rule_ids, case["reason"])
    if "max_level" in case:
        assert rank <= VOCAB.rank(case["max_level"]), (
            result.level,
            result.rule_ids,
            case["reason"],
        )
