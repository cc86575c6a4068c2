"""Versioned SQL migrations for the PostgreSQL engine, and the small runner that applies them.

Each file here is named ``NNNN_name.sql`` and is applied once, in version order. The
``schema_version`` table records every applied version with the sha256 of its file.

``apply_migrations`` runs everything in ONE transaction, after taking a transaction-scoped
advisory lock, so N processes starting at once apply each file exactly once (the others wait,
then find nothing to do) and a failure leaves the schema as it was. It refuses to start when
the database holds a version this code does not know (newer code migrated it: running older
code against it could lose data) or when an applied file has been edited since (migrations
are append-only: change the schema with a new file).

To add a migration: add ``0002_what.sql`` beside ``0001_init.sql``. Never edit an applied one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg import AsyncConnection, sql

from bot.storage.base import StorageError

MIGRATIONS_DIR = Path(__file__).resolve().parent
# Advisory locks take two int4 keys; the first says whose lock it is ("mucm" in ASCII).
MIGRATION_LOCK_NAMESPACE = 0x6D75636D
SCHEMA_NAME_RE = re.compile(r"[a-z_][a-z0-9_]{0,62}")

_FILE_RE = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")

_CREATE_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    sha256     text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


class MigrationError(StorageError):
    """The database schema cannot be brought to the version this code expects."""


@dataclass(frozen=True)
class Migration:
    """One versioned SQL file."""

    version: int
    name: str
    sql: str

    @property
    def sha256(self) -> str:
        """The checksum recorded when the file is applied."""
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every ``NNNN_name.sql`` file in ``directory``, in version order; gaps are an error."""
    found = []
    for path in directory.iterdir():
        match = _FILE_RE.fullmatch(path.name)
        if match:
            found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise MigrationError("migration files must be numbered 0001, 0002, ... without gaps")
    return found


def check_schema_name(schema: str) -> str:
    """Return ``schema`` if it is a plain lower-case SQL identifier; ValueError otherwise."""
    if SCHEMA_NAME_RE.fullmatch(schema) is None:
        raise ValueError("schema must be a lower-case identifier ([a-z_][a-z0-9_]*, <= 63)")
    return schema


async def apply_migrations(
    conn: AsyncConnection[Any],
    schema: str | None = None,
    migrations: list[Migration] | None = None,
) -> list[int]:
    """Bring the schema up to date on ``conn`` (autocommit); return the versions applied now.

    With ``schema`` the tables live in that schema, created if missing; without it, in the
    first schema of the connection's search_path (normally ``public``).
    """
    wanted = load_migrations() if migrations is None else migrations
    async with conn.transaction():
        lock_name = schema if schema is not None else "current_schema"
        await conn.execute(
            "SELECT pg_advisory_xact_lock(%s::int4, hashtext(%s))",
            (MIGRATION_LOCK_NAMESPACE, lock_name),
        )
        if schema is not None:
            ident = sql.Identifier(check_schema_name(schema))
            await conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(ident))
            # Unqualified names below must land in this schema, never in the next one on
            # the search path.
            await conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(ident))
        await conn.execute(_CREATE_VERSION_TABLE)
        cursor = await conn.execute("SELECT version, sha256 FROM schema_version ORDER BY version")
        applied = {int(row[0]): str(row[1]) for row in await cursor.fetchall()}
        known = {m.version: m for m in wanted}
        unknown = sorted(set(applied) - set(known))
        if unknown:
            raise MigrationError(
                f"the database is at schema version {max(unknown)}, newer than this code "
                f"knows ({max(known, default=0)}); refusing to use it"
            )
        for version, digest in applied.items():
            if known[version].sha256 != digest:
                raise MigrationError(f"migration {version:04d} was edited after it was applied")
        done = []
        for migration in wanted:
            if migration.version in applied:
                continue
            # A file of several statements runs through the simple query protocol (no params).
            await conn.execute(migration.sql.encode())
            await conn.execute(
                "INSERT INTO schema_version (version, name, sha256) VALUES (%s, %s, %s)",
                (migration.version, migration.name, migration.sha256),
            )
            done.append(migration.version)
    return done
