"""Time to reply for ten people while an eleventh floods the bot (RELIABILITY S7).

The bot runs as a process against the fake Bot API; one person taps a storing button 500
times in 10 seconds while ten others each send /help three times at random moments. The
median seconds from each /help to its reply is reported (target < 1 s). The scenario is
``tests/support/flooding.py``; ``tests/reliability/test_flood.py`` checks what must hold
on any machine (no reply lost, the flooder held to the per-user limit).

    .venv/bin/python benchmarks/flood_bench.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes.bot_api import FakeBotAPI
from tests.support.flooding import run_flood

TARGET_MEDIAN_S = 1.0


async def measure() -> list[float]:
    """The others' seconds to each reply in one run of the scenario."""
    with tempfile.TemporaryDirectory(prefix="flood-bench-") as tmp:
        async with FakeBotAPI() as api:
            return (await run_flood(api, Path(tmp))).delays


def main() -> int:
    """Print the others' median and p90 time to reply during the flood."""
    delays = sorted(asyncio.run(measure()))
    median = statistics.median(delays)
    p90 = delays[int(0.9 * (len(delays) - 1))]
    print(f"median_s {median:.3f}")
    print(f"p90_s {p90:.3f}")
    print(f"target_median_s {TARGET_MEDIAN_S:g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
