"""End-to-end throughput and time-to-reply over HTTP: the check-in bot against a bare echo bot.

One harness drives both. The fake Bot API (``tests.fakes.bot_api``) runs in this process on
loopback; the bot under test runs as its own process (``python -m bot run``, or
``benchmarks/echo_bot.py`` with stock ``run_polling``). ``--users`` people act at once, each
doing one full check-in: ``/checkin`` and then every button tap the flow asks for (for the
check-in bot the taps are read off the bot's keyboards; the echo bot gets the same number of
taps on its own message). A person taps as soon as the previous reply arrived, as a user
does. Measured per update: the time from pushing it to the first message or edit the bot
made in that chat (time-to-reply); per run: updates / seconds from the first push to the
last reply (throughput). Onboarding (consent, stage) is done once, before the clock
starts. Each bot serves ``--runs`` runs of the same people, the bots' runs alternating; the
medians are reported.

    .venv/bin/python benchmarks/e2e_bench.py [--users 50] [--runs 3] [--only bot|echo|...]

``--only bot-unlimited`` runs the check-in bot with PTB's ``AIORateLimiter`` switched off
(``benchmarks/bot_unlimited.py``): a diagnostic that separates the cost of the pipeline from
the 30 requests/s the limiter allows. ``--only echo-limited`` runs the echo bot behind the
same limiter (``echo_bot.py --rate-limit``): at 30 updates/s instead of several hundred, an
update costs even the echo bot much more CPU (the process wakes from idle for each event
instead of finding the next one waiting), so that row is the baseline at the same pace.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e import BotProcess, bot_env, spawn, wait_polling  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI, Sent  # noqa: E402
from tests.support.checkin_walk import (  # noqa: E402
    NORMAL_AT_30_WEEKS,
    Buttons,
    walk_questions,
)

HERE = Path(__file__).resolve().parent
REPLY_TIMEOUT = 120.0
KINDS = ("bot", "echo", "bot-unlimited", "echo-concurrent", "echo-limited")
FLOOD_REFILL_PER_S = 1.0  # bot.services.flood.FloodGate's default refill rate


class Observer:
    """Per-chat notifications of what the fake recorded, without scanning its whole history
    for every waiter (the fake's own waits are O(messages) per check, which would make the
    harness, not the bot, the bottleneck at a few hundred updates per second)."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self.by_chat: dict[int, list[Sent]] = defaultdict(list)
        self._waiters: dict[int, list[tuple[int, asyncio.Future[Sent]]]] = defaultdict(list)
        original = api._record

        def record(sent: Sent, edit: bool = False) -> None:
            original(sent, edit)
            self._on(sent)

        api._record = record  # type: ignore[method-assign]

    def _on(self, sent: Sent) -> None:
        items = self.by_chat[sent.chat_id]
        items.append(sent)
        keep = []
        for count, future in self._waiters[sent.chat_id]:
            if len(items) >= count:
                if not future.done():
                    future.set_result(items[count - 1])
            else:
                keep.append((count, future))
        self._waiters[sent.chat_id] = keep

    async def nth(self, chat_id: int, count: int, timeout: float = REPLY_TIMEOUT) -> Sent:
        """The ``count``-th message or edit in the chat, once it exists."""
        items = self.by_chat[chat_id]
        if len(items) >= count:
            return items[count - 1]
        future: asyncio.Future[Sent] = asyncio.get_running_loop().create_future()
        self._waiters[chat_id].append((count, future))
        return await asyncio.wait_for(future, timeout)


@dataclass
class RunResult:
    """One run: every update's time-to-reply and the run's wall time."""

    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0  # CPU seconds the bot process used during the run (all threads)
    kernel: float = 0.0  # the part of ``cpu`` spent in the kernel (system time)
    polls: int = 0  # getUpdates calls the bot made during the run

    @property
    def throughput(self) -> float:
        """Updates per second."""
        return len(self.latencies) / self.wall if self.wall else 0.0

    @property
    def cpu_ms_per_update(self) -> float:
        """The bot's CPU time per update: what the throughput would be bound by on one idle
        core, and much less sensitive to other load on the machine than the throughput."""
        return 1000 * self.cpu / len(self.latencies) if self.latencies else 0.0

    @property
    def kernel_ms_per_update(self) -> float:
        """The part of the CPU time per update spent in the kernel (file and socket calls)."""
        return 1000 * self.kernel / len(self.latencies) if self.latencies else 0.0

    @property
    def polls_per_update(self) -> float:
        """``getUpdates`` calls per update: how many updates a poll fetches, inverted."""
        return self.polls / len(self.latencies) if self.latencies else 0.0


def cpu_times(pid: int) -> tuple[float, float]:
    """User and system CPU time of a process so far (``/proc/<pid>/stat``, all threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Person:
    """One simulated user: pushes an update, waits for the first reply, decides the next."""

    def __init__(self, api: FakeBotAPI, observer: Observer, user_id: int) -> None:
        self.api = api
        self.observer = observer
        self.user_id = user_id
        self.screen: Sent | None = None
        self.seen = 0  # messages and edits in the chat up to the last awaited reply

    async def _await_reply(self, pushed_at: float, before: int) -> tuple[Sent, float]:
        # Closing the previous step's keyboard (editMessageReplyMarkup) changes no text: the
        # reply a person reads, and the next screen, is the first message or edit after it.
        count = before + 1
        reply = await self.observer.nth(self.user_id, count)
        while reply.method == "editMessageReplyMarkup":
            count += 1
            reply = await self.observer.nth(self.user_id, count)
        self.screen = reply
        self.seen = count
        return reply, reply.at - pushed_at

    async def command(self, name: str) -> tuple[Sent, float]:
        """``/name``; the first reply and the time to it."""
        before = len(self.observer.by_chat[self.user_id])
        pushed_at = time.time()
        self.api.push_command(self.user_id, name)
        return await self._await_reply(pushed_at, before)

    async def text(self, text: str) -> tuple[Sent, float]:
        """A typed message."""
        before = len(self.observer.by_chat[self.user_id])
        pushed_at = time.time()
        self.api.push_text(self.user_id, text)
        return await self._await_reply(pushed_at, before)

    async def tap(self, data: str, message_id: int | None = None) -> tuple[Sent, float]:
        """A tap on the current screen (or on ``message_id``)."""
        target = message_id if message_id is not None else (self.screen or _no_screen()).message_id
        before = len(self.observer.by_chat[self.user_id])
        pushed_at = time.time()
        self.api.push_callback(self.user_id, data, target)
        return await self._await_reply(pushed_at, before)

    def buttons(self) -> Buttons:
        """The (label, callback data) pairs of the current screen."""
        return (self.screen or _no_screen()).buttons


def _no_screen() -> Sent:
    raise AssertionError("no message with buttons yet")


async def onboard(person: Person) -> None:
    """Consent and stage, before the clock starts."""
    await person.command("start")
    await person.tap("ob:consent")
    await person.tap("ob:status:pregnant")
    await person.tap("ob:weeks")
    await person.text("30")


async def checkin(person: Person) -> list[float]:
    """One full check-in; the time-to-reply of each update."""
    times = [(await person.command("checkin"))[1]]

    async def tap(data: str) -> None:
        times.append((await person.tap(data))[1])

    try:
        await walk_questions(person.buttons, tap, NORMAL_AT_30_WEEKS)
    except AssertionError as exc:
        # A missing button under load is most often a dropped or late reply: show the last ones.
        recent = [(s.method, s.text) for s in person.observer.by_chat[person.user_id][-3:]]
        raise AssertionError(f"{exc}; last replies: {recent}") from None
    # The last answer's first reply is the question edited into "Saved"; the result is the
    # next message, and the check-in is only done for the person when it has arrived.
    await person.observer.nth(person.user_id, person.seen + 1)
    return times


async def echo_session(person: Person, taps: int) -> list[float]:
    """The same shape of traffic for the echo bot: one text, then ``taps`` taps."""
    first, latency = await person.text("/checkin")
    times = [latency]
    for i in range(taps):
        times.append((await person.tap(f"tap:{i}", first.message_id))[1])
    return times


def _command(kind: str) -> list[str]:
    if kind == "bot":
        return [sys.executable, "-m", "bot", "run"]
    if kind == "bot-unlimited":
        return [sys.executable, str(HERE / "bot_unlimited.py")]
    if kind == "echo":
        return [sys.executable, str(HERE / "echo_bot.py")]
    if kind == "echo-limited":
        return [sys.executable, str(HERE / "echo_bot.py"), "--rate-limit"]
    return [sys.executable, str(HERE / "echo_bot.py"), "--concurrent", "16"]


class Harness:
    """One bot process against its own fake Bot API, serving runs of fresh people."""

    def __init__(self, kind: str, users: int, workdir: Path) -> None:
        self.kind = kind
        self.users = users
        self.workdir = workdir / kind
        self.api = FakeBotAPI()
        self.observer = Observer(self.api)
        self.process: BotProcess | None = None
        self.people: list[Person] = []
        self.per_person = 0  # updates per person in a run
        self.last_started = 0.0  # time.monotonic() at the start of the last run

    async def start(self) -> None:
        """Start the fake and the bot process (``stop`` undoes both, also after a failure)."""
        await self.api.start()
        env = bot_env(self.api, self.workdir / "data", BOT_LOG_LEVEL="WARNING")
        self.process = spawn(_command(self.kind), env, self.workdir / "logs", name=self.kind)

    async def ready(self) -> None:
        """Wait until the bot polls."""
        assert self.process is not None
        await wait_polling(self.api, self.process)

    async def stop(self) -> None:
        """Stop the bot process, then the fake."""
        if self.process is not None:
            await self.process.stop_async(grace=10.0)
        await self.api.stop()

    async def run(self, taps: int) -> RunResult:
        """The same people (onboarded before the first run, untimed) each do one check-in
        (or, for an echo bot, the same number of updates)."""
        assert self.process is not None
        checkin_bot = self.kind.startswith("bot")
        if not self.people:
            self.people = [
                Person(self.api, self.observer, 1_000_000 + i) for i in range(self.users)
            ]
            if checkin_bot:
                await asyncio.gather(*(onboard(p) for p in self.people))
        elif checkin_bot:
            # The bot's per-user flood gate (a burst of 40, refilled at 1 update/s) must have
            # room for another check-in, or it would drop taps: with the limiter's 30/s a run
            # of 50 people always takes long enough, a fast bot with few users might not.
            rest = self.per_person / FLOOD_REFILL_PER_S - (time.monotonic() - self.last_started)
            await asyncio.sleep(max(0.0, rest))
        self.last_started = time.monotonic()
        user_before, kernel_before = cpu_times(self.process.pid)
        polls_before = self._polls()
        started = time.time()
        if checkin_bot:
            per_person = await asyncio.gather(*(checkin(p) for p in self.people))
        else:
            per_person = await asyncio.gather(*(echo_session(p, taps) for p in self.people))
        ended = max(self.observer.by_chat[p.user_id][-1].at for p in self.people)
        _check_alive(self.process)
        user, kernel = cpu_times(self.process.pid)
        result = RunResult(
            wall=ended - started,
            cpu=user + kernel - user_before - kernel_before,
            kernel=kernel - kernel_before,
            polls=self._polls() - polls_before,
        )
        for times in per_person:
            result.latencies.extend(times)
        self.per_person = max(len(times) for times in per_person)
        return result

    def _polls(self) -> int:
        return len(self.api.calls_to("getUpdates"))


def _check_alive(process: BotProcess) -> None:
    if not process.alive():
        raise RuntimeError(f"{process.name} died:\n{process.stderr()}")


def summary(results: list[RunResult]) -> dict[str, float]:
    """Medians over runs: throughput, p50 and p99 time-to-reply (ms), CPU ms per update (and
    its kernel part), getUpdates calls per update."""
    return {
        "throughput": statistics.median(r.throughput for r in results),
        "p50_ms": statistics.median(percentile(r.latencies, 0.5) for r in results) * 1000,
        "p99_ms": statistics.median(percentile(r.latencies, 0.99) for r in results) * 1000,
        "cpu_ms_per_update": statistics.median(r.cpu_ms_per_update for r in results),
        "kernel_ms_per_update": statistics.median(r.kernel_ms_per_update for r in results),
        "polls_per_update": statistics.median(r.polls_per_update for r in results),
        "updates_per_run": float(len(results[0].latencies)),
        "runs": float(len(results)),
    }


async def compare(
    users: int, runs: int, kinds: tuple[str, ...] = ("bot", "echo")
) -> dict[str, dict[str, float]]:
    """Start every kind, then alternate their runs (run 1 of each, run 2 of each...), so a
    change in machine load during the benchmark hits all of them alike. The check-in bot
    goes first: its updates per check-in set the echo bot's number of taps."""
    results: dict[str, list[RunResult]] = {kind: [] for kind in kinds}
    taps = 15
    with tempfile.TemporaryDirectory(prefix="e2e-bench-") as tmp:
        harnesses = [Harness(kind, users, Path(tmp)) for kind in kinds]
        try:
            for harness in harnesses:
                await harness.start()
            await asyncio.gather(*(harness.ready() for harness in harnesses))
            for _ in range(runs):
                for harness in harnesses:
                    result = await harness.run(taps)
                    results[harness.kind].append(result)
                    if harness.kind == "bot":
                        taps = len(result.latencies) // users - 1
        finally:
            for harness in harnesses:
                await harness.stop()
    return {kind: summary(found) for kind, found in results.items()}


def main(argv: list[str] | None = None) -> int:
    """Print one line per bot and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=KINDS, action="append")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    kinds = tuple(args.only or ("bot", "echo"))
    numbers = asyncio.run(compare(args.users, args.runs, kinds))
    if args.json:
        print(json.dumps(numbers))
        return 0
    print(
        f"{'bot':16} {'updates/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/update':>14}"
        f" {'kernel ms':>10} {'polls/update':>13}  ({args.users} users)"
    )
    for kind, row in numbers.items():
        print(
            f"{kind:16} {row['throughput']:10.1f} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f}"
            f" {row['cpu_ms_per_update']:14.2f} {row['kernel_ms_per_update']:10.2f}"
            f" {row['polls_per_update']:13.2f}"
        )
    if "bot" in numbers and "echo" in numbers:
        ratio = numbers["bot"]["throughput"] / numbers["echo"]["throughput"]
        print(f"ratio check-in bot / echo bot: {ratio:.2f}x (target >= 0.8x)")
    for baseline in ("echo", "echo-limited"):
        if "bot" in numbers and baseline in numbers and numbers[baseline]["cpu_ms_per_update"]:
            share = numbers["bot"]["cpu_ms_per_update"] / numbers[baseline]["cpu_ms_per_update"]
            print(f"CPU per update, check-in bot / {baseline}: {share:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
