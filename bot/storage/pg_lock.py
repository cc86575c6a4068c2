"""The PostgreSQL user lock as one transaction per turn: at most three round trips an update.

A turn used to cost six round trips (lock, load, sent check, save, unlock, sent mark) plus a
ping at every pool checkout. Here:

1. **Begin** (one round trip, pipelined): ``BEGIN``, the transaction-scoped advisory lock
   ``pg_advisory_xact_lock(namespace, hashtext(schema:key))``, the user's state and, when the
   caller names its update, whether that update was marked sent. ``load_user`` and
   ``was_sent`` inside the block answer from this, while the lock is held.
2. **Write** (one round trip): the save (or erasure) and ``COMMIT`` together, so the write is
   durable when the call returns, as the protocol promises, and the lock ends with it. A
   write after that (the same block saving again) takes the lock again in the same round trip.
3. After the replies went out, the sent mark; when the turn also showed a step keyboard
   anew, the same round trip keeps that message's id in the state (``swap_user``: BEGIN, the
   lock, a compare-and-set on the state as the turn saved it, the mark, COMMIT), where it
   used to take a lock, a load and a save of its own.

A block that writes nothing commits at its end (reads, audit events). Other work inside the
open transaction runs in a savepoint, so its failure (a full disk on an audit insert) cannot
abort the turn's own save; it becomes durable with that transaction (at the save or at the
block's end), which is why only the locked user's own save and erasure promise durability on
return (the bot never saves one user inside another's lock). If a round trip fails or is
cancelled with the transaction in an unknown state, the connection is closed rather than
returned: ending the session releases the lock, so no lock ever leaks into another checkout.

Pool checkouts ping only a connection idle for more than ``PING_AFTER_IDLE_S``: under load
connections come back within milliseconds, and a database restart is noticed by the first
checkout after it that has been idle (the operations in flight during a restart fail, as
they would anyway).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import AsyncConnection
from psycopg.pq import TransactionStatus

Conn = AsyncConnection[Any]
Statement = tuple[str, Any]

PING_AFTER_IDLE_S = 2.0
LOCK_SQL = "SELECT pg_advisory_xact_lock(%s::int4, hashtext(%s))"


@dataclass
class Held:
    """A user lock held by this context: the key, its connection and what the begin read."""

    key: str
    conn: Conn
    lock_args: tuple[int, str]
    busy: asyncio.Lock = field(default_factory=asyncio.Lock)
    released: bool = False
    in_transaction: bool = False  # the lock is held until this transaction ends
    state: tuple[str | None] | None = None  # the state text read at begin, until a write
    sent: dict[int, bool] = field(default_factory=dict)


async def close_quietly(conn: Conn) -> None:
    """End the session (and with it any lock it holds)."""
    with contextlib.suppress(Exception):
        await conn.close()


async def begin(entry: Held, update_id: int | None) -> None:
    """Take the lock, read the state and the update's sent mark: one round trip."""
    conn = entry.conn
    try:
        async with conn.pipeline():
            await conn.execute("BEGIN")
            await conn.execute(LOCK_SQL, entry.lock_args)
            state = await conn.execute("SELECT doc::text FROM users WHERE key = %s", (entry.key,))
            sent = None
            if update_id is not None:
                sent = await conn.execute(
                    "SELECT EXISTS (SELECT 1 FROM processed_updates WHERE update_id = %s)",
                    (update_id,),
                )
        row = await state.fetchone()
        entry.state = (None if row is None else str(row[0]),)
        if sent is not None and update_id is not None:
            found = await sent.fetchone()
            entry.sent[update_id] = bool(found and found[0])
    except BaseException:
        # Cancelled or failed while waiting: the server may still grant the lock to this
        # session, so the session is ended rather than returned to the pool.
        await close_quietly(conn)
        raise
    entry.in_transaction = True


async def write(entry: Held, statements: list[Statement]) -> list[Any]:
    """Run ``statements`` and COMMIT in one round trip (taking the lock again first if this
    block's transaction already ended); the cursors. On failure the transaction is rolled
    back (the lock ends) and the error raised."""
    conn = entry.conn
    entry.state = None
    try:
        async with conn.pipeline():
            if not entry.in_transaction:
                await conn.execute("BEGIN")
                await conn.execute(LOCK_SQL, entry.lock_args)
            cursors = [await conn.execute(query, params) for query, params in statements]
            await conn.execute("COMMIT")
    except psycopg.Error:
        entry.in_transaction = False
        if conn.info.transaction_status != TransactionStatus.IDLE:
            try:
                await conn.execute("ROLLBACK")
            except psycopg.Error:
                await close_quietly(conn)
        raise
    except BaseException:
        entry.in_transaction = False
        await close_quietly(conn)
        raise
    entry.in_transaction = False
    return cursors


async def end(entry: Held) -> None:
    """Commit what the block left open; if that cannot be confirmed, close the connection."""
    if not entry.in_transaction:
        return
    entry.in_transaction = False
    try:
        # Waits for any task spawned inside the block that is still using the connection.
        async with entry.busy:
            await entry.conn.execute("COMMIT")
    except psycopg.Error:
        # A dead connection has already lost the lock with its session; the block's own
        # outcome (its result or its exception) is what the caller should see.
        await close_quietly(entry.conn)
    except BaseException:
        await close_quietly(entry.conn)
        raise


class IdleCheck:
    """The pool's checkout check: ping a connection only when it was idle for a while."""

    def __init__(self, idle_s: float = PING_AFTER_IDLE_S) -> None:
        """Remember when each connection was last given back."""
        self._idle_s = idle_s
        self._returned: weakref.WeakKeyDictionary[Conn, float] = weakref.WeakKeyDictionary()

    def returned(self, conn: Conn) -> None:
        """Note that ``conn`` was used just now."""
        self._returned[conn] = time.monotonic()

    async def __call__(self, conn: Conn) -> None:
        """Raise when an idle connection no longer answers (the pool then replaces it)."""
        if time.monotonic() - self._returned.get(conn, 0.0) > self._idle_s:
            await conn.execute("", prepare=False)  # preparing it would cost a round trip
