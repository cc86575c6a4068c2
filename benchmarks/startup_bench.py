"""Cold start-up time: from spawning ``python -m bot run`` to its first ``getUpdates``.

That span includes the interpreter start, every import, loading and validating all content
(the same checks as ``python -m bot content check``), opening and checking the data
directory, ``getMe``, ``deleteWebhook`` and ``setMyCommands``: everything before the bot can
serve its first user. Each start uses a fresh fake Bot API and an empty data directory; the
median of ``--starts`` starts is reported (target <= 2 s). The byte-code cache is warm, as on
any machine after the first run; the page cache too. Beside each time, the CPU seconds the bot
process had used by then (user + system, all its threads) and the load average: on a shared
machine the wall time follows the load, the CPU time much less.

    .venv/bin/python benchmarks/startup_bench.py [--starts 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e import spawn_bot, wait_polling
from tests.fakes.bot_api import FakeBotAPI

TARGET_S = 2.0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds that process ``pid`` has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_start(data_dir: Path | None = None, cpu: list[float] | None = None) -> float:
    """Seconds from spawn to the first getUpdates the fake received; the CPU seconds the bot
    had used when that was seen are appended to ``cpu``."""
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        async with FakeBotAPI() as api:
            process = spawn_bot(api, data_dir or Path(tmp) / "data", Path(tmp) / "logs")
            try:
                await wait_polling(api, process, timeout=60.0)
                if cpu is not None:
                    cpu.append(cpu_seconds(process.pid))
                first = api.calls_to("getUpdates")[0]
                return first.at - process.started_wall
            finally:
                await process.stop_async(grace=10.0)


async def measure(starts: int, warm_up: bool = True, cpu: list[float] | None = None) -> list[float]:
    """Seconds to the first poll for each of ``starts`` starts, after one uncounted warm-up
    start (so byte-code compilation after an install is not counted); each start's CPU
    seconds are appended to ``cpu``."""
    if warm_up:
        await one_start()
    return [await one_start(cpu=cpu) for _ in range(starts)]


def main(argv: list[str] | None = None) -> int:
    """Print each start and the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    cpu: list[float] = []
    times = asyncio.run(measure(args.starts, cpu=cpu))
    print("starts (s): " + ", ".join(f"{t:.2f}" for t in times))
    print("bot CPU by then (s): " + ", ".join(f"{c:.2f}" for c in cpu))
    median = statistics.median(times)
    print(f"median cold start to first getUpdates: {median:.2f} s (target <= {TARGET_S:g} s)")
    print(
        f"median bot CPU to first getUpdates: {statistics.median(cpu):.2f} s; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
