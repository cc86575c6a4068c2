"""Canaries through forced failures (RELIABILITY P1, S4, S6, F5).

The happy paths are covered by ``tests/test_log_privacy.py``; here every failure path that
could drag user data or the token into a log runs at DEBUG with the production logging
configuration: a stored document that fails validation, a BadRequest from the Bot API whose
description echoes the text, an exception thrown inside a handler, and corrupt webhook
bodies. Each test checks that the failure really was logged, and that neither the canary,
the token nor the raw user id was.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from pydantic import ValidationError

from bot import logging_setup
from bot.app import Core, build_application
from bot.config import Settings
from bot.domain.models import UserDoc
from bot.services import freetext
from bot.storage.memory import MemoryStorage
from bot.tg.webhook import SECRET_HEADER, WebhookServer
from tests.conftest import Wired
from tests.support.updates import callback_update, message_update
from tests.support.wire import FakeRequest

CANARY = "CANARY-FAIL-3b9e"
TOKEN = "987654321:AAH" + "k" * 32
SECRET = "S" * 40
USER = 7_373_737


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """The production log configuration at DEBUG, writing to a buffer."""
    stream = io.StringIO()
    handler = logging_setup.configure("DEBUG", secrets=[TOKEN, SECRET], stream=stream)
    yield stream
    logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(logging.WARNING)


@pytest.fixture
async def loud(core: Core, log_stream: io.StringIO) -> AsyncIterator[Wired]:
    """The Application with a real-looking token (so PTB's own DEBUG output would carry it)."""
    wire = FakeRequest()
    settings = Settings(telegram_bot_token=TOKEN, _env_file=None)
    app = build_application(
        settings, core, request=wire, get_updates_request=wire, rate_limit=False
    )
    async with app:
        yield Wired(app=app, wire=wire, core=core)


def clean(log: str) -> list[str]:
    """What must never be in a log and is."""
    needles = {"canary": CANARY, "token": TOKEN.split(":")[1], "secret": SECRET, "id": str(USER)}
    return [name for name, needle in needles.items() if needle in log]


def events(log: str) -> list[str]:
    return [json.loads(line).get("event", "") for line in log.splitlines()]


async def say(w: Wired, text: str) -> None:
    await w.app.process_update(message_update(w.app.bot, USER, text))


async def test_a_stored_document_failing_validation_logs_no_content(
    loud: Wired, log_stream: io.StringIO
) -> None:
    """A stored document with a canary in an invalid field: 'load_failed', nothing of it."""
    key = loud.core.deps.hasher.user_key(USER)
    storage = loud.core.storage
    assert isinstance(storage, MemoryStorage)
    await storage.save_user(
        key,
        {
            "key": key,
            "chat_id": USER,
            "created_at": "2026-01-01T00:00:00Z",
            "profile": {"status": CANARY},
        },
    )
    await say(loud, f"hello {CANARY}")
    log = log_stream.getvalue()
    assert "load_failed" in events(log)
    assert clean(log) == []


def test_validation_errors_never_carry_the_input() -> None:
    """Model and settings errors name the field, never the value (hide_input_in_errors)."""
    with pytest.raises(ValidationError) as model_error:
        UserDoc.model_validate({"key": CANARY, "chat_id": CANARY, "created_at": CANARY})
    assert CANARY not in str(model_error.value)
    with pytest.raises(ValidationError) as settings_error:
        Settings(bot_poll_limit=CANARY, _env_file=None)
    assert CANARY not in str(settings_error.value)


async def test_a_bad_request_echoing_the_text_logs_no_content(
    loud: Wired, log_stream: io.StringIO
) -> None:
    """The Bot API refusing a reply with the text in its description: the error is logged by
    type only."""
    loud.wire.fail_methods["sendMessage"] = (400, f"Bad Request: can't parse entities: {CANARY}")
    await say(loud, f"/help {CANARY}")
    await say(loud, f"is {CANARY} brown discharge normal")
    log = log_stream.getvalue()
    assert "handler_error" in events(log)
    assert clean(log) == []


async def test_an_exception_inside_a_handler_logs_no_content(
    loud: Wired, log_stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception whose message holds the user's text reaches the log as its type only."""

    async def explode(turn: object, text: str) -> None:
        raise RuntimeError(f"could not handle {text!r} for {USER} with {TOKEN}")

    monkeypatch.setattr(freetext, "on_text", explode)
    await say(loud, f"{CANARY} is creamy discharge normal")
    log = log_stream.getvalue()
    assert "handler_error" in events(log)
    assert "RuntimeError" in log
    assert clean(log) == []
    assert loud.wire.sent("sendMessage"), "the user still gets the generic error reply"


async def test_a_button_with_canary_data_logs_no_content(
    loud: Wired, log_stream: io.StringIO
) -> None:
    """Forged callback data carrying a canary is refused without logging it."""
    await loud.app.process_update(callback_update(loud.app.bot, USER, f"ck:{CANARY}:a:x:y"))
    await loud.app.process_update(callback_update(loud.app.bot, USER, f"del:cy:{CANARY}"))
    assert clean(log_stream.getvalue()) == []


@pytest.mark.parametrize(
    "body",
    [
        f"not json {CANARY}",
        json.dumps({"update_id": 1, "message": {"text": CANARY}}),
        json.dumps({"update_id": "x", "callback_query": {"data": CANARY}}),
        json.dumps([CANARY]),
    ],
)
async def test_a_corrupt_webhook_body_is_refused_without_logging_it(
    loud: Wired, log_stream: io.StringIO, body: str
) -> None:
    """A body that is not an update gets 400, and neither it nor the secret is logged."""
    server = WebhookServer(loud.app, secret=SECRET, path="/tg/canary")
    async with TestClient(TestServer(server.web)) as client:
        response = await client.post(
            "/tg/canary",
            data=body,
            headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"},
        )
    assert response.status == 400
    log = log_stream.getvalue()
    assert "webhook_bad_body" in events(log)
    assert clean(log) == []


async def test_a_handler_error_logs_where_it_happened_without_values(
    loud: Wired, log_stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handler_error line names the exception class and its frames (file, function,
    line), and nothing the user typed."""

    async def explode(turn: object, text: str) -> None:
        raise RuntimeError(f"could not handle {text!r} for {USER} with {TOKEN}")

    monkeypatch.setattr(freetext, "on_text", explode)
    await say(loud, f"{CANARY} is creamy discharge normal")
    lines = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    (error,) = [line for line in lines if line["event"] == "handler_error"]
    assert error["error"] == "RuntimeError"
    assert error["frames"][-1].startswith("tests/reliability/test_log_canaries.py:explode:")
    assert any(frame.startswith("bot/services/chat.py:") for frame in error["frames"])
    assert clean(json.dumps(error)) == []
