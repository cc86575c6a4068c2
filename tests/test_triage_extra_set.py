"""Every case of tests/data/triage-extra.yaml, written from the reference table, passes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.triage_sets import assert_within_allowed_levels, case_params, load_cases


def test_extra_set_has_at_least_30_distinct_cases() -> None:
    """The extra set is big enough to matter and its ids are unique."""
    ids = [case["id"] for case in load_cases("triage-extra.yaml")]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", case_params("triage-extra.yaml"))
def test_extra_case_is_within_its_allowed_levels(case: dict[str, Any]) -> None:
    """The level is at least min_level and, where given, at most max_level."""
    assert_within_allowed_levels(case)
