"""Specification of the direct idle check (bot/tg/idle_check.py): the bot's HTTP connections
answer httpcore's "did the server close you?" from their own socket, with httpcore's answers."""

from __future__ import annotations

import asyncio
import socket

from bot.app import telegram_request
from bot.tg.idle_check import DirectBackend, is_readable


def test_the_bots_http_client_uses_the_direct_idle_check() -> None:
    """The client PTB builds for the bot's calls keeps its pool on the direct backend."""
    client = telegram_request(4)._client
    pool = client._transport._pool  # type: ignore[attr-defined]
    assert isinstance(pool._network_backend, DirectBackend)


def test_an_idle_socket_with_nothing_to_read_is_not_readable() -> None:
    """A kept-alive connection the server left alone is not expired."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        assert not is_readable(ours)


def test_a_socket_the_peer_closed_is_readable() -> None:
    """A connection the server closed while idle is found expired."""
    ours, theirs = socket.socketpair()
    with ours:
        theirs.close()
        assert is_readable(ours)


def test_a_closed_socket_counts_as_readable() -> None:
    """A socket already closed on our side is expired too, as httpcore treats it."""
    ours, theirs = socket.socketpair()
    theirs.close()
    ours.close()
    assert is_readable(ours)


async def test_a_connection_closed_by_the_server_is_replaced_by_a_new_one() -> None:
    """After the server closes a kept-alive connection, the next call opens a new one and
    succeeds instead of writing into the closed one."""
    connections = 0
    closed = asyncio.Event()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        writer.close()
        await writer.wait_closed()
        closed.set()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    request = telegram_request(4)
    client = request._client
    try:
        first = await client.get(f"http://127.0.0.1:{port}/")
        await closed.wait()
        second = await client.get(f"http://127.0.0.1:{port}/")
    finally:
        await request.shutdown()
        server.close()
        await server.wait_closed()
    assert (first.text, second.text, connections) == ("ok", "ok", 2)
