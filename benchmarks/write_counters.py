"""What one update costs the store: payload bytes per save and PostgreSQL round trips.

``SaveBytes`` wraps an open engine's ``save_user`` and records the size of every document
(and of any history records the save appends), and whether a check-in was running in it, so
the latency benchmark can report bytes written per tap in the middle of a check-in.

``RoundTrips`` counts the times psycopg waits for the server, where it waits: each call of
its ``execute`` generator (a statement sent on its own, ``BEGIN`` / ``COMMIT`` /
``SAVEPOINT``, ``conn.commit()`` with a transaction open, the pool's checkout check, and the
separate ``Prepare`` psycopg sends before a statement's fifth run outside a pipeline) and
each sync of a pipeline, its exit included (the statements queued in a pipeline share that
one wait). Opening a connection (the pool does it in the background) is not counted.
Patched into psycopg's modules for the duration of a ``with``.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
import psycopg.generators
from psycopg import _cursor_base, _server_cursor_base
from psycopg._pipeline_base import BasePipeline

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
        """Patch psycopg's wait points to count; restore them on exit."""
        counter = self
        execute = psycopg.generators.execute

        def counted_execute(pgconn: Any) -> Any:
            counter.count += 1
            return execute(pgconn)

        def counted_method(original: Any) -> Any:
            def counted(pipeline: Any, *args: Any, **kwargs: Any) -> Any:
                counter.count += 1
                return original(pipeline, *args, **kwargs)

            return counted

        # The modules that call ``execute`` each hold their own reference to it.
        functions = [
            (m, "execute") for m in (psycopg.generators, _cursor_base, _server_cursor_base)
        ]
        methods: list[tuple[Any, str]] = [(BasePipeline, "_sync_gen"), (BasePipeline, "_exit_gen")]
        originals = {(owner, name): getattr(owner, name) for owner, name in functions + methods}
        try:
            for owner, name in functions:
                setattr(owner, name, counted_execute)
            for owner, name in methods:
                setattr(owner, name, counted_method(originals[(owner, name)]))
            yield
        finally:
            for (owner, name), original in originals.items():
                setattr(owner, name, original)
