"""Run every benchmark and print one table: metric, measured, target, met?

    .venv/bin/python benchmarks/run_all.py            # full run, a few minutes on 2 cores
    .venv/bin/python benchmarks/run_all.py --quick    # smoke run: small sizes, one repeat
    .venv/bin/python benchmarks/run_all.py --json out.json   # also write the rows as JSON
    .venv/bin/python benchmarks/run_all.py --only e2e --diagnose   # + limiter on/off swapped

Parts, in order (each prints a progress line to stderr; a part that fails becomes an
"error" row and the others still run):

- ``e2e``: throughput and time-to-reply over HTTP, the check-in bot and a bare echo bot in
  the same run (``e2e_bench.py``); medians of ``runs`` runs of ``users`` people.
- ``storage``: time per check-in save at 100, 10,000 and 100,000 stored users, through
  ``storage_bench.py``'s seeding and timing (medians of its repeated runs).
- ``latency``: handler time p50 / p99 / max and asyncio's slow-callback warnings for a burst
  of check-in answers over a TinyDB directory of ``latency_users`` x 60 stored check-ins,
  event loop in debug mode (``latency_bench.py``; RELIABILITY D6).
- ``history``: the same burst over ``history_users`` x 280 stored check-ins (a full
  pregnancy of daily check-ins): handler p99, store open time (quick check, validated) and
  the payload bytes one tap in the middle of a check-in writes.
- ``postgres``: the 5,000 x 60 and 1,000 x 280 bursts on the PostgreSQL engine, with round
  trips per update; only with ``--postgres URL`` (``scripts/pg-test-server start`` makes one).
- ``fanout``: the same burst during a reminder fan-out of every seeded user with reminders
  (``latency_bench.py --fan-out``; RELIABILITY R8): every due reminder fires once.
- ``memory``: VmRSS of the bot process with 100,000 stored users (``memory_bench.py``).
- ``startup``: cold start to the first ``getUpdates``, median of several starts
  (``startup_bench.py``).
- ``faq``: FAQ match latency p50 / p99 (``faq_bench.py``, run as is and parsed).
- ``flood``: others' median time to reply while one person floods the bot
  (``flood_bench.py``; RELIABILITY S7).
- ``reminders``: reminder dispatch to 10,000 due users with 20% 429s
  (``reminder_bench.py``, run as is and parsed).

Exit status 0 when every part ran (missed targets are reported, not failures), 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import latency_bench  # noqa: E402

PARTS = (
    "e2e",
    "storage",
    "latency",
    "history",
    "postgres",
    "fanout",
    "memory",
    "startup",
    "faq",
    "crisis",
    "flood",
    "reminders",
)
# Check-ins per user of a full pregnancy of daily check-ins (the ``history`` part).
FULL_HISTORY = 280
TARGET_OPEN_S = 2.0
TARGET_TAP_BYTES = 4096
TARGET_ROUND_TRIPS = 3.0


@dataclass
class Row:
    """One line of the table; ``met`` is None for figures without a target."""

    metric: str
    measured: str
    target: str = ""
    met: bool | None = None


@dataclass(frozen=True)
class Sizes:
    """How big each part runs (full or quick)."""

    e2e_users: int
    e2e_runs: int
    storage_sizes: tuple[int, ...]
    storage_runs: int
    latency_users: int
    latency_burst: int
    history_users: int
    memory_users: int
    memory_active: int
    starts: int
    faq_rounds: int
    reminder_users: int
    reminder_rate: float
    crisis_every: int = 1  # crisis: screen every n-th development message
    diagnose: bool = False  # e2e: also the check-in bot without its rate limiter
    postgres: str | None = None  # the ``postgres`` part's server; the part is skipped without


FULL = Sizes(
    e2e_users=50,
    e2e_runs=3,
    storage_sizes=(100, 10_000, 100_000),
    storage_runs=5,
    latency_users=5_000,
    latency_burst=1_000,
    history_users=1_000,
    memory_users=100_000,
    memory_active=10,
    starts=5,
    faq_rounds=5,
    reminder_users=10_000,
    reminder_rate=100.0,
)
QUICK = Sizes(
    e2e_users=5,
    e2e_runs=1,
    storage_sizes=(100, 1_000),
    storage_runs=2,
    latency_users=100,
    latency_burst=100,
    history_users=50,
    memory_users=1_000,
    memory_active=2,
    starts=1,
    faq_rounds=1,
    reminder_users=200,
    reminder_rate=100.0,
    crisis_every=10,
)

#: How long a part may run before it counts as hung: a guard, far above any real duration
#: (a quick part takes seconds idle, and many minutes on a busy 2-core machine).
PART_HANG_GUARD_S = 3600.0


# --- parts -----------------------------------------------------------------------------------


def run_e2e(sizes: Sizes) -> list[Row]:
    """Check-in bot and echo bot through the same harness, alternating runs."""
    import e2e_bench

    kinds = ("bot", "echo", "bot-unlimited", "echo-limited") if sizes.diagnose else ("bot", "echo")
    numbers = asyncio.run(e2e_bench.compare(sizes.e2e_users, sizes.e2e_runs, kinds))
    bot, echo = numbers["bot"], numbers["echo"]
    ratio = bot["throughput"] / echo["throughput"] if echo["throughput"] else 0.0
    n = f"{sizes.e2e_users} users, {int(bot['updates_per_run'])} updates/run"
    return [
        Row(f"e2e throughput, check-in bot ({n})", f"{bot['throughput']:.1f} updates/s"),
        Row("e2e throughput, bare echo bot (same harness)", f"{echo['throughput']:.1f} updates/s"),
        Row("e2e throughput ratio check-in / echo", f"{ratio:.2f}x", ">= 0.8x", ratio >= 0.8),
        Row(
            "e2e time-to-reply p50 / p99, check-in bot",
            f"{bot['p50_ms']:.0f} / {bot['p99_ms']:.0f} ms",
        ),
        Row(
            "e2e time-to-reply p50 / p99, echo bot",
            f"{echo['p50_ms']:.0f} / {echo['p99_ms']:.0f} ms",
        ),
        Row(
            "e2e bot-process CPU per update, check-in / echo",
            f"{bot['cpu_ms_per_update']:.1f} / {echo['cpu_ms_per_update']:.1f} ms",
        ),
        *(
            [
                Row(
                    "(diagnostic) e2e throughput, check-in bot without AIORateLimiter",
                    f"{numbers['bot-unlimited']['throughput']:.1f} updates/s",
                )
            ]
            if "bot-unlimited" in numbers
            else []
        ),
        *(
            [
                Row(
                    "(diagnostic) e2e bot-process CPU per update, echo bot behind AIORateLimiter",
                    f"{numbers['echo-limited']['cpu_ms_per_update']:.1f} ms",
                )
            ]
            if "echo-limited" in numbers
            else []
        ),
    ]


def run_storage(sizes: Sizes) -> list[Row]:
    """Seed and time saves with ``storage_bench``'s own functions, size by size."""
    import storage_bench

    from bot.storage.tinydb_store import TinyDBStorage

    storage_bench.RUNS = sizes.storage_runs

    async def measure(data_dir: Path) -> dict[int, float]:
        rng = random.Random(7)
        storage = await TinyDBStorage.open(data_dir)
        await storage.close()
        seeded, medians = 0, {}
        for size in sizes.storage_sizes:
            storage_bench.seed(data_dir, seeded, size, rng, 12)
            seeded = size
            storage = await TinyDBStorage.open(data_dir, check="quick")
            try:
                medians[size] = (await storage_bench.time_saves(storage, size, rng))["median"]
            finally:
                await storage.close()
        return medians

    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        medians = asyncio.run(measure(Path(tmp) / "data"))
    smallest, largest = sizes.storage_sizes[0], sizes.storage_sizes[-1]
    ratio = medians[largest] / medians[smallest]
    rows = [
        Row(f"storage: check-in save with {size:,} users", f"{medians[size] * 1000:.2f} ms")
        for size in sizes.storage_sizes
    ]
    rows.append(
        Row(
            f"storage: save time ratio {largest:,} / {smallest:,} users",
            f"{ratio:.2f}x",
            "<= 1.5x",
            ratio <= 1.5,
        )
    )
    return rows


def run_latency(sizes: Sizes) -> list[Row]:
    """A burst of answers over seeded users, the loop in debug mode (D6)."""
    import latency_bench

    r = asyncio.run(latency_bench.measure(sizes.latency_users, sizes.latency_burst))
    target = latency_bench.TARGET_P99_MS
    return [
        _tap_row(r),
        Row(
            f"latency: handler p50 / p99 / max, {r.burst:,} answers,"
            f" {r.users:,} users x {r.checkins_per_user} check-ins",
            f"{r.p50_ms:.0f} / {r.p99_ms:.0f} / {r.max_ms:.0f} ms",
            f"p99 <= {target:g} ms",
            r.p99_ms <= target,
        ),
        Row(
            "latency: 'Executing ... took' > 0.5 s; seeding (fsync'ed); data on disk",
            f"{r.slow_callbacks}; {r.seed_s:.0f} s; {r.data_mb:.0f} MB",
            "0 warnings",
            r.slow_callbacks <= latency_bench.TARGET_SLOW_CALLBACKS,
        ),
    ]


def _tap_row(r: latency_bench.Result) -> Row:
    median, largest = r.tap_bytes_median, r.tap_bytes_max
    return Row(
        "bytes written per tap mid-check-in, median / max",
        f"{median:,.0f} / {largest:,} B",
        f"<= {TARGET_TAP_BYTES:,} B",
        largest <= TARGET_TAP_BYTES,
    )


def run_history(sizes: Sizes) -> list[Row]:
    """The burst over users with a full pregnancy of check-ins each."""
    import latency_bench

    users = sizes.history_users
    r = asyncio.run(latency_bench.measure(users, sizes.latency_burst, checkins=FULL_HISTORY))
    target = 150.0
    return [
        Row(
            f"history: handler p50 / p99 / max, {r.burst:,} answers,"
            f" {users:,} users x {FULL_HISTORY} check-ins",
            f"{r.p50_ms:.0f} / {r.p99_ms:.0f} / {r.max_ms:.0f} ms",
            f"p99 <= {target:g} ms",
            r.p99_ms <= target,
        ),
        Row(
            f"history: store open (quick check, validated), {users:,} users x {FULL_HISTORY}",
            f"{r.open_s:.2f} s",
            f"<= {TARGET_OPEN_S:g} s",
            r.open_s <= TARGET_OPEN_S,
        ),
        _tap_row(r),
        Row(
            "history: CPU per update during the burst (benchmark process, all threads)",
            f"{r.cpu_ms_per_update:.2f} ms",
        ),
    ]


def run_postgres(sizes: Sizes) -> list[Row]:
    """The bursts on PostgreSQL, with round trips per update counted."""
    import latency_bench

    if sizes.postgres is None:
        return [Row("postgres: not run", "give --postgres URL", "", None)]
    rows = []
    for users, checkins in ((sizes.latency_users, 60), (sizes.history_users, FULL_HISTORY)):
        r = asyncio.run(
            latency_bench.measure(
                users, sizes.latency_burst, checkins=checkins, postgres=sizes.postgres
            )
        )
        rows += [
            Row(
                f"postgres: handler p50 / p99 / max, {users:,} users x {checkins} check-ins",
                f"{r.p50_ms:.0f} / {r.p99_ms:.0f} / {r.max_ms:.0f} ms",
                "p99 <= 150 ms",
                r.p99_ms <= 150.0,
            ),
            Row(
                f"postgres: round trips per update; store open, {users:,} x {checkins}",
                f"{r.round_trips_per_update:.2f}; {r.open_s:.2f} s",
                f"<= {TARGET_ROUND_TRIPS:g}",
                r.round_trips_per_update <= TARGET_ROUND_TRIPS,
            ),
        ]
    return rows


def run_fanout(sizes: Sizes) -> list[Row]:
    """The latency burst while every seeded user with reminders is due (R8)."""
    import latency_bench

    r = asyncio.run(latency_bench.measure(sizes.latency_users, sizes.latency_burst, fan_out=True))
    f = r.fan_out
    if f is None:
        raise RuntimeError("the fan-out did not run")
    return [
        Row(
            f"fan-out: {f.due:,} reminders due during the burst: reminded / checked in first"
            " / neither; missed, failed, twice",
            f"{f.reminded:,} / {f.checked_in} / {f.unreached}; {f.missed}, {f.failed},"
            f" {f.duplicates}",
            "neither 0; 0, 0, 0",
            f.met,
        ),
        Row(
            "fan-out: handler p99 / max during it; 'Executing ... took' > 0.5 s",
            f"{r.p99_ms:.0f} / {r.max_ms:.0f} ms; {r.slow_callbacks}",
            "0 warnings",
            r.slow_callbacks <= latency_bench.TARGET_SLOW_CALLBACKS,
        ),
    ]


def run_memory(sizes: Sizes) -> list[Row]:
    """VmRSS of the bot process over a seeded data directory."""
    import memory_bench

    r = memory_bench.measure(sizes.memory_users, 12, sizes.memory_active, 1)
    users = f"{sizes.memory_users:,}"
    return [
        Row(
            f"memory: bot VmRSS, {users} stored users (max of poll / index / traffic)",
            f"{r['rss_max_mb']:.0f} MB",
            f"<= {memory_bench.TARGET_MB:g} MB",
            r["rss_max_mb"] <= memory_bench.TARGET_MB,
        ),
        Row(
            "memory: VmRSS at first poll / after index / after check-ins",
            f"{r['rss_at_poll_mb']:.0f} / {r['rss_after_rebuild_mb']:.0f} / "
            f"{r['rss_after_traffic_mb']:.0f} MB",
        ),
        Row(
            "memory: after index, anonymous / file-backed (libraries, mapped encoder files)",
            f"{r['anon_after_rebuild_mb']:.0f} / {r['file_after_rebuild_mb']:.0f} MB",
        ),
        Row(
            f"start-up with {users} stored users; reminder index rebuild",
            f"{r['startup_s']:.2f} s; {r['rebuild_s']:.1f} s",
        ),
    ]


def run_startup(sizes: Sizes) -> list[Row]:
    """Median cold start to the first getUpdates."""
    import startup_bench

    # In a quick run the e2e part has already started the bot, so byte-code is compiled.
    cpu: list[float] = []
    times = asyncio.run(startup_bench.measure(sizes.starts, warm_up=sizes.starts > 1, cpu=cpu))
    median = statistics.median(times)
    return [
        Row(
            f"cold start to first getUpdates (median of {len(times)}; bot CPU by then)",
            f"{median:.2f} s ({statistics.median(cpu):.2f} s CPU)",
            f"<= {startup_bench.TARGET_S:g} s",
            median <= startup_bench.TARGET_S,
        )
    ]


def _script(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(HERE / name), *args],
        capture_output=True,
        text=True,
        timeout=PART_HANG_GUARD_S,
        cwd=ROOT,
        check=False,
    )
    if not result.stdout.strip():
        raise RuntimeError(f"{name} printed nothing; stderr: {result.stderr[-2000:]}")
    return result.stdout


FAQ_CASE_WIDTH = 22  # faq_bench.py prints f"{name:22} {match p50} {match p99} ..."


def run_faq(sizes: Sizes) -> list[Row]:
    """faq_bench.py as is; its table parsed."""
    out = _script("faq_bench.py", "--rounds", str(sizes.faq_rounds))
    normal: tuple[float, float] | None = None
    long_p50, long_p99 = 0.0, 0.0
    for line in out.splitlines():
        case, numbers = line[:FAQ_CASE_WIDTH].strip(), line[FAQ_CASE_WIDTH:].split()
        try:
            p50, p99 = float(numbers[0]), float(numbers[1])
        except (IndexError, ValueError):
            continue  # the header
        if case.startswith("normal"):
            normal = (p50, p99)
        elif "4096" in case:
            long_p50, long_p99 = max(long_p50, p50), max(long_p99, p99)
    if normal is None:
        raise RuntimeError(f"could not read faq_bench.py output:\n{out}")
    return [
        Row(
            "FAQ match p50 / p99, normal messages",
            f"{normal[0]:.2f} / {normal[1]:.2f} ms",
            "p99 <= 5 ms",
            normal[1] <= 5.0,
        ),
        Row(
            "FAQ match p50 / p99, 4,096 characters (worst case)",
            f"{long_p50:.2f} / {long_p99:.2f} ms",
            "p99 <= 50 ms",
            long_p99 <= 50.0,
        ),
    ]


def run_crisis(sizes: Sizes) -> list[Row]:
    """crisis_net_bench.py in its own process (so the memory it adds is its own)."""
    import crisis_net_bench as bench

    out = _script("crisis_net_bench.py", "--every", str(sizes.crisis_every))
    values = dict(line.split() for line in out.splitlines() if len(line.split()) == 2)
    load_s, added = float(values["load_s"]), float(values["rss_added_mb"])
    after = float(values["rss_added_after_messages_mb"])
    p50, p99 = float(values["p50_ms"]), float(values["p99_ms"])
    return [
        Row(
            "crisis screen: sentence encoder load (in the background)",
            f"{load_s:.2f} s",
            f"<= {bench.TARGET_LOAD_S:g} s",
            load_s <= bench.TARGET_LOAD_S,
        ),
        Row(
            "crisis screen: resident memory added",
            f"{added:.0f} MB",
            f"<= {bench.TARGET_RSS_MB:g} MB",
            added <= bench.TARGET_RSS_MB,
        ),
        Row(
            "crisis screen: resident memory added, after screening the dev safety sets",
            f"{after:.0f} MB",
            f"<= {bench.TARGET_RSS_MB:g} MB",
            after <= bench.TARGET_RSS_MB,
        ),
        Row(
            "crisis screen p50 / p99 per message (dev safety sets)",
            f"{p50:.2f} / {p99:.2f} ms",
            f"p99 <= {bench.TARGET_P99_MS:g} ms",
            p99 <= bench.TARGET_P99_MS,
        ),
    ]


def run_flood(sizes: Sizes) -> list[Row]:
    """flood_bench.py in its own process (it starts the bot as a process itself)."""
    import flood_bench as bench

    out = _script("flood_bench.py")
    values = dict(line.split() for line in out.splitlines() if len(line.split()) == 2)
    median, p90 = float(values["median_s"]), float(values["p90_s"])
    return [
        Row(
            "others' time to reply during a flood, median / p90",
            f"{median:.2f} / {p90:.2f} s",
            f"median < {bench.TARGET_MEDIAN_S:g} s",
            median < bench.TARGET_MEDIAN_S,
        )
    ]


def _field(out: str, label: str) -> str:
    for line in out.splitlines():
        if line.startswith(label):
            return line[len(label) :].strip()
    raise RuntimeError(f"no {label!r} in reminder_bench.py output:\n{out}")


def run_reminders(sizes: Sizes) -> list[Row]:
    """reminder_bench.py as is (20% of sends answered 429); its report parsed."""
    script = HERE / "reminder_bench.py"
    if not script.exists():
        raise RuntimeError("benchmarks/reminder_bench.py is missing")
    users, rate = sizes.reminder_users, sizes.reminder_rate
    out = _script(
        "reminder_bench.py",
        "--users",
        str(users),
        "--rate",
        f"{rate:g}",
        "--reject",
        "0.2",
    )
    sustained = _field(out, "sustained request rate")
    share = float(re.search(r"=\s*([\d.]+)%", sustained)[1])  # type: ignore[index]
    per_second = float(re.search(r"([\d.]+) /s", sustained)[1])  # type: ignore[index]
    once = "PASS  every user exactly once" in out
    spaced = "PASS  no chat twice within 1 s" in out
    honoured = "PASS  retry_after honoured" in out
    return [
        Row(
            f"reminders: sustained dispatch rate, {users:,} due, 20% 429s",
            f"{per_second:.1f}/s = {share:.1f}% of {rate:g}/s",
            ">= 95% of limit",
            share >= 95.0,
        ),
        Row(
            "reminders: every user exactly once; retry_after honoured",
            f"{'yes' if once else 'NO'}; {'yes' if honoured else 'NO'}",
            "yes; yes",
            once and honoured,
        ),
        Row(
            "reminders: min gap between sends to one chat",
            _field(out, "min gap, same chat, requests"),
            ">= 1 s",
            spaced,
        ),
    ]


RUNNERS: dict[str, Callable[[Sizes], list[Row]]] = {
    "e2e": run_e2e,
    "storage": run_storage,
    "latency": run_latency,
    "history": run_history,
    "postgres": run_postgres,
    "fanout": run_fanout,
    "memory": run_memory,
    "startup": run_startup,
    "faq": run_faq,
    "crisis": run_crisis,
    "flood": run_flood,
    "reminders": run_reminders,
}


# --- table -----------------------------------------------------------------------------------


def render(rows: list[Row]) -> str:
    """The table as fixed-width text."""
    header = Row("metric", "measured", "target", None)
    widths = [
        max(len(r.metric) for r in [header, *rows]),
        max(len(r.measured) for r in [header, *rows]),
        max(len(r.target) for r in [header, *rows]),
    ]

    def line(row: Row, met: str) -> str:
        return (
            f"{row.metric:<{widths[0]}}  {row.measured:>{widths[1]}}  "
            f"{row.target:<{widths[2]}}  {met}"
        ).rstrip()

    out = [line(header, "met?"), "-" * (sum(widths) + 12)]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "NO")
        out.append(line(row, met))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the parts, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="e2e: also run the check-in bot without AIORateLimiter (benchmarks/bot_unlimited.py)"
        " and the echo bot behind it (echo_bot.py --rate-limit)",
    )
    parser.add_argument(
        "--postgres", metavar="URL", default=None, help="run the postgres part on this server"
    )
    args = parser.parse_args(argv)
    sizes = replace(QUICK if args.quick else FULL, diagnose=args.diagnose, postgres=args.postgres)
    rows: list[Row] = []
    failed = False
    started = time.monotonic()
    for part in args.only or PARTS:
        print(f"[bench] {part} ...", file=sys.stderr, flush=True)
        part_started = time.monotonic()
        try:
            rows += RUNNERS[part](sizes)
        except Exception as exc:
            failed = True
            message = str(exc).strip().splitlines()
            rows.append(
                Row(f"{part}: ERROR", type(exc).__name__, message[0][:80] if message else "")
            )
        print(
            f"[bench] {part} done in {time.monotonic() - part_started:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    mode = "quick (smoke; not the reference numbers)" if args.quick else "full"
    print(f"\nBenchmarks, {mode}; {time.monotonic() - started:.0f} s in all\n")
    print(render(rows))
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
