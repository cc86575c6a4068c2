"""Connections whose idle check polls their socket directly.

Before every request, and again when one ends, httpcore's pool asks each kept-alive
connection whether the server closed it: the connection's stream looks its socket up
through anyio's typed attributes, which build a table of every attribute of the socket on
each lookup. With the dozen or so connections the bot's concurrent replies keep open, that
lookup was the largest share of the CPU a Bot API call costs the bot beyond what the same
call costs a bare echo bot (one connection). Here the socket is looked up once per connection
and polled as httpcore polls it; every other part of a connection is httpcore's own.
"""

# The timeout parameters are httpcore's interface for network streams and backends.
# ruff: noqa: ASYNC109

from __future__ import annotations

import select
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

READABLE = "is_readable"


def is_readable(sock: socket.socket) -> bool:
    """True when a read would not block: data waiting, or the peer's close (httpcore's test,
    which treats a closed socket as readable too)."""
    fd = sock.fileno()
    if fd < 0:
        return True
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    return bool(poll.poll(0))


class DirectStream(httpcore.AsyncNetworkStream):
    """A connection's stream that answers the idle check from its own socket."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: socket.socket | None = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return DirectStream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == READABLE and self._socket is not None:
            return is_readable(self._socket)
        return self._inner.get_extra_info(info)


class DirectBackend(httpcore.AsyncNetworkBackend):
    """The pool's own network backend, its streams wrapped in ``DirectStream``."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self.inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self.inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )
        return DirectStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self.inner.connect_unix_socket(
            path, timeout=timeout, socket_options=socket_options
        )
        return DirectStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def install(client: httpx.AsyncClient) -> bool:
    """Wrap the network backend of ``client``'s direct connection pool (not a proxy's mounts);
    False when the client has no such pool (another transport) and nothing changed."""
    # httpx and httpcore expose the pool and its backend only as private attributes; a change
    # there makes this return False (and tests/test_idle_check.py fail), never a broken client.
    pool = getattr(client._transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if not isinstance(pool, httpcore.AsyncConnectionPool) or backend is None:
        return False
    if not isinstance(backend, DirectBackend):
        pool._network_backend = DirectBackend(backend)
    return True
