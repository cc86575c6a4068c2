"""``python -m bot chat``: talk to the bot in a terminal, buttons shown numbered.

Type a command (``/start``), a question, or the number of a button to press it (``#N``
always presses button N). Only where the bot waits for a typed number (weeks, a cycle day)
is a bare number an answer rather than a press. Files the bot sends (export, chart, PDF) are
saved to a folder named in the banner. ``/quit``, Ctrl-D or Ctrl-C stops cleanly. Works from a
pipe, one input per line, so a whole conversation can be scripted; each input is echoed once.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from bot.app import Core, build_core
from bot.catalog.catalog import Catalog
from bot.clock import SystemClock
from bot.config import Settings, load_settings
from bot.privacy import UserHasher, load_or_create_key
from bot.services.events import Attachment, Button, Incoming, Outcome
from bot.services.flood import FloodGate
from bot.storage.base import Storage
from bot.storage.memory import MemoryStorage
from bot.storage.tinydb_store import TinyDBStorage

CONSOLE_USER = 1
TAG = re.compile(r"<[^>]+>")
PRESS = re.compile(r"#?([0-9]+)")
DEFAULT_FILES = Path("console-files")


def main(argv: list[str]) -> int:
    """Run the console chat until /quit, end of input or Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m bot chat")
    parser.add_argument("--memory", action="store_true", help="keep no user data on disk")
    parser.add_argument("--lang", default=None, help="language code, e.g. en")
    parser.add_argument(
        "--files", type=Path, default=DEFAULT_FILES, help="folder for files the bot sends"
    )
    args = parser.parse_args(argv)
    settings = load_settings()
    with asyncio.Runner() as runner:
        core = runner.run(open_core(settings, memory=args.memory))
        console = Console(core, args.files.resolve(), args.lang)
        try:
            console.loop(runner, sys.stdin, sys.stdout, echo=not sys.stdin.isatty())
        finally:
            runner.run(core.storage.close())
    return 0


async def open_core(settings: Settings, *, memory: bool) -> Core:
    """The services over the data directory (or memory), without a flood gate: a piped script
    sends its lines as fast as it can."""
    storage: Storage
    if memory:
        storage = MemoryStorage()
        key = b"console-memory-key-not-secret!!!"
    else:
        storage = await TinyDBStorage.open(settings.bot_data_dir)
        key = load_or_create_key(settings.bot_data_dir)
    return build_core(
        Catalog.load(),
        storage,
        SystemClock(),
        UserHasher(key),
        store_content_gaps=settings.bot_store_content_gaps,
        flood=FloodGate.unlimited(),
    )


@dataclass
class Console:
    """One console user: the buttons on screen and whether a typed number is an answer."""

    core: Core
    files: Path
    language_code: str | None
    buttons: list[Button] = field(default_factory=list)
    typed: bool = False  # the bot waits for typed text: an unknown number is sent as text
    numeric: bool = False  # the bot waits for a number: a bare number is the answer

    def t(self, key: str, **context: object) -> str:
        catalog = self.core.catalog
        return plain(catalog.t(catalog.locale_for(self.language_code), key, **context))

    def loop(self, runner: asyncio.Runner, stdin: TextIO, stdout: TextIO, *, echo: bool) -> None:
        """Read, answer and show until the end; Ctrl-C (while reading or while the bot works)
        and Ctrl-D end it without a traceback. ``echo``: print each input (when it comes from
        a pipe; a terminal shows what was typed already)."""
        print(self.t("console.banner", folder=str(self.files)), file=stdout)
        try:
            while True:
                if not echo:
                    print("> ", end="", file=stdout, flush=True)
                line = stdin.readline()
                if not line:
                    break
                line = line.strip()
                if line in ("/quit", "/exit"):
                    return
                if not line:
                    continue
                if echo:
                    print(f"> {line}", file=stdout)
                incoming = self.incoming(line)
                if incoming is None:
                    print(self.t("console.no_such_button"), file=stdout)
                    continue
                self.show(runner.run(self.core.service.handle(incoming)), stdout)
        # asyncio.Runner turns a Ctrl-C during the bot's work into KeyboardInterrupt, except
        # in the instant between installing its SIGINT handler and resetting its interrupt
        # count, where the cancelled work surfaces as CancelledError (seen once in CI).
        except (KeyboardInterrupt, asyncio.CancelledError):
            pass
        print(file=stdout)

    def incoming(self, line: str) -> Incoming | None:
        """What a typed line does: press a button, run a command, or send a text."""
        base = Incoming(
            user_id=CONSOLE_USER,
            chat_id=CONSOLE_USER,
            kind="text",
            language_code=self.language_code,
        )
        press = PRESS.fullmatch(line)
        if press is not None and (line.startswith("#") or not self.numeric):
            index = int(press.group(1)) - 1
            if 0 <= index < len(self.buttons):
                return replace(base, kind="button", data=self.buttons[index].data, message_id=1)
            if line.startswith("#") or not self.typed:
                return None
        if line.startswith("/"):
            return replace(base, kind="command", command=line[1:].split()[0].lower())
        return replace(base, text=line)

    def show(self, outcome: Outcome, stdout: TextIO) -> None:
        """Print the replies, save their files, and number their buttons."""
        if outcome.toast:
            print(f"[{outcome.toast}]", file=stdout)
        buttons: list[Button] = []
        typed = numeric = False
        for reply in outcome.replies:
            if reply.close is not None:
                continue  # a keyboard taken off an earlier message: nothing to print
            if reply.text:
                print(plain(reply.text), file=stdout)
            for attachment in (reply.document, reply.photo):
                if attachment is not None:
                    path = self.save(attachment)
                    saved = self.t("console.file_saved", path=str(path), size=path.stat().st_size)
                    print(saved, file=stdout)
                    # Telegram shows a file's caption under it (the summary's "not a
                    # diagnosis, keep it safe", the chart's text alternative): so does the console.
                    if attachment.caption and attachment.caption != reply.text:
                        print(plain(attachment.caption), file=stdout)
            for row in reply.buttons:
                cells = []
                for button in row:
                    buttons.append(button)
                    cells.append(f"[{len(buttons)}] {plain(button.label)}")
                print("   ".join(cells), file=stdout)
            typed = typed or reply.typed_input
            numeric = numeric or reply.numeric
            print("", file=stdout)
        self.buttons, self.typed, self.numeric = buttons, typed, numeric

    def save(self, attachment: Attachment) -> Path:
        """Write a file the bot sent into the files folder (private: it holds health data),
        never over an earlier one."""
        self.files.mkdir(mode=0o700, parents=True, exist_ok=True)
        name = Path(attachment.filename).name or "file"
        path = self.files / name
        stem, suffix = path.stem, path.suffix
        n = 1
        while path.exists():
            n += 1
            path = self.files / f"{stem}-{n}{suffix}"
        path.write_bytes(attachment.content)
        path.chmod(0o600)
        return path


def plain(text: str) -> str:
    """Telegram HTML as terminal text."""
    return html.unescape(TAG.sub("", text))
