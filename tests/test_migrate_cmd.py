"""``python -m bot migrate``: a TinyDB data directory copied into PostgreSQL, resumably, verified.

The TinyDB side is seeded by writing user files directly in the engine's format (as
benchmarks/storage_bench.py does), so 10,000 users take a fraction of a second. Runs when
BOT_TEST_DATABASE_URL is set (``scripts/pg-test-server start``), else skipped.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.commands.migrate_cmd import run
from bot.storage.base import JsonDoc, StorageError
from bot.storage.postgres import PostgresStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.support import postgres as pg

pytestmark = pytest.mark.skipif(pg.database_url() is None, reason=pg.SKIP_REASON)


_drop_schemas = pg.drop_schemas_when_done("module")


def key_for(i: int) -> str:
    """The storage key of seeded user ``i``."""
    return hashlib.sha256(f"migrate-{i}".encode()).hexdigest()[:32]


def doc_for(i: int) -> JsonDoc:
    """A small user document that differs per user and holds awkward text."""
    return {
        "n": i,
        "profile": {"mode": "pregnancy", "week": 4 + i % 38, "tz": "Europe/Berlin"},
        "checkins": [
            {"local_date": f"2026-05-{d + 1:02d}", "discharge": "creamy"} for d in range(i % 5)
        ],
        "note": "🤰 \u202e \x00 \ud83d",
        "processed_updates": [i * 10, i * 10 + 1],
    }


def seed(data_dir: Path, users: int) -> None:
    """A real, initialised TinyDB data directory with ``users`` users and global data."""

    async def initialise() -> None:
        storage = await TinyDBStorage.open(
            data_dir, clock=lambda: datetime(2026, 5, 2, 9, tzinfo=UTC)
        )
        await storage.add_feedback("discharge_colour", True)
        await storage.add_feedback("discharge_colour", False)
        await storage.add_feedback("itching", True)
        await storage.add_content_gap("is this normal?", "en", "2026-05-01T10:00:00Z")
        await storage.append_audit({"action": "consent", "user": "abc"})
        await storage.append_audit({"action": "export", "user": "abc"})
        await storage.close()

    asyncio.run(initialise())
    for i in range(users):
        body = json.dumps({"user": {"1": doc_for(i)}}).encode()
        fd = os.open(data_dir / "users" / f"{key_for(i)}.json", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            os.write(fd, body)
        finally:
            os.close(fd)


def migrate(data_dir: Path, schema: str, *extra: str) -> tuple[int, str]:
    """Run the command; its exit code and everything it printed."""
    url = pg.database_url()
    assert url is not None
    out = io.StringIO()
    code = run(
        ["--from-tinydb", str(data_dir), "--to-postgres", url, "--schema", schema, *extra],
        out,
        out,
    )
    return code, out.getvalue()


def in_target(schema: str, fn: Any) -> Any:
    """Open the target schema, run ``await fn(storage)``, close it; the result."""
    url = pg.database_url()
    assert url is not None

    async def go() -> Any:
        storage = await PostgresStorage.open(url, schema=schema)
        try:
            return await fn(storage)
        finally:
            await storage.close()

    return asyncio.run(go())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the TinyDB source lives."""
    return tmp_path / "data"


@pytest.fixture
def schema() -> str:
    """A fresh target schema."""
    return pg.new_schema()


def test_ten_thousand_users_migrate_and_verify(data_dir: Path, schema: str) -> None:
    """A 10,000-user directory is copied in full, and the command reports it verified."""
    seed(data_dir, 10_000)
    code, output = migrate(data_dir, schema)
    assert code == 0, output
    assert "migration verified" in output
    assert in_target(schema, lambda s: s.count_users()) == 10_000


def test_migrated_documents_equal_the_source(data_dir: Path, schema: str) -> None:
    """Every document in PostgreSQL equals its TinyDB original, awkward text included."""
    seed(data_dir, 300)
    migrate(data_dir, schema)

    async def all_docs(storage: PostgresStorage) -> dict[str, JsonDoc]:
        return {k: d async for k, d in storage.iter_users()}

    assert in_target(schema, all_docs) == {key_for(i): doc_for(i) for i in range(300)}


def test_history_records_are_copied_in_order(data_dir: Path, schema: str) -> None:
    """Each user's history records reach PostgreSQL equal and in their stored order."""
    seed(data_dir, 20)
    records = {key_for(i): [{"id": f"r{i}-{n}", "n": n} for n in range(i % 4)] for i in range(20)}

    async def add_history() -> None:
        storage = await TinyDBStorage.open(data_dir)
        for i in range(20):
            await storage.save_user(key_for(i), doc_for(i), append=records[key_for(i)])
        await storage.close()

    asyncio.run(add_history())
    code, output = migrate(data_dir, schema)
    assert code == 0, output
    found = in_target(schema, lambda s: s.load_histories(list(records)))
    assert found == {k: v for k, v in records.items() if v}


def test_global_collections_are_copied(data_dir: Path, schema: str) -> None:
    """Feedback counts, content gaps and audit events (with their day) arrive unchanged."""
    seed(data_dir, 3)
    migrate(data_dir, schema)

    async def globals_of(storage: PostgresStorage) -> tuple[Any, ...]:
        return (
            await storage.feedback_counts(),
            await storage.content_gaps(),
            await storage.audit_by_day(),
        )

    assert in_target(schema, globals_of) == (
        {
            "discharge_colour": {"helpful": 1, "not_helpful": 1},
            "itching": {"helpful": 1, "not_helpful": 0},
        },
        [{"text": "is this normal?", "lang": "en", "at": "2026-05-01T10:00:00Z"}],
        [
            (date(2026, 5, 2), {"action": "consent", "user": "abc"}),
            (date(2026, 5, 2), {"action": "export", "user": "abc"}),
        ],
    )


def test_verification_prints_counts_and_checksums(data_dir: Path, schema: str) -> None:
    """The report shows the user count and the same total sha256 for source and target."""
    seed(data_dir, 20)
    _, output = migrate(data_dir, schema)
    line = next(x for x in output.splitlines() if x.strip().startswith("users "))
    sums = [part for part in line.split() if len(part) == 64]
    assert ("20" in line.split(), len(sums), sums[0] == sums[1]) == (True, 2, True)


def test_a_second_run_copies_nothing_and_verifies(data_dir: Path, schema: str) -> None:
    """Re-running a finished migration skips every user and still exits 0."""
    seed(data_dir, 50)
    migrate(data_dir, schema)
    code, output = migrate(data_dir, schema)
    assert (code, "0 copied, 50 already there" in output) == (0, True)


def test_a_run_stopped_midway_resumes_where_it_stopped(
    data_dir: Path, schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a run dies on its third batch, the next run copies only the rest and verifies."""
    seed(data_dir, 1_200)
    real_save = PostgresStorage.save_users
    calls = {"n": 0}

    async def dies_on_third_batch(
        self: PostgresStorage, docs: Mapping[str, JsonDoc], histories: Any = None
    ) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise StorageError("connection lost")
        await real_save(self, docs, histories)

    monkeypatch.setattr(PostgresStorage, "save_users", dies_on_third_batch)
    first_code, _ = migrate(data_dir, schema, "--batch", "400")
    monkeypatch.undo()
    code, output = migrate(data_dir, schema, "--batch", "400")
    assert (first_code, code, "400 copied, 800 already there" in output) == (1, 0, True), output


def test_a_differing_target_document_is_a_conflict_and_kept(data_dir: Path, schema: str) -> None:
    """A user already in PostgreSQL with another document fails the run and is not replaced."""
    seed(data_dir, 10)

    async def diverge(storage: PostgresStorage) -> None:
        await storage.save_user(key_for(3), {"newer": True})

    in_target(schema, diverge)
    code, output = migrate(data_dir, schema)
    assert (code, "CONFLICT" in output) == (1, True)
    assert in_target(schema, lambda s: s.load_user(key_for(3))) == {"newer": True}


def test_overwrite_replaces_a_differing_target_document(data_dir: Path, schema: str) -> None:
    """With --overwrite the source document replaces the target's and the run verifies."""
    seed(data_dir, 10)

    async def diverge(storage: PostgresStorage) -> None:
        await storage.save_user(key_for(3), {"newer": True})

    in_target(schema, diverge)
    code, _ = migrate(data_dir, schema, "--overwrite")
    assert code == 0
    assert in_target(schema, lambda s: s.load_user(key_for(3))) == doc_for(3)


def test_a_document_altered_on_the_way_fails_verification(
    data_dir: Path, schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If what lands in PostgreSQL differs from the source, the checksums catch it (exit 1)."""
    seed(data_dir, 10)
    real_save = PostgresStorage.save_users

    async def alters_one(
        self: PostgresStorage, docs: Mapping[str, JsonDoc], histories: Any = None
    ) -> None:
        changed = dict(docs)
        changed[key_for(5)] = {**changed[key_for(5)], "n": -1}
        await real_save(self, changed, histories)

    monkeypatch.setattr(PostgresStorage, "save_users", alters_one)
    code, output = migrate(data_dir, schema)
    assert (code, "MISMATCH" in output) == (1, True)


def test_a_directory_in_use_by_the_bot_is_refused(data_dir: Path, schema: str) -> None:
    """While another holder has the data directory's lock, the command exits 1."""
    seed(data_dir, 1)

    async def run_while_locked() -> int:
        holder = await TinyDBStorage.open(data_dir)
        try:
            return await asyncio.to_thread(lambda: migrate(data_dir, schema)[0])
        finally:
            await holder.close()

    assert asyncio.run(run_while_locked()) == 1


def test_a_directory_that_is_not_a_data_directory_is_refused(tmp_path: Path, schema: str) -> None:
    """A path without format.json exits 1 and is left as it was (not initialised)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _ = migrate(empty, schema)
    assert (code, list(empty.iterdir())) == (1, [])


def test_no_database_url_is_a_usage_error(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --to-postgres and without BOT_DATABASE_URL the command exits 2."""
    monkeypatch.delenv("BOT_DATABASE_URL", raising=False)
    out = io.StringIO()
    assert run(["--from-tinydb", str(data_dir)], out, out) == 2


def test_the_output_never_shows_the_database_password(data_dir: Path, schema: str) -> None:
    """The report names no part of the URL's password."""
    seed(data_dir, 5)
    url = pg.database_url()
    assert url is not None
    password = url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
    _, output = migrate(data_dir, schema)
    assert password and password not in output
