"""deploy/backup.sh and deploy/restore.sh, run as the operator runs them (RELIABILITY D7).

Every test runs the real scripts as subprocesses over a real TinyDB data directory (or a
PostgreSQL database when BOT_TEST_DATABASE_URL is set): a snapshot restores to equal
documents, a live copy taken during a write burst restores to complete documents, the
encrypted form is not readable without the key, and retention removes every backup that
still holds an erased (canary) user once the window has passed ("time travel": the age of a
backup is its mtime, so older backups are made by setting it back).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from bot.domain.models import UserDoc
from bot.storage.base import JsonDoc
from bot.storage.postgres import PostgresStorage
from bot.storage.tinydb_store import TinyDBStorage
from tests.support import postgres as pg
from tests.support.hang_guard import PROCESS_GUARD

REPO = Path(__file__).resolve().parent.parent
BACKUP = REPO / "deploy" / "backup.sh"
RESTORE = REPO / "deploy" / "restore.sh"
DAY = 24 * 3600
GPG_UID = "test@example.invalid"
# Variables the scripts read; unset unless a test sets them, whatever the caller's shell has.
SCRIPT_VARS = ("BACKUP_GPG_RECIPIENT", "BACKUP_KEEP_DAYS", "BOT_DATABASE_URL", "GNUPGHOME")


def key(name: str) -> str:
    """An opaque hex user key, as the bot derives them."""
    return hashlib.sha256(name.encode()).hexdigest()[:32]


# The erased user: its key is the file name and a field of its document, so any copy of
# this user in an archive shows up as these bytes.
CANARY = key("canary")


def user(name: str, version: int = 0, padding: int = 0) -> UserDoc:
    """A valid user document; ``version`` tells successive saves of one user apart.

    ``padding`` more update ids make the file bigger (about 6 bytes each).
    """
    return UserDoc(
        key=key(name),
        chat_id=int(hashlib.sha256(name.encode()).hexdigest()[:8], 16),
        locale="en",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        consent_at=datetime(2026, 1, 1, tzinfo=UTC),
        processed_updates=[version, *range(1, padding + 1)],
    )


def dump(doc: UserDoc) -> JsonDoc:
    """The stored form of a user document."""
    return doc.model_dump(mode="json")


PEOPLE = ["ada", "grace", "canary", "linus"]
PADDING = 5000


def run(script: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a deploy script from the repository root, as root's cron would, with ``env`` added."""
    environ = {k: v for k, v in os.environ.items() if k not in SCRIPT_VARS}
    # The restore's full check imports the bot package with this interpreter.
    environ["BOT_PYTHON"] = sys.executable
    environ.update(env)
    return subprocess.run(
        [str(script), *map(str, args)],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=PROCESS_GUARD,
        check=False,
    )


def backup_ok(*args: str | Path, **env: str) -> Path:
    """Run backup.sh, require success, and return the file it reports on stdout."""
    result = run(BACKUP, *args, **env)
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip().splitlines()[-1])
    assert made.is_file()
    return made


def restore_ok(*args: str | Path, **env: str) -> None:
    """Run restore.sh and require success with the engine's full check having run."""
    result = run(RESTORE, *args, **env)
    assert result.returncode == 0, result.stderr
    assert "full check passed" in result.stderr


async def seed(data_dir: Path, docs: list[UserDoc]) -> None:
    """Create a data directory holding ``docs``; closed (the bot stopped) on return."""
    storage = await TinyDBStorage.open(data_dir)
    for doc in docs:
        await storage.save_user(doc.key, dump(doc))
    await storage.close()


async def stored(data_dir: Path) -> dict[str, JsonDoc]:
    """Every user document in a data directory, each one parsed and schema-validated."""
    storage = await TinyDBStorage.open(data_dir, check="full", validate=UserDoc.model_validate)
    try:
        return {k: doc async for k, doc in storage.iter_users()}
    finally:
        await storage.close()


def archive_bytes(path: Path) -> bytes:
    """Every member name and file content of a plain tinydb-*.tar.gz backup, concatenated."""
    out = io.BytesIO()
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            out.write(member.name.encode() + b"\n")
            extracted = archive.extractfile(member)
            if extracted is not None:
                out.write(extracted.read() + b"\n")
    return out.getvalue()


def age(path: Path, days: float) -> None:
    """Make a file look ``days`` old to the retention step (it goes by mtime)."""
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def aged_copy(backup: Path, stamp: str, days: float) -> Path:
    """A copy of a real backup under an older backup's name and age."""
    copy = backup.with_name(f"tinydb-{stamp}.tar.gz")
    shutil.copy2(backup, copy)
    age(copy, days)
    return copy


@pytest.fixture
async def seeded(tmp_path: Path) -> Path:
    """A stopped bot's data directory holding PEOPLE, the canary among them."""
    data = tmp_path / "data"
    await seed(data, [user(name) for name in PEOPLE])
    return data


# --- TinyDB: the stopped-bot snapshot -------------------------------------------------------


async def test_stopped_backup_restores_to_equal_documents(seeded: Path, tmp_path: Path) -> None:
    """A snapshot of a stopped bot's directory restores into a scratch directory unchanged."""
    archive = backup_ok("tinydb", seeded, tmp_path / "dest")
    restore_ok("tinydb", archive, tmp_path / "scratch")
    assert await stored(tmp_path / "scratch") == await stored(seeded)
    assert len(await stored(tmp_path / "scratch")) == len(PEOPLE)


async def test_stopped_backup_refuses_while_the_bot_holds_the_lock(
    seeded: Path, tmp_path: Path
) -> None:
    """While an engine holds the directory, the stopped mode exits non-zero and writes no file."""
    dest = tmp_path / "dest"
    storage = await TinyDBStorage.open(seeded)
    try:
        result = run(BACKUP, "tinydb", seeded, dest)
    finally:
        await storage.close()
    assert result.returncode != 0
    assert "holds" in result.stderr
    assert not dest.exists() or list(dest.iterdir()) == []


# --- TinyDB: the live copy during a write burst ----------------------------------------------


async def test_live_backup_during_a_write_burst_restores_complete_versions(
    tmp_path: Path,
) -> None:
    """Users saved and erased during --live each restore as one complete, valid saved version."""
    names = [f"user{i}" for i in range(60)]
    # Sign-ups that are erased again at once: files vanish while tar walks the directory.
    churn = [f"churn{i}" for i in range(20)]
    data = tmp_path / "data"
    # Big files keep tar inside users/ long enough for the writes to overlap its walk.
    await seed(data, [user(name, padding=PADDING) for name in names])
    written: dict[str, set[int]] = {key(name): {0} for name in names + churn}
    saves = 0
    done = asyncio.Event()

    async def burst(storage: TinyDBStorage) -> None:
        nonlocal saves
        version = 0
        while not done.is_set():
            version += 1
            for name in names:
                if done.is_set():
                    return
                written[key(name)].add(version)
                await storage.save_user(key(name), dump(user(name, version, PADDING)))
                saves += 1
            for name in churn:
                written[key(name)].add(version)
                await storage.save_user(key(name), dump(user(name, version, PADDING)))
                await storage.delete_user(key(name))

    storage = await TinyDBStorage.open(data)
    writer = asyncio.create_task(burst(storage))
    try:
        await asyncio.sleep(0.05)
        before = saves
        proc = await asyncio.create_subprocess_exec(
            str(BACKUP),
            "tinydb",
            "--live",
            str(data),
            str(tmp_path / "dest"),
            cwd=REPO,
            env={k: v for k, v in os.environ.items() if k not in SCRIPT_VARS},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await proc.communicate()
        during = saves - before
    finally:
        done.set()
        await writer
        await storage.close()

    assert proc.returncode == 0, err.decode()
    assert during > 0, "no save overlapped the backup"
    restore_ok("tinydb", out.decode().strip(), tmp_path / "scratch")
    restored = await stored(tmp_path / "scratch")
    assert {key(name) for name in names} <= set(restored) <= set(written)
    for name in names + churn:
        if key(name) in restored:
            version = restored[key(name)]["processed_updates"][0]
            assert version in written[key(name)]
            assert restored[key(name)] == dump(user(name, version, PADDING))


# --- encryption -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gnupghome() -> Iterator[str]:
    """A throwaway keyring holding one passphrase-less key pair for GPG_UID."""
    # Short and outside pytest's tmp tree: gpg-agent's socket path must fit in sun_path.
    home = tempfile.mkdtemp(prefix="gpg", dir="/tmp")
    env = {**os.environ, "GNUPGHOME": home}
    # algorithm, usage and expiry: gpg's defaults, never expiring.
    keygen = ["--quick-gen-key", GPG_UID, "default", "default", "never"]
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", *keygen],
        env=env,
        capture_output=True,
        check=True,
        timeout=PROCESS_GUARD,
    )
    yield home
    # Ends the agent this keyring started, and only that one.
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, capture_output=True, check=False)
    shutil.rmtree(home, ignore_errors=True)


def test_encrypted_backup_is_a_gpg_file_without_plain_data(
    seeded: Path, tmp_path: Path, gnupghome: str
) -> None:
    """With a recipient set, the only file written is a .gpg that is neither gzip nor plain text."""
    dest = tmp_path / "dest"
    made = backup_ok("tinydb", seeded, dest, BACKUP_GPG_RECIPIENT=GPG_UID, GNUPGHOME=gnupghome)
    assert made.name.endswith(".tar.gz.gpg")
    assert list(dest.iterdir()) == [made]
    raw = made.read_bytes()
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(raw)
    assert CANARY.encode() not in raw


async def test_encrypted_backup_restores_with_the_secret_key(
    seeded: Path, tmp_path: Path, gnupghome: str
) -> None:
    """restore.sh decrypts a .gpg backup with the local keyring and restores equal documents."""
    made = backup_ok(
        "tinydb", seeded, tmp_path / "dest", BACKUP_GPG_RECIPIENT=GPG_UID, GNUPGHOME=gnupghome
    )
    restore_ok("tinydb", made, tmp_path / "scratch", GNUPGHOME=gnupghome)
    assert await stored(tmp_path / "scratch") == await stored(seeded)


def test_encrypted_restore_leaves_no_decrypted_copy_behind(
    seeded: Path, tmp_path: Path, gnupghome: str
) -> None:
    """The plain archive decrypted during a restore is removed from the temporary directory."""
    made = backup_ok(
        "tinydb", seeded, tmp_path / "dest", BACKUP_GPG_RECIPIENT=GPG_UID, GNUPGHOME=gnupghome
    )
    scratch_tmp = tmp_path / "tmpdir"
    scratch_tmp.mkdir()
    restore_ok("tinydb", made, tmp_path / "scratch", GNUPGHOME=gnupghome, TMPDIR=str(scratch_tmp))
    assert list(scratch_tmp.iterdir()) == []


def test_failed_encryption_leaves_no_backup_file(
    seeded: Path, tmp_path: Path, gnupghome: str
) -> None:
    """An unknown recipient fails the backup and leaves nothing in DEST, above all no plain copy."""
    dest = tmp_path / "dest"
    result = run(
        BACKUP,
        "tinydb",
        seeded,
        dest,
        BACKUP_GPG_RECIPIENT="nobody@example.invalid",
        GNUPGHOME=gnupghome,
    )
    assert result.returncode != 0
    assert list(dest.iterdir()) == []


# --- retention: erasure reaches every backup --------------------------------------------------


async def test_erased_canary_is_in_no_backup_once_the_window_has_passed(
    seeded: Path, tmp_path: Path
) -> None:
    """After erasing the canary, the next backup past the window leaves no file that holds it."""
    dest = tmp_path / "dest"
    with_canary = backup_ok("tinydb", seeded, dest)
    old = [
        aged_copy(with_canary, "20250101T030000Z", 45),
        aged_copy(with_canary, "20250115T030000Z", 31),
    ]
    with_canary.unlink()
    assert all(CANARY.encode() in archive_bytes(path) for path in old)

    storage = await TinyDBStorage.open(seeded)
    assert await storage.delete_user(CANARY)
    await storage.close()
    new = backup_ok("tinydb", seeded, dest)

    assert list(dest.iterdir()) == [new]
    assert key("ada").encode() in archive_bytes(new)
    for path in dest.iterdir():
        assert CANARY.encode() not in archive_bytes(path)


def test_retention_keeps_backups_inside_the_window(seeded: Path, tmp_path: Path) -> None:
    """A 29-day-old backup survives the retention step while a 31-day-old one is deleted."""
    dest = tmp_path / "dest"
    first = backup_ok("tinydb", seeded, dest)
    young = aged_copy(first, "20250201T030000Z", 29)
    old = aged_copy(first, "20250130T030000Z", 31)
    first.unlink()
    backup_ok("tinydb", seeded, dest)
    assert young.exists()
    assert not old.exists()


def test_retention_window_follows_backup_keep_days(seeded: Path, tmp_path: Path) -> None:
    """With BACKUP_KEEP_DAYS=7 an 8-day-old backup is deleted and a 6-day-old one kept."""
    dest = tmp_path / "dest"
    first = backup_ok("tinydb", seeded, dest)
    young = aged_copy(first, "20250201T030000Z", 6)
    old = aged_copy(first, "20250130T030000Z", 8)
    first.unlink()
    backup_ok("tinydb", seeded, dest, BACKUP_KEEP_DAYS="7")
    assert young.exists()
    assert not old.exists()


def test_retention_deletes_only_backups_of_the_kind_being_made(
    seeded: Path, tmp_path: Path
) -> None:
    """A TinyDB backup leaves old PostgreSQL dumps and unrelated files in DEST alone."""
    dest = tmp_path / "dest"
    dest.mkdir()
    others = [dest / "postgres-20250101T030000Z.dump", dest / "README.txt"]
    for path in others:
        path.write_text("not a tinydb backup")
        age(path, 90)
    backup_ok("tinydb", seeded, dest)
    assert all(path.exists() for path in others)


def test_retention_deletes_a_backup_just_past_the_window(seeded: Path, tmp_path: Path) -> None:
    """A backup 30 days and 2 hours old is past the 30-day window and is deleted."""
    dest = tmp_path / "dest"
    first = backup_ok("tinydb", seeded, dest)
    old = aged_copy(first, "20250130T030000Z", 30 + 2 / 24)
    first.unlink()
    backup_ok("tinydb", seeded, dest)
    assert not old.exists()


# --- restore of a damaged archive ------------------------------------------------------------


def truncated_copy(backup: Path, tmp_path: Path) -> Path:
    """The first half of a backup, as a full disk or an interrupted copy leaves it."""
    damaged = tmp_path / "damaged" / backup.name
    damaged.parent.mkdir()
    raw = backup.read_bytes()
    damaged.write_bytes(raw[: len(raw) // 2])
    return damaged


async def big_data_dir(tmp_path: Path) -> Path:
    """A data directory large enough that half its archive still holds whole user files."""
    data = tmp_path / "data"
    await seed(data, [user(f"many{i}", version=i) for i in range(300)])
    return data


async def test_damaged_archive_is_refused_and_the_data_directory_kept(tmp_path: Path) -> None:
    """Restoring a truncated archive fails and leaves the current data directory as it was."""
    backup = backup_ok("tinydb", await big_data_dir(tmp_path), tmp_path / "dest")
    live = tmp_path / "live"
    await seed(live, [user("ada")])
    before = await stored(live)
    result = run(RESTORE, "tinydb", truncated_copy(backup, tmp_path), live)
    assert result.returncode != 0
    assert await stored(live) == before


async def test_damaged_archive_leaves_no_partial_copy_beside_the_data(tmp_path: Path) -> None:
    """A failed restore removes the staging directory it extracted into."""
    backup = backup_ok("tinydb", await big_data_dir(tmp_path), tmp_path / "dest")
    target = tmp_path / "restored" / "data"
    target.parent.mkdir()
    result = run(RESTORE, "tinydb", truncated_copy(backup, tmp_path), target)
    assert result.returncode != 0
    assert list(target.parent.iterdir()) == []


# --- PostgreSQL -----------------------------------------------------------------------------

needs_postgres = pytest.mark.skipif(
    pg.database_url() is None or not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason=f"{pg.SKIP_REASON}; and pg_dump/pg_restore must be on PATH",
)


@pytest.fixture
def fresh_databases() -> Iterator[tuple[str, str]]:
    """Connection strings of two new, empty databases on the test server (dropped afterwards).

    backup.sh dumps a whole database, so each side gets its own rather than a schema.
    """
    url = pg.database_url()
    assert url is not None
    names = [f"bk_{os.getpid()}_{i}_{int(time.time() * 1000) % 10**9}" for i in range(2)]
    with psycopg.connect(url, autocommit=True) as conn:
        for name in names:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        source, target = (psycopg.conninfo.make_conninfo(url, dbname=name) for name in names)
        yield source, target
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for name in names:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


@contextlib.asynccontextmanager
async def pg_storage(conninfo: str) -> AsyncIterator[PostgresStorage]:
    """An engine over a whole database (no schema), closed on exit."""
    storage = await PostgresStorage.open(conninfo, min_size=1, max_size=2)
    try:
        yield storage
    finally:
        await storage.close()


async def pg_users(conninfo: str) -> dict[str, JsonDoc]:
    """Every user document in a database, each validated against the user schema."""
    async with pg_storage(conninfo) as storage:
        docs = {k: doc async for k, doc in storage.iter_users()}
    for doc in docs.values():
        UserDoc.model_validate(doc)
    return docs


@needs_postgres
async def test_postgres_backup_restores_into_a_fresh_database(
    fresh_databases: tuple[str, str], tmp_path: Path
) -> None:
    """A backup.sh dump restored by restore.sh into an empty database holds equal users."""
    source, target = fresh_databases
    async with pg_storage(source) as storage:
        for name in PEOPLE:
            await storage.save_user(user(name).key, dump(user(name)))
    made = backup_ok("postgres", tmp_path / "dest", BOT_DATABASE_URL=source)
    assert made.name.startswith("postgres-") and made.name.endswith(".dump")

    result = run(RESTORE, "postgres", made, BOT_DATABASE_URL=target)
    assert result.returncode == 0, result.stderr
    restored = await pg_users(target)
    assert restored == await pg_users(source)
    assert set(restored) == {user(name).key for name in PEOPLE}
