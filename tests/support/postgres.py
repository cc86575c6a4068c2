"""PostgreSQL for tests: the server URL from the environment, and engines in fresh schemas.

Tests that need PostgreSQL run when ``BOT_TEST_DATABASE_URL`` is set (``scripts/pg-test-server
start`` prints one) and are skipped otherwise. Every engine opened here lives in its own new
schema, so tests never see each other's rows; ``drop_schemas`` removes them afterwards.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

import psycopg
from psycopg import sql

from bot.storage.postgres import PostgresStorage

URL_ENV = "BOT_TEST_DATABASE_URL"
SKIP_REASON = (
    f"{URL_ENV} is not set: start a server with `scripts/pg-test-server start` and export "
    "the URL it prints to run the PostgreSQL tests"
)

_created: list[str] = []


def database_url() -> str | None:
    """The test server's URL, or None when PostgreSQL tests are not configured."""
    return os.environ.get(URL_ENV) or None


def new_schema() -> str:
    """A schema name no other test uses; remembered so ``drop_schemas`` can remove it."""
    name = f"t_{os.getpid()}_{secrets.token_hex(6)}"
    _created.append(name)
    return name


async def open_fresh(url: str, schema: str | None = None, **options: Any) -> PostgresStorage:
    """An engine over a new, empty schema (or over ``schema``, to share one)."""
    return await PostgresStorage.open(url, schema=schema or new_schema(), **options)


def drop_schemas(url: str) -> None:
    """Drop every schema this process created through ``new_schema``."""
    if not _created:
        return
    with psycopg.connect(url, autocommit=True) as conn:
        while _created:
            name = _created.pop()
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
