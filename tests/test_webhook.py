"""Webhook mode: no or wrong secret -> 403 and unprocessed; oversized -> 413; valid -> once."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.tg.webhook import SECRET_HEADER, WebhookServer
from tests.conftest import Wired

SECRET = "s" * 40


def update_json(update_id: int, text: str = "/help") -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": 77, "type": "private"},
            "from": {"id": 77, "is_bot": False, "first_name": "A", "language_code": "en"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


@pytest.fixture
async def client(wired: Wired) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    server = WebhookServer(wired.app, secret=SECRET, path="/tg/abc", max_body=10_000)
    async with TestClient(TestServer(server.web)) as test_client:
        yield test_client


async def test_missing_secret_is_forbidden_and_not_processed(
    client: TestClient,
    wired: Wired,  # type: ignore[type-arg]
) -> None:
    """A post without the secret header gets 403 and the bot sends nothing."""
    response = await client.post("/tg/abc", json=update_json(1))
    assert response.status == 403
    assert wired.wire.sent() == []


async def test_wrong_secret_is_forbidden(client: TestClient, wired: Wired) -> None:  # type: ignore[type-arg]
    """A post with a wrong secret gets 403 and the bot sends nothing."""
    response = await client.post("/tg/abc", json=update_json(2), headers={SECRET_HEADER: "x" * 40})
    assert response.status == 403
    assert wired.wire.sent() == []


async def test_oversized_body_is_rejected(client: TestClient, wired: Wired) -> None:  # type: ignore[type-arg]
    """A body over the cap gets 413 and is not processed."""
    body = json.dumps(update_json(3, "/help " + "a" * 20_000))
    response = await client.post(
        "/tg/abc", data=body, headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    )
    assert response.status == 413
    assert wired.wire.sent() == []


async def test_valid_update_is_processed_once_before_200(
    client: TestClient,
    wired: Wired,  # type: ignore[type-arg]
) -> None:
    """A valid update is answered (processed) by the time the 200 arrives."""
    response = await client.post("/tg/abc", json=update_json(4), headers={SECRET_HEADER: SECRET})
    assert response.status == 200
    assert len(wired.wire.sent("sendMessage")) == 1


async def test_short_secret_is_refused() -> None:
    """A webhook secret shorter than 32 characters is a configuration error."""
    with pytest.raises(ValueError, match="32"):
        WebhookServer(object(), secret="short", path="/x")  # type: ignore[arg-type]
