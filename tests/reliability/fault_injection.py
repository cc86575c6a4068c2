"""Fault injection: ``kill -9`` the bot process again and again in the middle of a burst.

What it does (RELIABILITY D1, D2, U1, U2, U3):

1. Starts the fake Bot API (``tests/fakes/bot_api.py``, with a state directory) and queues
   every update of the run at once: each user sends ``/start`` (with canary strings in their
   name), taps "I agree", and then gives ``answers`` answers. One answer is two updates, the
   "Pregnant" button and a typed due date; the bot stores the date and replies
   "✅ Saved. You are N weeks pregnant." Every answer of a user gives a different N, so a
   "Saved" reply in the fake's log names exactly which answer was acknowledged.
2. Starts ``python -m bot run`` against it and kills it with SIGKILL at a random moment (mostly
   after a random number of replies went out, sometimes at a random time after the spawn,
   which can be during start-up); restarts and kills again, ``kills`` times.
3. After every kill, with the bot dead, checks the data directory: every file parses
   (``json.load``) and every user document validates; every acknowledged answer is stored (the
   stored due date is that answer or a later one); every update below the offset the fake saw
   confirmed was processed (its id is in the user's ``processed_updates``, or for ``/start``
   the welcome went out).
4. Starts the bot once more, sends SIGTERM in the middle of the burst, and expects exit status
   0 within the stop grace period, then checks again.
5. Starts it a last time, lets it drain the queue, stops it and checks that nothing was lost
   (every update confirmed and processed, every user at their last answer), nothing was done
   twice (no "Saved" reply more than twice for one answer — a reply stored with its answer and
   cut off by a kill between sending it and recording it as sent is sent once more when the
   update comes again, RELIABILITY R6 — and no update id stored twice), no temporary
   file is left, neither the token nor a canary appears in any log of any run, and no name
   or username (the canaries) is in any data file. It also checks how the bot polled: the
   backlog was never dropped (U4) and ``getUpdates`` asked only for messages, button presses
   and membership changes, with no file downloads (U5).

Run it with ``scripts/fault-injection`` (the full 50 users x 20 answers x 20 kills) or
``python -m tests.reliability.fault_injection --help``; ``tests/reliability/test_kill9.py``
runs a smaller configuration in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.domain.models import PROCESSED_UPDATES_KEPT, UserDoc
from bot.domain.pregnancy import due_date_from_weeks, weeks_from_due_date
from bot.storage.base import StorageError
from bot.storage.jsonl import read_records
from bot.storage.tinydb_store import SENT_NAME
from tests.e2e import FAKE_TOKEN, BotProcess, spawn_bot
from tests.fakes.bot_api import FakeBotAPI

ACK = re.compile(r"Saved\. You are (\d+) weeks pregnant")
CANARY = "CANARY-NAME-5e1d"
FIRST_WEEKS = 11
MAX_ANSWERS = 30  # weeks 11..40: every due date stays plausible
FLOOD_CAPACITY = 40  # FloodGate's burst: more updates than this per user need many users
UNKNOWN_MESSAGE = 900_000  # a message the fake never sent: the bot's edit falls back to a send
STARTUP_KILL_SHARE = 0.2  # share of kills at a random time after the spawn instead
HANG_GUARD_S = 120.0  # past the grace: only a stop that hangs fails, never a slow machine
ALLOWED = frozenset({"message", "callback_query", "my_chat_member"})


@dataclass(frozen=True)
class Plan:
    """One fault-injection run."""

    users: int = 50
    answers: int = 20
    kills: int = 20
    seed: int = 1
    stop_grace: float = 8.0
    first_user: int = 810_000_001
    stall_timeout: float = 60.0

    def validate(self) -> None:
        """Raise ValueError for a run that could not prove anything."""
        if not 1 <= self.answers <= MAX_ANSWERS or self.users < 1 or self.kills < 0:
            raise ValueError(f"need 1-{MAX_ANSWERS} answers, at least 1 user, kills >= 0")
        if 2 + 2 * self.answers > PROCESSED_UPDATES_KEPT:
            raise ValueError("more updates per user than processed_updates keeps")
        if 2 + 2 * self.answers > FLOOD_CAPACITY and self.users < 10:
            # With few users one user's updates come fast enough to meet the flood gate.
            raise ValueError("more than 19 answers per user needs at least 10 users")

    @property
    def updates_per_user(self) -> int:
        """/start, consent, then two updates per answer."""
        return 2 + 2 * self.answers


@dataclass(frozen=True)
class Pushed:
    """One queued update and what it is."""

    update_id: int
    user: int
    kind: str  # "start", "consent", "status" or "due"
    weeks: int | None = None


@dataclass
class Report:
    """What a run found; ``ok`` is the verdict."""

    plan: Plan
    updates: int = 0
    kills: int = 0
    startup_kills: int = 0
    checks: int = 0
    acked: int = 0
    redeliveries: int = 0
    flood_drops: int = 0
    lost_acked: set[str] = field(default_factory=set)
    lost_updates: set[str] = field(default_factory=set)
    duplicate_acks: list[str] = field(default_factory=list)
    resent_acks: int = 0
    unanswered: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    bad_files: list[str] = field(default_factory=list)
    invalid_docs: list[str] = field(default_factory=list)
    stray_temp_files: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    sigterm_code: int | None = None
    sigterm_seconds: float | None = None
    final_code: int | None = None
    seconds: float = 0.0

    @property
    def lost(self) -> int:
        """Acknowledged answers missing from storage, updates never processed, and stored
        answers never acknowledged (a reply lost to a crash)."""
        return len(self.lost_acked) + len(self.lost_updates) + len(self.unanswered)

    @property
    def duplicates(self) -> int:
        """Effects that happened twice."""
        return len(self.duplicate_acks) + len(self.duplicate_ids)

    @property
    def ok(self) -> bool:
        """True when nothing was lost, duplicated, broken or leaked."""
        return not (
            self.lost
            or self.duplicates
            or self.bad_files
            or self.invalid_docs
            or self.stray_temp_files
            or self.leaks
            or self.failures
            or self.sigterm_code != 0
            or self.final_code != 0
        )

    def summary(self) -> str:
        """A human-readable account of the run."""
        p = self.plan
        sigterm = "not run"
        if self.sigterm_seconds is not None:
            sigterm = f"exit {self.sigterm_code} after {self.sigterm_seconds:.1f} s"
            sigterm += f" (grace {p.stop_grace:g} s)"
        lines = [
            f"fault injection: {p.users} users x {p.answers} answers = {self.updates} updates; "
            f"{self.kills} x kill -9 ({self.startup_kills} at a random time after the spawn), "
            f"1 x SIGTERM, 1 drain; seed {p.seed}",
            f"  acknowledged answers ('Saved' replies): {self.acked}, checked after every stop "
            f"({self.checks} checks)",
            f"  lost acknowledged answers: {len(self.lost_acked)}",
            f"  lost updates (confirmed or drained but not processed): {len(self.lost_updates)}",
            f"  stored answers never acknowledged (reply lost): {len(self.unanswered)}",
            f"  replies re-sent once after a kill (R6: at least once, at most twice): "
            f"{self.resent_acks}",
            f"  duplicate effects: {self.duplicates} "
            f"('Saved' 3+ times: {len(self.duplicate_acks)}; "
            f"update id stored twice: {len(self.duplicate_ids)})",
            f"  re-delivered updates skipped by update_id: {self.redeliveries}",
            f"  unparseable files: {len(self.bad_files)}; invalid user documents: "
            f"{len(self.invalid_docs)}; temp files left: {len(self.stray_temp_files)}",
            f"  SIGTERM in the burst: {sigterm}; final stop: exit {self.final_code}",
            f"  token or canary in logs: {len(self.leaks)}; flood drops: {self.flood_drops}",
            f"  time: {self.seconds:.0f} s",
        ]
        problems = [
            *sorted(self.lost_acked),
            *sorted(self.lost_updates),
            *self.unanswered,
            *self.duplicate_acks,
            *self.duplicate_ids,
            *self.bad_files,
            *self.invalid_docs,
            *self.stray_temp_files,
            *self.leaks,
            *self.failures,
        ]
        lines += [f"  ! {problem}" for problem in problems[:40]]
        lines.append("RESULT: " + ("PASS" if self.ok else "FAIL"))
        return "\n".join(lines)


def _start_update(user: int) -> dict[str, Any]:
    """``/start`` from someone whose names are canaries (names must never be logged)."""
    person = {
        "id": user,
        "is_bot": False,
        "first_name": f"{CANARY}-{user}",
        "last_name": CANARY,
        "username": f"canary_{user}",
        "language_code": "en",
    }
    return {
        "message": {
            "message_id": 1_000_000 + user % 1000,
            "from": person,
            "chat": {"id": user, "type": "private", "first_name": person["first_name"]},
            "date": int(time.time()),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        }
    }


class _Run:
    """The state of one run: the fake, the queued updates, the processes, the report."""

    def __init__(self, plan: Plan, api: FakeBotAPI, workdir: Path, report: Report) -> None:
        self.plan = plan
        self.api = api
        self.workdir = workdir
        self.data_dir = workdir / "data"
        self.report = report
        self.rng = random.Random(plan.seed)
        self.today = dt.datetime.now(dt.UTC).date()
        self.users = [plan.first_user + i for i in range(plan.users)]
        self.pushed: list[Pushed] = []
        self.processes: list[BotProcess] = []
        expected_sends = plan.users * plan.updates_per_user
        # Kill points are spread so the kills use up about 80 % of the burst.
        self.budget = max(2, int(1.6 * expected_sends / (plan.kills + 1)))

    # --- the burst ---------------------------------------------------------------------------

    def push_all(self) -> None:
        """Queue every update of the run, users interleaved, each user's in order."""
        api = self.api
        for user in self.users:
            self.pushed.append(Pushed(api.push_update(_start_update(user)), user, "start"))
        for user in self.users:
            update_id = api.push_callback(user, "ob:consent", UNKNOWN_MESSAGE)
            self.pushed.append(Pushed(update_id, user, "consent"))
        for index in range(self.plan.answers):
            weeks = FIRST_WEEKS + index
            due = due_date_from_weeks(weeks, self.today).isoformat()
            for user in self.users:
                update_id = api.push_callback(user, "ob:status:pregnant", UNKNOWN_MESSAGE)
                self.pushed.append(Pushed(update_id, user, "status"))
            for user in self.users:
                self.pushed.append(Pushed(api.push_text(user, due), user, "due", weeks))
        self.report.updates = len(self.pushed)

    @property
    def last_update_id(self) -> int:
        """The id of the last queued update."""
        return self.pushed[-1].update_id

    def drained(self) -> bool:
        """True when the bot confirmed every queued update."""
        return self.api.confirmed_offset > self.last_update_id

    # --- processes ---------------------------------------------------------------------------

    def spawn(self, name: str) -> BotProcess:
        """Start ``python -m bot run`` on the run's data directory."""
        process = spawn_bot(
            self.api,
            self.data_dir,
            self.workdir / "logs" / name,
            BOT_STOP_GRACE_SECONDS=str(self.plan.stop_grace),
        )
        self.processes.append(process)
        return process

    async def _wait(self, process: BotProcess, done: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``done()``; False on timeout or when the process exits by itself."""
        deadline = time.monotonic() + timeout
        while not done():
            if not process.alive():
                self.report.failures.append(
                    f"{process.name} exited by itself with {process.proc.returncode}: "
                    + process.stderr(2000)
                )
                return False
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True

    async def _until_progress(self, process: BotProcess, sends: int) -> None:
        target = len(self.api.sent) + sends
        progressed = await self._wait(
            process,
            lambda: len(self.api.sent) >= target or self.drained(),
            self.plan.stall_timeout,
        )
        if not progressed and process.alive():
            self.report.failures.append(f"{process.name}: no progress within the stall timeout")

    async def kill_cycle(self, number: int) -> None:
        """Start the bot, SIGKILL it at a random moment, check the data directory."""
        polls = len(self.api.calls_to("getUpdates"))
        process = self.spawn(f"kill-{number:02d}")
        if self.rng.random() < STARTUP_KILL_SHARE:
            delay = self.rng.uniform(0.0, 3.0)
            await self._wait(process, lambda: False, delay)
        else:
            await self._until_progress(process, self.rng.randint(1, self.budget))
            await asyncio.sleep(self.rng.uniform(0.0, 0.03))
        if len(self.api.calls_to("getUpdates")) == polls:
            self.report.startup_kills += 1
        if process.alive():
            os.kill(process.pid, signal.SIGKILL)
            self.report.kills += 1
        process.proc.wait()
        self.check(f"after kill {number + 1}")

    async def sigterm_cycle(self) -> None:
        """Start the bot, SIGTERM it in the burst: it exits 0 (U3). The seconds it took are
        reported, not judged: the bot's own timer bounds the grace, and how long the rest of
        the stop takes depends on the machine, so only a stop that hangs is a failure."""
        process = self.spawn("sigterm")
        await self._until_progress(process, self.rng.randint(1, self.budget))
        sent_at = time.monotonic()
        process.proc.send_signal(signal.SIGTERM)
        limit = self.plan.stop_grace + HANG_GUARD_S
        await self._wait(process, lambda: process.proc.poll() is not None, limit)
        self.report.sigterm_seconds = time.monotonic() - sent_at
        self.report.sigterm_code = process.proc.poll()
        if self.report.sigterm_code is None:
            process.kill()
            self.report.failures.append(f"still running {limit:g} s after SIGTERM")
        self.check("after SIGTERM")

    async def drain(self) -> None:
        """Start the bot, let it process everything, stop it and check the end state."""
        process = self.spawn("drain")
        stalled_at = time.monotonic()
        progress = (-1, -1)
        while not self.drained() and process.alive():
            now = (len(self.api.sent), self.api.confirmed_offset)
            if now != progress:
                progress, stalled_at = now, time.monotonic()
            elif time.monotonic() - stalled_at > self.plan.stall_timeout:
                self.report.failures.append("the queue did not drain (no progress)")
                break
            await asyncio.sleep(0.05)
        self.report.final_code = await process.stop_async(grace=self.plan.stop_grace + HANG_GUARD_S)
        self.check("at the end", final=True)

    # --- checks ------------------------------------------------------------------------------

    def _read_store(self, label: str) -> dict[int, UserDoc]:
        """Parse every file of the data directory; the user documents by chat id."""
        docs: dict[int, UserDoc] = {}
        if not self.data_dir.exists():
            return docs
        for path in sorted(self.data_dir.rglob("*")):
            relative = path.relative_to(self.data_dir)
            if path.is_dir() or path.name in (".lock", ".hash_key", SENT_NAME):
                continue  # not JSON: the lock, the hash key and the sent log (a line log)
            if path.name.endswith(".tmp"):
                continue  # a crash's leftover: never read, removed at the next start
            if path.suffix == ".jsonl":
                try:
                    read_records(path, str(relative))  # a history: one record per line
                except StorageError as exc:
                    self.report.bad_files.append(f"{label}: {relative}: {type(exc).__name__}")
                continue
            try:
                with path.open(encoding="utf-8") as handle:
                    data = json.load(handle)
            except ValueError as exc:
                self.report.bad_files.append(f"{label}: {relative}: {type(exc).__name__}")
                continue
            if relative.parts[0] != "users":
                continue
            try:
                doc = UserDoc.model_validate(data["user"]["1"])
            except (KeyError, TypeError, ValidationError) as exc:
                self.report.invalid_docs.append(f"{label}: {relative}: {type(exc).__name__}")
                continue
            docs[doc.chat_id] = doc
        return docs

    def _acks(self) -> Counter[tuple[int, int]]:
        acks: Counter[tuple[int, int]] = Counter()
        for sent in self.api.sent:
            match = ACK.search(sent.text or "")
            if match:
                acks[(sent.chat_id, int(match.group(1)))] += 1
        return acks

    def _stored_weeks(self, doc: UserDoc | None) -> int | None:
        if doc is None or doc.profile.due_date is None:
            return None
        return weeks_from_due_date(doc.profile.due_date, self.today)

    def _processed(self, pushed: Pushed, docs: dict[int, UserDoc]) -> bool:
        if pushed.kind == "start":
            return any(
                data == "ob:consent"
                for sent in self.api.sent_to(pushed.user)
                for _, data in sent.buttons
            )
        doc = docs.get(pushed.user)
        return doc is not None and pushed.update_id in doc.processed_updates

    def check(self, label: str, *, final: bool = False) -> None:
        """The invariants that must hold whenever the bot is not running."""
        report = self.report
        report.checks += 1
        docs = self._read_store(label)
        acks = self._acks()
        report.acked = len(acks)
        for number, user in enumerate(self.users, 1):
            acked = max((weeks for (chat, weeks) in acks if chat == user), default=None)
            stored = self._stored_weeks(docs.get(user))
            if acked is not None and (stored is None or stored < acked):
                report.lost_acked.add(f"user {number}: 'Saved' for {acked} weeks, stored {stored}")
        confirmed = self.api.confirmed_offset
        for pushed in self.pushed:
            if (pushed.update_id < confirmed or final) and not self._processed(pushed, docs):
                state = "confirmed" if pushed.update_id < confirmed else "left"
                number = self.users.index(pushed.user) + 1
                report.lost_updates.add(
                    f"update {pushed.update_id} ({pushed.kind}, user {number}) {state}, "
                    "not processed"
                )
        if not final:
            return
        report.resent_acks = sum(1 for count in acks.values() if count == 2)
        report.duplicate_acks = [
            f"'Saved' {count} times for user {self.users.index(chat) + 1}, {weeks} weeks"
            for (chat, weeks), count in acks.items()
            if count > 2
        ]
        last = FIRST_WEEKS + self.plan.answers - 1
        for number, user in enumerate(self.users, 1):
            doc = docs.get(user)
            stored = self._stored_weeks(doc)
            report.unanswered += [
                f"user {number}: {weeks} weeks stored, never acknowledged"
                for weeks in range(FIRST_WEEKS, (stored or FIRST_WEEKS - 1) + 1)
                if (user, weeks) not in acks
            ]
            if doc is not None:
                twice = [i for i, n in Counter(doc.processed_updates).items() if n > 1]
                report.duplicate_ids += [f"user {number}: update {i} stored twice" for i in twice]
            if self._stored_weeks(doc) != last:
                report.failures.append(f"user {number} ends at {self._stored_weeks(doc)} weeks")
        report.stray_temp_files = [
            str(path.relative_to(self.data_dir)) for path in self.data_dir.rglob("*.tmp")
        ]
        for path in self.data_dir.rglob("*"):
            # Names and usernames are never stored (P2), not even in the global files.
            if path.is_file() and (
                b"CANARY" in path.read_bytes() or b"canary_" in path.read_bytes()
            ):
                report.leaks.append(f"a name in data/{path.relative_to(self.data_dir)}")
        if not self.drained():
            report.failures.append(f"not drained: {self.api.pending_updates} updates pending")

    def check_protocol(self) -> None:
        """How the bot polled: never dropping the backlog, asking only for what it handles."""
        for call in self.api.calls_to("deleteWebhook"):
            if call.params.get("drop_pending_updates") in (True, "true", "True"):
                self.report.failures.append("deleteWebhook dropped the pending updates (U4)")
        for call in self.api.calls_to("getUpdates"):
            allowed = call.params.get("allowed_updates")
            if not isinstance(allowed, list) or not set(allowed) <= ALLOWED:
                self.report.failures.append(f"getUpdates asked for {allowed!r} (U5)")
                break
        if self.api.calls_to("getFile"):
            self.report.failures.append("the bot downloaded a file (U5)")

    def check_logs(self) -> None:
        """Search every log of every run for the token, canaries and unexpected events."""
        secret = FAKE_TOKEN.split(":", 1)[1]
        for process in self.processes:
            for path in (process.stdout_path, process.stderr_path):
                text = path.read_text(encoding="utf-8", errors="replace")
                for needle in (secret, CANARY, "canary_"):
                    if needle in text:
                        where = f"{path.parent.name}/{path.name}"
                        self.report.leaks.append(f"{needle[:12]}... in {where}")
                for line in text.splitlines():
                    try:
                        event = json.loads(line).get("event")
                    except (ValueError, AttributeError):
                        self.report.failures.append(f"not a JSON log line in {path.parent.name}")
                        break
                    self.report.redeliveries += event == "duplicate_update"
                    self.report.flood_drops += event == "flood_dropped"
                    if event in ("handler_error", "save_failed", "load_failed"):
                        self.report.failures.append(f"{event} logged in {path.parent.name}")


async def run_plan(plan: Plan, workdir: Path) -> Report:
    """Carry out ``plan`` with everything under ``workdir``; never raises for a failed check."""
    plan.validate()
    report = Report(plan)
    started = time.monotonic()
    async with FakeBotAPI(state_dir=workdir / "fake", seed=plan.seed) as api:
        run = _Run(plan, api, workdir, report)
        try:
            run.push_all()
            for number in range(plan.kills):
                await run.kill_cycle(number)
            await run.sigterm_cycle()
            await run.drain()
            run.check_protocol()
            run.check_logs()
        finally:
            for process in run.processes:
                process.kill()
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line: run a plan, print the summary; exit 1 when anything was lost or broken."""
    parser = argparse.ArgumentParser(
        prog="scripts/fault-injection", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--users", type=int, default=Plan.users, help="people (default 50)")
    parser.add_argument(
        "--answers", type=int, default=Plan.answers, help="answers per person (default 20)"
    )
    parser.add_argument("--kills", type=int, default=Plan.kills, help="SIGKILLs (default 20)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument(
        "--stop-grace",
        type=float,
        default=Plan.stop_grace,
        help="seconds SIGTERM may take (default 8, as BOT_STOP_GRACE_SECONDS)",
    )
    parser.add_argument("--workdir", type=Path, default=None, help="keep data and logs here")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    plan = Plan(args.users, args.answers, args.kills, seed, args.stop_grace)
    try:
        plan.validate()
    except ValueError as exc:
        parser.error(str(exc))
    # The fake's server logs every request a killed bot left half-sent; that is expected here.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="fault-injection-"))
    workdir.mkdir(parents=True, exist_ok=True)
    report = asyncio.run(run_plan(plan, workdir))
    print(report.summary())
    if args.workdir is None and report.ok:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"data, fake state and logs: {workdir}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
