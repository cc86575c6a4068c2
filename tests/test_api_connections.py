"""Specification of the application's connections to the Bot API (bot/app.py): a few kept-alive
connections, and a call that finds them all busy waits for one instead of opening another."""

from __future__ import annotations

import asyncio
import contextlib

from telegram.request import BaseRequest

from bot.app import API_CONNECTIONS, API_POOL_TIMEOUT, Core, build_application
from bot.config import Settings


def handlers_request(core: Core) -> BaseRequest:
    """The request object the built application's handlers call the Bot API through."""
    settings = Settings(telegram_bot_token=None, _env_file=None)  # type: ignore[call-arg]
    request: BaseRequest = build_application(settings, core).bot.request
    return request


def test_the_handlers_keep_at_most_api_connections_connections(core: Core) -> None:
    """The handlers' pool opens at most API_CONNECTIONS connections and keeps them all alive."""
    pool = handlers_request(core)._client._transport._pool  # type: ignore[attr-defined]
    assert (pool._max_connections, pool._max_keepalive_connections) == (
        API_CONNECTIONS,
        API_CONNECTIONS,
    )


def test_a_call_waits_api_pool_timeout_for_a_free_connection(core: Core) -> None:
    """A call queued behind a full pool waits API_POOL_TIMEOUT seconds, not PTB's one second."""
    assert handlers_request(core)._client.timeout.pool == API_POOL_TIMEOUT  # type: ignore[attr-defined]


async def test_one_call_more_than_the_pool_reuses_a_connection(core: Core) -> None:
    """With every connection busy, one more call waits and then goes over a kept-alive
    connection: the server sees API_CONNECTIONS connections for API_CONNECTIONS + 1 calls."""
    connections = 0
    all_busy = asyncio.Event()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        if connections == API_CONNECTIONS:
            all_busy.set()
        with contextlib.suppress(asyncio.IncompleteReadError):  # the client hung up
            while await reader.readuntil(b"\r\n\r\n"):
                await all_busy.wait()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    request = handlers_request(core)
    client = request._client  # type: ignore[attr-defined]
    try:
        answers = await asyncio.gather(
            *(client.get(f"http://127.0.0.1:{port}/") for _ in range(API_CONNECTIONS + 1))
        )
    finally:
        await request.shutdown()
        server.close()
        await server.wait_closed()
    assert ([answer.text for answer in answers], connections) == (
        ["ok"] * (API_CONNECTIONS + 1),
        API_CONNECTIONS,
    )
