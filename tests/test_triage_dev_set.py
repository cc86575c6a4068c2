"""Every case of the public triage development set (tests/data/triage-dev.yaml) passes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.triage_sets import assert_within_allowed_levels, case_params


@pytest.mark.parametrize("case", case_params("triage-dev.yaml"))
def test_dev_case_is_within_its_allowed_levels(case: dict[str, Any]) -> None:
    """The level is at least min_level and, where given, at most max_level."""
    assert_within_allowed_levels(case)
