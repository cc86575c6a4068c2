"""The ``storage`` fixture, parametrised over every engine the contract suite must hold for.

A new engine joins the suite by adding one ``Engine`` entry to ENGINES: how to open a
fresh, empty instance and how to make its next save fail like a full disk. PostgreSQL runs
when ``BOT_TEST_DATABASE_URL`` is set (``scripts/pg-test-server start`` prints one), each
test in a new schema; without it its cases are skipped with the reason.
"""

from __future__ import annotations

import errno
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.storage.base import Storage
from bot.storage.memory import MemoryStorage
from bot.storage.postgres import PostgresStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.support import postgres as pg


@dataclass(frozen=True)
class Engine:
    """How the contract suite opens one engine and injects a failed save into it."""

    name: str
    open: Callable[[Path], Awaitable[Storage]]
    fail_next_save: Callable[[Storage, pytest.MonkeyPatch], None]


async def _open_memory(tmp_path: Path) -> Storage:
    return MemoryStorage()


def _fail_memory(storage: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(storage, MemoryStorage)
    storage.fail_next_save()


async def _open_tinydb(tmp_path: Path) -> Storage:
    return await TinyDBStorage.open(tmp_path / "data")


def _fail_tinydb(storage: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync_full_once(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            # ext4 with delayed allocation reports a full disk at fsync time.
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_full_once)


async def _open_postgres(tmp_path: Path) -> Storage:
    url = pg.database_url()
    if url is None:
        pytest.skip(pg.SKIP_REASON)
    return await pg.open_fresh(url)


def _fail_postgres(storage: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(storage, PostgresStorage)
    real_upsert = storage._upsert_user

    async def disk_full_once(key: str, text: str, *changes: Any) -> None:
        monkeypatch.setattr(storage, "_upsert_user", real_upsert)
        # A real disk_full error from the server, through the save's own write path, so the
        # contract exercises the engine's actual error mapping.
        full = (
            "DO $$ BEGIN RAISE EXCEPTION 'simulated full disk' USING ERRCODE = 'disk_full'; END $$"
        )
        await storage._write(key, [(full, None)])

    monkeypatch.setattr(storage, "_upsert_user", disk_full_once)


ENGINES = [
    Engine("memory", _open_memory, _fail_memory),
    Engine("tinydb", _open_tinydb, _fail_tinydb),
    Engine("postgres", _open_postgres, _fail_postgres),
]


_drop_postgres_schemas = pg.drop_schemas_when_done("session")


@pytest.fixture(params=ENGINES, ids=[engine.name for engine in ENGINES])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The engine under test."""
    param: Engine = request.param
    return param


@pytest.fixture
async def storage(engine: Engine, tmp_path: Path) -> AsyncIterator[Storage]:
    """A fresh, empty, open instance of the engine under test, closed afterwards."""
    opened = await engine.open(tmp_path)
    yield opened
    await opened.close()
