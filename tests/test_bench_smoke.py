"""Smoke test of the benchmark suite: ``benchmarks/run_all.py --quick`` runs every part.

The quick run takes about 25 s on an idle 2-core machine, under the 30 s budget for CI, so
it runs with the rest of the tests (marked ``slow``; deselect with ``-m "not slow"``). It
checks that the suite still works end to end, not the numbers: a quick run is too small to
judge a target by.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_benchmark_run_fills_every_row_of_the_table(tmp_path: Path) -> None:
    """Every part of ``run_all.py --quick`` produces its rows and none reports an error."""
    out = tmp_path / "rows.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        # Only a guard against a part that hangs: a quick run takes 1-2 minutes on an idle
        # 2-core machine and over 17 minutes on a busy one, which must not fail the test.
        timeout=7200,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    metrics = " ".join(row["metric"] for row in rows).lower()
    parts = (
        "e2e",
        "storage",
        "latency",
        "fan-out",
        "memory",
        "cold start",
        "faq",
        "crisis",
        "flood",
        "reminders",
    )
    for word in parts:
        assert word in metrics, f"no {word!r} row in {metrics}"
    assert all(row["measured"] for row in rows)
    assert "metric" in result.stdout and "met?" in result.stdout
