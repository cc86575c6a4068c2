"""The full user scenario played against a bot process that runs under the egress probe.

Shared by ``tests/e2e/test_egress.py`` (RELIABILITY P6) in two ways:

- in the test's own process (``run_probed_scenario``), and
- inside a fresh network namespace with only loopback, as a process of its own::

      unshare -n -- python -m tests.e2e.egress_scenario --netns --out RESULT.json

  which brings ``lo`` up, checks that nothing but loopback exists and that an outside
  address is unreachable, then starts the fake Bot API and the probed bot inside the
  namespace, plays the scenario and writes the result as JSON.

The scenario covers what the bot can do: onboarding, a normal check-in with back, skip and
multi-select, a danger-sign check-in, typed questions (an FAQ with feedback, a red flag),
reminder settings by buttons and by typed time, a reminder the scheduler delivers (to a
user seeded with one that is due) and its snooze button, ``/topics``, ``/history`` with its
chart, ``/summary`` as PDF, ``/export``, ``/delete``, and a Spanish-speaking user.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import errno
import fcntl
import json
import secrets
import socket
import struct
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bot.domain.models import Profile, ReminderPrefs, UserDoc
from bot.privacy import UserHasher
from bot.storage.tinydb_store import TinyDBStorage
from tests.e2e import NO_FLOOD_GATE, BotProcess, User, bot_env, spawn, wait_polling
from tests.fakes.bot_api import FakeBotAPI
from tests.support.checkin_walk import NORMAL_AT_30_WEEKS, Wanted, walk_questions
from tests.support.egress_probe import Attempt, read_log

# The normal check-in with two pain options, so the walk exercises a multi-select.
NORMAL_ANSWERS: Mapping[str, Wanted] = {
    **NORMAL_AT_30_WEEKS,
    "pain": ["mild_cramps", "backache"],
}
# API methods the scenario must have made the bot call, or it did not really run.
REQUIRED_METHODS = frozenset(
    {
        "getMe",
        "deleteWebhook",
        "setMyCommands",
        "getUpdates",
        "sendMessage",
        "editMessageText",
        "answerCallbackQuery",
        "sendPhoto",
        "sendDocument",
    }
)
MAIN_USER, REMINDER_USER, SPANISH_USER = 6_660_001, 6_660_002, 6_660_003
REMINDER_TIMEOUT = 20.0
OUTSIDE = ("192.0.2.1", 443)  # TEST-NET-1 (RFC 5737): never routed, safe to aim at


@dataclass
class ScenarioResult:
    """What one probed run produced: the fake's address, the probe's records, what ran."""

    allowed: list[tuple[str, int]]
    attempts: list[Attempt]
    methods: list[str]
    files_sent: list[str]
    reminder_delivered: bool
    exit_code: int
    stderr_tail: str
    namespace: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """The result for a file (the namespace run hands it back this way)."""
        body = asdict(self)
        body["attempts"] = [a.__dict__ for a in self.attempts]
        return json.dumps(body)

    @classmethod
    def from_json(cls, text: str) -> ScenarioResult:
        """Read back ``to_json``."""
        body = json.loads(text)
        body["allowed"] = [tuple(pair) for pair in body["allowed"]]
        body["attempts"] = [Attempt(**a) for a in body["attempts"]]
        return cls(**body)


async def _checkin(user: User, answers: Mapping[str, Wanted]) -> None:
    await user.command("checkin")
    await walk_questions(user.buttons, user.press, answers)


async def _onboard(user: User, weeks: str) -> None:
    await user.command("start")
    await user.tap(data="ob:consent")
    await user.tap(data="ob:status:pregnant")
    await user.tap(data="ob:weeks")
    await user.say(weeks)
    await user.tap(data="ob:country:skip")


async def seed_due_reminder(data_dir: Path, hasher: UserHasher, user_id: int) -> None:
    """Store a consented user whose daily reminder fell due three minutes ago (UTC), so the
    scheduler sends it right after start-up."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    due = now - dt.timedelta(minutes=3)
    key = hasher.user_key(user_id)
    doc = UserDoc(
        key=key,
        chat_id=user_id,
        created_at=now - dt.timedelta(days=10),
        consent_at=now - dt.timedelta(days=10),
        profile=Profile(status="pregnant", due_date=(now + dt.timedelta(days=90)).date()),
        reminder=ReminderPrefs(enabled=True, time=due.strftime("%H:%M"), tz="UTC"),
        last_seen=now - dt.timedelta(days=1),
    )
    storage = await TinyDBStorage.open(data_dir)
    try:
        await storage.save_user(key, doc.model_dump(mode="json"))
    finally:
        await storage.close()


async def play(api: FakeBotAPI) -> bool:
    """Every feature, over HTTP; returns whether the scheduled reminder arrived."""
    main = User(api, MAIN_USER)
    await _onboard(main, "30")
    await _checkin(main, NORMAL_ANSWERS)
    assert "Level:" in main.text()
    await _checkin(main, {"danger_signs": ["heavy_bleeding"]})
    assert "Call emergency services now" in main.text()
    await main.say("is it normal to have more white discharge in pregnancy?")
    await main.tap(label="Helpful")
    await main.say("I'm bleeding heavily, soaking a pad every hour")
    await main.command("topics")
    await main.command("reminders")
    await main.tap(data="rem:toggle")  # no country known: the zone is asked at once
    await main.tap(label="Berlin")
    await main.tap(data="rem:time")
    await main.tap(label="08:00")
    await main.tap(data="rem:time")
    await main.say("21:30")
    await main.command("history")
    await main.command("summary")
    await main.tap(data="sum:all")
    await main.command("export")
    await main.command("delete")
    await main.tap(data="del:yes")

    spanish = User(api, SPANISH_USER, language_code="es")
    await spanish.command("start")
    await spanish.command("help")

    reminded = User(api, REMINDER_USER)
    try:
        await api.wait_for_sent(REMINDER_USER, 1, timeout=REMINDER_TIMEOUT)
    except TimeoutError:
        return False
    await reminded.tap(data="rem:snooze:60")
    await reminded.tap(data="checkin:start")
    return True


async def run_probed_scenario(work: Path) -> ScenarioResult:
    """Start the fake, seed the reminder user, run ``python -m bot run`` under the probe, play
    the scenario, stop the bot (SIGTERM) and collect what the probe recorded."""
    data_dir, log_dir, probe_log = work / "data", work / "logs", work / "egress.jsonl"
    hash_key = secrets.token_hex(32)
    await seed_due_reminder(data_dir, UserHasher(bytes.fromhex(hash_key)), REMINDER_USER)
    async with FakeBotAPI() as api:
        # One person plays every feature in a few seconds: no update may meet the flood gate.
        env = bot_env(api, data_dir, BOT_HASH_KEY=hash_key, **NO_FLOOD_GATE)
        command = [sys.executable, "-m", "tests.support.egress_probe", "--log", str(probe_log)]
        process: BotProcess = spawn([*command, "run"], env, log_dir)
        try:
            await wait_polling(api, process)
            reminded = await play(api)
        finally:
            code = await process.stop_async()
        files = sorted(s.file_name or "" for s in api.sent if s.file_name)
        return ScenarioResult(
            allowed=[("127.0.0.1", api.port)],
            attempts=read_log(probe_log),
            methods=sorted({call.method for call in api.calls}),
            files_sent=files,
            reminder_delivered=reminded,
            exit_code=code,
            stderr_tail=process.stderr(4000),
        )


# --- inside a network namespace -------------------------------------------------------------

_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1


def bring_loopback_up() -> None:
    """Set ``lo`` up (a fresh network namespace starts with it down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sh", b"lo", 0)
        flags = struct.unpack("16sh", fcntl.ioctl(sock, _SIOCGIFFLAGS, request)[:18])[1]
        fcntl.ioctl(sock, _SIOCSIFFLAGS, struct.pack("16sh", b"lo", flags | _IFF_UP))


def outside_errno() -> int:
    """The error of a connect to an outside address (0 when it connected)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(2.0)
        return sock.connect_ex(OUTSIDE)


def namespace_facts() -> dict[str, Any]:
    """The interfaces this process sees and whether the outside is reachable."""
    code = outside_errno()
    return {
        "interfaces": sorted(name for _, name in socket.if_nameindex()),
        "outside_errno": errno.errorcode.get(code, str(code)) if code else "connected",
    }


def main(argv: list[str] | None = None) -> int:
    """Run the probed scenario (in a namespace with ``--netns``) and write the result."""
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.egress_scenario")
    parser.add_argument("--netns", action="store_true", help="bring lo up, record the netns")
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON result")
    args = parser.parse_args(argv)
    facts: dict[str, Any] = {}
    if args.netns:
        bring_loopback_up()
        facts = namespace_facts()
    with tempfile.TemporaryDirectory(prefix="egress-") as work:
        result = asyncio.run(run_probed_scenario(Path(work)))
    result.namespace = facts
    args.out.write_text(result.to_json(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
