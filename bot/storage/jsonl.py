"""History files of the embedded engine: one JSON object per line, appended and fsynced.

Appending a check-in writes one line, not the whole history. A crash can cut only the last
line short (it was never acknowledged): readers ignore a last line without its newline, and
the next append cuts it off first. Records are deduplicated by id on reading (the first
wins), so an append repeated after a crash between the history and the state write adds
nothing. Removing records rewrites the file atomically (``atomic_write_bytes``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from bot.storage.atomic import FILE_MODE, atomic_write_bytes, fsync_dir, parse_json, storage_error
from bot.storage.base import JsonDoc, StorageCorruptError


def read_records(path: Path, what: str) -> list[JsonDoc]:
    """The records of a history file, oldest first, one per id; [] when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise storage_error(exc, what) from None
    records: dict[str, JsonDoc] = {}
    # The part after the last newline is empty, or a line a crash cut short: never read.
    for line in raw.split(b"\n")[:-1]:
        if not line:
            continue
        record = parse_json(line, what)
        record_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(record_id, str):
            raise StorageCorruptError(f"{what} holds a line that is not a history record")
        records.setdefault(record_id, record)
    return list(records.values())


def append_lines(path: Path, lines: list[str], what: str) -> int:
    """Append ``lines`` (JSON texts without newlines) durably; return the size before, for
    ``truncate_to``. On failure the file is cut back to that size and StorageError raised."""
    created = not path.exists()
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, FILE_MODE)
    except OSError as exc:
        raise storage_error(exc, what) from None
    size = 0
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            # A line cut short by a crash: dropped, so the next one is not glued onto it.
            size = os.pread(fd, size, 0).rfind(b"\n") + 1
            os.ftruncate(fd, size)
        data = "".join(f"{line}\n" for line in lines).encode("ascii")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, size)
        raise storage_error(exc, what) from None
    finally:
        os.close(fd)
    if created:
        try:
            fsync_dir(path.parent)
        except OSError as exc:
            raise storage_error(exc, what) from None
    return size


def truncate_to(path: Path, size: int) -> None:
    """Cut a history file back to ``size`` bytes (undo an append whose state write failed)."""
    if size == 0:
        path.unlink(missing_ok=True)
        return
    with path.open("r+b") as handle:
        handle.truncate(size)
        os.fsync(handle.fileno())


def rewrite_records(path: Path, texts: list[str]) -> None:
    """Replace a history file with these record texts atomically; remove it when empty."""
    if texts:
        atomic_write_bytes(path, "".join(f"{text}\n" for text in texts).encode("ascii"))
        return
    try:
        path.unlink(missing_ok=True)
        fsync_dir(path.parent)
    except OSError as exc:
        raise storage_error(exc, path.name) from None
