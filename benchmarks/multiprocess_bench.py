"""Webhook throughput on PostgreSQL: one bot process against three, under the same load.

Each configuration gets a fresh schema, ``--users`` consented people and N processes of
``python -m bot run --webhook`` (harness: ``tests.multiprocess``). The load is the one of the
multi-process test without re-deliveries: every person sends ``--updates`` settings changes
(buttons and typed text, each one a locked load-decide-save and one reply), one at a time,
people concurrently, each update to a random process. Measured: updates per second (first
post to last 200) and the time to 200 of each update (p50, p99); the replies are checked
against the scripts so a broken run cannot report numbers. To explain the numbers it also
reports the CPU seconds per update spent by the bots, by this process (the fake Bot API and
the load generator share it) and the whole machine's CPU use during the run.

``--limiter off`` runs the same processes with PTB's ``AIORateLimiter`` removed (a
diagnostic, like ``benchmarks/bot_unlimited.py``): in production every process sends at most
30 requests per second, so N processes are allowed N x 30 although Telegram's limit is per
bot, not per process.

    .venv/bin/python benchmarks/multiprocess_bench.py [--users 50] [--updates 20]
        [--processes 1,3] [--limiter on,off] [--runs 1] [--database-url URL]

Without ``--database-url`` (or ``BOT_TEST_DATABASE_URL``) a throwaway server is started with
``scripts/pg-test-server`` and stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.catalog.catalog import Catalog  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI  # noqa: E402
from tests.multiprocess import (  # noqa: E402
    ClusterConfig,
    Schema,
    WebhookBot,
    drive,
    make_script,
    percentile,
    reply_texts,
    save_users,
    start_bots,
    stop_bots,
    user_docs,
)

SERVE_UNLIMITED = "--serve-unlimited"
FIRST_USER = 830_000_001
WARMUP_USER = 839_000_001
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Row:
    """One configuration's result."""

    processes: int
    limiter: bool
    updates: int
    seconds: float
    p50: float
    p99: float
    bot_cpu: float  # CPU seconds of all bot processes during the load
    postgres_cpu: float  # CPU seconds of the database server (0 when it is not local)
    driver_cpu: float  # CPU seconds of this process (fake Bot API + load generator)
    machine_cpu: float  # CPU seconds of the whole machine (every core, every process)
    wall_cpu: float  # core-seconds available during the load (cores x seconds)

    @property
    def other_cpu(self) -> float:
        """CPU seconds of everything else on the machine (other work competing for cores)."""
        return max(0.0, self.machine_cpu - self.bot_cpu - self.postgres_cpu - self.driver_cpu)

    @property
    def rate(self) -> float:
        """Updates per second."""
        return self.updates / self.seconds


def _process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _machine_cpu() -> float:
    """Busy CPU seconds over all cores since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / TICKS


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def postmaster_pid(url: str) -> int | None:
    """The pid of the database server's main process when it runs on this machine."""
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pg_backend_pid()").fetchone()
    try:
        stat = Path(f"/proc/{row[0] if row else 0}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(stat[1])


def _postgres_cpu(postmaster: int | None) -> float:
    # Backends that ended during the run are lost; the bots' pools keep theirs open.
    if postmaster is None:
        return 0.0
    return _process_cpu(postmaster) + sum(_process_cpu(p) for p in _children(postmaster))


def _serve_unlimited() -> int:
    """Child mode: the webhook bot without PTB's rate limiter."""
    import bot.runner
    from bot.app import build_application

    def without_limiter(*args: Any, **kwargs: Any) -> Any:
        kwargs["rate_limit"] = False
        return build_application(*args, **kwargs)

    bot.runner.build_application = without_limiter  # type: ignore[attr-defined]
    return bot.runner.main(["--webhook"])


async def _warm_up(api: FakeBotAPI, bots: Sequence[WebhookBot], config: ClusterConfig) -> None:
    # First requests pay for imports, template compilation and new pool connections.
    catalog = Catalog.load()
    users = [WARMUP_USER + i for i in range(len(bots) * 4)]
    await save_users(config.database_url, user_docs(config.hash_key, users, _now()))
    scripts = {u: make_script(random.Random(u), catalog, 3) for u in users}
    await drive(api, bots, scripts, secret=config.secret, seed=0, first_update_id=900_000_000)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def run_one(
    server_url: str, processes: int, limiter: bool, users: int, updates: int, seed: int
) -> Row:
    """Start a cluster on a fresh schema, warm it up, drive the load, check and measure."""
    catalog = Catalog.load()
    schema = Schema.create(server_url)
    started: list[WebhookBot] = []
    command = None if limiter else [sys.executable, str(Path(__file__).resolve()), SERVE_UNLIMITED]
    try:
        async with FakeBotAPI() as api:
            config = ClusterConfig(api, schema.url)
            people = list(range(FIRST_USER, FIRST_USER + users))
            rng = random.Random(seed)
            scripts = {u: make_script(rng, catalog, updates) for u in people}
            await save_users(schema.url, user_docs(config.hash_key, people, _now()))
            with tempfile.TemporaryDirectory(prefix="mp-bench-") as logs:
                try:
                    bots = await start_bots(config, processes, Path(logs), started, command=command)
                    await _warm_up(api, bots, config)
                    postmaster = postmaster_pid(server_url)
                    cpu_before = sum(_process_cpu(b.process.pid) for b in bots)
                    pg_before = _postgres_cpu(postmaster)
                    driver_before = time.process_time()
                    machine_before = _machine_cpu()
                    result = await drive(api, bots, scripts, secret=config.secret, seed=seed)
                    machine_cpu = _machine_cpu() - machine_before
                    driver_cpu = time.process_time() - driver_before
                    postgres_cpu = _postgres_cpu(postmaster) - pg_before
                    bot_cpu = sum(_process_cpu(b.process.pid) for b in bots) - cpu_before
                    bad = [u for u in people if reply_texts(api, u) != _expected(scripts[u])]
                    if bad or set(result.statuses) != {200}:
                        for bot in bots:
                            print(f"--- {bot.name} stderr\n{bot.process.stderr(4000)}")
                        raise SystemExit(
                            f"run invalid: {len(bad)} chats with wrong replies, "
                            f"statuses {dict(result.statuses)}"
                        )
                finally:
                    await stop_bots(started)
    finally:
        schema.drop()
    return Row(
        processes=processes,
        limiter=limiter,
        updates=result.updates,
        seconds=result.elapsed,
        p50=percentile(result.latencies, 0.5),
        p99=percentile(result.latencies, 0.99),
        bot_cpu=bot_cpu,
        postgres_cpu=postgres_cpu,
        driver_cpu=driver_cpu,
        machine_cpu=machine_cpu,
        wall_cpu=result.elapsed * (os.cpu_count() or 1),
    )


def _expected(script: Any) -> list[str]:
    return [step.expected for step in script.steps]


def print_table(rows: Sequence[Row]) -> None:
    """The results as a fixed-width table (CPU columns: milliseconds per update)."""
    head = (
        f"{'procs':>5} {'limiter':>7} {'updates':>7} {'secs':>6} {'upd/s':>6} "
        f"{'p50 ms':>7} {'p99 ms':>7} | CPU ms/update: {'bots':>5} {'pg':>5} {'driver':>6} "
        f"{'other':>5} | {'busy':>4}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        per = 1000 / r.updates
        print(
            f"{r.processes:>5} {'on' if r.limiter else 'off':>7} {r.updates:>7} "
            f"{r.seconds:>6.1f} {r.rate:>6.1f} {r.p50 * 1000:>7.0f} {r.p99 * 1000:>7.0f} | "
            f"{'':>14} {r.bot_cpu * per:>5.1f} {r.postgres_cpu * per:>5.1f} "
            f"{r.driver_cpu * per:>6.1f} {r.other_cpu * per:>5.1f} | "
            f"{min(1.0, r.machine_cpu / r.wall_cpu):>4.0%}"
        )
    print("busy: share of all cores in use during the load; other: processes outside the run")


def _server(url: str | None) -> tuple[str, str | None]:
    """The server URL, and the state directory of a server started here (else None)."""
    if url:
        return url, None
    state = tempfile.mkdtemp(prefix="mp-bench-pg-")
    out = subprocess.run(
        [str(ROOT / "scripts" / "pg-test-server"), "start", state],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip(), state


async def main_async(args: argparse.Namespace) -> None:
    """Run every configuration asked for and print the table."""
    url, state = _server(args.database_url)
    rows = []
    try:
        for limiter in args.limiter:
            for processes in args.processes:
                runs = []
                for _ in range(args.runs):
                    row = await run_one(
                        url, processes, limiter, args.users, args.updates, args.seed
                    )
                    runs.append(row)
                    print(
                        f"  {processes} process(es), limiter {'on' if limiter else 'off'}: "
                        f"{row.rate:.1f} updates/s",
                        flush=True,
                    )
                # The median run by throughput: other work on a shared machine skews single runs.
                rows.append(sorted(runs, key=lambda r: r.rate)[len(runs) // 2])
    finally:
        if state is not None:
            subprocess.run([str(ROOT / "scripts" / "pg-test-server"), "stop", state], check=False)
    print(
        f"\n{args.users} users x {args.updates} updates, webhook, PostgreSQL, {os.cpu_count()} CPUs"
    )
    print_table(rows)


def main(argv: list[str]) -> int:
    """Parse arguments and run (or serve, in child mode)."""
    if argv[:1] == [SERVE_UNLIMITED]:
        return _serve_unlimited()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--updates", type=int, default=20, help="updates per user")
    parser.add_argument(
        "--processes", type=lambda s: [int(x) for x in s.split(",")], default=[1, 3]
    )
    parser.add_argument(
        "--limiter",
        type=lambda s: [x.strip() == "on" for x in s.split(",")],
        default=[True, False],
        help="on (production), off (diagnostic), or on,off",
    )
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--runs", type=int, default=1, help="runs per configuration (median)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BOT_TEST_DATABASE_URL"),
        help="a PostgreSQL server to create schemas on (default: BOT_TEST_DATABASE_URL)",
    )
    asyncio.run(main_async(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
