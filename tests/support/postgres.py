"""PostgreSQL for tests: the server URL from the environment, and engines in fresh schemas.

Tests that need PostgreSQL run when ``BOT_TEST_DATABASE_URL`` is set (``scripts/pg-test-server
start`` prints one) and are skipped otherwise. Every engine opened here lives in its own new
schema, so tests never see each other's rows; ``drop_schemas`` removes them afterwards, and
``drop_schemas_when_done`` makes the autouse fixture that calls it when a module or the
session ends.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any, Literal

import psycopg
import pytest
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


def drop_schemas_when_done(scope: Literal["module", "session"]) -> object:
    """An autouse fixture that drops this process's schemas when ``scope`` ends.

    Assign it to a name in a test module or conftest (``_drop_schemas =
    pg.drop_schemas_when_done("module")``) so pytest finds it there.
    """

    def drop_created_schemas() -> Iterator[None]:
        """Remove the schemas created so far once the scope's tests are done."""
        yield
        url = database_url()
        if url is not None:
            drop_schemas(url)

    return pytest.fixture(drop_created_schemas, scope=scope, autouse=True)
