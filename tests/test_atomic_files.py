"""Crash-safe file replacement (bot/storage/atomic.py): a replacement is all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.atomic import TEMP_SUFFIX, atomic_replace, pending_replacement


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
