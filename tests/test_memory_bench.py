"""The memory benchmark's repeated runs on one seeded data directory."""

from __future__ import annotations

import pytest

from benchmarks import memory_bench


@pytest.mark.slow
def test_every_repeated_run_gets_its_replies() -> None:
    """--repeat 2 measures twice: the second run's updates are answered, not dropped as seen."""
    figures = memory_bench.measure(users=20, checkins=1, active=1, repeat=2)
    assert figures["rss_after_traffic_mb"] > 0
