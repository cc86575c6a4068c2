"""TinyDB engine specifics: permissions, the directory lock, start-up checks, full disks."""

from __future__ import annotations

import asyncio
import errno
import fcntl
import hashlib
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from tinydb import TinyDB

from bot.storage.base import (
    JsonDoc,
    StorageCorruptError,
    StorageError,
    StorageFullError,
    work_in_background,
)
from bot.storage.tinydb_store import StorageLockedError, TinyDBStorage

REPO = Path(__file__).resolve().parents[1]
ALICE = hashlib.sha256(b"alice").hexdigest()[:32]
BOB = hashlib.sha256(b"bob").hexdigest()[:32]
CANARY = "CANARY-BLEED-7f3a"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the engine under test keeps its files."""
    return tmp_path / "data"


@pytest.fixture
async def store(data_dir: Path) -> AsyncIterator[TinyDBStorage]:
    """An open engine over an empty data directory."""
    opened = await TinyDBStorage.open(data_dir)
    yield opened
    await opened.close()


async def seeded(data_dir: Path, **docs: JsonDoc) -> None:
    """Open, save the given users (by key), close."""
    storage = await TinyDBStorage.open(data_dir)
    for key, doc in docs.items():
        await storage.save_user(key, doc)
    await storage.close()


def user_file(data_dir: Path, key: str) -> Path:
    """The file that holds one user's document."""
    return data_dir / "users" / f"{key}.json"


def mode(path: Path) -> int:
    """Permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``, by relative path."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def temp_files(root: Path) -> list[Path]:
    """Leftover temporary files anywhere under ``root``."""
    return [p for p in root.rglob("*.tmp")]


async def test_data_directories_are_private(store: TinyDBStorage, data_dir: Path) -> None:
    """The data directory and its sub-directories are 0700."""
    assert [mode(d) for d in (data_dir, data_dir / "users", data_dir / "audit")] == [0o700] * 3


async def test_user_file_is_private(store: TinyDBStorage, data_dir: Path) -> None:
    """A user's file is 0600."""
    await store.save_user(ALICE, {"v": 1})
    assert mode(user_file(data_dir, ALICE)) == 0o600


async def test_global_files_are_private(store: TinyDBStorage, data_dir: Path) -> None:
    """Lock, format, feedback, content-gap, audit and sent-log files are all 0600."""
    await store.add_feedback("t", True)
    await store.add_content_gap("q", "en", "2026-05-01T00:00:00Z")
    await store.append_audit({"action": "consent"})
    await store.mark_sent(1)
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert len(files) == 6
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


async def test_files_stay_private_under_a_permissive_umask(data_dir: Path) -> None:
    """Even with umask 000 new files are 0600 and directories 0700."""
    old = os.umask(0)
    try:
        await seeded(data_dir, **{ALICE: {"v": 1}})
    finally:
        os.umask(old)
    assert (mode(data_dir), mode(user_file(data_dir, ALICE))) == (0o700, 0o600)


async def test_data_survives_close_and_reopen(data_dir: Path) -> None:
    """A document saved before close is served after the next open."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    storage = await TinyDBStorage.open(data_dir)
    try:
        assert await storage.load_user(ALICE) == {"v": 1}
    finally:
        await storage.close()


async def test_user_file_is_a_plain_tinydb_database(store: TinyDBStorage, data_dir: Path) -> None:
    """Stock TinyDB reads a user file: table "user", document id 1 is the document."""
    await store.save_user(ALICE, {"v": 1, "text": "ü"})
    db = TinyDB(user_file(data_dir, ALICE), access_mode="r")
    try:
        assert db.table("user").get(doc_id=1) == {"v": 1, "text": "ü"}
    finally:
        db.close()


async def test_second_open_in_the_same_process_is_refused(
    store: TinyDBStorage, data_dir: Path
) -> None:
    """While one engine owns the directory, another open raises StorageLockedError."""
    with pytest.raises(StorageLockedError, match="another instance holds the lock"):
        await TinyDBStorage.open(data_dir)


async def test_an_open_that_fails_midway_frees_the_lock_before_it_raises(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When preparing the data fails, the directory lock is already free once open raises."""

    def fails(self: TinyDBStorage, *args: object) -> None:
        raise StorageCorruptError("simulated bad file")

    monkeypatch.setattr(TinyDBStorage, "_prepare", fails)
    with pytest.raises(StorageCorruptError):
        await TinyDBStorage.open(data_dir)
    fd = os.open(data_dir / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


async def test_second_open_from_another_process_is_refused(
    store: TinyDBStorage, data_dir: Path
) -> None:
    """A second process gets StorageLockedError and changes no file."""
    await store.save_user(ALICE, {"v": 1})
    before = tree_digest(data_dir)
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from bot.storage.tinydb_store import StorageLockedError, TinyDBStorage\n"
        "async def main():\n"
        "    try:\n"
        "        s = await TinyDBStorage.open(Path(sys.argv[1]))\n"
        "    except StorageLockedError as exc:\n"
        "        print(exc)\n"
        "        sys.exit(3)\n"
        "    await s.close()\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert (result.returncode, "another instance holds the lock" in result.stdout) == (3, True)
    assert tree_digest(data_dir) == before


async def test_lock_is_released_by_close(data_dir: Path) -> None:
    """After close, the directory can be opened again."""
    first = await TinyDBStorage.open(data_dir)
    await first.close()
    second = await TinyDBStorage.open(data_dir)
    await second.close()


async def test_stray_temp_files_are_removed_on_open(data_dir: Path) -> None:
    """Temp files left by a crash (in every directory) are gone after open."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    for directory in (data_dir, data_dir / "users", data_dir / "audit"):
        (directory / f".{ALICE}.json.x1y2z3.tmp").write_text('{"user": {"1": {"v": 2')
    storage = await TinyDBStorage.open(data_dir)
    await storage.close()
    assert temp_files(data_dir) == []


async def test_stray_temp_files_do_not_count_as_users(store: TinyDBStorage, data_dir: Path) -> None:
    """A temp file or a foreign file in users/ is not counted or iterated as a user."""
    await store.save_user(ALICE, {"v": 1})
    (data_dir / "users" / f".{BOB}.json.abc.tmp").write_text("{}")
    (data_dir / "users" / "README").write_text("not a user")
    assert (await store.count_users(), [k async for k, _ in store.iter_users()]) == (1, [ALICE])


async def test_truncated_user_file_makes_open_raise_naming_the_file(data_dir: Path) -> None:
    """A user file cut off mid-JSON makes open raise StorageCorruptError naming that file."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    path = user_file(data_dir, ALICE)
    path.write_bytes(path.read_bytes()[:-5])
    with pytest.raises(StorageCorruptError, match=f"users/{ALICE}.json"):
        await TinyDBStorage.open(data_dir)


async def test_corrupt_user_file_is_left_byte_identical(data_dir: Path) -> None:
    """A failed open changes no byte of the data directory."""
    docs: dict[str, JsonDoc] = {ALICE: {"text": CANARY}, BOB: {"v": 2}}
    await seeded(data_dir, **docs)
    path = user_file(data_dir, ALICE)
    path.write_bytes(path.read_bytes()[:-5])
    before = tree_digest(data_dir)
    with pytest.raises(StorageCorruptError):
        await TinyDBStorage.open(data_dir)
    assert tree_digest(data_dir) == before


async def test_corruption_error_does_not_carry_the_content(data_dir: Path) -> None:
    """The error message names the file but quotes none of its content."""
    await seeded(data_dir, **{ALICE: {"text": CANARY}})
    path = user_file(data_dir, ALICE)
    path.write_bytes(path.read_bytes()[:-5])
    with pytest.raises(StorageCorruptError) as info:
        await TinyDBStorage.open(data_dir)
    assert CANARY not in repr(info.value) + repr(info.value.__cause__)


async def test_user_file_of_the_wrong_shape_makes_open_raise(data_dir: Path) -> None:
    """Valid JSON that is not a one-document user database is corrupt too."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    user_file(data_dir, ALICE).write_text('{"user": []}')
    with pytest.raises(StorageCorruptError, match=ALICE):
        await TinyDBStorage.open(data_dir)


async def test_failed_open_releases_the_lock(data_dir: Path) -> None:
    """After open refused corrupt data, a restored directory opens in the same process."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    path = user_file(data_dir, ALICE)
    good = path.read_bytes()
    path.write_bytes(good[:-5])
    with pytest.raises(StorageCorruptError):
        await TinyDBStorage.open(data_dir)
    path.write_bytes(good)
    storage = await TinyDBStorage.open(data_dir)
    await storage.close()


@pytest.mark.parametrize("name", ["feedback.json", "content_gaps.json", "format.json"])
async def test_corrupt_global_file_makes_open_raise(data_dir: Path, name: str) -> None:
    """A truncated global file makes open raise StorageCorruptError naming it."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.add_feedback("t", True)
    await storage.add_content_gap("q", "en", "2026-05-01T00:00:00Z")
    await storage.close()
    path = data_dir / name
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(StorageCorruptError, match=name):
        await TinyDBStorage.open(data_dir)


async def test_corrupt_audit_segment_makes_open_raise(data_dir: Path) -> None:
    """A truncated audit segment makes open raise StorageCorruptError naming it."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.append_audit({"action": "consent"})
    await storage.close()
    (segment,) = (data_dir / "audit").iterdir()
    segment.write_bytes(segment.read_bytes()[:-3])
    with pytest.raises(StorageCorruptError, match=f"audit/{segment.name}"):
        await TinyDBStorage.open(data_dir)


async def test_quick_check_still_refuses_a_corrupt_file_on_read(data_dir: Path) -> None:
    """With the quick check, a corrupt file that was not sampled is refused when read."""
    storage = await TinyDBStorage.open(data_dir, check="quick")
    try:
        user_file(data_dir, ALICE).write_text('{"user": {"1": {"v"')
        with pytest.raises(StorageCorruptError, match=ALICE):
            await storage.load_user(ALICE)
    finally:
        await storage.close()


async def test_save_over_a_corrupt_file_is_refused_and_changes_nothing(
    store: TinyDBStorage, data_dir: Path
) -> None:
    """A save never overwrites a user file that no longer parses (it is evidence for restore)."""
    path = user_file(data_dir, ALICE)
    path.write_text('{"user": {"1": {"v"')
    with pytest.raises(StorageCorruptError):
        await store.save_user(ALICE, {"v": 2})
    assert path.read_text() == '{"user": {"1": {"v"'


async def test_a_save_after_a_load_does_not_read_the_file_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A turn (load, then save) reads the user's file once: the save trusts what it parsed,
    and the next turn's load finds the saved state in memory."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    storage = await TinyDBStorage.open(data_dir)
    reads: list[str] = []
    real_read_bytes = Path.read_bytes

    def counting_read_bytes(path: Path) -> bytes:
        reads.append(path.name)
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    try:
        await storage.load_user(ALICE)
        await storage.save_user(ALICE, {"v": 2})
        assert (await storage.load_user(ALICE), reads) == ({"v": 2}, [f"{ALICE}.json"])
    finally:
        await storage.close()


async def test_a_load_after_a_save_does_not_wait_for_the_worker_thread(
    store: TinyDBStorage,
) -> None:
    """A user's next turn loads the state saved last from memory, even while the worker is busy
    with other users' writes."""
    await store.save_user(ALICE, {"v": 1})
    release = threading.Event()
    assert store._executor is not None
    busy = asyncio.get_running_loop().run_in_executor(store._executor, release.wait, 10)
    try:
        assert await asyncio.wait_for(store.load_user(ALICE), 5) == {"v": 1}
    finally:
        release.set()
        await busy


async def test_a_failed_save_makes_the_next_load_read_the_file(
    store: TinyDBStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a save that failed, the state kept in memory is not served: the file is read."""
    await store.save_user(ALICE, {"v": 1})

    def failing_write(*args: object) -> None:
        raise StorageFullError("simulated full disk")

    monkeypatch.setattr(store, "_write_state", failing_write)
    with pytest.raises(StorageFullError):
        await store.save_user(ALICE, {"v": 2})
    monkeypatch.undo()
    loads: list[str] = []
    real_load = store._load_user

    def counting_load(key: str) -> JsonDoc | None:
        loads.append(key)
        return real_load(key)

    monkeypatch.setattr(store, "_load_user", counting_load)
    assert (await store.load_user(ALICE), loads) == ({"v": 1}, [ALICE])


async def test_an_erased_user_is_not_served_from_memory(store: TinyDBStorage) -> None:
    """After delete_user, loading the user finds nothing."""
    await store.save_user(ALICE, {"v": 1})
    await store.delete_user(ALICE)
    assert await store.load_user(ALICE) is None


async def test_a_file_corrupted_after_the_start_up_check_is_still_refused_on_save(
    data_dir: Path,
) -> None:
    """Only a load or save vouches for a file: the start-up check's read does not."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    path = user_file(data_dir, ALICE)
    storage = await TinyDBStorage.open(data_dir, check="full")
    try:
        path.write_text('{"user": {"1": {"v"')
        with pytest.raises(StorageCorruptError):
            await storage.save_user(ALICE, {"v": 2})
    finally:
        await storage.close()
    assert path.read_text() == '{"user": {"1": {"v"'


async def test_delete_erases_even_a_corrupt_file(store: TinyDBStorage, data_dir: Path) -> None:
    """Erasure works on a file that does not parse (the right to erasure does not wait)."""
    user_file(data_dir, ALICE).write_text("{")
    assert (await store.delete_user(ALICE), user_file(data_dir, ALICE).exists()) == (True, False)


async def test_unformatted_non_empty_directory_is_refused_untouched(data_dir: Path) -> None:
    """A directory with files but no format.json is neither initialised nor changed."""
    data_dir.mkdir()
    (data_dir / "db.json").write_text('{"_default": {}}')
    before = tree_digest(data_dir)
    with pytest.raises(StorageCorruptError, match="refusing to initialise"):
        await TinyDBStorage.open(data_dir)
    assert {k: v for k, v in tree_digest(data_dir).items() if k != ".lock"} == before


async def test_missing_users_directory_is_refused(data_dir: Path) -> None:
    """An initialised directory whose users/ vanished is corrupt, not re-created empty."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    user_file(data_dir, ALICE).unlink()
    (data_dir / "users").rmdir()
    with pytest.raises(StorageCorruptError, match="users/"):
        await TinyDBStorage.open(data_dir)


def enospc_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every os.write fail as on a full disk."""

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)


async def test_enospc_during_save_raises_storage_full(
    store: TinyDBStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while writing raises StorageFullError."""
    enospc_on_write(monkeypatch)
    with pytest.raises(StorageFullError):
        await store.save_user(ALICE, {"v": 1})


async def test_enospc_leaves_the_previous_file_parsing_and_equal(
    store: TinyDBStorage, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After ENOSPC the user file still parses as JSON and holds the old document."""
    await store.save_user(ALICE, {"v": 1, "checkins": list(range(100))})
    enospc_on_write(monkeypatch)
    with pytest.raises(StorageFullError):
        await store.save_user(ALICE, {"v": 2, "checkins": list(range(200))})
    monkeypatch.undo()
    with user_file(data_dir, ALICE).open() as handle:
        assert json.load(handle) == {"user": {"1": {"v": 1, "checkins": list(range(100))}}}


async def test_enospc_leaves_no_temp_file(
    store: TinyDBStorage, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed write removes its temporary file."""
    await store.save_user(ALICE, {"v": 1})
    enospc_on_write(monkeypatch)
    with pytest.raises(StorageFullError):
        await store.save_user(ALICE, {"v": 2})
    monkeypatch.undo()
    assert temp_files(data_dir) == []


async def test_enospc_on_a_global_file_raises_storage_full(
    store: TinyDBStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while appending an audit event raises StorageFullError too."""
    enospc_on_write(monkeypatch)
    with pytest.raises(StorageFullError):
        await store.append_audit({"action": "consent"})


async def test_other_io_errors_are_storage_errors_without_paths(
    store: TinyDBStorage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An EIO while writing raises StorageError whose message holds no directory path."""

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error", str(tmp_path))

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(StorageError) as info:
        await store.save_user(ALICE, {"v": 1})
    assert not isinstance(info.value, StorageFullError)
    assert str(tmp_path) not in str(info.value)


async def test_a_slow_disk_does_not_block_the_event_loop(
    store: TinyDBStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a save waits on fsync, other tasks on the loop keep running: the fsync waits until
    a task on the loop has run 20 times (it would wait in vain if the loop were blocked)."""
    real_fsync = os.fsync
    loop_ran = threading.Event()
    waits: list[bool] = []

    def slow_fsync(fd: int) -> None:
        waits.append(loop_ran.wait(timeout=60))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)

    async def ticker() -> None:
        for _ in range(20):
            await asyncio.sleep(0.01)
        loop_ran.set()

    task = asyncio.create_task(ticker())
    await store.save_user(ALICE, {"v": 1})
    task.cancel()
    assert waits and all(waits)


async def test_all_file_io_runs_in_one_worker_thread(
    store: TinyDBStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Concurrent saves of different users all fsync from one thread that is not the loop's."""
    real_fsync = os.fsync
    threads: set[int] = set()

    def recording_fsync(fd: int) -> None:
        threads.add(threading.get_ident())
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    keys = [hashlib.sha256(str(i).encode()).hexdigest()[:32] for i in range(20)]
    await asyncio.gather(*(store.save_user(k, {"v": 1}) for k in keys))
    assert len(threads) == 1 and threading.get_ident() not in threads


async def test_a_turn_waits_behind_at_most_one_background_job(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a fan-out has many reads to do, a user's load runs after at most one of them."""
    keys = [hashlib.sha256(str(i).encode()).hexdigest()[:32] for i in range(10)]
    # Saved by an earlier process: every load reads its file.
    await seeded(data_dir, **{k: {"v": 1} for k in [*keys, ALICE]})
    store = await TinyDBStorage.open(data_dir)
    order: list[str] = []
    release = threading.Event()
    real_load = store._load_user

    def recording_load(key: str) -> JsonDoc | None:
        if not order:
            release.wait(5)  # the worker is busy with the first background read
        order.append(key)
        return real_load(key)

    monkeypatch.setattr(store, "_load_user", recording_load)

    async def fan_out() -> None:
        work_in_background()
        await asyncio.gather(*(store.load_user(k) for k in keys))

    try:
        background = asyncio.create_task(fan_out())
        await asyncio.sleep(0.05)
        turn = asyncio.create_task(store.load_user(ALICE))
        await asyncio.sleep(0.05)
        release.set()
        await asyncio.gather(background, turn)
    finally:
        await store.close()
    assert order.index(ALICE) == 1


async def test_user_lock_table_is_emptied_when_unused(store: TinyDBStorage) -> None:
    """Per-key locks are dropped once no task holds or waits for them."""

    async def hold(key: str) -> None:
        async with store.user_lock(key):
            await asyncio.sleep(0)

    await asyncio.gather(*(hold(k) for k in [ALICE, BOB, ALICE, ALICE]))
    assert len(store._locks) == 0


async def test_content_gaps_keep_only_the_newest(data_dir: Path) -> None:
    """Beyond max_content_gaps the oldest unmatched questions are dropped."""
    storage = await TinyDBStorage.open(data_dir, max_content_gaps=3)
    try:
        for i in range(5):
            await storage.add_content_gap(f"q{i}", "en", f"2026-05-01T00:00:0{i}Z")
        assert [g["text"] for g in await storage.content_gaps()] == ["q2", "q3", "q4"]
    finally:
        await storage.close()


class FakeClock:
    """A settable UTC clock."""

    def __init__(self, now: datetime) -> None:
        """Start at ``now``."""
        self.now = now

    def __call__(self) -> datetime:
        """The current fake time."""
        return self.now


async def test_audit_is_split_into_one_file_per_utc_day(data_dir: Path) -> None:
    """Events land in audit/<UTC date>.json, one file per day."""
    clock = FakeClock(datetime(2026, 5, 1, 23, 0, tzinfo=UTC))
    storage = await TinyDBStorage.open(data_dir, clock=clock)
    await storage.append_audit({"action": "a"})
    clock.now = datetime(2026, 5, 2, 0, 30, tzinfo=UTC)
    await storage.append_audit({"action": "b"})
    await storage.close()
    assert sorted(p.name for p in (data_dir / "audit").iterdir()) == [
        "2026-05-01.json",
        "2026-05-02.json",
    ]


async def test_audit_events_span_days_in_order(data_dir: Path) -> None:
    """audit_events returns events from all days, oldest day first."""
    clock = FakeClock(datetime(2026, 5, 2, 12, 0, tzinfo=UTC))
    storage = await TinyDBStorage.open(data_dir, clock=clock)
    try:
        await storage.append_audit({"action": "a"})
        clock.now = datetime(2026, 5, 3, 12, 0, tzinfo=UTC)
        await storage.append_audit({"action": "b"})
        await storage.append_audit({"action": "c"})
        assert [e["action"] for e in await storage.audit_events()] == ["a", "b", "c"]
    finally:
        await storage.close()


async def test_drop_audit_before_removes_only_older_days(data_dir: Path) -> None:
    """Retention drops whole days before the cut-off and keeps the rest."""
    clock = FakeClock(datetime(2026, 5, 1, 12, 0, tzinfo=UTC))
    storage = await TinyDBStorage.open(data_dir, clock=clock)
    try:
        for day in (1, 2, 3):
            clock.now = datetime(2026, 5, day, 12, 0, tzinfo=UTC)
            await storage.append_audit({"day": day})
        assert await storage.drop_audit_before(date(2026, 5, 3)) == 2
        assert await storage.audit_events() == [{"day": 3}]
    finally:
        await storage.close()


async def test_keys_are_refused_before_any_file_is_touched(
    store: TinyDBStorage, data_dir: Path
) -> None:
    """A traversal key raises ValueError and creates nothing outside users/."""
    before = tree_digest(data_dir.parent)
    with pytest.raises(ValueError):
        await store.save_user("../../" + ALICE, {"v": 1})
    assert tree_digest(data_dir.parent) == before


async def test_full_check_parses_users_beyond_the_quick_sample(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check="full" finds a corrupt user file even when the quick sample would skip it."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    user_file(data_dir, ALICE).write_text("{")
    monkeypatch.setattr("bot.storage.tinydb_store.QUICK_CHECK_SAMPLE", 0)
    with pytest.raises(StorageCorruptError, match=ALICE):
        await TinyDBStorage.open(data_dir, check="full")


async def test_empty_user_file_is_corrupt_not_absent(store: TinyDBStorage, data_dir: Path) -> None:
    """A zero-byte user file raises StorageCorruptError rather than reading as a new user."""
    user_file(data_dir, ALICE).write_bytes(b"")
    with pytest.raises(StorageCorruptError, match=ALICE):
        await store.load_user(ALICE)


def _needs_version(doc: JsonDoc) -> None:
    """A stand-in schema: documents must carry an integer "v"."""
    if not isinstance(doc.get("v"), int):
        raise ValueError(f"bad document {doc!r}")


async def test_a_document_failing_the_schema_refuses_the_open_without_its_content(
    data_dir: Path,
) -> None:
    """A user file that parses but fails ``validate`` stops the open, naming the file only."""
    await seeded(data_dir, **{ALICE: {"v": "secret-value"}})
    with pytest.raises(StorageCorruptError, match=ALICE) as caught:
        await TinyDBStorage.open(data_dir, validate=_needs_version)
    assert "secret-value" not in str(caught.value)


async def test_documents_passing_the_schema_open_normally(data_dir: Path) -> None:
    """``validate`` accepting every document lets the engine open and serve them."""
    await seeded(data_dir, **{ALICE: {"v": 1}})
    storage = await TinyDBStorage.open(data_dir, validate=_needs_version)
    try:
        assert await storage.load_user(ALICE) == {"v": 1}
    finally:
        await storage.close()


async def test_a_first_start_killed_before_format_json_can_start_again(tmp_path: Path) -> None:
    """Empty users/ and audit/ without format.json (a kill during the first start) are reused."""
    data_dir = tmp_path / "fresh"
    (data_dir / "users").mkdir(parents=True)
    (data_dir / "audit").mkdir()
    storage = await TinyDBStorage.open(data_dir)
    try:
        await storage.save_user(ALICE, {"v": 1})
        assert await storage.load_user(ALICE) == {"v": 1}
    finally:
        await storage.close()


async def test_a_directory_with_user_files_but_no_format_json_is_refused(tmp_path: Path) -> None:
    """users/ holding a file without format.json is not ours to initialise over."""
    data_dir = tmp_path / "odd"
    (data_dir / "users").mkdir(parents=True)
    (data_dir / "users" / "x.json").write_text("{}")
    with pytest.raises(StorageCorruptError, match="refusing to initialise"):
        await TinyDBStorage.open(data_dir)


async def test_sent_marks_survive_a_restart(data_dir: Path) -> None:
    """A mark written before the process ended is known after the directory is reopened."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.mark_sent(4242)
    await storage.close()
    again = await TinyDBStorage.open(data_dir)
    try:
        assert await again.was_sent(4242)
    finally:
        await again.close()


async def test_a_damaged_sent_log_line_is_skipped_not_fatal(data_dir: Path) -> None:
    """A line cut short or garbled in sent.log is ignored; the other marks still count."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.mark_sent(5151)
    await storage.close()
    with (data_dir / "sent.log").open("a", encoding="ascii") as log_file:
        log_file.write("9999 not-a-time\n12")
    again = await TinyDBStorage.open(data_dir)
    try:
        assert await again.was_sent(5151)
        assert not await again.was_sent(9999)
    finally:
        await again.close()


async def test_a_mark_after_a_cut_short_line_is_not_glued_onto_it(data_dir: Path) -> None:
    """A last line cut short by a power cut is ended first, so a new mark stays its own id."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.close()
    (data_dir / "sent.log").write_text("12", encoding="ascii")
    again = await TinyDBStorage.open(data_dir)
    await again.mark_sent(345)
    await again.close()
    last = await TinyDBStorage.open(data_dir)
    try:
        assert await last.was_sent(345)
        assert not await last.was_sent(12345)
    finally:
        await last.close()


async def test_pruned_marks_stay_forgotten_after_a_restart(data_dir: Path) -> None:
    """prune_sent rewrites the log, so a forgotten mark does not come back on reopening."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.mark_sent(6161)
    assert await storage.prune_sent(datetime.now(UTC) + timedelta(hours=1)) == 1
    await storage.mark_sent(6262)
    await storage.close()
    again = await TinyDBStorage.open(data_dir)
    try:
        assert not await again.was_sent(6161)
        assert await again.was_sent(6262)
    finally:
        await again.close()


async def test_a_mark_is_written_without_waiting_for_the_worker_thread(
    store: TinyDBStorage, data_dir: Path
) -> None:
    """mark_sent appends its line at once, even while the worker is busy with other writes."""
    release = threading.Event()
    assert store._executor is not None
    busy = asyncio.get_running_loop().run_in_executor(store._executor, release.wait, 10)
    try:
        await asyncio.wait_for(store.mark_sent(7171), 5)
        lines = (data_dir / "sent.log").read_text(encoding="ascii").split()
    finally:
        release.set()
        await busy
    assert "7171" in lines


async def test_a_mark_made_while_the_log_is_compacted_is_kept(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mark appended while prune_sent writes the new log is in the log that replaces it."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.mark_sent(8181)
    real_fsync = os.fsync
    marked: list[int] = []

    def fsync_then_mark(fd: int) -> None:
        real_fsync(fd)
        if not marked:  # the new log's fsync: a turn marks its update meanwhile
            marked.append(8282)
            storage._mark_sent(8282, datetime.now(UTC))

    monkeypatch.setattr(os, "fsync", fsync_then_mark)
    assert await storage.prune_sent(datetime.now(UTC) + timedelta(hours=1)) == 1
    monkeypatch.undo()
    await storage.close()
    again = await TinyDBStorage.open(data_dir)
    try:
        assert (await again.was_sent(8282), await again.was_sent(8181)) == (True, False)
    finally:
        await again.close()


async def test_the_full_check_reads_every_history_and_the_quick_one_does_not(
    data_dir: Path,
) -> None:
    """A history file with a broken line stops a full check; the quick check opens anyway."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.save_user(ALICE, {"v": 1}, append=[{"id": "r1"}])
    await storage.close()
    with (data_dir / "history" / f"{ALICE}.jsonl").open("ab") as handle:
        handle.write(b"{not json\n")
    quick = await TinyDBStorage.open(data_dir, check="quick")
    await quick.close()
    with pytest.raises(StorageCorruptError):
        await TinyDBStorage.open(data_dir, check="full")


async def test_a_history_whose_state_is_gone_is_removed_at_open(data_dir: Path) -> None:
    """An erasure cut short after the state went (never before) leaves nothing after a restart."""
    storage = await TinyDBStorage.open(data_dir)
    await storage.save_user(ALICE, {"v": 1}, append=[{"id": "r1"}])
    await storage.close()
    user_file(data_dir, ALICE).unlink()
    reopened = await TinyDBStorage.open(data_dir)
    await reopened.close()
    assert list((data_dir / "history").iterdir()) == []


async def test_a_last_line_cut_short_by_a_crash_is_ignored_and_cut_off(data_dir: Path) -> None:
    """A torn last history line is not read, and the next append does not glue onto it."""
    storage = await TinyDBStorage.open(data_dir)
    try:
        await storage.save_user(ALICE, {"v": 1}, append=[{"id": "r1"}])
        with (data_dir / "history" / f"{ALICE}.jsonl").open("ab") as handle:
            handle.write(b'{"id":"r2","ha')
        assert await storage.load_history(ALICE) == [{"id": "r1"}]
        await storage.save_user(ALICE, {"v": 2}, append=[{"id": "r3"}])
        assert await storage.load_history(ALICE) == [{"id": "r1"}, {"id": "r3"}]
    finally:
        await storage.close()
