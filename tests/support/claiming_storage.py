"""Memory storage that also records answered update ids, standing in for a store that
several processes share (the PostgreSQL engine) in tests that need no database."""

from __future__ import annotations

import datetime as dt

from bot.storage.memory import MemoryStorage


class ClaimingMemoryStorage(MemoryStorage):
    """``MemoryStorage`` plus the ``UpdateClaims`` methods, with a settable claim time."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        super().__init__()
        self.now = now or dt.datetime.now(dt.UTC)
        self.claimed: dict[int, dt.datetime] = {}

    async def update_claimed(self, update_id: int) -> bool:
        """True when ``update_id`` was claimed."""
        return update_id in self.claimed

    async def claim_update(self, update_id: int) -> bool:
        """Record ``update_id`` at ``self.now``; True for the first claim only."""
        if update_id in self.claimed:
            return False
        self.claimed[update_id] = self.now
        return True

    async def prune_processed_updates(self, before: dt.datetime) -> int:
        """Forget ids claimed before ``before``; return how many."""
        old = [i for i, at in self.claimed.items() if at < before]
        for update_id in old:
            del self.claimed[update_id]
        return len(old)
