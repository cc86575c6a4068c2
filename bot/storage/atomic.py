"""Crash-safe file writes, and a TinyDB storage built on them.

TinyDB's stock ``JSONStorage`` rewrites its file in place, so a crash or a full disk in the
middle of a write leaves half a database (RELIABILITY.md, F1). Here every write goes to a
temporary file in the same directory, is flushed and fsynced, replaces the target with
``os.replace`` and then the directory is fsynced: after a crash the file holds either the
old or the new content, never a mix. Temporary files are named ``.<target>.<random>.tmp`` so
start-up can find and remove strays (D2c). Files are created 0600 and directories 0700 (P8).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage as TinyStorage

from bot.storage.base import StorageCorruptError, StorageError, StorageFullError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def storage_error(exc: OSError, what: str) -> StorageError:
    """Translate an OSError into the storage error tree (full disk is its own case).

    The message carries the errno name and ``what`` (a file name chosen by the caller), never
    the OSError text, so no path outside the caller's choice reaches a log line.
    """
    name = errno.errorcode.get(exc.errno or 0, "EIO")
    if exc.errno in _FULL_ERRNOS:
        return StorageFullError(f"no space left while writing {what} ({name})")
    return StorageError(f"I/O error on {what} ({name})")


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if missing and make it 0700."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    # mkdir honours the umask and leaves an existing directory alone, hence the chmod.
    path.chmod(DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SyncedDir:
    """A directory kept open to make renames and unlinks inside it durable: ``fsync_dir``
    without opening and closing the directory each time (a save per update; in a worker
    thread, each of those two calls also hands the interpreter lock back and forth)."""

    def __init__(self, path: Path) -> None:
        """Open ``path`` (a directory); OSError propagates. ``close`` releases it."""
        self.path = path
        self._fd: int | None = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)

    def sync(self) -> None:
        """fsync the directory; OSError propagates (a closed one is EBADF)."""
        if self._fd is None:
            raise OSError(errno.EBADF, "directory closed")
        os.fsync(self._fd)

    def close(self) -> None:
        """Release the descriptor; later syncs fail."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class PendingReplacement:
    """A temporary file that will replace ``target``: write, sync, then commit (rename)."""

    def __init__(self, fd: int, tmp_path: Path, target: Path) -> None:
        """Wrap ``fd``, open on ``tmp_path`` in the directory of ``target``."""
        self.fd = fd
        self.tmp_path = tmp_path
        self.target = target
        self.committed = False

    def write(self, data: bytes | memoryview) -> None:
        """Append ``data`` to the temporary file."""
        write_all(self.fd, data)

    def sync(self) -> None:
        """fsync the temporary file (delayed allocation means ENOSPC may only surface here)."""
        os.fsync(self.fd)

    def commit(self) -> None:
        """Rename the temporary file over the target; durable once the directory is fsynced."""
        self.tmp_path.replace(self.target)
        self.committed = True


@contextlib.contextmanager
def pending_replacement(
    path: Path, mode: int = FILE_MODE, *, directory: SyncedDir | None = None
) -> Iterator[PendingReplacement]:
    """Yield a temporary file that replaces ``path`` on ``commit()``; OSError propagates.

    On leaving the block the descriptor is closed; after a commit the directory is fsynced
    (through ``directory``, ``path``'s own, when given), so the rename is durable; without one
    the temporary file is removed and ``path`` is untouched.
    The caller chooses what happens between the writes, the sync and the rename (the sent log
    copies in marks appended meanwhile under its lock, just before the rename).
    """
    # mkstemp creates the file 0600 with O_EXCL, so no other user can read it even briefly.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    pending = PendingReplacement(fd, Path(tmp_name), path)
    try:
        if mode != FILE_MODE:
            os.fchmod(fd, mode)
        yield pending
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
        if not pending.committed:
            with contextlib.suppress(OSError):
                pending.tmp_path.unlink()
    if directory is None:
        fsync_dir(path.parent)
    else:
        directory.sync()


def atomic_replace(
    path: Path,
    data: bytes | memoryview,
    mode: int = FILE_MODE,
    *,
    directory: SyncedDir | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically and durably; OSError propagates. ``directory``:
    ``path``'s directory kept open (``SyncedDir``), else it is opened to be fsynced.

    ``data`` may be a memoryview, so a large buffer (the encoder's 64 MB table) is written
    without a second copy. On failure the previous content of ``path`` is untouched and no
    temporary file is left, except after a failing directory fsync, when the new content may
    be visible but is not known to be durable.
    """
    with pending_replacement(path, mode, directory=directory) as new:
        new.write(data)
        new.sync()
        new.commit()


def atomic_write_bytes(path: Path, data: bytes, *, directory: SyncedDir | None = None) -> None:
    """Replace ``path`` with ``data`` atomically and durably, or raise and change nothing
    (``directory``: ``path``'s directory kept open, as for ``atomic_replace``).

    Raises StorageFullError on ENOSPC/EDQUOT and StorageError on any other OSError; then the
    previous content of ``path`` is untouched and no temporary file is left. The one
    exception is a failing directory fsync after the rename: the new content may already be
    visible but is not known to be durable, so it is still reported as a failure and the
    caller does not acknowledge it.
    """
    try:
        atomic_replace(path, data, directory=directory)
    except OSError as exc:
        raise storage_error(exc, path.name) from None


def remove_stray_temp_files(directory: Path) -> int:
    """Delete temporary files left by a crash in ``directory``; return how many."""
    removed = 0
    for entry in directory.iterdir():
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
                removed += 1
    return removed


def dump_json(data: Any) -> bytes:
    """Serialise to compact JSON bytes; raise StorageError for non-JSON values.

    ``ensure_ascii`` keeps lone surrogates and other odd code points writable; NaN and
    infinities are refused because they are not JSON and would not parse elsewhere.
    """
    try:
        text = json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        # The exception text may quote the offending value, which could be user content.
        raise StorageError(f"document is not JSON-serialisable ({type(exc).__name__})") from None
    return text.encode("ascii")


def parse_json(raw: bytes, what: str) -> Any:
    """Parse JSON bytes, raising StorageCorruptError that names ``what`` but not the content."""
    try:
        return json.loads(raw)
    except ValueError:
        # JSONDecodeError keeps the whole document in ``.doc``; do not chain it into the error.
        pass
    raise StorageCorruptError(f"{what} does not parse as JSON")


def read_json_file(path: Path, what: str) -> Any:
    """Read and parse one JSON file; None when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise storage_error(exc, what) from None
    return parse_json(raw, what)


class AtomicJSONStorage(TinyStorage):
    """A TinyDB storage that never rewrites its file in place.

    ``TinyDB(path, storage=AtomicJSONStorage)`` reads the whole file on every access and
    writes through :func:`atomic_write_bytes`. A missing file is an empty database. An empty
    file is corrupt, not empty: atomic writes never produce one, so it means lost data, and
    a file that does not parse raises StorageCorruptError instead of being overwritten.
    """

    def __init__(self, path: str | Path, name: str | None = None) -> None:
        """Use ``path``; ``name`` is how errors refer to it (defaults to the file name)."""
        super().__init__()
        self._path = Path(path)
        self._name = name or self._path.name

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the parsed database, or None when the file does not exist."""
        data = read_json_file(self._path, self._name)
        if data is None:
            return None
        if not isinstance(data, dict):
            raise StorageCorruptError(f"{self._name} is not a TinyDB database (not an object)")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data`` atomically."""
        atomic_write_bytes(self._path, dump_json(data))
