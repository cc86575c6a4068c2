"""Stored data of the previous version moves to state plus history, verified, on every engine.

The fixture ``tests/data/store-v1`` is a TinyDB data directory written by the version before
the move (every check-in inside the user document). Each test migrates a copy: TinyDB when
the copy is opened; PostgreSQL when an engine opens a schema at version 1 holding the same
documents (built with migration 0001 alone, as that version left it). PostgreSQL cases run
when BOT_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from bot.domain.models import UserDoc
from bot.storage import tinydb_store
from bot.storage.base import JsonDoc, StorageCorruptError, StorageError
from bot.storage.migrations import apply_migrations, load_migrations
from bot.storage.postgres import PostgresStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.support import postgres as pg

FIXTURE = Path(__file__).parent / "data" / "store-v1"

_drop_schemas = pg.drop_schemas_when_done("module")


def v1_users() -> dict[str, JsonDoc]:
    """The fixture's user documents, read straight from its files."""
    return {
        path.stem: json.loads(path.read_bytes())["user"]["1"]
        for path in sorted((FIXTURE / "users").glob("*.json"))
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the version-1 fixture."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


async def open_migrated(data_dir: Path) -> TinyDBStorage:
    """The copy opened (and so migrated) with the application's schema check."""
    return await TinyDBStorage.open(data_dir, check="full", validate=UserDoc.model_validate)


async def migrated_tinydb(data_dir: Path) -> dict[str, tuple[JsonDoc | None, list[JsonDoc]]]:
    """State and history of each fixture user once TinyDB migrated the copy."""
    storage = await open_migrated(data_dir)
    try:
        return {
            key: (await storage.load_user(key), await storage.load_history(key))
            for key in v1_users()
        }
    finally:
        await storage.close()


async def test_every_check_in_moves_to_the_history_in_order(data_dir: Path) -> None:
    """Each user's history equals the check-ins their version-1 document held, in order."""
    found = await migrated_tinydb(data_dir)
    assert {key: history for key, (_, history) in found.items()} == {
        key: doc["checkins"] for key, doc in v1_users().items()
    }


async def test_the_state_keeps_everything_else_and_a_summary(data_dir: Path) -> None:
    """The state is the old document without check-ins, with their count and latest day."""
    states = {key: state for key, (state, _) in (await migrated_tinydb(data_dir)).items()}
    for key, old in v1_users().items():
        state = states[key]
        assert state is not None
        summary = state.pop("history")
        assert summary["count"] == len(old["checkins"])
        days = [c["local_date"] for c in old["checkins"]]
        assert summary["last_local_date"] == (max(days) if days else None)
        old.pop("checkins")
        assert state == old | {"schema_version": 2}


async def test_the_migrated_directory_says_version_2_and_keeps_no_manifest(
    data_dir: Path,
) -> None:
    """format.json says version 2 and the per-user manifest is removed once verified."""
    storage = await open_migrated(data_dir)
    await storage.close()
    assert json.loads((data_dir / "format.json").read_text())["version"] == 2
    assert not (data_dir / tinydb_store.MIGRATION_LOG).exists()


async def test_global_collections_are_untouched(data_dir: Path) -> None:
    """Feedback, content gaps, audit days and sent marks read the same after the move."""
    storage = await open_migrated(data_dir)
    try:
        feedback, gaps = await storage.feedback_counts(), await storage.content_gaps()
        audit = await storage.audit_events()
        marks = (FIXTURE / "sent.log").read_text().split()[::2]
        sent = [await storage.was_sent(int(update_id)) for update_id in marks]
    finally:
        await storage.close()
    assert feedback["discharge_normal"] == {"helpful": 1, "not_helpful": 1}
    assert [g["lang"] for g in gaps] == ["en", "ru"]
    assert [e["action"] for e in audit] == ["consent", "export", "summary"]
    assert sent == [True, True, True]


async def test_a_migration_stopped_midway_resumes_and_verifies(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move that failed after two users completes on the next open, with the same result."""
    real = TinyDBStorage._write_state
    written = {"n": 0}

    def dies_on_the_third(self: TinyDBStorage, key: str, text: str) -> None:
        written["n"] += 1
        if written["n"] == 3:
            raise StorageError("simulated crash")
        real(self, key, text)

    monkeypatch.setattr(TinyDBStorage, "_write_state", dies_on_the_third)
    with pytest.raises(StorageError):
        await open_migrated(data_dir)
    monkeypatch.undo()
    assert json.loads((data_dir / "format.json").read_text())["version"] == 1
    found = await migrated_tinydb(data_dir)
    assert {key: history for key, (_, history) in found.items()} == {
        key: doc["checkins"] for key, doc in v1_users().items()
    }


async def test_a_history_that_does_not_match_its_checksum_stops_the_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record lost on the way fails verification: the store refuses to open, still v1."""
    real = tinydb_store.rewrite_records

    def loses_one(path: Path, texts: list[str]) -> None:
        real(path, texts[1:])

    monkeypatch.setattr(tinydb_store, "rewrite_records", loses_one)
    with pytest.raises(StorageCorruptError):
        await open_migrated(data_dir)
    assert json.loads((data_dir / "format.json").read_text())["version"] == 1


# --- PostgreSQL -----------------------------------------------------------------------------


@pytest.fixture
def url() -> str:
    """The test server, or skip."""
    found = pg.database_url()
    if found is None:
        pytest.skip(pg.SKIP_REASON)
    return found


async def v1_schema(url: str) -> str:
    """A new schema at version 1 (migration 0001 only) holding the fixture's documents."""
    schema = pg.new_schema()
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await apply_migrations(conn, schema, load_migrations()[:1])
        await conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        for key, doc in v1_users().items():
            text = json.dumps(doc, ensure_ascii=True, separators=(",", ":"))
            await conn.execute("INSERT INTO users (key, doc) VALUES (%s, %s::json)", (key, text))
    return schema


async def migrated_postgres(url: str) -> dict[str, Any]:
    """States and histories of the fixture's users after PostgreSQL migrated them."""
    storage = await PostgresStorage.open(
        url, schema=await v1_schema(url), validate=UserDoc.model_validate
    )
    try:
        return {
            key: (await storage.load_user(key), await storage.load_history(key))
            for key in v1_users()
        }
    finally:
        await storage.close()


async def test_postgres_moves_every_check_in_to_the_history_in_order(url: str) -> None:
    """Each user's history rows equal the check-ins of their version-1 document, in order."""
    found = await migrated_postgres(url)
    assert {key: history for key, (_, history) in found.items()} == {
        key: doc["checkins"] for key, doc in v1_users().items()
    }


async def test_postgres_and_tinydb_migrate_to_the_same_states(url: str, data_dir: Path) -> None:
    """The state each engine leaves is the same document, summary included."""
    found = await migrated_postgres(url)
    tiny = await migrated_tinydb(data_dir)
    assert {key: state for key, (state, _) in found.items()} == {
        key: state for key, (state, _) in tiny.items()
    }
