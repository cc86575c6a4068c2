"""Moving PostgreSQL users of schema version 1 (check-ins inside ``users.doc``) to ``history``.

Runs when an engine opens the database, after the SQL migrations, until the ``layout`` table
says it is done. Under a transaction-scoped advisory lock, so of several processes starting
at once one moves and the others then find nothing to do. Users are moved in batches, each
one transaction: the check-ins become ``history`` rows (``split_legacy``, exactly as the
embedded engine splits them), the rows are read back and their count and sha256 compared
with the source before the new states are written and the batch commits. A kill loses at
most the batch in flight (rolled back), and the next start continues with the users still
holding check-ins: resumable. Only counts reach the log.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from psycopg import AsyncConnection

from bot.storage.base import JsonDoc, StorageCorruptError
from bot.storage.history_layout import records_checksum, split_legacy
from bot.storage.memory import json_text

log = logging.getLogger("bot.storage")

LAYOUT_NAME = "history_v2"
MOVE_BATCH = 200
# "mucm" like the schema migrations: the same lock, so a move never overlaps them.
MOVE_LOCK = (0x6D75636D, "history_v2")


def parse_doc(text: str, what: str) -> JsonDoc:
    """A stored JSON object, or StorageCorruptError naming ``what`` (never the text)."""
    try:
        doc = json.loads(text)
    except ValueError:
        # The decode error keeps the whole document in ``.doc``: not chained.
        doc = None
    if not isinstance(doc, dict):
        raise StorageCorruptError(f"{what} is not a JSON object")
    return doc


async def move_legacy_users(conn: AsyncConnection[Any]) -> None:
    """Move every user that still holds check-ins; mark the layout done (autocommit ``conn``)."""
    cursor = await conn.execute("SELECT 1 FROM layout WHERE name = %s", (LAYOUT_NAME,))
    if await cursor.fetchone() is not None:
        return
    users = records = 0
    last = ""
    while True:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(%s::int4, hashtext(%s))", MOVE_LOCK)
            cursor = await conn.execute(
                "SELECT key, doc::text FROM users WHERE key > %s ORDER BY key LIMIT %s FOR UPDATE",
                (last, MOVE_BATCH),
            )
            rows = await cursor.fetchall()
            moved = [
                (key, split)
                for key, text in rows
                if (split := split_legacy(parse_doc(text, f"user {key}"), f"user {key}"))
            ]
            for key, (state, history) in moved:
                await conn.cursor().executemany(
                    "INSERT INTO history (key, id, rec) VALUES (%s, %s, %s::json)"
                    " ON CONFLICT (key, id) DO NOTHING",
                    [(key, r["id"], json_text(r)) for r in history],
                )
                cursor = await conn.execute(
                    "SELECT rec::text FROM history WHERE key = %s ORDER BY seq", (key,)
                )
                back = [
                    parse_doc(row[0], f"history of user {key}") for row in await cursor.fetchall()
                ]
                if records_checksum(back) != records_checksum(history):
                    raise StorageCorruptError(f"history move check failed for user {key}")
                await conn.execute(
                    "UPDATE users SET doc = %s::json WHERE key = %s", (json_text(state), key)
                )
                records += len(history)
            users += len(moved)
        if len(rows) < MOVE_BATCH:
            break
        last = rows[-1][0]
    await conn.execute(
        "INSERT INTO layout (name) VALUES (%s) ON CONFLICT DO NOTHING", (LAYOUT_NAME,)
    )
    if users:
        log.info("store_migrated", extra={"users": users, "records": records})
