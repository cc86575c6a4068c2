"""``python -m bot chat``: talk to the bot in a terminal, buttons shown numbered.

Type a command (``/start``), a question, or the number of a button to press it. When the
bot waits for a typed number (a week, a cycle day) a bare number is an answer; press a button
with ``#N`` then. ``/quit`` or end of input stops. Works from a pipe, one input per line, so
a whole conversation can be scripted.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import sys
from dataclasses import replace
from typing import TextIO

from bot.app import build_core
from bot.catalog.catalog import Catalog
from bot.clock import SystemClock
from bot.config import Settings, load_settings
from bot.privacy import UserHasher, load_or_create_key
from bot.services.events import Button, Incoming, Outcome
from bot.services.flood import FloodGate
from bot.storage.base import Storage
from bot.storage.memory import MemoryStorage
from bot.storage.tinydb_store import TinyDBStorage

CONSOLE_USER = 1
TAG = re.compile(r"<[^>]+>")


def main(argv: list[str]) -> int:
    """Run the console chat until /quit or end of input."""
    parser = argparse.ArgumentParser(prog="python -m bot chat")
    parser.add_argument("--memory", action="store_true", help="keep nothing on disk")
    parser.add_argument("--lang", default=None, help="language code, e.g. en")
    args = parser.parse_args(argv)
    settings = load_settings()
    return asyncio.run(
        chat(sys.stdin, sys.stdout, settings, memory=args.memory, language_code=args.lang)
    )


async def chat(
    stdin: TextIO,
    stdout: TextIO,
    settings: Settings,
    *,
    memory: bool = False,
    language_code: str | None = None,
) -> int:
    """The read-answer loop over any text streams."""
    catalog = Catalog.load()
    storage: Storage
    if memory:
        storage = MemoryStorage()
        key = b"console-memory-key-not-secret!!!"
    else:
        storage = await TinyDBStorage.open(settings.bot_data_dir)
        key = load_or_create_key(settings.bot_data_dir)
    core = build_core(
        catalog,
        storage,
        SystemClock(),
        UserHasher(key),
        store_content_gaps=settings.bot_store_content_gaps,
        flood=FloodGate.unlimited(),
    )
    print(
        "Console chat. Type /start to begin, a number to press a button, /quit to leave.",
        file=stdout,
    )
    buttons: list[Button] = []
    typed = False
    try:
        while True:
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            line = line.strip()
            if line in ("/quit", "/exit"):
                break
            if not line:
                continue
            incoming = _incoming(line, buttons, typed, language_code)
            if incoming is None:
                print("(no such button)", file=stdout)
                continue
            print(f"> {line}", file=stdout)
            outcome = await core.service.handle(incoming)
            buttons, typed = _show(outcome, stdout)
    finally:
        await storage.close()
    return 0


def _incoming(
    line: str, buttons: list[Button], typed: bool, language_code: str | None
) -> Incoming | None:
    base = Incoming(
        user_id=CONSOLE_USER, chat_id=CONSOLE_USER, kind="text", language_code=language_code
    )
    press = line[1:] if line.startswith("#") else (None if typed else line)
    if press is not None and press.isdigit():
        index = int(press) - 1
        if not 0 <= index < len(buttons):
            return None
        return replace(base, kind="button", data=buttons[index].data, message_id=1)
    if line.startswith("/"):
        return replace(base, kind="command", command=line[1:].split()[0].lower())
    return replace(base, text=line)


def _show(outcome: Outcome, stdout: TextIO) -> tuple[list[Button], bool]:
    if outcome.toast:
        print(f"[{outcome.toast}]", file=stdout)
    buttons: list[Button] = []
    typed = False
    for reply in outcome.replies:
        if reply.close is not None:
            continue  # a keyboard taken off an earlier message: nothing to print
        if reply.text:
            print(plain(reply.text), file=stdout)
        for attachment in (reply.document, reply.photo):
            if attachment is not None:
                print(
                    f"[file: {attachment.filename}, {len(attachment.content)} bytes]", file=stdout
                )
        for row in reply.buttons:
            cells = []
            for button in row:
                buttons.append(button)
                cells.append(f"[{len(buttons)}] {plain(button.label)}")
            print("   ".join(cells), file=stdout)
        typed = typed or reply.typed_input
        print("", file=stdout)
    return buttons, typed


def plain(text: str) -> str:
    """Telegram HTML as terminal text."""
    return html.unescape(TAG.sub("", text))
