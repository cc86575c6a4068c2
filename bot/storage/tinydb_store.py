"""The embedded default engine: one small TinyDB file per user, written atomically.

Layout of the data directory (0700; every file 0600)::

    .lock                 flock'd by the one process that owns the directory (D4)
    format.json           {"engine": "tinydb-per-user", "version": 2}: an initialised directory
    users/<key>.json      one TinyDB database per user: table "user", document id 1 (the state)
    history/<key>.jsonl   the user's history records, one JSON object per line, oldest first:
                          completing a check-in appends (and fsyncs) one line; removing a
                          record rewrites the file atomically. A last line without its
                          newline is a write cut short by a crash (never acknowledged): it is
                          ignored, and cut off before the next append.
    feedback.json         TinyDB, table "feedback": one document per FAQ topic (bounded by topics)
    content_gaps.json     TinyDB, table "gaps": the newest ``max_content_gaps`` unmatched questions
    audit/<YYYY-MM-DD>.json  TinyDB, table "audit": that UTC day's events, never rewritten later
    sent.log              "<update id> <unix time>" per line: updates whose replies went out.
                          Appended without fsync (a mark lost to a power cut only means a reply
                          may be sent again), from the event loop's thread: one small write
                          to the page cache, as a log line is; unreadable lines are ignored;
                          compacted on prune.

A directory of version 1 (check-ins inside ``users/<key>.json``) is moved to this layout at
open (``bot.storage.history_layout``), resumably, and verified by counts and checksums.

Why this shape: one file per user makes a save cost the same with 10 or 100,000 users (a
single TinyDB file costs 371 ms per insert at 100k records, F4), and a crash can only ever
affect the one file being replaced, which the atomic write rules out anyway (F1, D2). The
audit log is split per day so an append rewrites only today's file and retention deletes
whole days. All blocking I/O runs in one worker thread, which both keeps the event loop free
(R8) and serialises every write in the process (D5); the sent log's unsynced appends are the
one exception (see above). Work marked as background
(``work_in_background``: reminders, the purge) has at most one job queued in that thread at
a time, so a user's turn never waits behind a fan-out's worth of reads and writes.

A turn costs one trip to the worker thread, its save: the state a turn saved is kept in memory
(the last ``STATE_CACHE`` users), and the next turn of that user loads it from there. The
directory lock means no other process changes the file meanwhile; a failed save forgets the
user, so the next load reads the file again.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import random
import re
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from tinydb import Query, TinyDB
from tinydb.operations import increment
from tinydb.table import Table

from bot.storage.atomic import (
    FILE_MODE,
    AtomicJSONStorage,
    SyncedDir,
    atomic_write_bytes,
    dump_json,
    ensure_private_dir,
    fsync_dir,
    parse_json,
    pending_replacement,
    read_json_file,
    remove_stray_temp_files,
    storage_error,
)
from bot.storage.base import (
    START_UP_SAMPLE,
    DocValidator,
    JsonDoc,
    JsonText,
    StorageCorruptError,
    StorageError,
    check_schema,
    in_background,
)
from bot.storage.history_layout import records_checksum, split_legacy
from bot.storage.jsonl import append_lines, read_records, rewrite_records, truncate_to
from bot.storage.memory import (
    DEFAULT_MAX_CONTENT_GAPS,
    USER_KEY_RE,
    KeyedLocks,
    SentMarks,
    check_user_key,
    doc_text,
    json_text,
    record_texts,
    swap_under_lock,
)

T = TypeVar("T")
log = logging.getLogger("bot.storage")
CheckMode = Literal["full", "quick"]

FORMAT: dict[str, Any] = {"engine": "tinydb-per-user", "version": 2}
FORMAT_V1: dict[str, Any] = {"engine": "tinydb-per-user", "version": 1}
LOCK_NAME = ".lock"
FORMAT_NAME = "format.json"
USERS_DIR = "users"
HISTORY_DIR = "history"
HISTORY_SUFFIX = ".jsonl"
AUDIT_DIR = "audit"
FEEDBACK_NAME = "feedback.json"
GAPS_NAME = "content_gaps.json"
SENT_NAME = "sent.log"
# Per user moved to version 2: "<key> <records> <sha256>"; removed once the move is verified.
MIGRATION_LOG = "migrate-v2.log"
USER_TABLE = "user"
USER_DOC_ID = "1"
QUICK_CHECK_SAMPLE = START_UP_SAMPLE
ITER_BATCH = 16  # one worker job each: a turn's I/O may wait behind one batch
INTACT_KEYS = 4096
# States kept in memory after their save (a few KB each): a turn's load finds the state its
# user's previous turn saved, without a trip to the worker thread.
STATE_CACHE = 512

_USER_FILE_RE = re.compile(rf"({USER_KEY_RE.pattern})\.json")
_HISTORY_FILE_RE = re.compile(rf"({USER_KEY_RE.pattern})\.jsonl")
_AUDIT_FILE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\.json")


class StorageLockedError(StorageError):
    """Another process holds the data directory's lock; this one must not touch the data."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _user_doc(data: Any, what: str) -> JsonDoc:
    """Pull the user document out of a parsed user file, or raise StorageCorruptError."""
    if not isinstance(data, dict) or set(data) != {USER_TABLE}:
        raise StorageCorruptError(f"{what} is not a user file (expected one table '{USER_TABLE}')")
    table = data[USER_TABLE]
    if not isinstance(table, dict) or set(table) != {USER_DOC_ID}:
        raise StorageCorruptError(f"{what} is not a user file (expected one document)")
    doc = table[USER_DOC_ID]
    if not isinstance(doc, dict):
        raise StorageCorruptError(f"{what} is not a user file (document is not an object)")
    return doc


def _check_tinydb_shape(data: Any, what: str) -> None:
    """Raise StorageCorruptError unless ``data`` looks like a TinyDB database."""
    if data is None:
        return
    if not isinstance(data, dict):
        raise StorageCorruptError(f"{what} is not a TinyDB database (not an object)")
    for table in data.values():
        if not isinstance(table, dict):
            raise StorageCorruptError(f"{what} is not a TinyDB database (table not an object)")
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise StorageCorruptError(f"{what} is not a TinyDB database (bad document)")


def _sorted_docs(table: Table) -> list[JsonDoc]:
    return [dict(doc) for doc in sorted(table.all(), key=lambda doc: int(doc.doc_id))]


def read_users(data_dir: Path) -> Iterator[tuple[str, JsonDoc]]:
    """Every (key, document) stored in ``data_dir`` when the listing is taken, read without
    the directory's lock: for a reader in another process than the one that owns it (the
    reminder index's start-up rebuild). Files are replaced atomically, so each read sees a
    whole document; a user erased since the listing is left out. StorageCorruptError for a
    file that does not parse, as ``iter_users``."""
    reader = TinyDBStorage(data_dir)
    keys = reader._list_keys()
    for start in range(0, len(keys), ITER_BATCH):
        yield from reader._read_batch(keys[start : start + ITER_BATCH])


class TinyDBStorage:
    """Per-user TinyDB files under one locked data directory. Create with ``await open(...)``."""

    shared = False  # the directory lock admits one process

    def __init__(
        self,
        data_dir: Path,
        *,
        max_content_gaps: int = DEFAULT_MAX_CONTENT_GAPS,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        """Describe an engine over ``data_dir``; it does nothing until opened."""
        self._dir = Path(data_dir)
        self._users_dir = self._dir / USERS_DIR
        self._history_dir = self._dir / HISTORY_DIR
        self._audit_dir = self._dir / AUDIT_DIR
        self._max_content_gaps = max_content_gaps
        self._clock = clock
        self._locks = KeyedLocks()
        self._executor: ThreadPoolExecutor | None = None
        self._lock_fd: int | None = None
        self._feedback_db: TinyDB | None = None
        self._gaps_db: TinyDB | None = None
        self._sent = SentMarks()
        self._background_gate = asyncio.Semaphore(1)
        # Users whose file this process loaded or saved lately (worker thread only, newest
        # last): the directory lock means nothing else changes it, so a save of one of them
        # need not parse it again first. Bounded: a turn saves right after it loaded.
        self._intact: OrderedDict[str, None] = OrderedDict()
        self._sent_fd: int | None = None
        # users/ kept open for the fsync after each save's rename (worker thread only).
        self._users_synced: SyncedDir | None = None
        # Guards the sent log (marks are appended from the loop's thread, compacted in the
        # worker); held only for in-memory work, one append, or a rename, never an fsync.
        self._sent_lock = threading.Lock()
        # Marks appended while a compaction writes its new file (then copied into it).
        self._sent_since: list[tuple[int, datetime]] | None = None
        # The JSON text of states this process saved, newest last (event loop thread only).
        self._states: OrderedDict[str, str] = OrderedDict()
        self._closed = False

    @property
    def data_dir(self) -> Path:
        """The directory the engine keeps its files in."""
        return self._dir

    @classmethod
    async def open(
        cls,
        data_dir: Path,
        *,
        check: CheckMode = "quick",
        validate: DocValidator | None = None,
        max_content_gaps: int = DEFAULT_MAX_CONTENT_GAPS,
        clock: Callable[[], datetime] = _utc_now,
    ) -> TinyDBStorage:
        """Lock ``data_dir``, remove stray temp files, verify the data and return the engine.

        Both checks parse format.json, the global files and every audit segment.
        ``check="full"`` also parses every user file (about 9 s for 100,000 users, warm
        cache); ``"quick"`` (the default) parses up to QUICK_CHECK_SAMPLE randomly chosen user
        files, so it is the full check for small deployments and about 0.4 s at 100,000.
        A corrupt user file it misses is still never served or overwritten: every read and
        save parses the file first and raises StorageCorruptError. Use "full" after a
        restore. ``validate`` (the application's user schema) is applied to every user file
        the check reads. Raises StorageLockedError when another process owns the directory and
        StorageCorruptError (naming the file, changing nothing) when data does not parse or
        does not validate.
        """
        storage = cls(data_dir, max_content_gaps=max_content_gaps, clock=clock)
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storage")
        loop = asyncio.get_running_loop()
        try:
            lock_fd = await loop.run_in_executor(executor, storage._acquire_lock)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        storage._lock_fd = lock_fd
        try:
            await loop.run_in_executor(executor, storage._prepare, check, validate)
        except BaseException:
            # Awaited, and in the same thread after _prepare: the lock outlives any file
            # access, and is free again once open() raises, so a retry can take it.
            await asyncio.shield(loop.run_in_executor(executor, storage._shutdown))
            executor.shutdown(wait=False)
            raise
        storage._executor = executor
        return storage

    # --- start-up (runs in the worker thread) -------------------------------------------

    def _acquire_lock(self) -> int:
        try:
            # Only created here, not chmod'ed: an instance that loses the race changes nothing.
            self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self._dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        except OSError as exc:
            raise storage_error(exc, str(self._dir / LOCK_NAME)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StorageLockedError(
                f"another instance holds the lock on {self._dir / LOCK_NAME}"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _prepare(self, check: CheckMode, validate: DocValidator | None) -> None:
        try:
            for directory in self._layout_dirs():
                if directory.is_dir():
                    remove_stray_temp_files(directory)
            if not (self._dir / FORMAT_NAME).exists():
                self._initialise()
            if read_json_file(self._dir / FORMAT_NAME, FORMAT_NAME) == FORMAT_V1:
                self._migrate_v1()
            self._verify(check, validate)
            self._remove_orphan_histories()
            for directory in self._layout_dirs():
                directory.chmod(0o700)
            self._users_synced = SyncedDir(self._users_dir)
        except OSError as exc:
            raise storage_error(exc, str(self._dir)) from None
        self._feedback_db = TinyDB(
            self._dir / FEEDBACK_NAME, storage=AtomicJSONStorage, name=FEEDBACK_NAME
        )
        self._gaps_db = TinyDB(self._dir / GAPS_NAME, storage=AtomicJSONStorage, name=GAPS_NAME)
        self._open_sent_log()

    def _open_sent_log(self) -> None:
        path = self._dir / SENT_NAME
        try:
            text = path.read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            text = ""
        except OSError as exc:
            raise storage_error(exc, SENT_NAME) from None
        lines = text.splitlines()
        for line in lines:
            parts = line.split()
            # A hint file: a line cut short by a crash or power loss is skipped, never fatal.
            if len(parts) == 2 and parts[0].isdigit():
                try:
                    at = datetime.fromtimestamp(float(parts[1]), UTC)
                except (ValueError, OverflowError, OSError):
                    continue
                self._sent.add(int(parts[0]), at)
        try:
            if len(lines) > 2 * len(self._sent) + 1000:
                self._rewrite_sent_log()
            self._sent_fd = os.open(
                path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, FILE_MODE
            )
            if text and not text.endswith("\n"):
                # End a line cut short, so the next mark is not glued onto it as another id.
                os.write(self._sent_fd, b"\n")
        except OSError as exc:
            raise storage_error(exc, SENT_NAME) from None

    def _rewrite_sent_log(self) -> None:
        """Replace the sent log by the marks in memory (worker thread; OSError on failure).

        Marks appended meanwhile (from the loop's thread) are copied into the new file under
        the lock, just before it replaces the old one; the fsyncs happen outside the lock.
        """
        path = self._dir / SENT_NAME
        with self._sent_lock:
            lines = _sent_lines(self._sent.items())
            self._sent_since = []
        try:
            with pending_replacement(path) as new:
                new.write(lines)
                new.sync()
                with self._sent_lock:
                    new.write(_sent_lines(self._sent_since))
                    new.commit()
                    if self._sent_fd is not None:
                        # The old descriptor points at the replaced file: append to the new one.
                        os.close(self._sent_fd)
                        self._sent_fd = os.open(
                            path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC, FILE_MODE
                        )
        finally:
            with self._sent_lock:
                self._sent_since = None

    def _mark_sent(self, update_id: int, at: datetime) -> None:
        """Append one mark (the loop's thread: one unsynced write, see the module docstring)."""
        with self._sent_lock:
            if update_id in self._sent:
                return
            if self._sent_fd is None:
                raise StorageError("storage is closed")
            try:
                os.write(self._sent_fd, f"{update_id} {at.timestamp():.0f}\n".encode("ascii"))
            except OSError as exc:
                raise storage_error(exc, SENT_NAME) from None
            self._sent.add(update_id, at)
            if self._sent_since is not None:
                self._sent_since.append((update_id, at))

    def _prune_sent(self, before: datetime) -> int:
        with self._sent_lock:
            dropped = self._sent.prune(before)
        if dropped:
            try:
                self._rewrite_sent_log()
            except OSError as exc:
                raise storage_error(exc, SENT_NAME) from None
        return dropped

    def _layout_dirs(self) -> tuple[Path, ...]:
        return (self._dir, self._users_dir, self._audit_dir, self._history_dir)

    def _remove_orphan_histories(self) -> None:
        """Finish erasures a crash interrupted: a history whose state file is gone."""
        users = set(self._list_keys())
        with os.scandir(self._history_dir) as entries:
            orphans = [
                e.name
                for e in entries
                if (m := _HISTORY_FILE_RE.fullmatch(e.name)) and m[1] not in users
            ]
        for name in orphans:
            (self._history_dir / name).unlink()
        if orphans:
            fsync_dir(self._history_dir)
            log.warning("orphan_histories_removed", extra={"count": len(orphans)})

    def _migrate_v1(self) -> None:
        """Move every user of a version-1 directory to state + history, then verify.

        Resumable: per user the history file is written (atomically) before the state that
        no longer holds the check-ins, and the manifest line with the count and checksum of
        the records in between; a user whose state has no check-ins left is done. Verified
        against the manifest (count and sha256 of every user's records) before format.json
        says version 2.
        """
        ensure_private_dir(self._history_dir)
        manifest = self._dir / MIGRATION_LOG
        expected: dict[str, tuple[int, str]] = {}
        if manifest.exists():
            for line in manifest.read_text(encoding="ascii").splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[1].isdigit():
                    expected[parts[0]] = (int(parts[1]), parts[2])
        with manifest.open("a", encoding="ascii") as out:
            manifest.chmod(FILE_MODE)
            for key in sorted(self._list_keys()):
                what = f"{USERS_DIR}/{key}.json"
                doc = self._read_user(key)
                split = split_legacy(doc, what) if doc is not None else None
                if split is None:
                    continue
                state, records = split
                rewrite_records(self._history_path(key), [json_text(r) for r in records])
                expected[key] = (len(records), records_checksum(records))
                out.write(f"{key} {len(records)} {expected[key][1]}\n")
                out.flush()
                os.fsync(out.fileno())
                self._write_state(key, json_text(state))
        total = 0
        for key, (count, digest) in sorted(expected.items()):
            records = read_records(self._history_path(key), f"{HISTORY_DIR}/{key}.jsonl")
            if len(records) != count or records_checksum(records) != digest:
                raise StorageCorruptError(f"migration check failed for {USERS_DIR}/{key}.json")
            total += count
        atomic_write_bytes(self._dir / FORMAT_NAME, dump_json(FORMAT))
        manifest.unlink()
        fsync_dir(self._dir)
        log.info("store_migrated", extra={"users": len(expected), "records": total})

    def _initialise(self) -> None:
        """Lay out an empty directory; refuse one that holds anything else."""
        others = sorted(
            p.name
            for p in self._dir.iterdir()
            if p.name != LOCK_NAME and not self._is_empty_layout_dir(p)
        )
        if others:
            # Not ours, or ours with format.json lost: either way, never write over it.
            raise StorageCorruptError(
                f"{self._dir} has files but no {FORMAT_NAME}; refusing to initialise over them"
            )
        ensure_private_dir(self._users_dir)
        ensure_private_dir(self._audit_dir)
        ensure_private_dir(self._history_dir)
        atomic_write_bytes(self._dir / FORMAT_NAME, dump_json(FORMAT))
        fsync_dir(self._dir)

    def _is_empty_layout_dir(self, path: Path) -> bool:
        # An earlier first start killed between creating these and writing format.json.
        layout = (self._users_dir, self._audit_dir, self._history_dir)
        return path in layout and not any(path.iterdir())

    def _verify(self, check: CheckMode, validate: DocValidator | None) -> None:
        fmt = read_json_file(self._dir / FORMAT_NAME, FORMAT_NAME)
        if fmt != FORMAT:
            raise StorageCorruptError(f"{FORMAT_NAME} does not describe a supported format")
        for name in (USERS_DIR, AUDIT_DIR, HISTORY_DIR):
            if not (self._dir / name).is_dir():
                raise StorageCorruptError(f"{name}/ is missing from the data directory")
        for name in (FEEDBACK_NAME, GAPS_NAME):
            _check_tinydb_shape(AtomicJSONStorage(self._dir / name).read(), name)
        for name in self._audit_segments():
            what = f"{AUDIT_DIR}/{name}"
            _check_tinydb_shape(AtomicJSONStorage(self._audit_dir / name, what).read(), what)
        keys = self._list_keys()
        if check == "quick" and len(keys) > QUICK_CHECK_SAMPLE:
            keys = random.sample(keys, QUICK_CHECK_SAMPLE)
        for key in keys:
            doc = self._read_user(key)
            if validate is not None and doc is not None:
                check_schema(validate, doc, f"{USERS_DIR}/{key}.json")
            if check == "full":
                read_records(self._history_path(key), f"{HISTORY_DIR}/{key}.jsonl")

    # --- blocking helpers (worker thread only) -------------------------------------------

    def _user_path(self, key: str) -> Path:
        return self._users_dir / f"{key}.json"

    def _history_path(self, key: str) -> Path:
        return self._history_dir / f"{key}{HISTORY_SUFFIX}"

    def _list_keys(self) -> list[str]:
        with os.scandir(self._users_dir) as entries:
            return [m[1] for e in entries if (m := _USER_FILE_RE.fullmatch(e.name))]

    def _audit_segments(self) -> list[str]:
        return sorted(p.name for p in self._audit_dir.iterdir() if _AUDIT_FILE_RE.fullmatch(p.name))

    def _read_user(self, key: str) -> JsonDoc | None:
        what = f"{USERS_DIR}/{key}.json"
        data = AtomicJSONStorage(self._user_path(key), what).read()
        return None if data is None else _user_doc(data, what)

    def _load_user(self, key: str) -> JsonDoc | None:
        # Only a turn's load vouches for the file its save replaces moments later.
        doc = self._read_user(key)
        if doc is None:
            self._intact.pop(key, None)
        else:
            self._note_intact(key)
        return doc

    def _note_intact(self, key: str) -> None:
        self._intact[key] = None
        self._intact.move_to_end(key)
        if len(self._intact) > INTACT_KEYS:
            self._intact.popitem(last=False)

    def _write_user(
        self, key: str, text: str, added: list[tuple[str, str]], removed: Sequence[str]
    ) -> None:
        path = self._history_path(key)
        what = f"{HISTORY_DIR}/{key}.jsonl"
        undo: Callable[[], None] | None = None
        if removed:
            old = read_records(path, what)
            gone = set(removed)
            kept = [json_text(r) for r in old if r["id"] not in gone]
            rewrite_records(path, kept + [t for i, t in added if i not in gone])
            undo = lambda: rewrite_records(path, [json_text(r) for r in old])  # noqa: E731
        elif added:
            size = append_lines(path, [t for _, t in added], what)
            undo = lambda: truncate_to(path, size)  # noqa: E731
        try:
            self._write_state(key, text)
        except StorageError:
            if undo is not None:
                # The save failed as a whole: its records go too (best effort; a crash here
                # leaves them, which the repeated save completes).
                with contextlib.suppress(StorageError, OSError):
                    undo()
            raise

    def _write_state(self, key: str, text: str) -> None:
        path = self._user_path(key)
        what = f"{USERS_DIR}/{key}.json"
        if key not in self._intact:
            # A file that no longer parses is evidence for a restore; never write over it.
            # Skipped when this process loaded or saved the file lately (``_intact``).
            existing = AtomicJSONStorage(path, what).read()
            if existing is not None:
                _user_doc(existing, what)
        # ``text`` is one JSON object (doc_text): wrapped as the TinyDB file without a re-parse.
        wrapped = f'{{"{USER_TABLE}":{{"{USER_DOC_ID}":{text}}}}}'
        atomic_write_bytes(path, wrapped.encode(), directory=self._users_synced)
        self._note_intact(key)

    def _load_history(self, key: str) -> list[JsonDoc]:
        return read_records(self._history_path(key), f"{HISTORY_DIR}/{key}.jsonl")

    def _delete_user(self, key: str) -> bool:
        self._intact.pop(key, None)
        # History first: a crash in between leaves a state (erased again when asked again or
        # by the purge), never records without their user.
        try:
            self._history_path(key).unlink()
            fsync_dir(self._history_dir)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise storage_error(exc, f"{HISTORY_DIR}/{key}.jsonl") from None
        try:
            self._user_path(key).unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise storage_error(exc, f"{USERS_DIR}/{key}.json") from None
        fsync_dir(self._users_dir)
        return True

    def _read_batch(self, keys: list[str]) -> list[tuple[str, JsonDoc]]:
        batch = []
        for key in keys:
            doc = self._read_user(key)
            # Erased since the listing was taken: not stored any more, so not yielded.
            if doc is not None:
                batch.append((key, doc))
        return batch

    def _count_users(self) -> int:
        with os.scandir(self._users_dir) as entries:
            return sum(1 for e in entries if _USER_FILE_RE.fullmatch(e.name))

    def _add_feedback(self, topic: str, helpful: bool) -> None:
        table = self._global(self._feedback_db).table("feedback", cache_size=0)
        existing = table.get(Query().topic == topic)
        field = "helpful" if helpful else "not_helpful"
        if existing is None:
            table.insert({"topic": topic, "helpful": int(helpful), "not_helpful": int(not helpful)})
        else:
            table.update(increment(field), doc_ids=[existing.doc_id])

    def _feedback_counts(self) -> dict[str, dict[str, int]]:
        table = self._global(self._feedback_db).table("feedback", cache_size=0)
        return {
            doc["topic"]: {"helpful": doc["helpful"], "not_helpful": doc["not_helpful"]}
            for doc in table.all()
        }

    def _add_content_gap(self, gap: JsonDoc) -> None:
        table = self._global(self._gaps_db).table("gaps", cache_size=0)
        table.insert(gap)
        ids = sorted(int(doc.doc_id) for doc in table.all())
        excess = len(ids) - self._max_content_gaps
        if excess > 0:
            table.remove(doc_ids=ids[:excess])

    def _content_gaps(self) -> list[JsonDoc]:
        return _sorted_docs(self._global(self._gaps_db).table("gaps", cache_size=0))

    def _append_audit(self, text: str) -> None:
        day = self._clock().astimezone(UTC).date().isoformat()
        what = f"{AUDIT_DIR}/{day}.json"
        db = TinyDB(self._audit_dir / f"{day}.json", storage=AtomicJSONStorage, name=what)
        db.table("audit", cache_size=0).insert(parse_json(text.encode(), "event"))

    def _audit_events(self) -> list[JsonDoc]:
        events: list[JsonDoc] = []
        for name in self._audit_segments():
            what = f"{AUDIT_DIR}/{name}"
            db = TinyDB(self._audit_dir / name, storage=AtomicJSONStorage, name=what)
            events.extend(_sorted_docs(db.table("audit", cache_size=0)))
        return events

    def _drop_audit_before(self, day: date) -> int:
        cutoff = f"{day.isoformat()}.json"
        dropped = [name for name in self._audit_segments() if name < cutoff]
        for name in dropped:
            (self._audit_dir / name).unlink()
        if dropped:
            fsync_dir(self._audit_dir)
        return len(dropped)

    def _shutdown(self) -> None:
        for db in (self._feedback_db, self._gaps_db):
            if db is not None:
                db.close()
        if self._users_synced is not None:
            self._users_synced.close()
            self._users_synced = None
        with self._sent_lock:
            if self._sent_fd is not None:
                os.close(self._sent_fd)
                self._sent_fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    @staticmethod
    def _global(db: TinyDB | None) -> TinyDB:
        if db is None:
            raise StorageError("storage is not open")
        return db

    # --- the Storage protocol ------------------------------------------------------------

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None or self._closed:
            raise StorageError("storage is not open")
        loop = asyncio.get_running_loop()
        if in_background():
            # One background job in the worker's queue at a time: a turn's I/O then waits
            # behind at most one of them, not behind a fan-out's worth.
            async with self._background_gate:
                return await loop.run_in_executor(self._executor, fn, *args)
        return await loop.run_in_executor(self._executor, fn, *args)

    def user_lock(
        self, key: str, *, update_id: int | None = None
    ) -> AbstractAsyncContextManager[None]:
        """Serialise all work on one user's document (load, decide, save) across tasks."""
        return self._locks.hold(check_user_key(key))

    async def load_user(self, key: str) -> JsonDoc | None:
        """Return the user's document, or None; StorageCorruptError if its file does not parse.

        A state this process saved lately is parsed from memory (the file holds the same)."""
        check_user_key(key)
        if self._closed:
            raise StorageError("storage is not open")
        text = self._states.get(key)
        if text is not None:
            self._states.move_to_end(key)
            doc: JsonDoc = parse_json(text.encode(), f"{USERS_DIR}/{key}.json")
            return doc
        return await self._run(self._load_user, key)

    async def save_user(
        self,
        key: str,
        doc: JsonDoc | JsonText,
        *,
        append: Sequence[JsonDoc] = (),
        remove: Sequence[str] = (),
    ) -> None:
        """Append / remove history records, then replace the state: fsynced on return."""
        check_user_key(key)
        # Serialised here, on the caller's side, so later changes to ``doc`` cannot leak in.
        text, added = doc_text(doc), record_texts(append)
        # Forgotten until the save is known durable: a failed one may have left either state.
        self._states.pop(key, None)
        await self._run(self._write_user, key, text, added, list(remove))
        self._states[key] = text
        if len(self._states) > STATE_CACHE:
            self._states.popitem(last=False)

    async def load_history(self, key: str) -> list[JsonDoc]:
        """The user's history records, oldest first."""
        return await self._run(self._load_history, check_user_key(key))

    async def delete_user(self, key: str) -> bool:
        """Unlink the user's file; True when there was one."""
        self._states.pop(check_user_key(key), None)
        return await self._run(self._delete_user, key)

    async def iter_users(self) -> AsyncIterator[tuple[str, JsonDoc]]:
        """Every (key, document) listed at the start, read in small batches."""
        keys = await self._run(self._list_keys)
        for start in range(0, len(keys), ITER_BATCH):
            for item in await self._run(self._read_batch, keys[start : start + ITER_BATCH]):
                yield item

    async def count_users(self) -> int:
        """How many user files there are (a directory listing; nothing is parsed)."""
        return await self._run(self._count_users)

    async def add_feedback(self, topic: str, helpful: bool) -> None:
        """Count one helpful / not helpful vote for an FAQ topic."""
        await self._run(self._add_feedback, topic, helpful)

    async def feedback_counts(self) -> dict[str, dict[str, int]]:
        """Votes per topic."""
        return await self._run(self._feedback_counts)

    async def add_content_gap(self, text: str, lang: str, at: str) -> None:
        """Keep an unmatched question; beyond ``max_content_gaps`` the oldest are dropped."""
        await self._run(self._add_content_gap, {"text": text, "lang": lang, "at": at})

    async def content_gaps(self) -> list[JsonDoc]:
        """Unmatched questions, oldest first."""
        return await self._run(self._content_gaps)

    async def append_audit(self, event: JsonDoc) -> None:
        """Append one event to today's (UTC) audit segment."""
        if not isinstance(event, dict):
            raise StorageError("an audit event must be a JSON object")
        await self._run(self._append_audit, json_text(event))

    async def audit_events(self) -> list[JsonDoc]:
        """All audit events, oldest first (segments by day, then by insertion)."""
        return await self._run(self._audit_events)

    async def drop_audit_before(self, day: date) -> int:
        """Delete whole audit segments for UTC days before ``day`` (retention); return how many."""
        return await self._run(self._drop_audit_before, day)

    async def swap_user(
        self,
        key: str,
        expected: JsonDoc | JsonText,
        doc: JsonDoc | JsonText,
        *,
        mark_sent: int | None = None,
    ) -> bool:
        """Replace the state by ``doc`` if it is still ``expected``; mark ``mark_sent`` sent."""
        return await swap_under_lock(self, key, expected, doc, mark_sent)

    async def mark_sent(self, update_id: int) -> None:
        """Append ``update_id`` to the sent log (no fsync: see the module docstring)."""
        if self._closed or self._executor is None:
            raise StorageError("storage is closed")
        self._mark_sent(update_id, self._clock())

    async def was_sent(self, update_id: int) -> bool:
        """True when ``update_id`` is in the sent log (kept in memory; no I/O)."""
        if self._closed or self._executor is None:
            raise StorageError("storage is closed")
        return update_id in self._sent

    async def prune_sent(self, before: datetime) -> int:
        """Forget marks recorded before ``before`` and compact the sent log."""
        return await self._run(self._prune_sent, before)

    async def close(self) -> None:
        """Finish queued work, then release the files and the directory lock."""
        if self._executor is None or self._closed:
            return
        self._closed = True
        self._states.clear()
        executor = self._executor
        await asyncio.get_running_loop().run_in_executor(executor, self._shutdown)
        executor.shutdown(wait=False)


def _sent_lines(marks: Sequence[tuple[int, datetime]]) -> bytes:
    return "".join(f"{i} {at.timestamp():.0f}\n" for i, at in marks).encode("ascii")
