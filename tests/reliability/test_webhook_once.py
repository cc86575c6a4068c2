"""Webhook (RELIABILITY S5, U2): an update posted twice with the same ``update_id`` acts once.

Telegram retries a webhook post it got no 200 for, and a proxy can repeat one; both copies
carry the same ``update_id`` and must have one effect and one reply.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.tg.webhook import SECRET_HEADER, WebhookServer
from tests.conftest import Wired

SECRET = "w" * 40
PATH = "/tg/once"
USER = 8181


def message(update_id: int, text: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_700_000_000,
        "chat": {"id": USER, "type": "private"},
        "from": {"id": USER, "is_bot": False, "first_name": "A", "language_code": "en"},
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": body}


def button(update_id: int, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"q{update_id}",
            "from": {"id": USER, "is_bot": False, "first_name": "A", "language_code": "en"},
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": 3,
                "date": 1_700_000_000,
                "chat": {"id": USER, "type": "private"},
                "from": {"id": 999000, "is_bot": True, "first_name": "Checkin"},
                "text": "question",
            },
        },
    }


@pytest.fixture
async def client(wired: Wired) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    server = WebhookServer(wired.app, secret=SECRET, path=PATH)
    async with TestClient(TestServer(server.web)) as test_client:
        yield test_client


async def post(client: TestClient, update: dict[str, Any]) -> int:  # type: ignore[type-arg]
    response = await client.post(PATH, json=update, headers={SECRET_HEADER: SECRET})
    return response.status


async def test_a_command_posted_twice_is_answered_once(client: TestClient, wired: Wired) -> None:  # type: ignore[type-arg]
    """/start from someone with nothing stored, posted twice: both 200, one welcome."""
    assert await post(client, message(501, "/start")) == 200
    assert await post(client, message(501, "/start")) == 200
    assert len(wired.wire.sent("sendMessage")) == 1


async def test_an_answer_posted_twice_concurrently_is_stored_once(
    client: TestClient,  # type: ignore[type-arg]
    wired: Wired,
) -> None:
    """The same consent button posted twice at once: one document, one reply, one audit."""
    assert await post(client, message(601, "/start")) == 200
    statuses = await asyncio.gather(
        post(client, button(602, "ob:consent")), post(client, button(602, "ob:consent"))
    )
    assert list(statuses) == [200, 200]
    key = wired.core.deps.hasher.user_key(USER)
    doc = await wired.core.storage.load_user(key)
    assert doc is not None and doc["processed_updates"] == [602]
    assert [e["action"] for e in await wired.core.storage.audit_events()] == ["consent"]
    assert len(wired.wire.sent("answerCallbackQuery")) == 1


async def test_different_updates_with_the_same_text_are_both_answered(
    client: TestClient,  # type: ignore[type-arg]
    wired: Wired,
) -> None:
    """Only the update id makes a duplicate: the same text sent twice by a person counts twice."""
    assert await post(client, message(701, "/help")) == 200
    assert await post(client, message(702, "/help")) == 200
    assert len(wired.wire.sent("sendMessage")) == 2
