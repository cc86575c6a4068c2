"""Every case of the public triage development set (tests/data/triage-dev.yaml) passes."""

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
CASES: list[dict[str, Any]] = read_yaml(Path(__file__).parent / "data" / "triage-dev.yaml")["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dev_case_is_within_its_allowed_levels(case: dict[str, Any]) -> None:
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
