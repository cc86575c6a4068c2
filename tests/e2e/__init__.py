"""End-to-end harness: the bot as a separate process, talking HTTP to the fake Bot API.

Used by the e2e tier (``tests/e2e/test_*.py``) and by the benchmarks (``benchmarks/``):

- ``spawn_bot(api, data_dir, log_dir)`` starts ``python -m bot run`` (or any command, with
  ``spawn``) with a fake token, ``TELEGRAM_API_BASE_URL`` pointing at the in-process
  ``FakeBotAPI``, its stdout and stderr going to files; ``wait_polling`` waits for its first
  ``getUpdates`` and fails with the process's stderr if it died first; ``stop`` sends SIGTERM
  and kills after a grace period, so a test can never leave a process behind.
- ``User`` plays one person in a private chat: ``command``, ``text``, ``press`` and ``tap``
  push an update and return what the bot sent or edited in reply. "Handled" means the bot
  confirmed the update with its next ``getUpdates`` offset, which the commit-after-process
  poller does only after every reply of that update went out.

The fake runs in the caller's event loop, so the caller reads its records directly.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.privacy import UserHasher
from bot.storage.jsonl import read_records
from tests.fakes.bot_api import FakeBotAPI, Sent
from tests.support.hang_guard import PROCESS_GUARD

REPO = Path(__file__).resolve().parents[2]
# Shaped like a real token (id, colon, 35 characters) so the bot's redaction patterns apply.
FAKE_TOKEN = "123456:" + "AAFakeTokenForEndToEndTestsOnlyXYZ0"
# Guards against a bot that never starts or never answers, not speed bounds: a passing test
# never waits for them, and a 2-core machine under a load average of 18 needed over 20 s to
# start the bot (a clean-clone run failed test_ways_out so).
STARTUP_TIMEOUT = 180.0
REPLY_TIMEOUT = 120.0
# For bot processes of scenarios that are not about flood control: the per-user flood gate's
# burst (40 updates, then 1 a second) is raised out of reach, so one person playing a long
# scenario (the egress scenario sends over 40 updates in a few seconds) never has an update
# dropped, however fast or slow the machine. Flood control is tested with the production
# settings (``tests/reliability/test_flood.py``).
NO_FLOOD_GATE: Mapping[str, str] = {"BOT_USER_BURST": "1000000"}


@dataclass
class BotProcess:
    """A child process with its output in files; ``stop`` or ``kill`` it in teardown."""

    proc: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path
    started_at: float  # time.monotonic() just before the spawn
    name: str = "bot"
    started_wall: float = 0.0  # time.time() just before the spawn (the fake's clock)

    @property
    def pid(self) -> int:
        """The process id."""
        return self.proc.pid

    def alive(self) -> bool:
        """True while the process runs."""
        return self.proc.poll() is None

    def stderr(self, limit: int = 20_000) -> str:
        """The tail of what the process wrote to stderr."""
        try:
            text = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return text[-limit:]

    def stderr_size(self) -> int:
        """How many bytes the process has written to stderr so far (a mark for ``stderr_since``)."""
        try:
            return self.stderr_path.stat().st_size
        except OSError:
            return 0

    def stderr_since(self, mark: int) -> str:
        """What the process wrote to stderr after ``mark`` (from ``stderr_size``)."""
        with self.stderr_path.open("rb") as handle:
            handle.seek(mark)
            return handle.read().decode("utf-8", errors="replace")

    def stop(self, grace: float = PROCESS_GUARD) -> int:
        """SIGTERM, wait up to ``grace`` seconds, then SIGKILL; returns the exit code. The
        default is a hang guard: a clean stop may wait for the crisis encoder's load, which takes
        seconds on a busy machine, and must not be killed for it."""
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()

    async def stop_async(self, grace: float = PROCESS_GUARD) -> int:
        """Like ``stop``, but waits without blocking the event loop (the in-process fake has to
        answer the bot's last ``getUpdates`` while it shuts down)."""
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + grace
            while self.alive() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            if self.alive():
                self.proc.kill()
        return self.proc.wait()

    def kill(self) -> None:
        """SIGKILL (if still running) and reap."""
        if self.alive():
            self.proc.kill()
        self.proc.wait()


def bot_env(api: FakeBotAPI, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a bot process against ``api``: only what it needs, nothing inherited
    from a developer's settings (a stray BOT_DATABASE_URL or real token must not leak in)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BOT_", "TELEGRAM_")) and key != "PYTHONPATH"
    }
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "BOT_DATA_DIR": str(data_dir),
            "BOT_POLL_TIMEOUT": "1",
            "BOT_LOG_LEVEL": "INFO",
            "PYTHONPATH": str(REPO),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def spawn(
    args: Sequence[str], env: Mapping[str, str], log_dir: Path, name: str = "bot"
) -> BotProcess:
    """Start ``args`` in ``log_dir`` (so no ``.env`` of the repository is read)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    stdout_path = log_dir / f"{name}.stdout"
    stderr_path = log_dir / f"{name}.stderr"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        started, started_wall = time.monotonic(), time.time()
        proc = subprocess.Popen(
            list(args), env=dict(env), cwd=log_dir, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
    return BotProcess(proc, stdout_path, stderr_path, started, name, started_wall)


def spawn_bot(api: FakeBotAPI, data_dir: Path, log_dir: Path, **extra_env: str) -> BotProcess:
    """Start ``python -m bot run`` against ``api`` with its data in ``data_dir``."""
    return spawn([sys.executable, "-m", "bot", "run"], bot_env(api, data_dir, **extra_env), log_dir)


async def wait_polling(
    api: FakeBotAPI, process: BotProcess, timeout: float = STARTUP_TIMEOUT, after: int = 0
) -> float:
    """Wait for a ``getUpdates`` beyond the first ``after`` ones; seconds since the spawn.

    Raises AssertionError with the process's stderr when it exits first or never polls.
    """
    deadline = time.monotonic() + timeout
    while len(api.calls_to("getUpdates")) <= after:
        if not process.alive():
            raise AssertionError(
                f"{process.name} exited with {process.proc.returncode} before polling:\n"
                + process.stderr()
            )
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{process.name} did not poll within {timeout} s:\n" + process.stderr()
            )
        await asyncio.sleep(0.02)  # the fake signals sends, not polls: look again shortly
    return time.monotonic() - process.started_at


def user_file(data_dir: Path, user_id: int) -> Path:
    """Where the TinyDB engine keeps this Telegram user's document (keyed by the data
    directory's own hash key, as the bot computes it)."""
    key = bytes.fromhex((data_dir / ".hash_key").read_text(encoding="ascii").strip())
    return data_dir / "users" / f"{UserHasher(key).user_key(user_id)}.json"


def stored_doc(data_dir: Path, user_id: int) -> dict[str, Any] | None:
    """The user's stored state as the bot last wrote it, with the history records it
    appended under "checkins"; None when there is none."""
    path = user_file(data_dir, user_id)
    if not path.exists():
        return None
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["user"]["1"]
    history = data_dir / "history" / f"{path.stem}.jsonl"
    return doc | {"checkins": read_records(history, history.name)}


@dataclass
class User:
    """One person in a private chat with the bot (chat id == user id)."""

    api: FakeBotAPI
    user_id: int
    language_code: str = "en"
    timeout: float = REPLY_TIMEOUT
    replies: list[Sent] = field(default_factory=list)  # what the last input produced
    _raw_ids: int = 0

    # --- what the user sees ---------------------------------------------------------------

    def activity(self) -> list[Sent]:
        """Every new message and edit in this chat, in the order the bot made them."""
        both = self.api.sent_to(self.user_id) + self.api.edits_to(self.user_id)
        return sorted(both, key=lambda s: s.at)

    @property
    def last(self) -> Sent:
        """The bot's latest message or edit in this chat."""
        items = self.activity()
        assert items, "the bot has not said anything in this chat"
        return items[-1]

    def screen(self) -> Sent:
        """The latest message or edit that carries buttons (what the user would tap on)."""
        for item in reversed(self.activity()):
            if item.buttons:
                return item
        raise AssertionError("no message with buttons in this chat")

    def buttons(self) -> list[tuple[str, str]]:
        """The (label, callback data) pairs on the current screen."""
        return [(label, data or "") for label, data in self.screen().buttons]

    def text(self) -> str:
        """The text of the bot's latest message or edit."""
        return self.last.text or ""

    def reply_texts(self) -> list[str]:
        """The texts of what the last input produced."""
        return [r.text or "" for r in self.replies]

    # --- what the user does ---------------------------------------------------------------

    async def _handled(self, update_id: int) -> list[Sent]:
        before = len(self.activity())
        try:
            await self.api.wait_confirmed(update_id, self.timeout)
        except TimeoutError:
            raise AssertionError(f"the bot did not handle update {update_id} in time") from None
        self.replies = self.activity()[before:]
        return self.replies

    async def command(self, name: str, args: str = "") -> list[Sent]:
        """Send ``/name args``; returns the bot's replies."""
        update_id = self.api.push_command(
            self.user_id, name, args, language_code=self.language_code
        )
        return await self._handled(update_id)

    async def say(self, text: str) -> list[Sent]:
        """Send a text message; returns the bot's replies."""
        update_id = self.api.push_text(self.user_id, text, language_code=self.language_code)
        return await self._handled(update_id)

    async def press(self, data: str, message_id: int | None = None) -> list[Sent]:
        """Tap a button with ``data`` under ``message_id`` (default: the current screen)."""
        target = self.screen().message_id if message_id is None else message_id
        update_id = self.api.push_callback(
            self.user_id, data, target, language_code=self.language_code
        )
        return await self._handled(update_id)

    def find(self, *, label: str | None = None, data: str | None = None) -> str:
        """The callback data of the current screen's button whose label contains ``label``
        (case-insensitive) or whose data equals ``data`` / ends with ``data`` after a colon."""
        for shown, callback in self.buttons():
            if label is not None and label.lower() in shown.lower():
                return callback
            if data is not None and (callback == data or callback.endswith(":" + data)):
                return callback
        raise AssertionError(f"no button {label or data!r} in {self.buttons()}")

    async def tap(self, *, label: str | None = None, data: str | None = None) -> list[Sent]:
        """Tap the current screen's button found by ``find``."""
        return await self.press(self.find(label=label, data=data))

    async def send_message(self, content: dict[str, Any]) -> list[Sent]:
        """Send a message of any kind (``{"sticker": {...}}``, ``{"photo": [...]}``...)."""
        self._raw_ids += 1
        message = {
            # Far above the fake's own per-chat numbering, so never a clash.
            "message_id": 1_000_000 + self._raw_ids,
            "from": {
                "id": self.user_id,
                "is_bot": False,
                "first_name": "Test",
                "language_code": self.language_code,
            },
            "chat": {"id": self.user_id, "type": "private", "first_name": "Test"},
            "date": int(time.time()),
            **content,
        }
        update_id = self.api.push_update({"message": message})
        return await self._handled(update_id)
