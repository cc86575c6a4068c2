"""A stamp of content that passed every start-up check, so an unchanged start need not repeat them.

The cross-file checks (``Catalog.problems``: every template rendered for every country, stage
and locale) take about a second of CPU, the same second at every start for the same files.
They depend only on the content files, the bot's own code and the installed libraries, so
their verdict is keyed by a SHA-256 over all three: every file under the content directory
(path and bytes), every source file of the ``bot`` package, the Python version and the name
and version of every installed distribution. A clean check writes that digest to a stamp file
in the install's directory (``bot.install_files``); a start whose digest equals the stamp
skips the checks, and any change to any of those files, however small, gives another digest,
so changed or broken content is checked in full and refused as before. Loading the catalog
(``Catalog.load``, with every model validated and the safety screen built) is never skipped.

The digest is taken before loading and again after the checks, and the stamp written only when
both agree, so content edited while it was being checked is not stamped. A stamp that cannot be
written (a read-only install) only means the checks run at every start.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.catalog.files import CONTENT_DIR, ContentError
from bot.install_files import install_dir
from bot.storage.atomic import atomic_replace

if TYPE_CHECKING:
    from bot.catalog.catalog import Catalog

log = logging.getLogger(__name__)
STAMP_FILE = "content-checked.sha256"
CODE_DIR = Path(__file__).resolve().parents[1]  # the bot package


def stamp_path() -> Path:
    """Where the stamp of the last content that passed the checks is kept."""
    return install_dir() / STAMP_FILE


def _files(root: Path) -> Iterable[Path]:
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith(".pyc"):
                yield Path(directory) / name


def _distributions() -> list[str]:
    """The ``name-version.dist-info`` entries on the import path (every installed library)."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")  # noqa: PTH208 - names only, on the hot start path
        except OSError:  # a zip, a missing directory
            continue
        found.update(n for n in names if n.endswith(".dist-info"))
    return sorted(found)


def content_digest(content_dir: Path, code_dir: Path = CODE_DIR) -> str:
    """SHA-256 over the content files, the bot's code and the installed libraries' versions."""
    digest = hashlib.sha256()
    for label, root in (("content", content_dir), ("code", code_dir)):
        for path in _files(root):
            data = path.read_bytes()
            name = path.relative_to(root).as_posix()
            digest.update(f"{label}/{name}\0{len(data)}\0".encode())
            digest.update(data)
    digest.update(f"python\0{sys.version}\0".encode())
    for distribution in _distributions():
        digest.update(f"dist\0{distribution}\0".encode())
    return digest.hexdigest()


def _stamped(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def record_clean(content_dir: Path, digest: str, path: Path | None = None) -> bool:
    """Write ``digest`` as the stamp if the content still has it; False when it changed or the
    stamp cannot be written."""
    path = path or stamp_path()
    if content_digest(content_dir) != digest:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_replace(path, f"{digest}\n".encode("ascii"), mode=0o644)
    except OSError as exc:
        log.info("content_stamp_not_written", extra={"error": type(exc).__name__})
        return False
    return True


def load_checked(content_dir: Path = CONTENT_DIR, path: Path | None = None) -> Catalog:
    """``Catalog.load`` and, unless exactly this content, code and set of libraries already
    passed them, the start-up checks (``problems(index_faq=False)``); raises ContentError
    naming every problem. The parsed files are let go once done (``Catalog.forget_sources``)."""
    from bot.catalog.catalog import Catalog

    path = path or stamp_path()
    digest = content_digest(content_dir)  # before loading: what is stamped is what was checked
    catalog = Catalog.load(content_dir)
    catalog.index_key = digest
    if _stamped(path) == digest:
        log.info("content_checks_skipped", extra={"reason": "unchanged since a clean check"})
    else:
        problems = catalog.problems(index_faq=False)
        if problems:
            raise ContentError("\n".join(problems))
        record_clean(content_dir, digest, path)
    # Let go of the parsed files now, not once the FAQ index is built in the background: what
    # start-up builds meanwhile (the application, the index) reuses their memory instead of
    # the process taking more (issue 18: about 2.5 MB less resident memory).
    catalog.forget_sources()
    return catalog
