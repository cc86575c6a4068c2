"""Specification of the sentence encoder's embedding table read from a file row by row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.catalog.encoder_table import FileTable


def _table() -> np.ndarray:
    return np.arange(5 * 8, dtype=np.uint8).reshape(5, 8)


def _file_table(tmp_path: Path) -> FileTable:
    path = tmp_path / "table.u8"
    path.write_bytes(_table().tobytes())
    return FileTable(path, (5, 8))


def test_rows_gathered_from_the_file_are_the_tables_rows(tmp_path: Path) -> None:
    """Gathering rows by index from the file gives what indexing the table in memory gives."""
    ids = np.array([4, 0, 4, 2], dtype=np.int64)
    assert np.array_equal(_file_table(tmp_path)[ids], _table()[ids])


def test_a_row_outside_the_table_is_refused(tmp_path: Path) -> None:
    """An index past the last row raises IndexError, as indexing the array would."""
    with pytest.raises(IndexError):
        _file_table(tmp_path)[np.array([5], dtype=np.int64)]


def test_a_file_of_the_wrong_size_is_not_read_as_a_table(tmp_path: Path) -> None:
    """A file whose size is not rows x width is refused."""
    path = tmp_path / "table.u8"
    path.write_bytes(bytes(7))
    with pytest.raises(ValueError):
        FileTable(path, (5, 8))
