"""What one update costs the store: payload bytes per save and PostgreSQL round trips.

``SaveBytes`` wraps an open engine's ``save_user`` and records the size of every document
(and of any history records the save appends), and whether a check-in was running in it, so
the latency benchmark can report bytes written per tap in the middle of a check-in.

``RoundTrips`` counts the times psycopg waits for the server: each statement sent on its
own, each ``BEGIN`` / ``COMMIT`` of a transaction block, and each sync of a pipeline (the
statements queued in a pipeline share that one wait). The pool's checkout check is a
statement too, so it counts. Patched into psycopg's classes for the duration of a ``with``.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import AsyncCursor, AsyncPipeline, AsyncTransaction

from bot.storage.base import Storage

# How a running check-in shows in the stored conversation state.
CHECKIN_RUNNING = '"flow":"checkin"'


@dataclass
class SaveBytes:
    """Sizes of the saves made while installed: (bytes, a check-in was running, appended)."""

    saves: list[tuple[int, bool, bool]] = field(default_factory=list)

    def install(self, storage: Storage) -> None:
        """Record every later ``save_user`` of ``storage``."""
        real = storage.save_user

        async def counted(key: str, doc: Any, *args: Any, **kwargs: Any) -> None:
            text = doc if isinstance(doc, str) else json.dumps(doc, separators=(",", ":"))
            added = [*args, *kwargs.values()]
            extra = sum(len(json.dumps(r, separators=(",", ":"))) for a in added for r in a or ())
            self.saves.append((len(text) + extra, CHECKIN_RUNNING in text, bool(extra)))
            await real(key, doc, *args, **kwargs)

        storage.save_user = counted  # type: ignore[method-assign]

    def mid_checkin(self) -> list[int]:
        """Bytes of each save made while a check-in was running and nothing was appended."""
        return [size for size, running, appended in self.saves if running and not appended]

    def summary(self) -> tuple[float, int]:
        """Median and largest bytes of a mid-check-in save (0, 0 when there was none)."""
        sizes = self.mid_checkin()
        return (statistics.median(sizes), max(sizes)) if sizes else (0.0, 0)


class RoundTrips:
    """The number of server round trips psycopg made while the ``counting`` block ran."""

    def __init__(self) -> None:
        """Start at zero."""
        self.count = 0

    @contextmanager
    def counting(self) -> Iterator[None]:
        """Patch psycopg's async classes to count; restore them on exit."""
        originals = {
            (AsyncCursor, "execute"): AsyncCursor.execute,
            (AsyncCursor, "executemany"): AsyncCursor.executemany,
            (AsyncTransaction, "__aenter__"): AsyncTransaction.__aenter__,
            (AsyncTransaction, "__aexit__"): AsyncTransaction.__aexit__,
            (AsyncPipeline, "sync"): AsyncPipeline.sync,
            (AsyncPipeline, "__aexit__"): AsyncPipeline.__aexit__,
        }
        counter = self

        def wrap(cls: type, name: str, original: Any) -> Any:
            async def counted(obj: Any, *args: Any, **kwargs: Any) -> Any:
                conn = obj if isinstance(obj, psycopg.AsyncConnection) else obj._conn
                if cls is AsyncPipeline or getattr(conn, "_pipeline", None) is None:
                    counter.count += 1
                return await original(obj, *args, **kwargs)

            return counted

        try:
            for (cls, name), original in originals.items():
                setattr(cls, name, wrap(cls, name, original))
            yield
        finally:
            for (cls, name), original in originals.items():
                setattr(cls, name, original)
