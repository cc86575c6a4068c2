"""The collaborators every use case needs, injected once (catalog, storage, clock, hasher)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.catalog.catalog import Catalog
from bot.clock import Clock
from bot.privacy import UserHasher
from bot.storage.base import Storage


async def _nothing(key: str) -> None:
    return None


@dataclass
class Deps:
    """What the services are built from; tests and the console pass their own."""

    catalog: Catalog
    storage: Storage
    clock: Clock
    hasher: UserHasher
    store_content_gaps: bool = True
    # Called after a user's reminder settings or existence changed, so the scheduler re-reads.
    reminders_changed: Callable[[str], Awaitable[None]] = field(default=_nothing)
