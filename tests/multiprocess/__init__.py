"""Harness for several webhook bot processes on one PostgreSQL (the test and the benchmark).

- ``Schema``: a fresh schema on the test server; ``url`` is a libpq URL whose ``options`` put
  that schema first on the search path, so the bots (which open ``BOT_DATABASE_URL`` without
  a schema) migrate and use it, and ``drop`` removes every row they wrote.
- ``start_bots`` spawns N ``python -m bot run --webhook`` processes (``tests.e2e.spawn``: output
  in files, nothing inherited from the developer's settings), each on its own loopback port,
  all with the same database URL, hash key, webhook secret and fake Bot API, and waits until
  every ``/healthz`` answers; ``stop_bots`` sends SIGTERM and kills after a grace period.
- ``make_script`` plays one person changing settings: language and time-zone buttons, "type
  your city" and ``/cancel``. Every step writes the user's document (so its ``update_id`` is
  recorded: re-deliveries of read-only updates are not deduplicated by the bot) and its one
  reply is predictable from the steps before it: the language reply is in the new language
  and the settings reply names the zone chosen last. A reply list that equals the script's
  expected list therefore shows each update was processed once, in order, on current state.
- ``drive`` posts the scripts as Telegram does: each user's updates one at a time (the next
  only after the previous got its 200), users concurrently, each update to a random process,
  and a share of them delivered twice to two different processes (at once, or again after
  the first 200 as if it had been lost). It returns the time to 200 of every first delivery.

The fake Bot API must run in the caller's event loop: a button is pressed on the bot's latest
message in that chat, read from the fake, as a person taps the keyboard they see.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import secrets
import socket
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import aiohttp
import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from bot.catalog.catalog import Catalog
from bot.domain.models import ReminderPrefs, UserDoc
from bot.privacy import UserHasher
from bot.reminders.settings import ZONES
from bot.storage.base import JsonDoc
from bot.storage.postgres import PostgresStorage
from bot.tg.webhook import SECRET_HEADER
from tests.e2e import BotProcess, bot_env, spawn
from tests.fakes.bot_api import FakeBotAPI, Sent, parse_html

WEBHOOK_PATH = "/tg/multiprocess"
STARTUP_TIMEOUT = 180.0  # a hang guard: only a start that never comes reaches it
POST_TIMEOUT = 60.0
# A message id the fake never hands out: a press on it makes the bot's edit fail and fall back
# to a new message (the first press in a chat, before the bot has said anything there). Below
# the fake's numbering (from 1), as a real message too old to edit is older than any new one.
NO_MESSAGE = 0
# Typed cities and the zone the bot resolves each to (the last part of the IANA name).
CITIES = {
    "Berlin": "Europe/Berlin",
    "Madrid": "Europe/Madrid",
    "Tokyo": "Asia/Tokyo",
    "Chicago": "America/Chicago",
    "Sydney": "Australia/Sydney",
    "Lima": "America/Lima",
    "Cairo": "Africa/Cairo",
    "Moscow": "Europe/Moscow",
}
DEFAULT_TIME = "20:00"
EXPECTED_WARNING = '"event": "answer_callback_failed"'


def free_port() -> int:
    """A TCP port that was free on 127.0.0.1 a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- database ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """A schema of its own on the test server; ``url`` makes it the bots' default schema."""

    server_url: str
    name: str

    @classmethod
    def create(cls, server_url: str) -> Schema:
        """Create an empty schema with a name no other run uses."""
        name = f"mp_{os.getpid()}_{secrets.token_hex(4)}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
        return cls(server_url, name)

    @property
    def url(self) -> str:
        """The server URL with ``options=-c search_path=<schema>`` (percent-encoded)."""
        option = f"-c search_path={self.name}"
        if not self.server_url.startswith(("postgresql://", "postgres://")):
            return make_conninfo(self.server_url, options=option)
        parts = urlsplit(self.server_url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
        query.append(("options", option))
        return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))

    def drop(self) -> None:
        """Drop the schema and everything in it."""
        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(self.name))
            )


def user_docs(
    hash_key: str,
    user_ids: Sequence[int],
    now: dt.datetime,
    reminder: ReminderPrefs | None = None,
) -> dict[str, JsonDoc]:
    """Valid documents of consented people (English, zone UTC unless ``reminder`` says),
    keyed as the bots key them with ``hash_key``."""
    hasher = UserHasher(bytes.fromhex(hash_key))
    docs: dict[str, JsonDoc] = {}
    for user_id in user_ids:
        key = hasher.user_key(user_id)
        doc = UserDoc(
            key=key,
            chat_id=user_id,
            created_at=now,
            consent_at=now,
            reminder=reminder or ReminderPrefs(),
        )
        docs[key] = doc.model_dump(mode="json")
    return docs


def reminder_due_now(
    now: dt.datetime, late: dt.timedelta = dt.timedelta(minutes=3)
) -> ReminderPrefs:
    """Reminders on, due ``late`` before ``now`` today, in a zone where that is not near
    midnight (so "today" is one local date and the reminder is inside the grace window)."""
    for name in ("UTC", "Asia/Tokyo", "America/New_York"):
        local = now.astimezone(ZoneInfo(name))
        due = local - late
        if 1 <= local.hour <= 22 and due.date() == local.date():
            return ReminderPrefs(enabled=True, time=due.strftime("%H:%M"), tz=name)
    raise AssertionError("no candidate zone is away from midnight")  # cannot happen


async def save_users(database_url: str, docs: Mapping[str, JsonDoc]) -> None:
    """Store documents through the engine the bots use, one ``save_user`` each."""
    storage = await PostgresStorage.open(database_url)
    try:
        for key, doc in docs.items():
            await storage.save_user(key, doc)
    finally:
        await storage.close()


async def load_users(database_url: str, keys: Sequence[str]) -> dict[str, JsonDoc]:
    """The stored documents of ``keys``."""
    storage = await PostgresStorage.open(database_url)
    try:
        return await storage.load_users(keys)
    finally:
        await storage.close()


# --- processes -----------------------------------------------------------------------------


@dataclass
class WebhookBot:
    """One bot process serving its webhook on a loopback port."""

    process: BotProcess
    port: int

    @property
    def name(self) -> str:
        """The process's name in reports."""
        return self.process.name

    @property
    def webhook_url(self) -> str:
        """Where updates are posted."""
        return f"http://127.0.0.1:{self.port}{WEBHOOK_PATH}"

    @property
    def health_url(self) -> str:
        """The liveness endpoint."""
        return f"http://127.0.0.1:{self.port}/healthz"

    def log_records(self) -> list[dict[str, Any]]:
        """The process's JSON log lines (stderr), parsed; other lines are skipped."""
        records = []
        try:
            text = self.process.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        for line in text.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                records.append(record)
        return records

    def stderr_report(self, limit: int = 20_000) -> str:
        """The tail of stderr for a failure report, without the expected warnings.

        The callback query ids of ``button_update`` are unknown to the fake (it only knows the
        ids it made itself), so every ``answerCallbackQuery`` gets a 400 and the bot logs
        ``answer_callback_failed``; those lines are counted instead of shown.
        """
        try:
            text = self.process.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no stderr file)"
        lines = text.splitlines()
        kept = [line for line in lines if EXPECTED_WARNING not in line]
        omitted = len(lines) - len(kept)
        body = "\n".join(kept)[-limit:] or "(empty)"
        return f"({omitted} {EXPECTED_WARNING} lines omitted)\n{body}" if omitted else body

    def count_events(self, event: str) -> int:
        """How many log records carry ``event``."""
        return sum(1 for r in self.log_records() if r.get("event") == event)


@dataclass(frozen=True)
class ClusterConfig:
    """What every process of one cluster shares."""

    api: FakeBotAPI
    database_url: str
    hash_key: str = field(default_factory=lambda: secrets.token_hex(32))
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    extra_env: Mapping[str, str] = field(default_factory=dict)


def bot_command() -> list[str]:
    """The production entry point in webhook mode."""
    return [sys.executable, "-m", "bot", "run", "--webhook"]


def spawn_webhook_bot(
    config: ClusterConfig,
    log_dir: Path,
    name: str,
    command: Sequence[str] | None = None,
) -> WebhookBot:
    """Start one webhook process (not yet waited for)."""
    port = free_port()
    env = bot_env(
        config.api,
        log_dir / "data",
        TELEGRAM_API_FILE_URL=config.api.base_file_url,
        BOT_DATABASE_URL=config.database_url,
        BOT_HASH_KEY=config.hash_key,
        BOT_WEBHOOK_SECRET=config.secret,
        BOT_WEBHOOK_URL="https://bot.example.invalid",
        BOT_WEBHOOK_LISTEN="127.0.0.1",
        BOT_WEBHOOK_PORT=str(port),
        BOT_WEBHOOK_PATH=WEBHOOK_PATH,
        **dict(config.extra_env),
    )
    process = spawn(list(command or bot_command()), env, log_dir, name=name)
    return WebhookBot(process, port)


async def wait_healthy(
    session: aiohttp.ClientSession, bot: WebhookBot, timeout: float = STARTUP_TIMEOUT
) -> None:
    """Wait until ``/healthz`` answers 200; AssertionError (with stderr) if the bot dies first."""
    deadline = time.monotonic() + timeout
    while True:
        if not bot.process.alive():
            raise AssertionError(
                f"{bot.name} exited with {bot.process.proc.returncode} before serving:\n"
                + bot.process.stderr()
            )
        try:
            async with session.get(bot.health_url) as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{bot.name} did not serve within {timeout} s:\n" + bot.process.stderr()
            )
        await asyncio.sleep(0.1)


async def start_bots(
    config: ClusterConfig,
    count: int,
    log_root: Path,
    started: list[WebhookBot],
    *,
    prefix: str = "bot",
    command: Sequence[str] | None = None,
) -> list[WebhookBot]:
    """Spawn ``count`` processes at once and wait until all serve.

    Each is appended to ``started`` as soon as it is spawned, so the caller's teardown stops
    it even when start-up fails.
    """
    bots = []
    for i in range(1, count + 1):
        name = f"{prefix}-{i}"
        bot = spawn_webhook_bot(config, log_root / name, name, command)
        started.append(bot)
        bots.append(bot)
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(wait_healthy(session, bot) for bot in bots))
    return bots


async def stop_bots(bots: Sequence[WebhookBot], grace: float = 10.0) -> None:
    """SIGTERM every process at once, SIGKILL whatever is left after ``grace`` seconds."""
    await asyncio.gather(*(bot.process.stop_async(grace=grace) for bot in bots))


# --- scripts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One update a person sends and the visible text of the one reply it must get."""

    kind: Literal["button", "text"]
    payload: str  # callback data or message text
    expected: str


@dataclass(frozen=True)
class Script:
    """A person's updates in order, and the settings they leave behind."""

    steps: tuple[Step, ...]
    locale: str
    zone: str
    asking: bool


def make_script(rng: random.Random, catalog: Catalog, length: int) -> Script:
    """A random walk over the reminder-settings and language screens (see the module doc).

    The person starts consented, in English, zone UTC, reminders off (``seed_doc``). Every
    step changes something, and no reply repeats the reply before it (so an edit is never
    "not modified").
    """
    locale, zone, asking = catalog.default_locale, "UTC", False
    steps: list[Step] = []

    def visible(loc: str, key: str, **context: Any) -> str:
        return parse_html(catalog.t(loc, key, **context))

    def status(loc: str, tz: str) -> str:
        return visible(loc, "reminders.status_off", time=DEFAULT_TIME, tz=tz)

    for _ in range(length):
        roll = rng.random()
        if asking:
            if roll < 0.75:
                city = rng.choice([c for c, z in CITIES.items() if z != zone])
                zone, asking = CITIES[city], False
                steps.append(Step("text", city, status(locale, zone)))
            else:
                asking = False
                steps.append(Step("text", "/cancel", visible(locale, "misc.cancelled")))
        elif roll < 0.3:
            locale = rng.choice([loc for loc in catalog.locales if loc != locale])
            steps.append(Step("button", f"lang:{locale}", visible(locale, "misc.language_set")))
        elif roll < 0.65:
            index = rng.choice([i for i, z in enumerate(ZONES) if z != zone])
            zone = ZONES[index]
            steps.append(Step("button", f"rem:zone:{index}", status(locale, zone)))
        else:
            asking = True
            steps.append(Step("button", "rem:zone", visible(locale, "reminders.ask_zone")))
    return Script(tuple(steps), locale, zone, asking)


def activity(api: FakeBotAPI, chat_id: int) -> list[Sent]:
    """Every new message and text edit in a chat, in the order the bot made them (closing an
    old keyboard changes no text, so it is not a reply)."""
    edits = [s for s in api.edits_to(chat_id) if s.method != "editMessageReplyMarkup"]
    return sorted(api.sent_to(chat_id) + edits, key=lambda s: s.at)


def reply_texts(api: FakeBotAPI, chat_id: int) -> list[str]:
    """The visible texts of ``activity``."""
    return [s.text or "" for s in activity(api, chat_id)]


# --- updates -------------------------------------------------------------------------------


def _person(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "en"}


def text_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    """A private message (a command when it starts with ``/``) as Telegram posts it."""
    message: dict[str, Any] = {
        # Far above the fake's own per-chat numbering, so never a clash with the bot's.
        "message_id": 2_000_000 + update_id,
        "from": _person(user_id),
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def button_update(
    api: FakeBotAPI, update_id: int, user_id: int, data: str, message_id: int
) -> dict[str, Any]:
    """A button press under the bot's message ``message_id`` as Telegram posts it."""
    message = api.message(user_id, message_id) or {
        "message_id": message_id,
        "from": api.bot_user,
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "date": int(time.time()),
        "text": "",
    }
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(5_000_000_000 + update_id),
            "from": _person(user_id),
            "message": message,
            "chat_instance": str(user_id * 7919),
            "data": data,
        },
    }


# --- load ----------------------------------------------------------------------------------


@dataclass
class LoadResult:
    """What one ``drive`` did."""

    latencies: list[float]  # seconds to the 200 of each update's first delivery
    elapsed: float  # first post to last 200
    statuses: Counter[int]  # HTTP status of every post, re-deliveries included
    redelivered: int
    update_ids: dict[int, list[int]]  # per user, in sending order
    per_bot: Counter[str]  # posts per process

    @property
    def updates(self) -> int:
        """Distinct updates delivered."""
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Updates per second."""
        return self.updates / self.elapsed if self.elapsed > 0 else 0.0


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def drive(
    api: FakeBotAPI,
    bots: Sequence[WebhookBot],
    scripts: Mapping[int, Script],
    *,
    secret: str,
    seed: int,
    redeliver: float = 0.0,
    first_update_id: int = 1,
) -> LoadResult:
    """Post every script's updates (see the module docstring); never raises for a bad status."""
    users = list(scripts)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    per_bot: Counter[str] = Counter()
    update_ids: dict[int, list[int]] = {}
    redelivered = 0
    headers = {SECRET_HEADER: secret}
    timeout = aiohttp.ClientTimeout(total=POST_TIMEOUT)

    async def post(session: aiohttp.ClientSession, bot: WebhookBot, update: Any) -> int:
        per_bot[bot.name] += 1
        try:
            async with session.post(bot.webhook_url, json=update, headers=headers) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError):
            status = 0
        statuses[status] += 1
        return status

    async def person(session: aiohttp.ClientSession, column: int, user_id: int) -> None:
        nonlocal redelivered
        rng = random.Random(f"{seed}:{user_id}")
        ids = update_ids.setdefault(user_id, [])
        for row, step in enumerate(scripts[user_id].steps):
            update_id = first_update_id + row * len(users) + column
            ids.append(update_id)
            if step.kind == "text":
                update = text_update(update_id, user_id, step.payload)
            else:
                shown = api.sent_to(user_id)
                target = shown[-1].message_id if shown else NO_MESSAGE
                update = button_update(api, update_id, user_id, step.payload, target)
            first = rng.choice(bots)
            again = rng.choice([b for b in bots if b is not first] or [first])
            mode = rng.random()
            started = time.monotonic()
            if mode < redeliver / 2:
                # Telegram gave up waiting and re-sent while the first copy is in flight.
                redelivered += 1
                original = asyncio.ensure_future(post(session, first, update))
                copy = asyncio.ensure_future(post(session, again, update))
                await original
                latencies.append(time.monotonic() - started)
                await copy
            else:
                await post(session, first, update)
                latencies.append(time.monotonic() - started)
                if mode < redeliver:
                    # The 200 was lost on the way back: the same update again, elsewhere.
                    redelivered += 1
                    await post(session, again, update)

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.monotonic()
        await asyncio.gather(*(person(session, i, u) for i, u in enumerate(users)))
        elapsed = time.monotonic() - started
    return LoadResult(latencies, elapsed, statuses, redelivered, update_ids, per_bot)
