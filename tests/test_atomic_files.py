"""Crash-safe file replacement (bot/storage/atomic.py): a replacement is all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.storage import atomic
from bot.storage.atomic import (
    TEMP_SUFFIX,
    SyncedDir,
    atomic_replace,
    atomic_write_bytes,
    pending_replacement,
)
from bot.storage.base import StorageError


def test_a_replacement_left_uncommitted_changes_nothing_and_leaves_no_temp_file(
    tmp_path: Path,
) -> None:
    """A block that fails before commit leaves the old content and no temporary file."""
    target = tmp_path / "log"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), pending_replacement(target) as new:
        new.write(b"new")
        new.sync()
        raise RuntimeError("stopped before the rename")
    assert target.read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_a_committed_replacement_holds_everything_written_before_the_commit(
    tmp_path: Path,
) -> None:
    """Writes made after the sync but before the commit are part of the new file."""
    target = tmp_path / "log"
    target.write_bytes(b"old")
    with pending_replacement(target) as new:
        new.write(b"synced ")
        new.sync()
        new.write(b"late")
        new.commit()
    assert target.read_bytes() == b"synced late"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log"]


def test_atomic_replace_creates_the_file_with_the_mode_asked_for(tmp_path: Path) -> None:
    """atomic_replace gives the new file the requested mode, not the temporary file's 0600."""
    target = tmp_path / "table"
    atomic_replace(target, memoryview(b"rows"), mode=0o644)
    assert target.read_bytes() == b"rows"
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_replacement_through_a_kept_open_directory_fsyncs_that_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a SyncedDir the rename is made durable by fsyncing its descriptor, not a new one."""
    synced = SyncedDir(tmp_path)
    target = tmp_path / "state.json"
    fsynced: list[int] = []
    real_fsync = os.fsync

    def record(fd: int) -> None:
        fsynced.append(fd)
        real_fsync(fd)

    def no_open(path: Path) -> None:
        raise AssertionError("opened the directory again")

    monkeypatch.setattr(os, "fsync", record)
    monkeypatch.setattr(atomic, "fsync_dir", no_open)
    try:
        atomic_write_bytes(target, b"{}", directory=synced)
        assert target.read_bytes() == b"{}"
        assert fsynced[-1] == synced._fd
    finally:
        synced.close()


def test_a_replacement_through_a_closed_directory_is_reported_as_not_durable(
    tmp_path: Path,
) -> None:
    """A SyncedDir closed before the write cannot fsync the rename: the write fails."""
    synced = SyncedDir(tmp_path)
    synced.close()
    with pytest.raises(StorageError):
        atomic_write_bytes(tmp_path / "state.json", b"{}", directory=synced)
