"""Per-user flood control: one user sending hundreds of updates cannot slow everyone else.

A token bucket per user (RELIABILITY S7): a burst of ``capacity`` updates is fine (a quick
check-in is about 20 taps), then ``rate`` updates per second. Updates beyond that are
dropped; the first dropped one gets a single "slow down" reply. The chat service never puts a
red-flagged text through the gate, and tells the user of every command it holds back.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.limits import FLOOD_BURST, FLOOD_RATE_PER_MINUTE


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


class FloodGate:
    """Decides whether an update from a user is processed, dropped quietly, or warned about."""

    def __init__(
        self,
        capacity: float = float(FLOOD_BURST),
        rate: float = FLOOD_RATE_PER_MINUTE / 60,
        max_users: int = 100_000,
    ) -> None:
        self.capacity = capacity
        self.rate = rate
        self.max_users = max_users
        self._buckets: dict[int, _Bucket] = {}

    @classmethod
    def unlimited(cls) -> FloodGate:
        """A gate that lets everything through: the console chat has one local person."""
        return cls(capacity=float("inf"), rate=0.0)

    def check(self, user_id: int, now: float) -> str:
        """``"ok"``, ``"warn"`` (first drop: tell the user once) or ``"drop"``."""
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= self.max_users:
                self._forget_full(now)
            bucket = self._buckets[user_id] = _Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return "ok"
        if bucket.warned:
            return "drop"
        bucket.warned = True
        return "warn"

    def _forget_full(self, now: float) -> None:
        # Buckets that have refilled completely carry no information: forget them first.
        full = [
            uid
            for uid, b in self._buckets.items()
            if b.tokens + (now - b.stamp) * self.rate >= self.capacity
        ]
        for uid in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[uid]
