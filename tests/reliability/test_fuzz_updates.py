"""Property-based fuzzing of updates through the real Application (RELIABILITY S2, S3, S4, U5).

More than 10,000 generated updates go through ``Application.process_update`` with a checking
fake at the wire: random walks through the real flows (pressing the buttons the bot really
sent, mixed with typed garbage, forged and stale buttons, media and membership changes), and
single updates of every shape. After every example: no exception reached an error handler or
escaped, every stored document validates as a ``UserDoc``, and every Bot API call the bot
made is one Telegram would accept (text ≤ 4096 characters of valid Telegram HTML, captions ≤
1024, callback data 1-64 bytes, toasts ≤ 200 characters, every string encodable as UTF-8, and
no file download). The run is derandomized, so CI sees the same examples every time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import itertools
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import ContextTypes
from telegram.request import RequestData

from bot import logging_setup
from bot.app import build_application, build_core
from bot.catalog.catalog import Catalog
from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.models import Profile, UserDoc
from bot.domain.pregnancy import due_date_from_weeks
from bot.privacy import UserHasher
from bot.storage.memory import MemoryStorage
from tests.conftest import TEST_KEY
from tests.fakes.bot_api import ApiError, parse_html
from tests.reliability import strategies
from tests.support.wire import FakeRequest

# Examples and the generated updates they amount to (derandomized, so always the same);
# together at least 10,000 updates.
WALKS = 340
WALK_UPDATES = 5_000
SHAPES = 1_900
SHAPE_UPDATES = 5_000
TEXT_METHODS = frozenset({"sendMessage", "editMessageText"})
CAPTION_METHODS = frozenset({"sendDocument", "sendPhoto"})
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)
START = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
LOG_NEEDLES = ("CANARY-FUZZ", "\u202e", "{{7*7}}", "admin granted", "\x1b[31m", "🤰🤰")


def wire_problems(method: str, params: dict[str, Any]) -> list[str]:
    """What Telegram (or the HTTP client before it) would refuse in this call."""
    problems = []
    if method == "getFile":
        problems.append("getFile: the bot must not download what users send")
    for key, value in params.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                problems.append(f"{method}.{key} is not encodable as UTF-8")
    limit = 4096 if method in TEXT_METHODS else 1024 if method in CAPTION_METHODS else None
    text = params.get("text" if method in TEXT_METHODS else "caption")
    if limit is not None and isinstance(text, str):
        try:
            visible = parse_html(text) if params.get("parse_mode") == "HTML" else text
        except ApiError as exc:
            problems.append(f"{method}: {exc.description}")
        else:
            if len(visible) > limit:
                problems.append(f"{method}: {len(visible)} characters")
            if method in TEXT_METHODS and not visible.strip():
                problems.append(f"{method}: empty text")
    if method == "answerCallbackQuery" and len(str(params.get("text") or "")) > 200:
        problems.append("answerCallbackQuery: toast over 200 characters")
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                problems.append(f"{method}: callback data of {len(data.encode())} bytes")
    return problems


@dataclass
class CheckingRequest(FakeRequest):
    """The recording fake request, answering 400 (and noting it) for what Telegram refuses."""

    problems: list[str] = field(default_factory=list)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        found = wire_problems(api_method, params)
        if found:
            self.problems.extend(found)
            body = {"ok": False, "error_code": 400, "description": "Bad Request: " + found[0]}
            return 400, json.dumps(body).encode()
        return await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )


class Rig:
    """One Application over memory storage and a fake clock, driven from synchronous code."""

    def __init__(self, catalog: Catalog) -> None:
        self.loop = asyncio.new_event_loop()
        self.clock = FakeClock(START)
        self.storage = MemoryStorage()
        self.core = build_core(catalog, self.storage, self.clock, UserHasher(TEST_KEY))
        self.wire = CheckingRequest()
        settings_ = Settings(telegram_bot_token=None, _env_file=None)
        self.app = build_application(
            settings_, self.core, request=self.wire, get_updates_request=self.wire, rate_limit=False
        )
        self.errors: list[str] = []
        self.app.add_error_handler(self._record_error)
        self.update_ids = itertools.count(1)
        self.user_ids = itertools.count(10_000_001)
        self.generated = 0
        self.loop.run_until_complete(self.app.initialize())

    async def _record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.errors.append(repr(context.error))

    def close(self) -> None:
        """Shut the Application down and close the loop."""
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.close()

    def fresh_user(self) -> int:
        """A user id never used before, at the example's start time, so examples neither share
        state nor depend on how many ran before (Hypothesis replays them)."""
        self.clock.travel(START)
        return next(self.user_ids)

    def feed(self, raw: dict[str, Any]) -> None:
        """Process one generated update; a little wall-clock time passes, as between taps."""
        payload = {"update_id": next(self.update_ids), **raw}
        update = Update.de_json(payload, self.app.bot)
        self.loop.run_until_complete(self.app.process_update(update))
        self.generated += 1
        self.clock.step(dt.timedelta(seconds=3))

    def text(self, user: int, text: str) -> None:
        """The user types ``text`` in the private chat."""
        message: dict[str, Any] = {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user, "type": "private"},
            "from": {"id": user, "is_bot": False, "first_name": "F", "language_code": "en"},
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
        self.feed({"message": message})

    def press(self, user: int, data: str, message_id: int = 50) -> None:
        """The user taps a button with ``data``."""
        self.feed(
            {
                "callback_query": {
                    "id": str(next(self.update_ids)),
                    "from": {"id": user, "is_bot": False, "first_name": "F", "language_code": "en"},
                    "chat_instance": "ci",
                    "data": data,
                    "message": {
                        "message_id": message_id,
                        "date": 1_700_000_000,
                        "chat": {"id": user, "type": "private"},
                        "from": {"id": 999000, "is_bot": True, "first_name": "Checkin"},
                        "text": "question",
                    },
                }
            }
        )

    def onboard(self, user: int) -> None:
        """Store the document of someone who consented and is 30 weeks pregnant (cheaper than
        the five updates that would create it, so the budget goes to generated updates)."""
        key = self.core.deps.hasher.user_key(user)
        now = self.clock.now()
        doc = UserDoc(
            key=key,
            chat_id=user,
            created_at=now,
            consent_at=now,
            profile=Profile(status="pregnant", due_date=due_date_from_weeks(30, now.date())),
        )
        self.loop.run_until_complete(self.storage.save_user(key, doc.model_dump(mode="json")))

    def buttons(self, user: int) -> tuple[list[str], list[str]]:
        """(callback data of the user's latest keyboard, of every keyboard they were sent)."""
        keyboards = []
        for call in self.wire.calls:
            markup = call.params.get("reply_markup")
            if call.params.get("chat_id") != user or not markup:
                continue
            markup = json.loads(markup) if isinstance(markup, str) else markup
            rows = markup.get("inline_keyboard", [])
            keyboards.append([b["callback_data"] for row in rows for b in row])
        every = [data for keyboard in keyboards for data in keyboard]
        return (keyboards[-1] if keyboards else []), every

    def check(self, *users: int) -> None:
        """No error reached a handler, the wire saw only valid calls, and the documents of
        ``users`` (everyone the example involved) validate."""
        assert self.errors == [], self.errors
        assert self.wire.problems == [], self.wire.problems
        hasher = self.core.deps.hasher
        for user in users:
            doc = self.loop.run_until_complete(self.storage.load_user(hasher.user_key(user)))
            if doc is not None:
                UserDoc.model_validate(doc)
        # Keep the recorded calls small: the checks above already covered them.
        self.wire.calls.clear()


@pytest.fixture
def rig(catalog: Catalog) -> Iterator[Rig]:
    """A fresh rig per test."""
    fuzz_rig = Rig(catalog)
    try:
        yield fuzz_rig
    finally:
        fuzz_rig.close()


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """Everything logged during the test, at DEBUG, through the production configuration."""
    stream = io.StringIO()
    handler = logging_setup.configure("DEBUG", stream=stream)
    yield stream
    logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(logging.WARNING)


STEP_KINDS = (
    ("button",) * 3
    + ("forward",) * 5
    + (
        "old_button",
        "text",
        "text",
        "command",
        "checkin",
        "forged",
        "any",
    )
)


def onward(data: str) -> bool:
    """True for a button that moves a flow on (not back, cancel, a toggle, delete, language)."""
    parts = data.split(":")
    if parts[0] == "ck":
        return parts[2:3] not in (["x"], ["b"], ["t"])
    return parts[0] not in ("del", "lang")


UPDATES = strategies.update()
TEXTS = strategies.any_text()
COMMAND_TEXTS = strategies.command_text()
CALLBACK_DATA = strategies.callback_data()


def test_random_walks_through_the_flows_never_fail(rig: Rig, log_stream: io.StringIO) -> None:
    """Walks that press the real buttons, mixed with garbage of every kind, break nothing."""

    @settings(FUZZ, max_examples=WALKS)
    @given(st.data())
    def walk(data: st.DataObject) -> None:
        users = [rig.fresh_user(), rig.fresh_user()]
        if data.draw(st.integers(0, 3), "onboarded") > 0:
            for user in users:
                rig.onboard(user)
        for _ in range(data.draw(st.integers(5, 30), "steps")):
            user = data.draw(st.sampled_from(users), "user")
            latest, every = rig.buttons(user)
            kind = data.draw(st.sampled_from(STEP_KINDS), "kind")
            # "forward" presses a button that moves a flow on, so walks get deep into it.
            ahead = [d for d in latest if onward(d)]
            if kind == "forward" and ahead:
                rig.press(user, data.draw(st.sampled_from(ahead), "onward"))
            elif kind in ("button", "forward") and latest:
                rig.press(user, data.draw(st.sampled_from(latest), "button"))
            elif kind == "checkin":
                rig.text(user, "/checkin")
            elif kind == "old_button" and every:
                rig.press(user, data.draw(st.sampled_from(every), "old button"))
            elif kind == "command":
                rig.text(user, data.draw(COMMAND_TEXTS, "command"))
            elif kind == "forged":
                rig.press(user, data.draw(CALLBACK_DATA, "forged"))
            elif kind == "any":
                rig.feed(strategies.for_user(data.draw(UPDATES, "update"), user))
            else:
                rig.text(user, data.draw(TEXTS, "text"))
        rig.check(*users)

    walk()
    print(f"walks: {rig.generated} generated updates")
    assert rig.generated >= WALK_UPDATES
    logs = log_stream.getvalue()
    assert [needle for needle in LOG_NEEDLES if needle in logs] == []


def test_single_updates_of_every_shape_never_fail(rig: Rig) -> None:
    """Any update shape, sent by a new or an onboarded user, is handled without an error."""

    @settings(FUZZ, max_examples=SHAPES)
    @given(st.data())
    def few(data: st.DataObject) -> None:
        user = rig.fresh_user()
        if data.draw(st.booleans(), "onboarded"):
            rig.onboard(user)
        for raw in data.draw(st.lists(UPDATES, min_size=1, max_size=5), "updates"):
            rig.feed(strategies.for_user(raw, user))
        rig.check(user)

    few()
    print(f"single shapes: {rig.generated} generated updates")
    assert rig.generated >= SHAPE_UPDATES


def test_wire_check_catches_what_telegram_refuses() -> None:
    """The fake's checks flag bad HTML, long text, long callback data and surrogates."""
    keyboard = {"inline_keyboard": [[{"text": "x", "callback_data": "y" * 65}]]}
    assert wire_problems("sendMessage", {"text": "<b>open", "parse_mode": "HTML"})
    assert wire_problems("sendMessage", {"text": "a" * 4097})
    assert wire_problems("sendMessage", {"text": "ok", "reply_markup": keyboard})
    assert wire_problems("sendMessage", {"text": "\ud83d"})
    assert wire_problems("answerCallbackQuery", {"text": "t" * 201})
    assert wire_problems("getFile", {"file_id": "f"})
    assert wire_problems("sendMessage", {"text": "<b>fine</b> &amp;", "parse_mode": "HTML"}) == []
