"""The PostgreSQL engine: the Storage protocol for several bot processes on one database.

Tables (``bot/storage/migrations/``, applied on open by a versioned runner):
``users`` (one ``json`` state document per key), ``history`` (one row per history record,
keyed by user key and record id, ordered by ``seq``), ``feedback`` (counters by upsert),
``content_gaps`` (capped), ``audit`` (append-only, with a UTC ``day`` for retention),
``processed_updates`` and ``reminder_claims`` (cross-process claims, see below).

**Per-user serialisation across processes.** ``user_lock(key)`` first takes a process-local
lock for the key (so tasks of one process queue in memory instead of each holding a
connection), then checks a connection out of the pool and opens a transaction holding the
advisory lock ``pg_advisory_xact_lock(namespace, hashtext(schema:key))``, reading the state
(and the update's sent mark) in the same round trip. Every operation inside the block (in
that task and tasks it spawns) runs on that same connection, found through a context
variable, so a load-decide-save is atomic with respect to every other process that also
locks the key, and a block never needs a second connection (no pool deadlock however many
keys are locked at once). A save commits with the lock's transaction before it returns, so
"saved" still follows a durable write; ``bot/storage/pg_lock.py`` has the details (three
round trips per update in all). If the connection dies, the server drops the lock and the
holder's next operation fails instead of writing unlocked; a connection whose transaction
state is unknown is closed rather than returned to the pool, so a lock never leaks.

**Idempotency.** A user's processed ``update_id`` list lives in the state, written in the
same statement as the effect (and its history records), under the cross-process lock: that
is exactly-once per user.
``claim_update(update_id)`` adds a global first-claimer-wins check over a primary key; the
chat service's sent marks (``mark_sent`` / ``was_sent``) use it: an update is recorded once
its replies went out, and a copy of it reaching any process is then answered with nothing.

**Reminders with N processes.** ``claim_reminders([(key, local_date), ...])`` inserts into
``reminder_claims`` with ``ON CONFLICT DO NOTHING RETURNING``: the primary key (key,
local_date) arbitrates concurrent inserts (a second inserter waits for the first to commit,
then skips), so of N processes that try to claim the same reminder exactly one gets it back
and sends it; the others skip. A claim is committed before the send (claim-first, like the
scheduler's ``last_sent_date``), so a crash after the claim loses at most that reminder and
never sends it twice; ``release_reminder`` gives a claim back when the send certainly failed.
The scheduler's in-document ``last_sent_date`` claim, taken under the cross-process user lock,
already gives the same guarantee; the table makes the arbitration cheap (one statement for a
batch, no document load) and independent of the document.

Errors: every psycopg error becomes a StorageError (``disk_full`` becomes StorageFullError)
whose message holds the error class and SQLSTATE only, never the server's text, which can
quote values. The connection URL (with its password) is never logged or put in a message.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any

import psycopg
from psycopg import AsyncConnection, sql
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from bot.storage.base import (
    START_UP_SAMPLE,
    DocValidator,
    JsonDoc,
    JsonText,
    StorageError,
    StorageFullError,
    check_schema,
)

# json_text is compact ASCII JSON: ``json`` columns keep text as written, and escaping every
# non-ASCII character keeps lone surrogates (not encodable as UTF-8) storable.
from bot.storage.memory import (
    DEFAULT_MAX_CONTENT_GAPS,
    KeyedLocks,
    check_user_key,
    doc_text,
    json_text,
    record_texts,
)
from bot.storage.migrations import apply_migrations, check_schema_name
from bot.storage.pg_layout import move_legacy_users, parse_doc
from bot.storage.pg_lock import Held, IdleCheck, Statement, begin, end, write

# "mucu" in ASCII: the first key of every user advisory lock, so they cannot collide with
# locks other software takes on the same database with the one-argument form.
USER_LOCK_NAMESPACE = 0x6D756375
ITER_BATCH = 100
DEFAULT_POOL_MIN = 1
DEFAULT_POOL_MAX = 10
# Connections for work outside user locks, beyond one per concurrently locked user.
POOL_SPARE = 4
DEFAULT_POOL_TIMEOUT = 30.0

Conn = AsyncConnection[Any]

# Data-modifying CTEs run in the statement's one transaction: all or nothing.
_SAVE_WITH_HISTORY = (
    "WITH gone AS (DELETE FROM history WHERE key = %(key)s AND id = ANY(%(removed)s)),"
    " added AS (INSERT INTO history (key, id, rec) SELECT %(key)s, r.id, r.rec::json"
    " FROM unnest(%(ids)s::text[], %(recs)s::text[]) WITH ORDINALITY AS r(id, rec, n)"
    " ORDER BY r.n ON CONFLICT (key, id) DO NOTHING)"
    " INSERT INTO users (key, doc, updated_at) VALUES (%(key)s, %(doc)s::json, now())"
    " ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, updated_at = now()"
)
# Compared as stored: a ``json`` column keeps the text exactly as written.
_SWAP_STATE = (
    "UPDATE users SET doc = %s::json, updated_at = now() WHERE key = %s AND doc::text = %s"
)
_MARK_SENT = "INSERT INTO processed_updates (update_id) VALUES (%s) ON CONFLICT DO NOTHING"
_UPSERT_STATE = (
    "INSERT INTO users (key, doc, updated_at) VALUES (%s, %s::json, now())"
    " ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, updated_at = now()"
)


def pool_bounds(concurrency: int) -> tuple[int, int]:
    """(min_size, max_size) for a process handling ``concurrency`` users at once: one
    connection per locked user is open from the start, so a burst after a quiet spell does
    not wait while the pool grows one connection at a time; a few more for work outside
    locks are opened when needed."""
    return concurrency, concurrency + POOL_SPARE


def _utc_now() -> datetime:
    return datetime.now(UTC)


def translate_error(exc: psycopg.Error) -> StorageError:
    """Map a psycopg (or pool) error to the storage error tree, without the server's text."""
    state = getattr(exc, "sqlstate", None) or "-"
    if isinstance(exc, psycopg.errors.DiskFull):
        return StorageFullError(f"the database is full (SQLSTATE {state})")
    return StorageError(f"database error {type(exc).__name__} (SQLSTATE {state})")


async def _check_users(conn: Conn, validate: DocValidator | None, check: str) -> None:
    """Parse (and validate) a sample of states; with ``check="full"`` every state and every
    history record, in batches."""
    if check != "full":
        if validate is not None:
            cursor = await conn.execute(
                "SELECT key, doc::text FROM users ORDER BY random() LIMIT %s", (START_UP_SAMPLE,)
            )
            for key, text in await cursor.fetchall():
                check_schema(validate, parse_doc(text, f"user {key}"), f"user {key}")
        return
    last = ""
    while True:
        cursor = await conn.execute(
            "SELECT key, doc::text FROM users WHERE key > %s ORDER BY key LIMIT %s",
            (last, ITER_BATCH),
        )
        rows = await cursor.fetchall()
        for key, text in rows:
            doc = parse_doc(text, f"user {key}")
            if validate is not None:
                check_schema(validate, doc, f"user {key}")
        if len(rows) < ITER_BATCH:
            break
        last = rows[-1][0]
    last_seq = 0
    while True:
        cursor = await conn.execute(
            "SELECT seq, key, rec::text FROM history WHERE seq > %s ORDER BY seq LIMIT %s",
            (last_seq, ITER_BATCH),
        )
        records = await cursor.fetchall()
        for _, key, text in records:
            parse_doc(text, f"history of user {key}")
        if len(records) < ITER_BATCH:
            break
        last_seq = records[-1][0]


class PostgresStorage:
    """Users and global collections in PostgreSQL. Create with ``await open(...)``."""

    shared = True  # several bot processes may use one database at once

    def __init__(
        self,
        pool: AsyncConnectionPool[Conn],
        *,
        schema: str | None,
        max_content_gaps: int,
        clock: Callable[[], datetime],
        idle_check: IdleCheck | None = None,
    ) -> None:
        """Wrap an open pool whose schema is migrated; use ``open`` instead."""
        self._pool = pool
        self._idle_check = idle_check or IdleCheck()
        self._schema = schema
        self._max_content_gaps = max_content_gaps
        self._clock = clock
        self._lock_prefix = f"{schema or ''}:"
        self._local = KeyedLocks()
        # One variable per instance: two engines in one process (tests, migration) never
        # see each other's held connections.
        self._held: ContextVar[tuple[Held, ...]] = ContextVar(f"pg_held_{id(self)}", default=())
        self._closed = False

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        schema: str | None = None,
        min_size: int = DEFAULT_POOL_MIN,
        max_size: int = DEFAULT_POOL_MAX,
        pool_timeout: float = DEFAULT_POOL_TIMEOUT,
        max_content_gaps: int = DEFAULT_MAX_CONTENT_GAPS,
        clock: Callable[[], datetime] = _utc_now,
        validate: DocValidator | None = None,
        check: str = "quick",
    ) -> PostgresStorage:
        """Connect, apply pending migrations, check stored users and return the engine.

        ``url`` is a libpq URL or conninfo string. ``schema`` (optional) keeps the tables in
        their own schema, created if missing. The pool holds ``min_size``..``max_size``
        connections; a checkout waits at most ``pool_timeout`` seconds. Raises StorageError when
        the database cannot be reached within ``pool_timeout`` or its schema is not usable, and
        StorageCorruptError when one of up to START_UP_SAMPLE randomly chosen user documents
        fails ``validate`` (the application's user schema).
        """
        if schema is not None:
            check_schema_name(schema)

        async def configure(conn: Conn) -> None:
            if schema is not None:
                await conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))

        idle_check = IdleCheck()
        pool: AsyncConnectionPool[Conn] = AsyncConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            timeout=pool_timeout,
            open=False,
            kwargs={"autocommit": True},
            configure=configure,
            # A connection broken by a database restart is replaced at checkout, not served;
            # one given back moments ago is not pinged (bot/storage/pg_lock.py).
            check=idle_check,
            name="bot-storage",
        )
        try:
            await pool.open(wait=True, timeout=pool_timeout)
            async with pool.connection() as conn:
                await apply_migrations(conn, schema)
                await move_legacy_users(conn)
                await _check_users(conn, validate, check)
        except PoolTimeout:
            await pool.close()
            # The pool logs each failed attempt (host, port, server message; never the
            # password) on the "psycopg.pool" logger.
            raise StorageError(
                f"cannot connect to the database within {pool_timeout:g} s"
            ) from None
        except psycopg.Error as exc:
            await pool.close()
            raise translate_error(exc) from None
        except BaseException:
            await pool.close()
            raise
        return cls(
            pool,
            schema=schema,
            max_content_gaps=max_content_gaps,
            clock=clock,
            idle_check=idle_check,
        )

    # --- connections -----------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError("storage is closed")

    def _held_entry(self) -> Held | None:
        held = [h for h in self._held.get() if not h.released]
        return held[-1] if held else None

    @asynccontextmanager
    async def _pooled(self) -> AsyncIterator[Conn]:
        async with self._pool.connection() as conn:
            try:
                yield conn
            finally:
                self._idle_check.returned(conn)

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Conn]:
        """The connection of the innermost user lock this context holds, else one from the pool.

        Inside the lock's open transaction the work runs in a savepoint, so a failure here
        cannot abort the turn's own save. psycopg errors come out as StorageError.
        """
        self._check_open()
        try:
            entry = self._held_entry()
            if entry is None:
                async with self._pooled() as conn:
                    yield conn
                return
            # Tasks spawned inside the block share the connection; one statement or
            # transaction at a time.
            async with entry.busy:
                if entry.in_transaction:
                    async with entry.conn.transaction():
                        yield entry.conn
                else:
                    yield entry.conn
        except psycopg.Error as exc:
            raise translate_error(exc) from None

    async def _write(self, key: str, statements: list[Statement]) -> list[Any]:
        """Run writes of ``key``'s data: with the lock's COMMIT when this context holds that
        user's lock (one round trip), else in one transaction of their own."""
        self._check_open()
        try:
            entry = self._held_entry()
            if entry is not None and entry.key == key:
                async with entry.busy:
                    return await write(entry, statements)
            async with self._connection() as conn:
                if len(statements) == 1:
                    query, params = statements[0]
                    return [await conn.execute(query, params)]
                async with conn.transaction():
                    return [await conn.execute(query, params) for query, params in statements]
        except psycopg.Error as exc:
            raise translate_error(exc) from None

    async def _write_locked(self, key: str, statements: list[Statement]) -> list[Any]:
        """Run writes of ``key``'s data under its cross-process lock, committed on return: one
        round trip (BEGIN, the lock, the statements and COMMIT pipelined)."""
        entry = self._held_entry()
        if entry is not None and entry.key == key:
            return await self._write(key, statements)
        self._check_open()
        try:
            async with self._local.hold(key), self._pooled() as conn:
                held = Held(key, conn, (USER_LOCK_NAMESPACE, self._lock_prefix + key))
                return await write(held, statements)
        except psycopg.Error as exc:
            raise translate_error(exc) from None

    def user_lock(
        self, key: str, *, update_id: int | None = None
    ) -> AbstractAsyncContextManager[None]:
        """Serialise all work on one user's state across tasks AND processes; with
        ``update_id``, its sent mark is read with the lock (see bot/storage/pg_lock.py)."""
        return self._hold(check_user_key(key), update_id)

    @asynccontextmanager
    async def _hold(self, key: str, update_id: int | None) -> AsyncIterator[None]:
        self._check_open()
        lock_args = (USER_LOCK_NAMESPACE, self._lock_prefix + key)
        async with self._local.hold(key):
            try:
                async with self._pooled() as conn:
                    entry = Held(key, conn, lock_args)
                    await begin(entry, update_id)
                    token = self._held.set((*self._held.get(), entry))
                    try:
                        yield
                    finally:
                        self._held.reset(token)
                        entry.released = True
                        await end(entry)
            except psycopg.Error as exc:
                raise translate_error(exc) from None

    # --- users -----------------------------------------------------------------------------

    async def load_user(self, key: str) -> JsonDoc | None:
        """Return the user's document, or None."""
        check_user_key(key)
        entry = self._held_entry()
        if entry is not None and entry.key == key and entry.state is not None:
            # Read with the lock that is still held: nothing else can have changed it.
            text = entry.state[0]
            return None if text is None else parse_doc(text, f"user {key}")
        async with self._connection() as conn:
            cursor = await conn.execute("SELECT doc::text FROM users WHERE key = %s", (key,))
            row = await cursor.fetchone()
        return None if row is None else parse_doc(row[0], f"user {key}")

    async def save_user(
        self,
        key: str,
        doc: JsonDoc | JsonText,
        *,
        append: Sequence[JsonDoc] = (),
        remove: Sequence[str] = (),
    ) -> None:
        """Replace the user's state and change the history; committed (durable, both or
        neither) when this returns."""
        check_user_key(key)
        text = doc_text(doc)
        added = record_texts(append)
        # One statement: its own transaction, or the lock's, committed before this returns.
        await self._upsert_user(key, text, added, list(remove))

    async def _upsert_user(
        self, key: str, text: str, added: list[tuple[str, str]], removed: list[str]
    ) -> None:
        if not added and not removed:
            await self._write(key, [(_UPSERT_STATE, (key, text))])
            return
        await self._write(
            key,
            [
                (
                    _SAVE_WITH_HISTORY,
                    {
                        "key": key,
                        "doc": text,
                        "removed": removed,
                        "ids": [i for i, _ in added],
                        "recs": [t for _, t in added],
                    },
                )
            ],
        )

    async def swap_user(
        self,
        key: str,
        expected: JsonDoc | JsonText,
        doc: JsonDoc | JsonText,
        *,
        mark_sent: int | None = None,
    ) -> bool:
        """Replace the state by ``doc`` if its stored text is still ``expected``'s, and mark
        ``mark_sent`` sent: one transaction under the user lock, one round trip."""
        check_user_key(key)
        statements: list[Statement] = [(_SWAP_STATE, (doc_text(doc), key, doc_text(expected)))]
        if mark_sent is not None:
            statements.append((_MARK_SENT, (mark_sent,)))
        cursors = await self._write_locked(key, statements)
        return bool(cursors[0].rowcount == 1)

    async def load_history(self, key: str) -> list[JsonDoc]:
        """The user's history records, oldest first."""
        check_user_key(key)
        async with self._connection() as conn:
            cursor = await conn.execute(
                "SELECT rec::text FROM history WHERE key = %s ORDER BY seq", (key,)
            )
            rows = await cursor.fetchall()
        return [parse_doc(row[0], f"history of user {key}") for row in rows]

    async def delete_user(self, key: str) -> bool:
        """Erase the user's state, history and reminder claims; True when a state was erased."""
        check_user_key(key)
        cursors = await self._write(
            key,
            [
                ("DELETE FROM users WHERE key = %s", (key,)),
                ("DELETE FROM history WHERE key = %s", (key,)),
                ("DELETE FROM reminder_claims WHERE key = %s", (key,)),
            ],
        )
        return bool(cursors[0].rowcount > 0)

    async def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        """Every stored (key, document), by key, ITER_BATCH rows per query.

        No connection is held between batches, so a slow consumer (the reminder rebuild)
        never pins one; a user saved or erased meanwhile may or may not be seen.
        """
        last = ""
        while True:
            async with self._connection() as conn:
                cursor = await conn.execute(
                    "SELECT key, doc::text FROM users WHERE key > %s ORDER BY key LIMIT %s",
                    (last, ITER_BATCH),
                )
                rows = await cursor.fetchall()
            for key, text in rows:
                yield key, parse_doc(text, f"user {key}")
            if len(rows) < ITER_BATCH:
                return
            last = rows[-1][0]

    async def count_users(self) -> int:
        """How many user documents are stored."""
        async with self._connection() as conn:
            cursor = await conn.execute("SELECT count(*) FROM users")
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    # --- global collections ----------------------------------------------------------------

    async def add_feedback(self, topic: str, helpful: bool) -> None:
        """Count one helpful / not helpful vote for an FAQ topic (an atomic upsert)."""
        async with self._connection() as conn:
            await conn.execute(
                "INSERT INTO feedback AS f (topic, helpful, not_helpful) VALUES (%s, %s, %s)"
                " ON CONFLICT (topic) DO UPDATE SET helpful = f.helpful + EXCLUDED.helpful,"
                " not_helpful = f.not_helpful + EXCLUDED.not_helpful",
                (topic, int(helpful), int(not helpful)),
            )

    async def feedback_counts(self) -> dict[str, dict[str, int]]:
        """Votes per topic."""
        async with self._connection() as conn:
            cursor = await conn.execute("SELECT topic, helpful, not_helpful FROM feedback")
            rows = await cursor.fetchall()
        return {t: {"helpful": int(h), "not_helpful": int(n)} for t, h, n in rows}

    async def add_content_gap(self, text: str, lang: str, at: str) -> None:
        """Keep an unmatched question; beyond ``max_content_gaps`` the oldest are dropped."""
        gap = json_text({"text": text, "lang": lang, "at": at})
        async with self._connection() as conn, conn.transaction():
            await conn.execute("INSERT INTO content_gaps (gap) VALUES (%s::json)", (gap,))
            await conn.execute(
                "DELETE FROM content_gaps WHERE id <= ("
                " SELECT id FROM content_gaps ORDER BY id DESC OFFSET %s LIMIT 1)",
                (self._max_content_gaps,),
            )

    async def content_gaps(self) -> list[JsonDoc]:
        """Unmatched questions, oldest first."""
        async with self._connection() as conn:
            cursor = await conn.execute("SELECT gap::text FROM content_gaps ORDER BY id")
            rows = await cursor.fetchall()
        return [parse_doc(row[0], "content gap") for row in rows]

    async def append_audit(self, event: JsonDoc) -> None:
        """Append one event under today's UTC day."""
        if not isinstance(event, dict):
            raise StorageError("an audit event must be a JSON object")
        text = json_text(event)
        day = self._clock().astimezone(UTC).date()
        async with self._connection() as conn:
            await conn.execute("INSERT INTO audit (day, event) VALUES (%s, %s::json)", (day, text))

    async def audit_events(self) -> list[JsonDoc]:
        """All audit events, oldest first."""
        async with self._connection() as conn:
            cursor = await conn.execute("SELECT event::text FROM audit ORDER BY id")
            rows = await cursor.fetchall()
        return [parse_doc(row[0], "audit event") for row in rows]

    async def drop_audit_before(self, day: date) -> int:
        """Delete audit events of UTC days before ``day`` (retention); return how many days."""
        async with self._connection() as conn:
            cursor = await conn.execute(
                "WITH gone AS (DELETE FROM audit WHERE day < %s RETURNING day)"
                " SELECT count(DISTINCT day) FROM gone",
                (day,),
            )
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    # --- cross-process claims --------------------------------------------------------------

    async def mark_sent(self, update_id: int) -> None:
        """Record that the replies to ``update_id`` went out (committed when this returns)."""
        await self.claim_update(update_id)

    async def was_sent(self, update_id: int) -> bool:
        """True when any process marked (claimed) ``update_id``."""
        entry = self._held_entry()
        if entry is not None and update_id in entry.sent:
            return entry.sent.pop(update_id)  # read with the lock, in the same round trip
        async with self._connection() as conn:
            cursor = await conn.execute(
                "SELECT 1 FROM processed_updates WHERE update_id = %s", (update_id,)
            )
            return await cursor.fetchone() is not None

    async def claim_update(self, update_id: int) -> bool:
        """Record ``update_id`` as taken; True for the first claimer in any process only."""
        async with self._connection() as conn:
            # Not prepared: outside a pipeline, psycopg's Prepare would be a round trip of its own.
            cursor = await conn.execute(_MARK_SENT, (update_id,), prepare=False)
            return cursor.rowcount == 1

    async def prune_sent(self, before: datetime) -> int:
        """Forget update ids claimed before ``before`` (keep >= 48 h); return how many."""
        async with self._connection() as conn:
            cursor = await conn.execute("DELETE FROM processed_updates WHERE at < %s", (before,))
            return cursor.rowcount

    async def claim_reminders(self, claims: Iterable[tuple[str, date]]) -> set[tuple[str, date]]:
        """Claim (user key, local date) reminders; return the ones THIS call won.

        Of any number of concurrent callers in any processes, exactly one gets each pair
        back; a pair claimed earlier is never returned again (until released).
        """
        pairs = sorted({(check_user_key(k), d) for k, d in claims})
        if not pairs:
            return set()
        async with self._connection() as conn:
            cursor = await conn.execute(
                "INSERT INTO reminder_claims (key, local_date)"
                " SELECT * FROM unnest(%s::text[], %s::date[])"
                " ON CONFLICT DO NOTHING RETURNING key, local_date",
                ([k for k, _ in pairs], [d for _, d in pairs]),
            )
            rows = await cursor.fetchall()
        return {(str(k), d) for k, d in rows}

    async def release_reminder(self, key: str, local_date: date) -> bool:
        """Give a claim back (the send certainly failed), so a later try can claim it."""
        check_user_key(key)
        async with self._connection() as conn:
            cursor = await conn.execute(
                "DELETE FROM reminder_claims WHERE key = %s AND local_date = %s",
                (key, local_date),
            )
            return cursor.rowcount > 0

    async def prune_reminder_claims(self, before: date) -> int:
        """Drop claims for local dates before ``before`` (they can never be due again)."""
        async with self._connection() as conn:
            cursor = await conn.execute(
                "DELETE FROM reminder_claims WHERE local_date < %s", (before,)
            )
            return cursor.rowcount

    # --- bulk operations for ``python -m bot migrate`` -------------------------------------

    async def load_users(self, keys: Sequence[str]) -> dict[str, JsonDoc]:
        """The stored documents of ``keys`` (absent keys are left out), in one query."""
        for key in keys:
            check_user_key(key)
        async with self._connection() as conn:
            cursor = await conn.execute(
                "SELECT key, doc::text FROM users WHERE key = ANY(%s)", (list(keys),)
            )
            rows = await cursor.fetchall()
        return {key: parse_doc(text, f"user {key}") for key, text in rows}

    async def load_histories(self, keys: Sequence[str]) -> dict[str, list[JsonDoc]]:
        """The history records of ``keys`` (users without any are left out), in one query."""
        for key in keys:
            check_user_key(key)
        async with self._connection() as conn:
            cursor = await conn.execute(
                "SELECT key, rec::text FROM history WHERE key = ANY(%s) ORDER BY key, seq",
                (list(keys),),
            )
            rows = await cursor.fetchall()
        found: dict[str, list[JsonDoc]] = {}
        for key, text in rows:
            found.setdefault(key, []).append(parse_doc(text, f"history of user {key}"))
        return found

    async def save_users(
        self,
        docs: Mapping[str, JsonDoc],
        histories: Mapping[str, Sequence[JsonDoc]] | None = None,
    ) -> None:
        """Upsert many states and replace their histories, in one transaction: all or none."""
        params = [(check_user_key(k), json_text(d)) for k, d in docs.items()]
        records = [
            (key, record_id, text)
            for key in docs
            for record_id, text in record_texts((histories or {}).get(key, ()))
        ]
        async with self._connection() as conn, conn.transaction():
            cursor = conn.cursor()
            await cursor.executemany(_UPSERT_STATE, params)
            await conn.execute("DELETE FROM history WHERE key = ANY(%s)", (list(docs),))
            await cursor.executemany(
                "INSERT INTO history (key, id, rec) VALUES (%s, %s, %s::json)"
                " ON CONFLICT (key, id) DO NOTHING",
                records,
            )

    async def replace_feedback(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        """Make the feedback table equal ``counts``, in one transaction."""
        rows = [(t, int(c["helpful"]), int(c["not_helpful"])) for t, c in counts.items()]
        async with self._connection() as conn, conn.transaction():
            await conn.execute("DELETE FROM feedback")
            await conn.cursor().executemany(
                "INSERT INTO feedback (topic, helpful, not_helpful) VALUES (%s, %s, %s)", rows
            )

    async def replace_content_gaps(self, gaps: Sequence[JsonDoc]) -> None:
        """Make the content gaps equal ``gaps`` (oldest first), in one transaction."""
        rows = [(json_text(g),) for g in gaps]
        async with self._connection() as conn, conn.transaction():
            await conn.execute("DELETE FROM content_gaps")
            await conn.cursor().executemany(
                "INSERT INTO content_gaps (gap) VALUES (%s::json)", rows
            )

    async def audit_by_day(self) -> list[tuple[date, JsonDoc]]:
        """All audit events with their UTC day, oldest first."""
        async with self._connection() as conn:
            cursor = await conn.execute("SELECT day, event::text FROM audit ORDER BY id")
            rows = await cursor.fetchall()
        return [(day, parse_doc(text, "audit event")) for day, text in rows]

    async def replace_audit(self, events: Sequence[tuple[date, JsonDoc]]) -> None:
        """Make the audit trail equal ``events`` (day, event; oldest first), in one transaction."""
        rows = [(day, json_text(event)) for day, event in events]
        async with self._connection() as conn, conn.transaction():
            await conn.execute("DELETE FROM audit")
            await conn.cursor().executemany(
                "INSERT INTO audit (day, event) VALUES (%s, %s::json)", rows
            )

    # --- health and lifecycle --------------------------------------------------------------

    async def ping(self) -> None:
        """Round-trip to the database; StorageError when it cannot be reached."""
        async with self._connection() as conn:
            await conn.execute("SELECT 1")

    async def close(self) -> None:
        """Close every pooled connection (which releases any advisory lock)."""
        if self._closed:
            return
        self._closed = True
        await self._pool.close()
