"""Benchmark of the meaning-based crisis screen (bot/catalog/crisis_net.py): the time to load the
sentence encoder (done in the background at start-up), the resident memory it adds (once loaded,
and again after every message of the development safety sets has been screened), and p50 / p99
time per message over those sets.

Run from the repository root: ``.venv/bin/python benchmarks/crisis_net_bench.py``
(``--every N`` screens every N-th message only: the quick run of ``run_all.py`` uses it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_LOAD_S = 2.0
TARGET_RSS_MB = 100.0
TARGET_P99_MS = 20.0


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 1e6


def main(argv: list[str] | None = None) -> int:
    """Print load seconds, added resident MB and per-message p50 / p99 ms, one per line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=1, help="screen every N-th message")
    every = max(1, parser.parse_args(argv).every)
    from bot.commands.safety_eval import load

    texts = [
        item.text
        for name in ("safety-dev.yaml", "safety-dev2.yaml", "safety-dev3.yaml")
        for item in load(ROOT / "tests" / "data" / name)
    ][::every]
    from bot.catalog import crisis_net
    from bot.catalog.files import CONTENT_DIR

    before = _rss_mb()
    started = time.perf_counter()
    crisis_net._encoder()
    load_s = time.perf_counter() - started
    added = _rss_mb() - before
    net = crisis_net.load_crisis_net(CONTENT_DIR)
    assert net is not None
    times = []
    for text in texts:
        started = time.perf_counter()
        net(text)
        times.append((time.perf_counter() - started) * 1000)
    after_messages = _rss_mb() - before
    times.sort()
    p50, p99 = times[len(times) // 2], times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    print(f"load_s {load_s:.2f}")
    print(f"rss_added_mb {added:.0f}")
    print(f"rss_added_after_messages_mb {after_messages:.0f}")
    print(f"p50_ms {p50:.2f}")
    print(f"p99_ms {p99:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
