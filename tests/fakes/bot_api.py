"""A fake Telegram Bot API server on 127.0.0.1 for tests, fault injection and benchmarks.

Point python-telegram-bot at it::

    async with FakeBotAPI() as api:
        bot = Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
        app = ApplicationBuilder().token(TOKEN).base_url(api.base_url) ...

or run it as a process (for crash tests that ``kill -9`` the bot)::

    python -m tests.fakes.bot_api --port 0 --state-dir DIR [--token T] [--seed N]

which prints ``FAKE_BOT_API_PORT=<port>`` on stdout once it listens, and stops on SIGTERM.

Bot API methods (POST or GET; form, multipart or JSON bodies; method names are
case-insensitive as in Telegram): ``getMe``, ``deleteWebhook``, ``setWebhook``,
``getWebhookInfo``, ``setMyCommands``, ``getMyCommands``, ``setMyDescription``,
``setMyShortDescription`` (kept per language code; 512 and 120 characters at most),
``getUpdates``, ``sendMessage``, ``editMessageText``, ``editMessageReplyMarkup``,
``answerCallbackQuery``, ``sendDocument``, ``sendPhoto``, ``sendChatAction``,
``deleteMessage``. Anything else answers 404
``{"ok": false, "error_code": 404, "description": "Not Found"}`` as Telegram does.

Telegram behaviour that is emulated:

- ``getUpdates`` serves from ``max(offset, confirmed)``: an offset confirms every update
  below it for good, so an update below the highest offset ever seen is never returned
  again; a negative offset keeps only the last ``-offset`` updates; ``limit`` (1-100) is
  honoured; when nothing is pending it long-polls up to ``timeout`` seconds and returns as
  soon as an update is pushed. A second concurrent ``getUpdates`` ends the first with 409
  Conflict, and ``getUpdates`` while a webhook is set is a 409 too. ``allowed_updates`` is
  remembered and filters what is served.
- ``sendMessage`` checks what Telegram checks and a bot can get wrong: empty text, more
  than 4096 characters (counted after entity parsing, in code points), HTML that does not
  parse with ``parse_mode=HTML`` ("can't parse entities"), and ``callback_data`` over 64
  bytes (``BUTTON_DATA_INVALID``). MarkdownV2 is not checked.
- Edits of an unknown message, and edits that change nothing ("message is not modified"),
  are 400s; so are deleting an unknown message and answering an unknown callback query.
- Message ids are per chat and shared by the user's and the bot's messages; dates are
  whole seconds.

User side (what a person in Telegram does): ``push_text(user_id, text)``,
``push_command(user_id, "start", args="")``, ``push_callback(user_id, data, message_id)``
(the callback carries the bot's stored message, a ``chat_instance`` and a fresh query id),
``push_my_chat_member(user_id, "kicked")`` and ``push_update(raw_update)``; each returns
the ``update_id``. Private chats: chat id == user id.

What the bot did: ``calls`` (every request: method, params, time, HTTP status),
``calls_to(method)``, ``sent`` / ``sent_to(chat_id)`` (new messages that were delivered:
sendMessage, sendDocument, sendPhoto, with ``text``, ``buttons``, ``file_bytes``, ``at``),
``edits_to(chat_id)``, ``message(chat_id, message_id)`` (current state after edits),
``answered_callbacks``, ``confirmed_offset``, ``pending_updates``,
``retry_after_violations`` (sends to a chat before its 429 ``retry_after`` ran out),
``min_chat_gap()``; and the waits ``await wait_for_sent(chat_id, count, timeout)`` and
``await wait_confirmed(update_id, timeout)``.

Fault modes, switchable at any time (``clear_faults()`` resets them):

- ``rate_limit(fraction, retry_after=1, seed=None)``: that fraction of sends (seeded random)
  answer 429 with ``parameters.retry_after``; until it runs out, further sends to the same
  chat also answer 429 and are counted in ``retry_after_violations``. ``reject_next(n,
  retry_after)`` does the same for exactly the next ``n`` sends.
- ``block(*chat_ids)`` / ``unblock``: 403 "Forbidden: bot was blocked by the user".
- ``delay(seconds, methods=SEND_METHODS, chat_ids=None)``: the call is carried out and
  recorded first, and the response is held back (to make the client's read time out).
- ``bad_gateway(seconds)``: every method answers 502 for that long.
- ``inject_error(code, description, methods=..., chat_ids=None, count=None)``: any other
  error (for example 400 "Bad Request: chat not found").

With ``state_dir`` it writes ``offset`` (the highest offset seen, replaced atomically) and
appends every delivered message to ``sent.jsonl`` (one JSON object per line, flushed), so a
test can compare them after killing the bot. The same control API is served over HTTP for
process mode, under ``/_fake/``: ``POST push_text|push_command|push_callback|push_update|
push_my_chat_member|faults`` with JSON bodies named like the Python arguments, ``GET
sent?chat_id=N``, ``GET calls?method=M`` and ``GET state``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import os
import random
import re
import signal
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup"})
METHODS = (
    "getMe",
    "deleteWebhook",
    "setWebhook",
    "getWebhookInfo",
    "setMyCommands",
    "getMyCommands",
    "setMyDescription",
    "setMyShortDescription",
    "getUpdates",
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "answerCallbackQuery",
    "sendDocument",
    "sendPhoto",
    "sendChatAction",
    "deleteMessage",
)
_CANONICAL = {name.lower(): name for name in METHODS}
MAX_TEXT = 4096
# How long a wait for the bot may last before the test fails: a guard against a reply that
# never comes, far above any real delay, so a busy machine never fails a test.
WAIT_GUARD = 120.0
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
DEFAULT_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "callback_query",
        "my_chat_member",
        "inline_query",
        "chosen_inline_result",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "chat_join_request",
    }
)
# Parameters that are always strings even when they look like JSON numbers.
_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "url",
        "secret_token",
        "parse_mode",
        "action",
        "language_code",
        "ip_address",
        "inline_message_id",
        "data",
    }
)
_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_HTML_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
_NAMED_ENTITY = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")
_ENTITY_TEXT = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description, optional parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float  # time.time()
    status: int = 0


@dataclass
class Sent:
    """One message the bot delivered (or an edit of one)."""

    method: str
    chat_id: int
    message_id: int
    text: str | None  # visible text (HTML parsed) or caption
    reply_markup: dict[str, Any] | None
    at: float
    params: dict[str, Any]
    file_name: str | None = None
    file_bytes: bytes | None = None

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """Inline buttons as (label, callback_data), row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [(b.get("text", ""), b.get("callback_data")) for row in rows for b in row]

    def to_json(self) -> dict[str, Any]:
        """A JSON-able summary (no file content)."""
        return {
            "method": self.method,
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "text": self.text,
            "buttons": self.buttons,
            "at": self.at,
            "file_name": self.file_name,
            "file_size": None if self.file_bytes is None else len(self.file_bytes),
        }


@dataclass
class _Upload:
    name: str
    content: bytes
    content_type: str


@dataclass
class _ErrorRule:
    code: int
    description: str
    methods: frozenset[str]
    chat_ids: frozenset[int] | None
    remaining: int | None


@dataclass
class Faults:
    """The fault modes currently switched on."""

    rate_limit_fraction: float = 0.0
    retry_after: int = 1
    rate_limit_methods: frozenset[str] = SEND_METHODS
    blocked: set[int] = field(default_factory=set)
    delay_seconds: float = 0.0
    delay_methods: frozenset[str] = SEND_METHODS
    delay_chat_ids: frozenset[int] | None = None
    bad_gateway_until: float = 0.0  # time.monotonic()
    reject_next: int = 0  # the next n sends answer 429 regardless of the fraction
    errors: list[_ErrorRule] = field(default_factory=list)


def _set_text(store: dict[str, str], params: dict[str, Any], field: str, limit: int) -> bool:
    """setMyDescription / setMyShortDescription: one text per language code, within limit."""
    text = str(params.get(field) or "")
    if len(text) > limit:
        raise ApiError(400, f"Bad Request: {field} is too long")
    store[str(params.get("language_code") or "")] = text
    return True


def parse_html(text: str) -> str:
    """The visible text of a Telegram-HTML message; ApiError 400 where Telegram refuses it."""
    out: list[str] = []
    stack: list[str] = []
    i = 0

    def fail(reason: str) -> ApiError:
        return ApiError(400, f"Bad Request: can't parse entities: {reason}")

    while i < len(text):
        char = text[i]
        offset = len(text[:i].encode())
        if char == "<":
            end = text.find(">", i)
            if end < 0:
                raise fail(f"Can't find end of the tag starting at byte offset {offset}")
            tag = text[i + 1 : end].strip()
            if tag.startswith("/"):
                name = tag[1:].strip().lower()
                if not stack or stack[-1] != name:
                    raise fail(f"Unexpected end tag at byte offset {offset}")
                stack.pop()
            else:
                name = tag.split()[0].lower() if tag else ""
                if name not in _HTML_TAGS:
                    raise fail(f'Unsupported start tag "{name}" at byte offset {offset}')
                stack.append(name)
            i = end + 1
        elif char == "&":
            match = _HTML_ENTITY.match(text, i)
            if match:
                ref = match.group(1)
                if ref.startswith("#x"):
                    out.append(chr(int(ref[2:], 16)))
                elif ref.startswith("#"):
                    out.append(chr(int(ref[1:])))
                else:
                    out.append(_ENTITY_TEXT[ref])
                i = match.end()
            elif _NAMED_ENTITY.match(text, i):
                raise fail(f"Unsupported HTML entity at byte offset {offset}")
            else:
                out.append(char)
                i += 1
        else:
            out.append(char)
            i += 1
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _check_markup(markup: Any) -> dict[str, Any] | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is not None:
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Array')
        for row in rows:
            for button in row:
                data = button.get("callback_data") if isinstance(button, dict) else None
                if not isinstance(button, dict) or not button.get("text"):
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _decode(key: str, value: str) -> Any:
    if key in _TEXT_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class FakeBotAPI:
    """The fake server; an async context manager. See the module docstring for the API."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
        state_dir: str | Path | None = None,
        seed: int = 0,
        first_update_id: int = 1,
        bot_id: int = 7000000001,
        bot_username: str = "fake_checkin_bot",
    ) -> None:
        """Serve on ``host:port`` (0: any free port); ``token`` None accepts any token."""
        self._host = host
        self._requested_port = port
        self._token = token
        self._state_dir = Path(state_dir) if state_dir is not None else None
        self._random = random.Random(seed)
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Check-in Bot",
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.faults = Faults()
        self.calls: list[Call] = []
        self.sent: list[Sent] = []
        self.edits: list[Sent] = []
        self.answered_callbacks: list[dict[str, Any]] = []
        self.retry_after_violations: list[tuple[int, float]] = []
        self.commands: list[dict[str, Any]] = []
        # The bot's profile texts by language code ("" for the default).
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.webhook: dict[str, Any] | None = None
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = first_update_id
        self._confirmed = first_update_id
        self.highest_offset = 0
        self._allowed: frozenset[str] = DEFAULT_UPDATE_TYPES
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._next_message_id: dict[int, int] = {}
        self._callback_ids: set[str] = set()
        self._callback_seq = itertools.count(4_000_000_000_000_000)
        self._retry_until: dict[int, float] = {}
        self._changed = asyncio.Event()
        self._poll_superseded: asyncio.Event | None = None
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._sent_log: Any = None

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Start listening."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._handle_file)
        app.router.add_route("*", "/_fake/{action}", self._handle_control)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._requested_port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        if self._state_dir is not None:
            self._state_dir.mkdir(parents=True, exist_ok=True)
            self._sent_log = (self._state_dir / "sent.jsonl").open("a", encoding="utf-8")
            self._write_offset()

    async def stop(self) -> None:
        """Stop listening; waiting long polls and delayed responses end at once."""
        self._closing.set()
        self._changed.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._sent_log is not None:
            self._sent_log.close()
            self._sent_log = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        return self._port

    @property
    def base_url(self) -> str:
        """For ``Bot(base_url=...)`` / ``ApplicationBuilder().base_url(...)``."""
        return f"http://{self._host}:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``Bot(base_file_url=...)``."""
        return f"http://{self._host}:{self._port}/file/bot"

    # --- user side -------------------------------------------------------------------------

    def _user(self, user_id: int, language_code: str, first_name: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or "Test",
        }
        if language_code:
            user["language_code"] = language_code
        return user

    @staticmethod
    def _chat(chat_id: int, first_name: str | None = None) -> dict[str, Any]:
        return {"id": chat_id, "type": "private", "first_name": first_name or "Test"}

    def _message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _push(self, payload: dict[str, Any]) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, **payload})
        callback = payload.get("callback_query")
        if isinstance(callback, dict) and "id" in callback:
            self._callback_ids.add(str(callback["id"]))
        self._notify()
        return update_id

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (its ``update_id`` is assigned here); returns the id."""
        payload = {k: v for k, v in update.items() if k != "update_id"}
        return self._push(payload)

    def push_text(
        self,
        user_id: int,
        text: str,
        *,
        language_code: str = "en",
        first_name: str | None = None,
        date: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> int:
        """The user sends ``text`` in their private chat with the bot."""
        message: dict[str, Any] = {
            "message_id": self._message_id(user_id),
            "from": self._user(user_id, language_code, first_name),
            "chat": self._chat(user_id, first_name),
            "date": int(time.time()) if date is None else date,
            "text": text,
        }
        if entities:
            message["entities"] = entities
        self._messages[(user_id, message["message_id"])] = message
        return self._push({"message": message})

    def push_command(
        self, user_id: int, command: str, args: str = "", *, language_code: str = "en"
    ) -> int:
        """The user sends ``/command args``."""
        head = "/" + command.lstrip("/")
        text = f"{head} {args}" if args else head
        entity = {"type": "bot_command", "offset": 0, "length": len(head)}
        return self.push_text(user_id, text, language_code=language_code, entities=[entity])

    def push_callback(
        self,
        user_id: int,
        data: str,
        message_id: int,
        *,
        language_code: str = "en",
        chat_id: int | None = None,
    ) -> int:
        """The user taps an inline button with ``data`` under the bot's message."""
        chat = user_id if chat_id is None else chat_id
        message = self._messages.get((chat, message_id))
        if message is None:
            message = {
                "message_id": message_id,
                "from": self.bot_user,
                "chat": self._chat(chat),
                "date": int(time.time()),
                "text": "",
            }
        query_id = str(next(self._callback_seq))
        callback = {
            "id": query_id,
            "from": self._user(user_id, language_code, None),
            "message": message,
            "chat_instance": str((chat * 2654435761) % (2**62)),
            "data": data,
        }
        return self._push({"callback_query": callback})

    def push_my_chat_member(self, user_id: int, status: str = "kicked") -> int:
        """The user blocks (``kicked``) or unblocks (``member``) the bot."""
        old = "member" if status == "kicked" else "kicked"
        update = {
            "chat": self._chat(user_id),
            "from": self._user(user_id, "en", None),
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": self.bot_user},
            "new_chat_member": {"status": status, "user": self.bot_user}
            | ({"until_date": 0} if status == "kicked" else {}),
        }
        return self._push({"my_chat_member": update})

    # --- observations ----------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        """Every request for ``method``."""
        return [call for call in self.calls if call.method == method]

    def sent_to(self, chat_id: int) -> list[Sent]:
        """New messages delivered to ``chat_id``, oldest first."""
        return [s for s in self.sent if s.chat_id == chat_id]

    def edits_to(self, chat_id: int) -> list[Sent]:
        """Edits delivered in ``chat_id``, oldest first."""
        return [s for s in self.edits if s.chat_id == chat_id]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The message as the user now sees it (after edits), or None."""
        return self._messages.get((chat_id, message_id))

    @property
    def confirmed_offset(self) -> int:
        """Updates below this id are confirmed and gone."""
        return self._confirmed

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed."""
        return sum(1 for u in self._updates if u["update_id"] >= self._confirmed)

    @property
    def polling(self) -> bool:
        """A ``getUpdates`` is waiting for updates now (another one would overtake it)."""
        return self._poll_superseded is not None

    def min_chat_gap(self, methods: Iterable[str] = SEND_METHODS) -> float | None:
        """The smallest time between two delivered messages to one chat (None: no repeats)."""
        wanted = set(methods)
        last: dict[int, float] = {}
        gap: float | None = None
        for sent in sorted(self.sent, key=lambda s: s.at):
            if sent.method not in wanted:
                continue
            if sent.chat_id in last:
                delta = sent.at - last[sent.chat_id]
                gap = delta if gap is None else min(gap, delta)
            last[sent.chat_id] = sent.at
        return gap

    async def _wait_for(self, condition: Any, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._closing.is_set():
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return True

    async def wait_for_sent(
        self, chat_id: int, count: int = 1, timeout: float = WAIT_GUARD
    ) -> list[Sent]:
        """Wait until ``count`` messages were delivered to ``chat_id``; TimeoutError if not."""
        if not await self._wait_for(lambda: len(self.sent_to(chat_id)) >= count, timeout):
            raise TimeoutError(f"{len(self.sent_to(chat_id))} of {count} messages arrived")
        return self.sent_to(chat_id)

    async def wait_confirmed(self, update_id: int, timeout: float = WAIT_GUARD) -> None:
        """Wait until the bot confirmed ``update_id`` (asked for an offset above it)."""
        if not await self._wait_for(lambda: self._confirmed > update_id, timeout):
            raise TimeoutError(f"update {update_id} not confirmed")

    # --- faults ----------------------------------------------------------------------------

    def rate_limit(
        self,
        fraction: float,
        retry_after: int = 1,
        *,
        seed: int | None = None,
        methods: Iterable[str] = SEND_METHODS,
    ) -> None:
        """Answer ``fraction`` of sends with 429 ``retry_after`` (0 switches it off)."""
        if not 0.0 <= fraction <= 1.0 or retry_after < 1:
            raise ValueError("fraction must be in [0, 1] and retry_after >= 1")
        self.faults.rate_limit_fraction = fraction
        self.faults.retry_after = retry_after
        self.faults.rate_limit_methods = frozenset(methods)
        if seed is not None:
            self._random = random.Random(seed)

    def reject_next(self, count: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``count`` sends with 429 ``retry_after`` (deterministic)."""
        if count < 0 or retry_after < 1:
            raise ValueError("count must be >= 0 and retry_after >= 1")
        self.faults.reject_next = count
        self.faults.retry_after = retry_after

    def block(self, *chat_ids: int) -> None:
        """Answer 403 "bot was blocked by the user" for these chats."""
        self.faults.blocked.update(chat_ids)

    def unblock(self, *chat_ids: int) -> None:
        """Stop answering 403 for these chats."""
        self.faults.blocked.difference_update(chat_ids)

    def delay(
        self,
        seconds: float,
        *,
        methods: Iterable[str] = SEND_METHODS,
        chat_ids: Iterable[int] | None = None,
    ) -> None:
        """Carry out and record matching calls, then hold the response for ``seconds``."""
        self.faults.delay_seconds = seconds
        self.faults.delay_methods = frozenset(methods)
        self.faults.delay_chat_ids = None if chat_ids is None else frozenset(chat_ids)

    def bad_gateway(self, seconds: float) -> None:
        """Answer every method with 502 for ``seconds`` from now."""
        self.faults.bad_gateway_until = time.monotonic() + seconds

    def inject_error(
        self,
        code: int,
        description: str,
        *,
        methods: Iterable[str] = SEND_METHODS,
        chat_ids: Iterable[int] | None = None,
        count: int | None = None,
    ) -> None:
        """Answer matching calls with this error (``count`` times, or until cleared)."""
        self.faults.errors.append(
            _ErrorRule(
                code,
                description,
                frozenset(methods),
                None if chat_ids is None else frozenset(chat_ids),
                count,
            )
        )

    def clear_faults(self) -> None:
        """Switch every fault mode off."""
        self.faults = Faults()
        self._retry_until.clear()

    # --- request handling ------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, _Upload]]:
        params: dict[str, Any] = {k: _decode(k, v) for k, v in request.query.items()}
        uploads: dict[str, _Upload] = {}
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        elif request.method == "POST" and request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = _decode(key, value)
                elif isinstance(value, web.FileField):
                    uploads[key] = _Upload(
                        value.filename or key, value.file.read(), value.content_type
                    )
                    params[key] = f"attach://{key}"
        return params, uploads

    async def _handle_file(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _handle_api(self, request: web.Request) -> web.Response:
        raw_method = request.match_info["method"]
        method = _CANONICAL.get(raw_method.lower(), raw_method)
        try:
            params, uploads = await self._read_params(request)
        except ValueError:
            params, uploads = {}, {}
        call = Call(method, params, time.time())
        self.calls.append(call)
        delay = 0.0
        try:
            if self._token is not None and request.match_info["token"] != self._token:
                raise ApiError(401, "Unauthorized")
            self._check_faults(method, params)
            result = await self._dispatch(method, params, uploads)
            delay = self._delay_for(method, params)
            payload: dict[str, Any] = {"ok": True, "result": result}
            status = 200
        except ApiError as exc:
            status = exc.code
            payload = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.parameters:
                payload["parameters"] = exc.parameters
        call.status = status
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), delay)
        return web.json_response(payload, status=status)

    def _check_faults(self, method: str, params: dict[str, Any]) -> None:
        faults = self.faults
        now = time.monotonic()
        if now < faults.bad_gateway_until:
            raise ApiError(502, "Bad Gateway")
        if method not in _CANONICAL.values():
            raise ApiError(404, "Not Found")
        chat_id = params.get("chat_id")
        for rule in faults.errors:
            if method in rule.methods and (rule.chat_ids is None or chat_id in rule.chat_ids):
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        faults.errors.remove(rule)
                raise ApiError(rule.code, rule.description)
        if chat_id in faults.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if method in faults.rate_limit_methods and isinstance(chat_id, int):
            until = self._retry_until.get(chat_id, 0.0)
            if now < until:
                self.retry_after_violations.append((chat_id, time.time()))
                wait = max(1, math.ceil(until - now))
                raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
            rejected = faults.reject_next > 0
            if rejected:
                faults.reject_next -= 1
            elif faults.rate_limit_fraction:
                rejected = self._random.random() < faults.rate_limit_fraction
            if rejected:
                wait = faults.retry_after
                self._retry_until[chat_id] = now + wait
                raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})

    def _delay_for(self, method: str, params: dict[str, Any]) -> float:
        faults = self.faults
        if faults.delay_seconds <= 0 or method not in faults.delay_methods:
            return 0.0
        if faults.delay_chat_ids is not None and params.get("chat_id") not in faults.delay_chat_ids:
            return 0.0
        return faults.delay_seconds

    async def _dispatch(
        self, method: str, params: dict[str, Any], uploads: dict[str, _Upload]
    ) -> Any:
        if method == "getMe":
            return self.bot_user
        if method == "getUpdates":
            return await self._get_updates(params)
        if method == "deleteWebhook":
            self.webhook = None
            if params.get("drop_pending_updates") in (True, "true"):
                self._confirm(self._next_update_id)
            return True
        if method == "setWebhook":
            url = params.get("url")
            if not url:
                self.webhook = None
                return True
            self.webhook = {
                "url": str(url),
                "secret_token": params.get("secret_token"),
                "allowed_updates": params.get("allowed_updates"),
            }
            if params.get("drop_pending_updates") in (True, "true"):
                self._confirm(self._next_update_id)
            return True
        if method == "getWebhookInfo":
            info: dict[str, Any] = {
                "url": self.webhook["url"] if self.webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": self.pending_updates,
            }
            if self.webhook and self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
            return info
        if method == "setMyCommands":
            return self._set_commands(params)
        if method == "getMyCommands":
            return self.commands
        if method == "setMyDescription":
            return _set_text(self.descriptions, params, "description", 512)
        if method == "setMyShortDescription":
            return _set_text(self.short_descriptions, params, "short_description", 120)
        if method == "sendChatAction":
            self._chat_id(params)
            return True
        if method == "answerCallbackQuery":
            query_id = str(params.get("callback_query_id", ""))
            if query_id not in self._callback_ids:
                raise ApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired or query ID "
                    "is invalid",
                )
            self.answered_callbacks.append(params)
            return True
        if method == "deleteMessage":
            key = (self._chat_id(params), int(params.get("message_id", 0)))
            if self._messages.pop(key, None) is None:
                raise ApiError(400, "Bad Request: message to delete not found")
            return True
        if method == "sendMessage":
            return self._send_message(params)
        if method in EDIT_METHODS:
            return self._edit(method, params)
        return self._send_file(method, params, uploads)

    def _chat_id(self, params: dict[str, Any]) -> int:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int) or isinstance(chat_id, bool):
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _visible(self, text: Any, parse_mode: Any, limit: int, empty_error: str | None) -> str:
        if not isinstance(text, str) or not text.strip():
            if empty_error is None:
                return ""
            raise ApiError(400, empty_error)
        visible = parse_html(text) if str(parse_mode).upper() == "HTML" else text
        if len(visible) > limit:
            raise ApiError(
                400,
                "Bad Request: message is too long"
                if limit == MAX_TEXT
                else "Bad Request: message caption is too long",
            )
        return visible

    def _record(self, sent: Sent, edit: bool = False) -> None:
        (self.edits if edit else self.sent).append(sent)
        if self._sent_log is not None:
            self._sent_log.write(json.dumps(sent.to_json()) + "\n")
            self._sent_log.flush()
        self._notify()

    def _bot_message(self, chat_id: int, **content: Any) -> dict[str, Any]:
        message = {
            "message_id": self._message_id(chat_id),
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **{k: v for k, v in content.items() if v is not None},
        }
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        visible = self._visible(
            params.get("text"),
            params.get("parse_mode"),
            MAX_TEXT,
            "Bad Request: message text is empty",
        )
        markup = _check_markup(params.get("reply_markup"))
        message = self._bot_message(chat_id, text=visible, reply_markup=markup)
        self._record(
            Sent(
                "sendMessage", chat_id, message["message_id"], visible, markup, time.time(), params
            )
        )
        return message

    def _edit(self, method: str, params: dict[str, Any]) -> Any:
        if params.get("inline_message_id"):
            return True
        chat_id = self._chat_id(params)
        message_id = int(params.get("message_id", 0))
        message = self._messages.get((chat_id, message_id))
        if message is None or message.get("from", {}).get("id") != self.bot_user["id"]:
            raise ApiError(400, "Bad Request: message to edit not found")
        markup = _check_markup(params.get("reply_markup"))
        if method == "editMessageText":
            text = self._visible(
                params.get("text"),
                params.get("parse_mode"),
                MAX_TEXT,
                "Bad Request: message text is empty",
            )
        else:
            text = message.get("text") or ""
        if text == (message.get("text") or "") and markup == message.get("reply_markup"):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        edited = {k: v for k, v in message.items() if k != "reply_markup"}
        edited["text"] = text
        edited["edit_date"] = int(time.time())
        if markup is not None:
            edited["reply_markup"] = markup
        self._messages[(chat_id, message_id)] = edited
        self._record(
            Sent(method, chat_id, message_id, text, markup, time.time(), params), edit=True
        )
        return edited

    def _send_file(
        self, method: str, params: dict[str, Any], uploads: dict[str, _Upload]
    ) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        field_name = "document" if method == "sendDocument" else "photo"
        value = params.get(field_name)
        upload: _Upload | None = None
        if isinstance(value, str) and value.startswith("attach://"):
            upload = uploads.get(value.removeprefix("attach://"))
        if upload is None and not (isinstance(value, str) and value):
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        caption = self._visible(params.get("caption"), params.get("parse_mode"), MAX_CAPTION, None)
        markup = _check_markup(params.get("reply_markup"))
        size = len(upload.content) if upload else 0
        file_id = f"fake-{field_name}-{len(self.sent) + 1}"
        if field_name == "document":
            media: Any = {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_name": upload.name if upload else None,
                "mime_type": upload.content_type if upload else None,
                "file_size": size,
            }
            media = {k: v for k, v in media.items() if v is not None}
        else:
            media = [
                {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "width": 1,
                    "height": 1,
                    "file_size": size,
                }
            ]
        message = self._bot_message(
            chat_id, caption=caption or None, reply_markup=markup, **{field_name: media}
        )
        self._record(
            Sent(
                method,
                chat_id,
                message["message_id"],
                caption or None,
                markup,
                time.time(),
                {k: v for k, v in params.items()},
                file_name=upload.name if upload else None,
                file_bytes=upload.content if upload else None,
            )
        )
        return message

    def _set_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            name = command.get("command", "") if isinstance(command, dict) else ""
            description = command.get("description", "") if isinstance(command, dict) else ""
            if not _COMMAND_RE.fullmatch(name) or not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.commands = commands
        return True

    # --- getUpdates ------------------------------------------------------------------------

    def _confirm(self, offset: int) -> None:
        if offset <= self._confirmed:
            return
        self._confirmed = offset
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._write_offset()
        self._notify()

    def _write_offset(self) -> None:
        if self._state_dir is None:
            return
        target = self._state_dir / "offset"
        temp = target.with_suffix(".tmp")
        temp.write_text(f"{max(self.highest_offset, self._confirmed)}\n", encoding="utf-8")
        os.replace(temp, target)

    def _select(self, limit: int) -> list[dict[str, Any]]:
        batch = []
        for update in self._updates:
            if update["update_id"] < self._confirmed:
                continue
            if not self._allowed.intersection(k for k in update if k != "update_id"):
                continue
            batch.append(update)
            if len(batch) >= limit:
                break
        return batch

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = min(100, max(1, int(params.get("limit") or 100)))
        timeout = max(0.0, float(params.get("timeout") or 0))
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed = frozenset(allowed) if allowed else DEFAULT_UPDATE_TYPES
        if offset > 0:
            self.highest_offset = max(self.highest_offset, offset)
            self._confirm(offset)
        elif offset < 0:
            keep = self._updates[offset:]
            if keep:
                self._confirm(keep[0]["update_id"])
        if self._poll_superseded is not None:
            self._poll_superseded.set()
        superseded = self._poll_superseded = asyncio.Event()
        deadline = time.monotonic() + timeout
        while True:
            batch = self._select(limit)
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing.is_set():
                break
            changed = asyncio.ensure_future(self._changed.wait())
            ended = asyncio.ensure_future(superseded.wait())
            try:
                await asyncio.wait(
                    {changed, ended}, timeout=remaining, return_when="FIRST_COMPLETED"
                )
            finally:
                changed.cancel()
                ended.cancel()
            if superseded.is_set():
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
        if self._poll_superseded is superseded:
            self._poll_superseded = None
        return batch

    # --- control API (process mode) --------------------------------------------------------

    async def _handle_control(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        body: dict[str, Any] = {}
        if request.method == "POST" and request.can_read_body:
            body = await request.json()
        try:
            result = self._control(action, body, request.query)
        except (KeyError, TypeError, ValueError) as exc:
            return web.json_response({"ok": False, "error": type(exc).__name__}, status=400)
        if result is None:
            return web.json_response({"ok": False, "error": "unknown action"}, status=404)
        return web.json_response({"ok": True, "result": result})

    def _control(self, action: str, body: dict[str, Any], query: Any) -> Any:
        if action == "push_text":
            return self.push_text(
                int(body["user_id"]),
                str(body["text"]),
                language_code=body.get("language_code", "en"),
            )
        if action == "push_command":
            return self.push_command(
                int(body["user_id"]), str(body["command"]), str(body.get("args", ""))
            )
        if action == "push_callback":
            return self.push_callback(
                int(body["user_id"]), str(body["data"]), int(body["message_id"])
            )
        if action == "push_update":
            return self.push_update(dict(body["update"]))
        if action == "push_my_chat_member":
            return self.push_my_chat_member(int(body["user_id"]), str(body.get("status", "kicked")))
        if action == "faults":
            self._control_faults(body)
            return True
        if action == "sent":
            chat = query.get("chat_id")
            items = self.sent if chat is None else self.sent_to(int(chat))
            return [s.to_json() for s in items]
        if action == "calls":
            method = query.get("method")
            calls = self.calls if method is None else self.calls_to(method)
            return [{"method": c.method, "at": c.at, "status": c.status} for c in calls]
        if action == "state":
            return {
                "confirmed_offset": self.confirmed_offset,
                "highest_offset": self.highest_offset,
                "pending_updates": self.pending_updates,
                "sent": len(self.sent),
                "calls": len(self.calls),
                "retry_after_violations": len(self.retry_after_violations),
                "webhook": self.webhook["url"] if self.webhook else "",
            }
        return None

    def _control_faults(self, body: dict[str, Any]) -> None:
        if body.get("clear"):
            self.clear_faults()
        if "rate_limit" in body:
            spec = body["rate_limit"] or {"fraction": 0.0}
            self.rate_limit(
                float(spec["fraction"]), int(spec.get("retry_after", 1)), seed=spec.get("seed")
            )
        if "blocked" in body:
            self.faults.blocked = {int(c) for c in body["blocked"]}
        if "delay" in body:
            spec = body["delay"] or {"seconds": 0}
            self.delay(float(spec["seconds"]), methods=spec.get("methods", SEND_METHODS))
        if "bad_gateway_for" in body:
            self.bad_gateway(float(body["bad_gateway_for"]))


async def _serve(args: argparse.Namespace) -> None:
    api = FakeBotAPI(port=args.port, token=args.token, state_dir=args.state_dir, seed=args.seed)
    await api.start()
    print(f"FAKE_BOT_API_PORT={api.port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await api.stop()


def main(argv: list[str] | None = None) -> int:
    """Run the fake as a process until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.fakes.bot_api", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: any free port)")
    parser.add_argument(
        "--state-dir", type=Path, default=None, help="write offset and sent.jsonl here"
    )
    parser.add_argument("--token", default=None, help="accept only this token")
    parser.add_argument("--seed", type=int, default=0, help="seed for the 429 fault mode")
    asyncio.run(_serve(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
