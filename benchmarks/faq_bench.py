"""Benchmark of the free-text pipeline: p50 / p99 time of FAQ matching and of the red-flag
screen, for normal messages and for 4,096-character ones (RELIABILITY S8).

Run from the repository root: ``.venv/bin/python benchmarks/faq_bench.py [--rounds N]``.
Targets (issue 16): matching p99 <= 20 ms for a normal message and <= 50 ms for 4,096 characters.
Random texts are new in every round, so per-word caches do not flatter the numbers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.catalog.faq_content import build_matcher, load_safety  # noqa: E402
from bot.catalog.files import CONTENT_DIR, read_yaml  # noqa: E402

TELEGRAM_MAX = 4096


def _normal_messages() -> list[str]:
    data = read_yaml(ROOT / "tests" / "data" / "faq-dev.yaml")
    return [item["text"] for item in data["in_scope"] + data["out_of_scope"]]


def _random_text(rng: random.Random) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz      "
    return "".join(rng.choice(alphabet) for _ in range(TELEGRAM_MAX))


def _random_unicode(rng: random.Random) -> str:
    return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(TELEGRAM_MAX))


def _time(fn: Callable[[str], object], texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        started = time.perf_counter()
        fn(text)
        out.append((time.perf_counter() - started) * 1000)
    return out


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    """Print the table; exit 1 when a matching target is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    matcher = build_matcher(CONTENT_DIR)
    screen = load_safety(CONTENT_DIR)
    rng = random.Random(20240601)
    normal = _normal_messages()
    cases: dict[str, list[str]] = {
        "normal (dev set)": normal * args.rounds,
        "a x 4096": ["a" * TELEGRAM_MAX] * (20 * args.rounds),
        "🤰 x 4096": ["🤰" * TELEGRAM_MAX] * (20 * args.rounds),
        "a x 30 + !": ["a" * 30 + "!"] * (20 * args.rounds),
        "random a-z 4096": [_random_text(rng) for _ in range(20 * args.rounds)],
        "random unicode 4096": [_random_unicode(rng) for _ in range(20 * args.rounds)],
    }
    # Warm up once so that one-off start-up costs are not counted as a message's.
    for text in normal:
        matcher.match(text, "en")
        screen.screen(text, "en")
    failed = False
    print(f"{'case':22} {'match p50':>10} {'match p99':>10} {'screen p50':>11} {'screen p99':>11}")
    for name, texts in cases.items():
        # Each text is screened, then matched, as the bot does: the matcher's meaning step
        # reads the embedding the screen has just computed (it never encodes a text itself).
        screen_times: list[float] = []
        match_times: list[float] = []
        for text in texts:
            screen_times += _time(lambda t: screen.screen(t, "en"), [text])
            match_times += _time(lambda t: matcher.match(t, "en"), [text])
        limit = 20.0 if name.startswith("normal") else 50.0
        match_p99 = _p(match_times, 0.99)
        failed |= match_p99 > limit
        print(
            f"{name:22} {statistics.median(match_times):10.2f} {match_p99:10.2f}"
            f" {statistics.median(screen_times):11.2f} {_p(screen_times, 0.99):11.2f}"
            f"   (ms; match p99 target <= {limit:g})"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
