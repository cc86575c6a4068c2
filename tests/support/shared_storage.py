"""Memory storage that says it is shared by processes, standing in for PostgreSQL in tests
of what the chat service does differently for a shared store (the outbox lease)."""

from __future__ import annotations

from bot.storage.memory import MemoryStorage


class SharedMemoryStorage(MemoryStorage):
    """``MemoryStorage`` with ``shared = True``: another process may be handling an update."""

    shared = True
